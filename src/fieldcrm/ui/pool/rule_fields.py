"""The team's settings as the Team rules dialog and a pool's own rules show them: each setting's label and unit, its
spin box ("off" at the minimum for a return rule that may be switched off), and a pool's overrides in words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox

from fieldcrm.domain.team_rules import LIMITS, SWITCHABLE
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP

#: Where the labels are translated (they were first written for the dialog).
CONTEXT = "TeamRulesDialog"
#: The settings the dialog shows, in order: (key, label, unit).
NUMBERS = (
    ("protection_days", QT_TRANSLATE_NOOP("TeamRulesDialog", "Protection from first contact"), "days"),
    ("visit_extends_days", QT_TRANSLATE_NOOP("TeamRulesDialog", "Each visit protects for"), "days"),
    ("won_extends_days", QT_TRANSLATE_NOOP("TeamRulesDialog", "A won deal protects for"), "days"),
    ("claims_per_day", QT_TRANSLATE_NOOP("TeamRulesDialog", "Claims from the pool per day"), "customers"),
    ("holding_cap", QT_TRANSLATE_NOOP("TeamRulesDialog", "Customers a rep may hold"), "customers"),
    (
        "return_without_followup_days",
        QT_TRANSLATE_NOOP("TeamRulesDialog", "Back to the pool without a visit after"),
        "days",
    ),
    (
        "return_without_deal_days",
        QT_TRANSLATE_NOOP("TeamRulesDialog", "Back to the pool without a won deal after"),
        "days",
    ),
    ("remind_days_before", QT_TRANSLATE_NOOP("TeamRulesDialog", "Remind the owner before a return"), "days"),
    ("lockout_days", QT_TRANSLATE_NOOP("TeamRulesDialog", "A rep who let it go may not claim it again for"), "days"),
)
SWITCH_LABELS = (
    ("return_when_protection_ends", QT_TRANSLATE_NOOP("TeamRulesDialog", "Back to the pool when protection ends")),
    ("won_stay", QT_TRANSLATE_NOOP("TeamRulesDialog", "Won customers never go back on their own")),
)
#: Each setting's label, for a pool's overrides.
RULE_LABELS: dict[str, str] = {key: label for key, label, _unit in NUMBERS} | dict(SWITCH_LABELS)
UNITS: dict[str, str] = {key: unit for key, _label, unit in NUMBERS}
UNIT_NAMES = {
    "days": QT_TRANSLATE_NOOP("TeamRulesDialog", "days"),
    "customers": QT_TRANSLATE_NOOP("TeamRulesDialog", "customers"),
}
OFF = QT_TRANSLATE_NOOP("TeamRulesDialog", "off")
YES_NO = {True: QT_TRANSLATE_NOOP("TeamRulesDialog", "yes"), False: QT_TRANSLATE_NOOP("TeamRulesDialog", "no")}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def rule_label(key: str) -> str:
    return tr(RULE_LABELS.get(key, key))


def number_box(key: str, name: str) -> QSpinBox:
    """The spin box of a day count or number: in the domain's range, "off" at the minimum for a switchable rule."""
    least, most = LIMITS[key]
    box = QSpinBox(objectName=name)
    box.setRange(least - 1 if key in SWITCHABLE else least, most)
    if key in SWITCHABLE:
        box.setSpecialValueText(tr(OFF))  # shown at the minimum: the rule switched off
    box.setSuffix(" " + tr(UNIT_NAMES[UNITS[key]]))
    return box


def set_number(box: QSpinBox, value: int | None) -> None:
    box.setValue(box.minimum() if value is None else value)


def number_of(key: str, box: QSpinBox) -> int | None:
    """The box's value as the settings hold it ("off": None)."""
    return None if key in SWITCHABLE and box.value() == box.minimum() else box.value()


def rule_value_text(value: Any) -> str:
    if isinstance(value, bool):
        return tr(YES_NO[value])
    return tr(OFF) if value is None else str(value)


def overrides_text(rules: dict[str, Any], separator: str = "; ") -> str:
    """What a pool sets differently from its team, in words ("Claims from the pool per day 10; …")."""
    return separator.join(f"{rule_label(key)} {rule_value_text(value)}" for key, value in rules.items())

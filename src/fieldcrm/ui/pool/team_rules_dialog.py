"""`TeamRulesDialog`: the team's own ownership settings (团队规则): its supervisor edits them, its reps read them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.domain.pools import DEFAULT_POOL
from fieldcrm.domain.team_rules import LIMITS, SWITCHABLE
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import pool as ops
from fieldcrm.ui.workers import DbWorker

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


class TeamRulesDialog(QDialog):
    """Loads the team's settings; editable for its supervisor (or an admin), read-only for everyone else. A refusal
    shows in the dialog, which stays open."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamRulesDialog")
        self.worker = worker
        self.setWindowTitle(self.tr("Your team's rules"))
        self.setMinimumWidth(480)  # room for the labels beside their boxes and for the pools' lines
        self.heading = QLabel(objectName="teamRulesHeading")
        self.heading.setWordWrap(True)
        form = QFormLayout()
        self.numbers: dict[str, QSpinBox] = {}
        for key, label, unit in NUMBERS:
            least, most = LIMITS[key]
            box = QSpinBox(objectName=f"rule_{key}")
            box.setRange(least - 1 if key in SWITCHABLE else least, most)
            if key in SWITCHABLE:
                box.setSpecialValueText(self.tr("off"))  # shown at the minimum: the rule switched off
            box.setSuffix(" " + (self.tr("days") if unit == "days" else self.tr("customers")))
            self.numbers[key] = box
            form.addRow(self.tr(label), box)
        self.switches: dict[str, QCheckBox] = {}
        for key, label in SWITCH_LABELS:
            check = QCheckBox(self.tr(label), objectName=f"rule_{key}")
            self.switches[key] = check
            form.addRow(check)
        self.timezone = QLineEdit(objectName="rule_timezone")
        form.addRow(self.tr("Time zone"), self.timezone)
        # The pools under the form, the dialog's whole width: a line each (name, filter, its own rules) wraps there.
        pools_title = QLabel(self.tr("Pools"), objectName="teamRulesPoolsTitle")
        pools_title.setProperty("role", "section")
        self.pools = QLabel(objectName="teamRulesPools")
        self.pools.setWordWrap(True)
        self.pools.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel(objectName="teamRulesMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("teamRulesSave")
        self.save.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(pools_title)
        layout.addWidget(self.pools)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.editable = False
        ops.team_rules(self, worker).success(self._fill).failure(self._failed).run()

    def _failed(self, _exc: BaseException, message: str) -> None:
        self.heading.setText(message)
        self._set_editable(False)

    def _fill(self, view: Any) -> None:
        settings = view.settings()
        for key, box in self.numbers.items():
            value = settings[key]
            box.setValue(box.minimum() if value is None else value)
        for key, check in self.switches.items():
            check.setChecked(bool(settings[key]))
        self.timezone.setText(settings["timezone"])
        self.pools.setText(self._pools_text(settings["pools"]))
        if view.can_edit:
            self.heading.setText(
                self.tr("Team {0}: what you set here applies to every rep of the team.").format(view.team_name)
            )
        else:
            self.heading.setText(self.tr("Team {0}: set by your supervisor (read only).").format(view.team_name))
        self._set_editable(view.can_edit)

    def _pools_text(self, pools: list[dict[str, Any]]) -> str:
        """The team's named pools, one a line (name, filter, what it sets differently), then the default pool. They
        are set from the command line (`fieldcrm team rules set --pools-json FILE`)."""
        lines = []
        for pool in pools:
            parts = []
            if pool.get("regions"):
                parts.append(self.tr("regions: {0}").format("、".join(pool["regions"])))
            if pool.get("industries"):
                parts.append(self.tr("industries: {0}").format("、".join(pool["industries"])))
            for key, value in pool.get("rules", {}).items():
                if isinstance(value, bool):
                    shown = self.tr("yes") if value else self.tr("no")
                else:
                    shown = self.tr("off") if value is None else str(value)
                parts.append(f"{self.tr(RULE_LABELS.get(key, key))} {shown}")
            lines.append(f"{pool['name']}: {'; '.join(parts)}")
        lines.append(self.tr("{0}: every other customer, under the rules above").format(DEFAULT_POOL))
        return "\n".join(lines)

    def _set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in [*self.numbers.values(), *self.switches.values(), self.timezone]:
            widget.setEnabled(editable)
        self.save.setVisible(editable)
        self.save.setEnabled(editable)

    def values(self) -> dict[str, Any]:
        """The settings as the dialog holds them ("off": None)."""
        out: dict[str, Any] = {}
        for key, box in self.numbers.items():
            out[key] = None if key in SWITCHABLE and box.value() == box.minimum() else box.value()
        out.update({key: check.isChecked() for key, check in self.switches.items()})
        out["timezone"] = self.timezone.text().strip()
        return out

    def submit(self) -> None:
        self.save.setEnabled(False)

        def refused(_exc: BaseException, message: str) -> None:
            self.message.setText(message)
            self.save.setEnabled(True)

        ops.set_team_rules(self, self.worker, self.values()).success(lambda _r: self.accept()).failure(refused).run()

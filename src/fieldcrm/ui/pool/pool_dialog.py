"""`PoolDialog`: one of the team's named pools (公海) as its supervisor adds or edits it: its name, the regions and
industries it takes (typed, or picked from the values the team's customers have), and the rules it sets differently
from the team's. The domain checks it against the team's other pools before it joins the list; a refusal shows in
the dialog, which stays open."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.pools import OVERRIDES
from fieldcrm.domain.team_rules import pool_json, rules_from
from fieldcrm.ui.pool.rule_fields import number_box, number_of, rule_label, set_number
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.theme import set_tone

# What separates names typed in one line: commas (half and full width) and the enumeration comma.
SEPARATORS = re.compile(r"[,，、]")


def split_names(text: str) -> list[str]:
    """The names typed in a line, in order, each once ("华东, 华南、华北" → three)."""
    return list(dict.fromkeys(part.strip() for part in SEPARATORS.split(text) if part.strip()))


class NamesEdit(QWidget):
    """A line of names separated by commas or 、, with a menu of the values in use to tick in or out."""

    def __init__(self, name: str, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(objectName=name)
        self.line.setPlaceholderText(self.tr("Any (names separated by commas or 、)"))
        self.pick = QToolButton(objectName=f"{name}Pick", text=self.tr("Pick…"))
        self.pick.setToolTip(self.tr("The values your team's customers have"))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.pick)
        self.menu.aboutToShow.connect(self._tick)
        for value in known:
            action = self.menu.addAction(value)
            action.setCheckable(True)
            action.toggled.connect(lambda on, v=value: self._toggle(v, on))
        self.pick.setMenu(self.menu)
        self.pick.setVisible(bool(known))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.pick)

    def names(self) -> list[str]:
        return split_names(self.line.text())

    def set_names(self, names: list[str]) -> None:
        self.line.setText("、".join(names))

    def _tick(self) -> None:
        """The menu ticks the names the line holds now (the user may have typed some)."""
        chosen = set(self.names())
        for action in self.menu.actions():
            action.blockSignals(True)
            action.setChecked(action.text() in chosen)
            action.blockSignals(False)

    def _toggle(self, value: str, on: bool) -> None:
        names = [n for n in self.names() if n != value]
        self.set_names([*names, value] if on else names)


class PoolDialog(QDialog):
    """Add (`pool` None) or edit a named pool. `others`: the team's other pools (JSON), which its name must not
    repeat; `team`: the team's settings as the Team rules dialog holds them, shown where the pool keeps them;
    `known`: the regions and industries the team's customers have. `pool()` is the checked pool once accepted."""

    def __init__(
        self,
        others: list[dict[str, Any]],
        team: dict[str, Any],
        known: dict[str, list[str]],
        pool: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("poolDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Edit pool") if pool else self.tr("New pool"))
        self.others = others
        self.team = team
        self._checked: dict[str, Any] | None = None
        pool = pool or {}
        self.name = QLineEdit(pool.get("name", ""), objectName="poolName")
        self.name.setPlaceholderText(self.tr("e.g. 华南公海"))
        self.regions = NamesEdit("poolRegions", known.get("region", []))
        self.regions.set_names(pool.get("regions", []))
        self.industries = NamesEdit("poolIndustries", known.get("industry", []))
        self.industries.set_names(pool.get("industries", []))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Regions"), self.regions)
        form.addRow(self.tr("Industries"), self.industries)
        hint = QLabel(
            self.tr(
                "A customer is in the first pool whose regions and industries it matches (a list left empty: any)."
            ),
            objectName="poolFilterHint",
        )
        hint.setWordWrap(True)
        own_title = QLabel(self.tr("Rules this pool sets differently (unticked: the team's)"))
        own_title.setProperty("role", "section")
        grid = QGridLayout()
        self.own: dict[str, QCheckBox] = {}
        self.editors: dict[str, QSpinBox | QCheckBox] = {}
        overrides = pool.get("rules", {})
        for row, key in enumerate(OVERRIDES):
            own = QCheckBox(self.tr("Own value"), objectName=f"poolOwn_{key}")
            editor: QSpinBox | QCheckBox
            if isinstance(team[key], bool):
                editor = QCheckBox(self.tr("yes"), objectName=f"poolRule_{key}")
            else:
                editor = number_box(key, f"poolRule_{key}")
            self.own[key], self.editors[key] = own, editor
            self._show(key, overrides.get(key, team[key]))
            own.setChecked(key in overrides)
            editor.setEnabled(key in overrides)
            own.toggled.connect(lambda on, k=key: self._own_toggled(k, on))
            grid.addWidget(QLabel(rule_label(key)), row, 0)
            grid.addWidget(own, row, 1)
            grid.addWidget(editor, row, 2)
        grid.setColumnStretch(0, 1)
        self.message = QLabel(objectName="poolMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("poolOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(own_title)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _show(self, key: str, value: Any) -> None:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        else:
            set_number(editor, value)

    def _own_toggled(self, key: str, on: bool) -> None:
        self.editors[key].setEnabled(on)
        if not on:
            self._show(key, self.team[key])  # back to the team's value, which the pool then follows

    def values(self) -> dict[str, Any]:
        """The pool as the dialog holds it (the settings' JSON shape), not yet checked."""
        out: dict[str, Any] = {"name": self.name.text().strip()}
        for key, names in (("regions", self.regions.names()), ("industries", self.industries.names())):
            if names:
                out[key] = names
        rules: dict[str, Any] = {}
        for key, own in self.own.items():
            if own.isChecked():
                editor = self.editors[key]
                rules[key] = editor.isChecked() if isinstance(editor, QCheckBox) else number_of(key, editor)
        if rules:
            out["rules"] = rules
        return out

    def accept(self) -> None:
        """Checked by the domain with the team's other pools (the same sentences as the command line's)."""
        try:
            checked = rules_from({"pools": [*self.others, self.values()]}).pools[-1]
        except ValidationError as exc:
            set_tone(self.message, "danger")
            self.message.setText(localize(exc.message))
            return
        self._checked = pool_json(checked)
        super().accept()

    def pool(self) -> dict[str, Any] | None:
        return self._checked

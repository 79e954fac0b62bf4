"""`TeamRulesDialog`: the team's own ownership settings (团队规则): its supervisor edits them, its reps read them."""

from __future__ import annotations

from typing import Any

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

from fieldcrm.ui.ops import pool as ops
from fieldcrm.ui.pool.pool_list import PoolListEditor
from fieldcrm.ui.pool.rule_fields import NUMBERS, SWITCH_LABELS, number_box, number_of, set_number
from fieldcrm.ui.workers import DbWorker


class TeamRulesDialog(QDialog):
    """Loads the team's settings; editable for its supervisor (or an admin), read-only for everyone else. A refusal
    shows in the dialog, which stays open."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamRulesDialog")
        self.worker = worker
        self.setWindowTitle(self.tr("Your team's rules"))
        self.setMinimumWidth(640)  # room for the labels beside their boxes and for the pools' columns
        self.heading = QLabel(objectName="teamRulesHeading")
        self.heading.setWordWrap(True)
        form = QFormLayout()
        self.numbers: dict[str, QSpinBox] = {}
        for key, label, _unit in NUMBERS:
            box = number_box(key, f"rule_{key}")
            self.numbers[key] = box
            form.addRow(self.tr(label), box)
        self.switches: dict[str, QCheckBox] = {}
        for key, label in SWITCH_LABELS:
            check = QCheckBox(self.tr(label), objectName=f"rule_{key}")
            self.switches[key] = check
            form.addRow(check)
        self.timezone = QLineEdit(objectName="rule_timezone")
        form.addRow(self.tr("Time zone"), self.timezone)
        # The pools under the form, the dialog's whole width: a row each (name, filter, its own rules).
        pools_title = QLabel(
            self.tr("Pools (a customer is in the first that matches it)"), objectName="teamRulesPoolsTitle"
        )
        pools_title.setProperty("role", "section")
        self.pools = PoolListEditor(worker, self.values, self)
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
        layout.addWidget(self.pools, 1)
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
            set_number(box, settings[key])
        for key, check in self.switches.items():
            check.setChecked(bool(settings[key]))
        self.timezone.setText(settings["timezone"])
        self.pools.set_pools(settings["pools"])
        if view.can_edit:
            self.heading.setText(
                self.tr("Team {0}: what you set here applies to every rep of the team.").format(view.team_name)
            )
        else:
            self.heading.setText(self.tr("Team {0}: set by your supervisor (read only).").format(view.team_name))
        self._set_editable(view.can_edit)

    def _set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in [*self.numbers.values(), *self.switches.values(), self.timezone]:
            widget.setEnabled(editable)
        self.pools.set_editable(editable)
        self.save.setVisible(editable)
        self.save.setEnabled(editable)

    def values(self) -> dict[str, Any]:
        """The settings as the dialog holds them ("off": None), the named pools in order."""
        out: dict[str, Any] = {}
        for key, box in self.numbers.items():
            out[key] = number_of(key, box)
        out.update({key: check.isChecked() for key, check in self.switches.items()})
        out["timezone"] = self.timezone.text().strip()
        out["pools"] = self.pools.pools()
        return out

    def submit(self) -> None:
        self.save.setEnabled(False)

        def refused(_exc: BaseException, message: str) -> None:
            self.message.setText(message)
            self.save.setEnabled(True)

        ops.set_team_rules(self, self.worker, self.values()).success(lambda _r: self.accept()).failure(refused).run()

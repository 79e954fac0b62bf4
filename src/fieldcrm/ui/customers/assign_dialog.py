"""The Assign dialog (分配客户): a supervisor picks a strategy (and the rep, by hand), sees who gets which customer
before confirming, and reads the outcome in plain words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import assignment as ops
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.workers import DbWorker

CONTEXT = "AssignDialog"
#: The strategies in the order offered, with their names in the window.
STRATEGIES = (
    ("round_robin", QT_TRANSLATE_NOOP("AssignDialog", "In turn (round-robin)")),
    ("by_hand", QT_TRANSLATE_NOOP("AssignDialog", "To one rep")),
    ("region", QT_TRANSLATE_NOOP("AssignDialog", "By region")),
    ("industry", QT_TRANSLATE_NOOP("AssignDialog", "By industry")),
    ("capacity", QT_TRANSLATE_NOOP("AssignDialog", "By free capacity")),
)
COLUMNS = [
    Column("customer", QT_TRANSLATE_NOOP("AssignDialog", "Customer")),
    Column("to", QT_TRANSLATE_NOOP("AssignDialog", "Goes to")),
]


class AssignDialog(QDialog):
    """Assigns the customers chosen in the list: a preview first, then one action on the database worker."""

    def __init__(self, worker: DbWorker, customer_ids: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.worker = worker
        self.customer_ids = list(customer_ids)
        self.outcome: dict[str, Any] | None = None
        self.previews_shown = 0
        self.setWindowTitle(self.tr("Assign %n customer(s)", "", len(self.customer_ids)))
        self.strategy = QComboBox(objectName="assignStrategy")
        for key, title in STRATEGIES:
            self.strategy.addItem(QCoreApplication.translate(CONTEXT, title), key)
        self.rep = QComboBox(objectName="assignRep")
        self.reason = QLineEdit(objectName="assignReason")
        self.reason.setPlaceholderText(self.tr("Why, for the team's ownership history (optional)"))
        self.reason.setMaxLength(500)
        self.hint = QLabel(objectName="assignHint")
        self.hint.setWordWrap(True)
        self.model = DictTableModel(CONTEXT, COLUMNS, self)
        self.table = QTableView(objectName="assignPreview")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(objectName="assignSummary")
        self.summary.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("How"), self.strategy)
        form.addRow(self.tr("Rep"), self.rep)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.assign_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.assign_button.setText(self.tr("Assign"))
        self.assign_button.setObjectName("assignConfirm")
        self.assign_button.setEnabled(False)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(QLabel(self.tr("Who gets which customer:")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self.strategy.currentIndexChanged.connect(self._strategy_changed)
        self.rep.currentIndexChanged.connect(self.refresh_preview)
        self._strategy_changed()
        ops.candidates(self, worker).success(self._show_reps).run()

    def _show_reps(self, reps: list[dict[str, Any]]) -> None:
        self.rep.blockSignals(True)
        try:
            for rep in reps:
                text = self.tr("{0} (holds {1} of {2})").format(rep["name"], rep["held"], rep["cap"])
                self.rep.addItem(text, rep["id"])
        finally:
            self.rep.blockSignals(False)
        self.refresh_preview()

    def _strategy_changed(self) -> None:
        key = self.strategy.currentData()
        self.rep.setEnabled(key == "by_hand")
        hints = {
            "round_robin": self.tr("Reps take turns, continuing after the rep who got the last customer in turn."),
            "by_hand": self.tr("Every customer goes to the rep you choose."),
            "region": self.tr("Each customer goes to a rep whose customers are mostly in its region."),
            "industry": self.tr("Each customer goes to the rep holding most customers of its industry."),
            "capacity": self.tr("Each customer goes to the rep with the most room under their limit."),
        }
        hint = hints[key]
        space = "" if hint.endswith("。") else " "  # Chinese sentences follow one another without a space
        self.hint.setText(hint + space + self.tr("Nobody is given more customers than their limit."))
        self.refresh_preview()

    def _choice(self) -> tuple[str, str | None]:
        key = self.strategy.currentData()
        return key, (self.rep.currentData() if key == "by_hand" else None)

    def refresh_preview(self) -> None:
        if self.outcome is not None:
            return
        strategy, rep_id = self._choice()
        self.assign_button.setEnabled(False)
        ops.preview(self, self.worker, self.customer_ids, strategy, rep_id).success(
            lambda plan: self._show_preview((strategy, rep_id), plan)
        ).run()

    def _rows(self, plan: dict[str, Any]) -> list[dict[str, Any]]:
        rows = [{"id": p["customer_id"], "customer": p["customer"], "to": p["rep"]} for p in plan["placed"]]
        rows += [
            {
                "id": u["customer_id"],
                "customer": u["customer"] or u["customer_id"],
                "to": self.tr("Not assigned: {0}").format(localize(u["reason"])),
            }
            for u in plan["unplaced"]
        ]
        return rows

    def _show_preview(self, asked: tuple[str, str | None], plan: dict[str, Any]) -> None:
        if asked != self._choice() or self.outcome is not None:
            return  # the choice changed meanwhile: a newer preview is on its way
        self.model.set_rows(self._rows(plan))
        self.assign_button.setEnabled(bool(plan["placed"]))
        self.summary.setText(self._in_words(plan, done=False))
        self.previews_shown += 1

    def _in_words(self, plan: dict[str, Any], done: bool) -> str:
        placed, unplaced = plan["placed"], plan["unplaced"]
        per_rep = Counter(p["rep"] for p in placed)
        shares = self.tr(", ").join(
            self.tr("{0} gets {1}").format(rep, count) for rep, count in sorted(per_rep.items(), key=lambda i: -i[1])
        )
        if placed and done:
            text = self.tr("%n customer(s) assigned: {0}.", "", len(placed)).format(shares)
        elif placed:
            text = self.tr("%n customer(s) will be assigned: {0}.", "", len(placed)).format(shares)
        elif done:
            text = self.tr("No customer was assigned.")
        else:
            text = self.tr("No customer can be assigned this way.")
        if unplaced:
            space = "" if text.endswith("。") else " "  # Chinese sentences follow one another without a space
            text += space + self.tr("%n could not be assigned; the list says why.", "", len(unplaced))
        return text

    def confirm(self) -> None:
        strategy, rep_id = self._choice()
        self.assign_button.setEnabled(False)
        ops.assign(self, self.worker, self.customer_ids, strategy, rep_id, self.reason.text()).success(
            self._done
        ).failure(self._failed).run()

    def _done(self, outcome: dict[str, Any]) -> None:
        self.outcome = outcome
        self.model.set_rows(self._rows(outcome))
        self.summary.setText(self._in_words(outcome, done=True))
        for widget in (self.strategy, self.rep, self.reason):
            widget.setEnabled(False)
        self.assign_button.hide()
        self.close_button.setText(self.tr("Close"))

    def _failed(self, _exc: BaseException, message: str) -> None:
        self.summary.setText(message)
        self.assign_button.setEnabled(True)

"""`HandoverDialog`: hand one or many customers to a teammate with a reason; the outcome (asked for, or refused with
why) reads in plain words, and the dialog stays open on a refusal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import handover as ops
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.theme import set_tone
from fieldcrm.ui.workers import DbWorker

#: The longest reason head office keeps.
REASON_LIMIT = 500
#: Customers named in the dialog; the rest are counted.
SHOWN_NAMES = 5


class HandoverDialog(QDialog):
    """Asks for the handover of `customer_ids` (named by `names`, for the title and the explanation)."""

    def __init__(
        self, worker: DbWorker, customer_ids: Sequence[str], names: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.worker = worker
        self.customer_ids = list(customer_ids)
        self.outcome: dict[str, Any] | None = None
        count = len(self.customer_ids)
        if count == 1 and names:
            self.setWindowTitle(self.tr("Hand over {0}").format(names[0]))
        else:
            self.setWindowTitle(self.tr("Hand over %n customer(s)", "", count))
        explain = QLabel(
            self.tr(
                "The teammate you choose accepts, then your supervisor approves. Only then does each customer move to"
                " them, with its contacts, open deals and planned visits; its visit history stays with it. Until"
                " then the customer stays yours."
            ),
            objectName="handoverExplain",
        )
        explain.setWordWrap(True)
        shown = "、".join(names[:SHOWN_NAMES])
        if count > SHOWN_NAMES:
            shown = self.tr("{0} and %n more", "", count - SHOWN_NAMES).format(shown)
        self.which = QLabel(shown, objectName="handoverCustomers")
        self.which.setWordWrap(True)
        self.rep = QComboBox(objectName="handoverRep")
        self.reason = QPlainTextEdit(objectName="handoverReason")
        self.reason.setPlaceholderText(self.tr("Why they are handed over, e.g. moving to the south China region"))
        self.reason.setMaximumHeight(90)
        self.message = QLabel(objectName="handoverMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Customers"), self.which)
        form.addRow(self.tr("To"), self.rep)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setText(self.tr("Cancel"))
        self.confirm_button = self.buttons.addButton(self.tr("Hand over"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("handoverConfirm")
        self.confirm_button.setIcon(icon("handovers", "info"))
        self.confirm_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(540, 300)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._enable)
        ops.receivers(self, worker, self.customer_ids).success(self._show_reps).run()

    def _show_reps(self, reps: list[dict[str, Any]]) -> None:
        for rep in reps:
            self.rep.addItem(rep["name"], rep["id"])
        if not reps:
            set_tone(self.message, "danger")
            self.message.setText(self.tr("There is no teammate these customers can go to."))
        self._enable()

    def _enable(self) -> None:
        reason = self.reason.toPlainText().strip()
        ready = self.outcome is None and self.rep.currentData() is not None and 0 < len(reason) <= REASON_LIMIT
        self.confirm_button.setEnabled(ready)

    def confirm(self) -> None:
        self.confirm_button.setEnabled(False)
        reason = self.reason.toPlainText()
        ops.request(self, self.worker, self.customer_ids, self.rep.currentData(), reason).success(self._done).failure(
            self._failed
        ).run()

    def _done(self, outcome: dict[str, Any]) -> None:
        asked, refused = outcome["requested"], outcome["refused"]
        lines = []
        if asked:
            text = self.tr(
                "%n customer(s) asked to go to {0}; they accept, then your supervisor approves.", "", len(asked)
            )
            lines.append(text.format(self.rep.currentText()))
        for item in refused:
            lines.append(self.tr("Not handed over: {0}: {1}").format(item["customer"], localize(item["reason"])))
        set_tone(self.message, "success" if asked and not refused else ("attention" if asked else "danger"))
        self.message.setText("\n".join(lines))
        if asked:
            self.outcome = outcome
            for widget in (self.rep, self.reason):
                widget.setEnabled(False)
            self.confirm_button.hide()
            self.close_button.setText(self.tr("Close"))
        else:
            self._enable()

    def _failed(self, _exc: BaseException, message: str) -> None:
        set_tone(self.message, "danger")
        self.message.setText(message)
        self._enable()

"""`HandoverScreen`: the handovers waiting for the user (the receiving rep accepts or declines, the supervisor
approves or declines), then every other handover they can see (their own, their team's), each with its status as a
chip."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from fieldcrm.ui.common.chips import chip_column
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import status_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import handover as ops
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import set_tone, status_tone
from fieldcrm.ui.workers import DbWorker

CONTEXT = "HandoverScreen"
COLUMNS = [
    Column("customer", QT_TRANSLATE_NOOP("HandoverScreen", "Customer")),
    Column("from_rep", QT_TRANSLATE_NOOP("HandoverScreen", "From")),
    Column("to_rep", QT_TRANSLATE_NOOP("HandoverScreen", "To")),
    Column("status", QT_TRANSLATE_NOOP("HandoverScreen", "Status"), status_name, status_tone),
    Column("reason", QT_TRANSLATE_NOOP("HandoverScreen", "Reason")),
    Column("requested_at", QT_TRANSLATE_NOOP("HandoverScreen", "Asked"), local_time),
    Column("step", QT_TRANSLATE_NOOP("HandoverScreen", "Last step")),
]
STATUS_COLUMN = 3
REASON_COLUMN = 4


class HandoverScreen(Screen):
    nouns = frozenset({"customers"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        intro = QLabel(
            self.tr(
                "A customer changes hands only when the receiving rep has accepted and the supervisor of both has"
                " approved. Until then it stays with its rep; the receiving rep can look at it but not change it."
            ),
            objectName="handoverIntro",
        )
        intro.setWordWrap(True)
        self.waiting_title = QLabel(objectName="handoverWaitingTitle")
        self.waiting = DictTableModel(CONTEXT, COLUMNS, self)
        self.waiting_view = self._table(self.waiting, "handoverWaiting")
        self.others = DictTableModel(CONTEXT, COLUMNS, self)
        self.others_view = self._table(self.others, "handoverOthers")
        self.accept = QPushButton(icon("countersign", "success"), self.tr("Accept"), objectName="handoverAccept")
        self.accept.setToolTip(self.tr("Take this customer on; the supervisor approves next"))
        self.approve = QPushButton(icon("countersign", "success"), self.tr("Approve"), objectName="handoverApprove")
        self.approve.setToolTip(self.tr("The customer moves to the receiving rep now, with its contacts and deals"))
        self.decline_reason = QLineEdit(objectName="handoverDeclineReason")
        self.decline_reason.setPlaceholderText(self.tr("Why not (needed to decline)"))
        self.decline = QPushButton(icon("return", "attention"), self.tr("Decline"), objectName="handoverDecline")
        self.message = QLabel(objectName="handoverScreenMessage")
        self.message.setWordWrap(True)
        self.hint = QLabel(objectName="emptyHint")
        self.hint.setWordWrap(True)
        actions = QHBoxLayout()
        for widget in (self.accept, self.approve):
            actions.addWidget(widget)
        actions.addWidget(self.decline_reason, 1)
        actions.addWidget(self.decline)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.waiting_title)
        layout.addWidget(self.waiting_view, 2)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Other handovers"), objectName="handoverOthersTitle"))
        layout.addWidget(self.hint)
        layout.addWidget(self.others_view, 3)

        self.waiting_view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.decline_reason.textChanged.connect(self._enable)
        self.accept.clicked.connect(lambda: self.take("accept"))
        self.approve.clicked.connect(lambda: self.take("approve"))
        self.decline.clicked.connect(lambda: self.take("decline"))
        self._enable()

    @staticmethod
    def _table(model: DictTableModel, name: str) -> QTableView:
        view = table(model, name, REASON_COLUMN)
        chip_column(view, STATUS_COLUMN)
        return view

    def reload(self) -> None:
        ops.handovers(self, self.worker).success(self._fill).run()

    def _step_text(self, row: dict[str, Any]) -> str:
        if row["status"] == "declined":
            return self.tr("{0} declined: {1}").format(row["declined_by"], row["decline_reason"] or "")
        if row["status"] == "approved":
            return self.tr("{0} approved").format(row["approved_by"])
        if row["status"] == "accepted":
            return self.tr("{0} accepted").format(row["accepted_by"])
        return self.tr("asked by {0}").format(row["requested_by"])

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        rows = [{**r, "step": self._step_text(r)} for r in rows]
        chosen = self._selected()
        waiting = [r for r in rows if r["waiting_for_me"]]
        self.waiting.set_rows(waiting)
        self.others.set_rows([r for r in rows if not r["waiting_for_me"]])
        self.waiting_title.setText(self.tr("Waiting for you (%n)", "", len(waiting)))
        self.hint.setVisible(not rows)
        self.hint.setText(self.tr("No handovers yet. Hand customers over from their page or the customer list."))
        ids = [r["id"] for r in waiting]
        if chosen is not None and chosen["id"] in ids:
            self.waiting_view.selectRow(ids.index(chosen["id"]))
        elif waiting:
            self.waiting_view.selectRow(0)
        self._enable()

    def _selected(self) -> dict[str, Any] | None:
        index = self.waiting_view.currentIndex()
        return self.waiting.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        chosen = self._selected()
        steps = chosen["steps"] if chosen else []
        self.accept.setVisible("accept" in steps or not chosen)
        self.approve.setVisible("approve" in steps)
        self.accept.setEnabled("accept" in steps)
        self.approve.setEnabled("approve" in steps)
        self.decline.setEnabled("decline" in steps and bool(self.decline_reason.text().strip()))
        self.decline_reason.setEnabled("decline" in steps)

    def take(self, step: str) -> None:
        chosen = self._selected()
        if chosen is None or step not in chosen["steps"]:
            return
        for button in (self.accept, self.approve, self.decline):
            button.setEnabled(False)
        done = {
            "accept": self.tr("You accepted {0}; the supervisor approves next."),
            "approve": self.tr("Approved: {0} is {1}'s now."),
            "decline": self.tr("Declined: {0} stays with {2}."),
        }[step].format(chosen["customer"], chosen["to_rep"], chosen["from_rep"])

        def taken(_result: Any) -> None:
            set_tone(self.message, "success")
            self.message.setText(done)
            self.decline_reason.clear()

        def refused(_exc: BaseException, message: str) -> None:
            set_tone(self.message, "danger")
            self.message.setText(message)
            self._enable()

        reason = self.decline_reason.text()
        ops.step(self, self.worker, chosen["id"], step, reason).success(taken).failure(refused).run()

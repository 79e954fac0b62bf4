"""The supervisor's inbox: the team's submitted reports, filtered by rep and date; read, countersign or return."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.ui.common.chips import StatusChip, chip_column
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import status_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import reports as ops
from fieldcrm.ui.reports.common import VISIT_COLUMNS, signature_line, state_line, visit_table
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import set_tone, status_tone
from fieldcrm.ui.workers import DbWorker

INBOX_COLUMNS = [
    Column("report_date", QT_TRANSLATE_NOOP("InboxScreen", "Date")),
    Column("rep", QT_TRANSLATE_NOOP("InboxScreen", "Rep")),
    Column("submitted_at", QT_TRANSLATE_NOOP("InboxScreen", "Submitted"), local_time),
    Column("visit_count", QT_TRANSLATE_NOOP("InboxScreen", "Visits")),
    Column("times_submitted", QT_TRANSLATE_NOOP("InboxScreen", "Times submitted")),
    Column("status", QT_TRANSLATE_NOOP("InboxScreen", "Status"), status_name, status_tone),
]
INBOX_STATUS_COLUMN = 5  # shown as chips


class InboxScreen(Screen):
    nouns = frozenset({"reports"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.current: dict[str, Any] | None = None
        self.rep = QComboBox(objectName="inboxRep")
        self.rep.addItem(self.tr("All reps"), None)
        self.day_from = QDateEdit(QDate.currentDate().addDays(-30), objectName="inboxFrom", calendarPopup=True)
        self.day_to = QDateEdit(QDate.currentDate(), objectName="inboxTo", calendarPopup=True)
        for edit in (self.day_from, self.day_to):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.reports = DictTableModel("InboxScreen", INBOX_COLUMNS, self)
        self.list = table(self.reports, "inboxTable")
        chip_column(self.list, INBOX_STATUS_COLUMN)
        self.empty_hint = QLabel(
            self.tr("No submitted reports waiting. Reports your reps submit appear here to countersign or return."),
            objectName="emptyHint",
        )
        self.empty_hint.setWordWrap(True)
        self.status_chip = StatusChip("inboxStatusChip")
        self.state = QLabel(objectName="inboxState")
        self.state.setWordWrap(True)
        self.signature = QLabel()
        self.visits = DictTableModel("reports", VISIT_COLUMNS, self)
        self.visit_view = visit_table(self.visits, "inboxVisits")
        self.summary = QPlainTextEdit(objectName="inboxSummary", readOnly=True)
        self.comment = QLineEdit(objectName="returnComment", placeholderText=self.tr("Comment for the rep (to return)"))
        self.countersign = QPushButton(icon("countersign", "success"), self.tr("Countersign"), objectName="countersign")
        self.return_button = QPushButton(
            icon("return", "attention"), self.tr("Return to rep"), objectName="returnReport"
        )
        self.message = QLabel(objectName="inboxMessage")
        self.message.setWordWrap(True)
        self.export_log = QPushButton(icon("export"), self.tr("Export log…"), objectName="inboxExportLog")
        self.export_log.setToolTip(self.tr("Who in your team exported which customers, and when"))

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Rep")))
        filters.addWidget(self.rep)
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.day_from)
        filters.addWidget(QLabel(self.tr("To")))
        filters.addWidget(self.day_to)
        filters.addStretch(1)
        filters.addWidget(self.export_log)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(filters)
        left_box.addWidget(self.empty_hint)
        left_box.addWidget(self.list, 1)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        state_row = QHBoxLayout()
        state_row.addWidget(self.status_chip)
        state_row.addWidget(self.state, 1)
        right_box.addLayout(state_row)
        right_box.addWidget(self.signature)
        right_box.addWidget(self.visit_view, 2)
        right_box.addWidget(QLabel(self.tr("Summary")))
        right_box.addWidget(self.summary, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.comment, 1)
        actions.addWidget(self.return_button)
        actions.addWidget(self.countersign)
        right_box.addLayout(actions)
        right_box.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([450, 550])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.rep.currentIndexChanged.connect(self.reload)
        self.export_log.clicked.connect(self.export_log_requested)
        self.day_from.dateChanged.connect(self.reload)
        self.day_to.dateChanged.connect(self.reload)
        self.list.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.open_report(cur.row()))
        self.countersign.clicked.connect(self._countersign)
        self.return_button.clicked.connect(self._return)
        self._show_report(None)

    def reload(self) -> None:
        day_from: date = self.day_from.date().toPython()  # type: ignore[assignment]
        day_to: date = self.day_to.date().toPython()  # type: ignore[assignment]
        ops.inbox(self, self.worker, self.rep.currentData(), day_from, day_to).success(self._fill).run()

    def _fill(self, result: dict[str, Any]) -> None:
        self.rep.blockSignals(True)  # refilling the reps is not a filter change
        try:
            current = self.rep.currentData()
            while self.rep.count() > 1:
                self.rep.removeItem(1)
            for rep_id, name in result["reps"]:
                self.rep.addItem(name, rep_id)
            self.rep.setCurrentIndex(max(0, self.rep.findData(current)))
        finally:
            self.rep.blockSignals(False)
        rows = [{**r, "visit_count": len(r["visits"])} for r in result["reports"]]
        self.reports.set_rows(rows)
        self.empty_hint.setVisible(not rows)
        if self.current and not any(r["id"] == self.current["id"] for r in rows):
            self._show_report(None)

    def open_report(self, row: int) -> None:
        report = self.reports.row(row)
        if report is not None:
            ops.get(self, self.worker, report["id"]).success(self._show_report).run()

    def _show_report(self, report: dict[str, Any] | None) -> None:
        self.current = report
        self.status_chip.setVisible(report is not None)
        self.status_chip.set_status(report.get("status") if report else None)
        self.state.setText(
            state_line(report) + " — " + (report.get("rep") or "")
            if report
            else self.tr("Select a report on the left to read it.")
        )
        set_tone(
            self.state, "attention" if report and report.get("status") == "returned" else None
        )  # the chip has the rest
        self.signature.setText(signature_line(report) if report else "")
        self.visits.set_rows(report["visits"] if report else [])
        self.summary.setPlainText(report.get("summary", "") if report else "")
        can_decide = report is not None and report.get("status") == "submitted"
        for widget in (self.countersign, self.return_button, self.comment):
            widget.setEnabled(can_decide)

    def _countersign(self) -> None:
        if self.current:
            op = ops.countersign(self, self.worker, self.current["id"], self.current["updated_at"])
            op.success(self._decided).failure(lambda _e, m: self.message.setText(m)).run()

    def _return(self) -> None:
        if self.current:
            op = ops.return_report(
                self, self.worker, self.current["id"], self.comment.text(), self.current["updated_at"]
            )
            op.success(self._decided).failure(lambda _e, m: self.message.setText(m)).run()

    def _decided(self, report: dict[str, Any]) -> None:
        self.comment.clear()
        self._show_report(report)
        if report["status"] == "countersigned":
            self.message.setText(
                self.tr("Countersigned {0}'s report of {1}.").format(report["rep"], report["report_date"])
            )
        else:
            self.message.setText(self.tr("Returned {0}'s report of {1}.").format(report["rep"], report["report_date"]))

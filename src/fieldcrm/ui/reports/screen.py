"""The rep's daily report (销售日报): built from the day's visits, summary editable, submit; read-only once signed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.ui.common.chips import StatusChip
from fieldcrm.ui.common.dict_model import DictTableModel
from fieldcrm.ui.ops import reports as ops
from fieldcrm.ui.reports.common import VISIT_COLUMNS, signature_line, state_line, visit_table
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import set_tone
from fieldcrm.ui.workers import DbWorker


class ReportScreen(Screen):
    nouns = frozenset({"reports", "visits"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.report: dict[str, Any] = {}
        self.day = QDateEdit(QDate.currentDate(), objectName="reportDay", calendarPopup=True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.status_chip = StatusChip("reportStatusChip")
        self.state = QLabel(objectName="reportState")
        self.state.setWordWrap(True)
        self.signature = QLabel(objectName="reportSignature")
        self.visits = DictTableModel("reports", VISIT_COLUMNS, self)
        self.visit_view = visit_table(self.visits, "reportVisits")
        self.summary = QPlainTextEdit(objectName="reportSummary")
        self.summary.setPlaceholderText(self.tr("Summary of the day: what went well, what needs help, tomorrow's plan"))
        self.rebuild = QPushButton(self.tr("Rebuild from visits"), objectName="rebuildReport")
        self.save = QPushButton(self.tr("Save draft"), objectName="saveReport")
        self.submit = QPushButton(self.tr("Submit report"), objectName="submitReport")
        self.message = QLabel(objectName="reportMessage")
        self.message.setWordWrap(True)
        self.empty_hint = QLabel(
            self.tr("No visits logged on this day. Log visits from Today or a customer's page; they appear here."),
            objectName="emptyHint",
        )
        self.empty_hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Report for")))
        top.addWidget(self.day)
        top.addWidget(self.status_chip)
        top.addWidget(self.state, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.rebuild)
        buttons.addWidget(self.save)
        buttons.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.signature)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.visit_view, 3)
        layout.addWidget(QLabel(self.tr("Summary")))
        layout.addWidget(self.summary, 2)
        layout.addLayout(buttons)
        self.day.dateChanged.connect(self.reload)
        self.rebuild.clicked.connect(self._rebuild)
        self.save.clicked.connect(self._save)
        self.submit.clicked.connect(self._submit)

    def chosen_day(self) -> date:
        return self.day.date().toPython()  # type: ignore[return-value]

    def reload(self) -> None:
        ops.own_report(self, self.worker, self.chosen_day()).success(self._show).run()

    def _show(self, report: dict[str, Any]) -> None:
        if report.get("report_date") != self.chosen_day().isoformat():
            return
        self.report = report
        self.visits.set_rows(report["visits"])
        self.empty_hint.setVisible(not report["visits"])
        if self.summary.toPlainText() != report.get("summary", ""):
            self.summary.setPlainText(report.get("summary", ""))
        self.status_chip.set_status(report.get("status"))
        self.state.setText(state_line(report))
        set_tone(
            self.state, "attention" if report and report.get("status") == "returned" else None
        )  # the chip has the rest
        self.signature.setText(signature_line(report))
        self.signature.setVisible(bool(self.signature.text()))
        editable = report.get("status") in (None, "draft", "returned")
        self.summary.setReadOnly(not editable)
        for button in (self.rebuild, self.save, self.submit):
            button.setEnabled(editable)
        self.submit.setText(
            self.tr("Resubmit report") if report.get("status") == "returned" else self.tr("Submit report")
        )

    def _rebuild(self) -> None:
        ops.build(self, self.worker, self.chosen_day()).success(self._show).failure(self._failed).run()

    def _failed(self, _exc: BaseException, message: str) -> None:
        self.message.setText(message)

    def _save(self) -> None:
        op = ops.save_summary(self, self.worker, self.chosen_day(), self.summary.toPlainText())
        op.success(lambda r: (self.message.setText(self.tr("Draft saved.")), self._show(r))).failure(  # type: ignore[func-returns-value]
            lambda _e, m: self.message.setText(m)
        ).run()

    def _submit(self) -> None:
        op = ops.submit(self, self.worker, self.chosen_day(), self.summary.toPlainText())
        op.success(lambda r: (self.message.setText(self.tr("Submitted to your supervisor.")), self._show(r))).failure(  # type: ignore[func-returns-value]
            lambda _e, m: self.message.setText(m)
        ).run()

"""`LogVisitDialog`: kind, time, outcome, notes, next step and follow-up date; from a planned stop or a customer."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fieldcrm.domain.errors import ServiceError
from fieldcrm.models import VISIT_KINDS
from fieldcrm.ui.fields import kind_name, label
from fieldcrm.ui.ops import visits as ops
from fieldcrm.ui.workers import DbWorker


class LogVisitDialog(QDialog):
    logged = Signal(str)  # the visit id

    def __init__(
        self,
        worker: DbWorker,
        customer_id: str,
        customer_name: str,
        stop_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("logVisitDialog")
        self.setWindowTitle(self.tr("Log visit: {0}").format(customer_name))
        self.worker = worker
        self.customer_id = customer_id
        self.stop_id = stop_id
        self.kind = QComboBox(objectName="visitKind")
        for kind in VISIT_KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), objectName="visitTime", calendarPopup=True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.outcome = QLineEdit(objectName="visitOutcome", placeholderText=self.tr("What came out of it (required)"))
        self.notes = QPlainTextEdit(objectName="visitNotes")
        self.notes.setFixedHeight(80)
        self.next_step = QLineEdit(objectName="visitNextStep", placeholderText=self.tr("e.g. send the quotation"))
        self.follow_up = QCheckBox(self.tr("Set a date"), objectName="visitFollowUp")
        self.next_date = QDateEdit(QDate.currentDate().addDays(7), objectName="visitNextDate", calendarPopup=True)
        self.next_date.setDisplayFormat("yyyy-MM-dd")
        self.next_date.setEnabled(False)
        self.follow_up.toggled.connect(self.next_date.setEnabled)
        self.message = QLabel(objectName="dialogMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        follow = QWidget()
        row = QHBoxLayout(follow)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.follow_up)
        row.addWidget(self.next_date, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("Customer"), QLabel(customer_name))
        form.addRow(label("kind"), self.kind)
        form.addRow(self.tr("Time"), self.when)
        form.addRow(label("outcome"), self.outcome)
        form.addRow(label("notes"), self.notes)
        form.addRow(label("next_step"), self.next_step)
        form.addRow(label("next_date"), follow)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save visit"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.outcome.setFocus()

    def values(self) -> dict[str, object]:
        return {
            "kind": self.kind.currentData(),
            "started_at": self.when.dateTime().toPython().astimezone(),  # type: ignore[attr-defined]
            "outcome": self.outcome.text(),
            "notes": self.notes.toPlainText(),
            "next_step": self.next_step.text() or None,
            "next_date": self.next_date.date().toPython() if self.follow_up.isChecked() else None,
            "stop_id": self.stop_id,
        }

    def save(self) -> None:
        self.buttons.setEnabled(False)
        op = ops.log_visit(self, self.worker, self.customer_id, self.values())
        op.success(self._saved).failure(self._failed).run()

    def _saved(self, visit_id: str) -> None:
        self.buttons.setEnabled(True)
        self.logged.emit(visit_id)
        self.accept()

    def _failed(self, exc: BaseException, message: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(message)
        if isinstance(exc, ServiceError) and exc.field == "outcome":
            self.outcome.setFocus()

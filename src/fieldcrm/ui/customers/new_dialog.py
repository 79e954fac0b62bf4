"""`NewCustomerDialog`: create a customer; possible duplicates (with their owner) show while typing, before saving."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.domain.errors import DuplicateError, ServiceError
from fieldcrm.ui.customers.form import CustomerForm
from fieldcrm.ui.fields import duplicate_line
from fieldcrm.ui.ops import customers as ops
from fieldcrm.ui.workers import DbWorker


class NewCustomerDialog(QDialog):
    created = Signal(str)  # the new customer's id

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCustomerDialog")
        self.setWindowTitle(self.tr("New customer"))
        self.worker = worker
        self.form = CustomerForm()
        self.contact_name = QLineEdit(objectName="newContactName", placeholderText=self.tr("optional"))
        self.contact_mobile = QLineEdit(objectName="newContactMobile")
        # the contact's rows go in the form's own layout, labelled and aligned like the customer's fields
        self.form.form_layout.addRow(self.tr("Main contact"), self.contact_name)
        self.form.form_layout.addRow(self.tr("Contact's mobile"), self.contact_mobile)
        self.duplicates = QListWidget(objectName="duplicateList")
        self.duplicates.setMaximumHeight(110)
        self.dup_box = QGroupBox(self.tr("Possible duplicates — check before saving"), objectName="duplicateBox")
        box = QVBoxLayout(self.dup_box)
        box.addWidget(self.duplicates)
        self.allow = QCheckBox(self.tr("This is a different company: create it anyway"), objectName="allowDuplicate")
        box.addWidget(self.allow)
        self.dup_box.hide()
        self.message = QLabel(objectName="dialogMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.dup_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._check_timer = QTimer(self, singleShot=True, interval=250)
        self._check_timer.timeout.connect(self.check_duplicates)
        for field in ("name", "phone", "credit_code"):
            self.form.inputs[field].textEdited.connect(lambda _t: self._check_timer.start())  # type: ignore[attr-defined]
        self.checks_done = 0

    def check_duplicates(self) -> None:
        values = self.form.values()
        if not (values["name"] or values["phone"] or values["credit_code"]):
            self._show_matches([])
            return
        op = ops.check_duplicates(
            self, self.worker, values["name"] or "", values["phone"] or "", values["credit_code"] or ""
        )
        op.success(self._show_matches).failure(lambda _e, _m: None).run()

    def _show_matches(self, matches: list[Any]) -> None:
        self.checks_done += 1
        self.duplicates.clear()
        for match in matches:
            self.duplicates.addItem(duplicate_line(match))
        self.dup_box.setVisible(bool(matches))
        self.allow.setVisible(bool(matches) and not any(m.reason == "credit_code" for m in matches))

    def save(self) -> None:
        fields = {k: v for k, v in self.form.values().items() if v not in (None, "")}
        contacts = []
        if self.contact_name.text().strip():
            contacts.append({"name": self.contact_name.text(), "mobile": self.contact_mobile.text() or None})
        self.buttons.setEnabled(False)
        op = ops.create_customer(self, self.worker, fields, contacts, self.allow.isChecked())
        op.success(self._created).failure(self._failed).run()

    def _created(self, customer_id: str) -> None:
        self.buttons.setEnabled(True)
        self.created.emit(customer_id)
        self.accept()

    def _failed(self, exc: BaseException, message: str) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, DuplicateError):
            self._show_matches(exc.matches)
            self.message.setText(self.tr("A customer like this exists. Check the list above before saving."))
            return
        field = exc.field if isinstance(exc, ServiceError) else None
        if self.form.show_error(field, message):
            self.message.clear()
        else:
            self.message.setText(message)

"""`CustomerForm`: the customer's editable fields, shared by the new-customer dialog and the customer page."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fieldcrm.models import GRADES, STAGES
from fieldcrm.ui.fields import label

TEXT_FIELDS = ("name", "phone", "credit_code", "address", "region", "industry", "tags")


class CustomerForm(QWidget):
    """Values come out as the services take them ('' becomes None); errors show under the field at fault."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        layout = self.form_layout = QFormLayout(self)
        for field in TEXT_FIELDS:
            edit = QLineEdit(objectName=f"field_{field}")
            edit.textEdited.connect(self.edited)
            self.inputs[field] = edit
        self.inputs["name"].setPlaceholderText(self.tr("Company name as on the business licence"))  # type: ignore[attr-defined]
        self.inputs["credit_code"].setPlaceholderText(self.tr("18 characters, optional"))  # type: ignore[attr-defined]
        self.inputs["tags"].setPlaceholderText(self.tr("comma-separated"))  # type: ignore[attr-defined]
        for field, values in (("grade", GRADES), ("stage", STAGES)):
            combo = QComboBox(objectName=f"field_{field}")
            combo.addItem("—", None)
            for value in values:
                combo.addItem(value, value)
            combo.currentIndexChanged.connect(self.edited)
            self.inputs[field] = combo
        self.follow_up_on = QCheckBox(self.tr("Set a date"))
        follow_up = QDateEdit(objectName="field_next_follow_up", calendarPopup=True)
        follow_up.setDisplayFormat("yyyy-MM-dd")
        follow_up.setDate(QDate.currentDate())
        follow_up.setEnabled(False)
        self.follow_up_on.toggled.connect(follow_up.setEnabled)
        self.follow_up_on.toggled.connect(self.edited)
        self.inputs["next_follow_up"] = follow_up
        notes = QPlainTextEdit(objectName="field_notes")
        notes.setFixedHeight(70)
        notes.textChanged.connect(self.edited)
        self.inputs["notes"] = notes
        self.errors: dict[str, QLabel] = {}
        for field in (*TEXT_FIELDS[:3], "grade", "stage", *TEXT_FIELDS[3:], "next_follow_up", "notes"):
            error = QLabel(objectName=f"error_{field}")
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.hide()
            self.errors[field] = error
            if field == "next_follow_up":
                inner = QWidget()
                h = QHBoxLayout(inner)
                h.setContentsMargins(0, 0, 0, 0)
                h.addWidget(self.follow_up_on)
                h.addWidget(follow_up, 1)
                layout.addRow(label(field), inner)
            else:
                layout.addRow(label(field), self.inputs[field])
            layout.addRow("", error)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in TEXT_FIELDS:
            out[field] = self.inputs[field].text().strip() or None  # type: ignore[attr-defined]
        for field in ("grade", "stage"):
            out[field] = self.inputs[field].currentData()  # type: ignore[attr-defined]
        edit: QDateEdit = self.inputs["next_follow_up"]  # type: ignore[assignment]
        out["next_follow_up"] = edit.date().toPython() if self.follow_up_on.isChecked() else None
        out["notes"] = self.inputs["notes"].toPlainText()  # type: ignore[attr-defined]
        out["tags"] = out["tags"] or ""
        return out

    def set_values(self, data: dict[str, Any]) -> None:
        for field in TEXT_FIELDS:
            self.inputs[field].setText(data.get(field) or "")  # type: ignore[attr-defined]
        for field in ("grade", "stage"):
            combo: QComboBox = self.inputs[field]  # type: ignore[assignment]
            combo.setCurrentIndex(max(0, combo.findData(data.get(field))))
        due = data.get("next_follow_up")
        self.follow_up_on.setChecked(bool(due))
        edit: QDateEdit = self.inputs["next_follow_up"]  # type: ignore[assignment]
        edit.setDate(date.fromisoformat(due) if due else QDate.currentDate().toPython())  # type: ignore[arg-type]
        self.inputs["notes"].setPlainText(data.get("notes") or "")  # type: ignore[attr-defined]
        # a credit code identifies the company: once set it cannot change
        self.inputs["credit_code"].setReadOnly(bool(data.get("credit_code")))  # type: ignore[attr-defined]
        self.clear_errors()

    def show_error(self, field: str | None, message: str) -> bool:
        """Show the message under its field; False if the form has no such field (caller shows it elsewhere)."""
        self.clear_errors()
        if field not in self.errors:
            return False
        self.errors[field].setText(message)
        self.errors[field].show()
        self.inputs[field].setFocus()
        return True

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()

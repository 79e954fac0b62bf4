"""`CustomerPicker`: type a few characters, pick a customer from the matches (for planning a stop)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from fieldcrm.services import CustomerQuery
from fieldcrm.ui.ops.base import QueryOp
from fieldcrm.ui.workers import DbWorker


class CustomerPicker(QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.text = QLineEdit(objectName="pickerText", placeholderText=self.tr("Find customer…"))
        self.choices = QComboBox(objectName="pickerChoices")
        self.choices.setMinimumContentsLength(16)
        self.choices.setPlaceholderText(self.tr("Pick a customer"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.choices, 2)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.search)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.searches_done = 0

    def search(self) -> None:
        query = CustomerQuery(text=self.text.text().strip(), limit=30)
        QueryOp(self, self.worker, lambda s: [(r.id, r.name) for r in s.search.search(query)]).success(self._fill).run()

    def _fill(self, rows: list[tuple[str, str]]) -> None:
        self.choices.clear()
        for customer_id, name in rows:
            self.choices.addItem(name, customer_id)
        # nothing is chosen for the user: only a search they typed picks its best match
        self.choices.setCurrentIndex(0 if rows and self.text.text().strip() else -1)
        self.searches_done += 1

    def customer_id(self) -> str | None:
        return self.choices.currentData()

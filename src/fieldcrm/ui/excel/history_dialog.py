"""`ImportHistoryDialog`: every import of this store, newest first, with what it did; any import not yet undone
can be undone (what it created is deleted, what it updated gets its old values back, in one sync group)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.ops import excel as ops
from fieldcrm.ui.workers import DbWorker

COLUMNS = (
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "When"),
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "File"),
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "Sheet"),
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "New"),
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "Updated"),
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "Duplicates"),
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "Errors"),
    QT_TRANSLATE_NOOP("ImportHistoryDialog", "Status"),
)
STATUSES = {
    "done": QT_TRANSLATE_NOOP("ImportHistoryDialog", "imported"),
    "undone": QT_TRANSLATE_NOOP("ImportHistoryDialog", "undone {0}"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportHistoryDialog", text)


class ImportHistoryDialog(QDialog):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistoryDialog")
        self.setWindowTitle(self.tr("Import history"))
        self.resize(860, 420)
        self.worker = worker
        self.imports: list[dict[str, Any]] = []
        self.table = QTableWidget(0, len(COLUMNS), objectName="importHistoryTable")
        self.table.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No imports yet."), objectName="emptyHint")
        self.message = QLabel(objectName="dialogMessage", wordWrap=True)
        self.undo_button = QPushButton(self.tr("Undo selected import"), objectName="importHistoryUndo")
        self.undo_button.setEnabled(False)
        close = QPushButton(self.tr("Close"), objectName="importHistoryClose")
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.undo_button.clicked.connect(self.undo_selected)
        close.clicked.connect(self.reject)
        self.reload()

    def reload(self) -> None:
        ops.history(self, self.worker).success(self._show).run()

    def _show(self, imports: list[dict[str, Any]]) -> None:
        self.imports = imports
        self.empty.setVisible(not imports)
        self.table.setRowCount(len(imports))
        for r, item in enumerate(imports):
            status = _tr(STATUSES.get(item["status"], item["status"])).format(local_time(item["undone_at"]))
            values = (
                local_time(item["created_at"]),
                item["file"],
                item["sheet"] or "",
                item["new"],
                item["update"],
                item["duplicate"],
                item["error"],
                status,
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        self._selection_changed()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.imports[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.undo_button.setEnabled(chosen is not None and chosen["status"] != "undone")

    def undo_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self.undo_button.setEnabled(False)
        ops.undo(self, self.worker, chosen["import_id"]).success(self._undone).failure(self._failed).run()

    def _undone(self, result: dict[str, Any]) -> None:
        text = self.tr("Undone: {0} records removed, {1} restored to their old values.").format(
            result["removed"], result["restored"]
        )
        if result["kept"]:
            text += " " + self.tr("{0} fields changed since the import were left as they are.").format(result["kept"])
        self.message.setText(text)
        self.reload()

    def _failed(self, _exc: BaseException, message: str) -> None:
        self.message.setText(message)
        self._selection_changed()

"""`ImportHistoryDialog`: every import of this store, newest first, with what it did; any import not yet undone
can be undone (what it created is deleted, what it updated gets its old values back, in one sync group)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import excel as ops
from fieldcrm.ui.workers import DbWorker

STATUSES = {
    "done": QT_TRANSLATE_NOOP("ImportHistoryDialog", "imported"),
    "undone": QT_TRANSLATE_NOOP("ImportHistoryDialog", "undone {0}"),
}
COLUMNS = [
    Column("created_at", QT_TRANSLATE_NOOP("ImportHistoryDialog", "When"), local_time),
    Column("file", QT_TRANSLATE_NOOP("ImportHistoryDialog", "File")),
    Column("sheet", QT_TRANSLATE_NOOP("ImportHistoryDialog", "Sheet")),
    Column("new", QT_TRANSLATE_NOOP("ImportHistoryDialog", "New")),
    Column("update", QT_TRANSLATE_NOOP("ImportHistoryDialog", "Updated")),
    Column("duplicate", QT_TRANSLATE_NOOP("ImportHistoryDialog", "Duplicates")),
    Column("error", QT_TRANSLATE_NOOP("ImportHistoryDialog", "Errors")),
    Column("status_shown", QT_TRANSLATE_NOOP("ImportHistoryDialog", "Status")),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportHistoryDialog", text)


def undo_text(result: dict[str, Any]) -> str:
    """What an undo did, in one or two sentences (the wizard's last page says the same)."""
    text = QCoreApplication.translate(
        "ImportHistoryDialog", "Undone: {0} records removed, {1} restored to their old values."
    ).format(result["removed"], result["restored"])
    if result.get("kept"):
        kept = QCoreApplication.translate(
            "ImportHistoryDialog", "{0} fields changed since the import were left as they are."
        )
        text += " " + kept.format(result["kept"])
    return text


class ImportHistoryDialog(QDialog):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistoryDialog")
        self.setWindowTitle(self.tr("Import history"))
        self.resize(860, 420)
        self.worker = worker
        self.imports = DictTableModel("ImportHistoryDialog", COLUMNS, self)
        self.table = table(self.imports, "importHistoryTable", 1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.undo_button.clicked.connect(self.undo_selected)
        close.clicked.connect(self.reject)
        self.reload()

    def reload(self) -> None:
        ops.history(self, self.worker).success(self._show).run()

    def _show(self, imports: list[dict[str, Any]]) -> None:
        self.empty.setVisible(not imports)
        self.imports.set_rows(
            [
                {
                    **item,
                    "status_shown": _tr(STATUSES.get(item["status"], item["status"])).format(
                        local_time(item["undone_at"])
                    ),
                }
                for item in imports
            ]
        )
        # The newest import that can still be undone is selected, so the highlight and the button agree; with none
        # to undo nothing is selected (a highlighted row beside a greyed-out button reads as broken).
        undoable = next((i for i, item in enumerate(imports) if item["status"] != "undone"), None)
        if undoable is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(self.imports.index(-1, -1))
        else:
            self.table.selectRow(undoable)
        self._selection_changed()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.imports.row(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected()
        self.undo_button.setEnabled(chosen is not None and chosen["status"] != "undone")

    def undo_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self.undo_button.setEnabled(False)
        ops.undo(self, self.worker, chosen["import_id"]).success(self._undone).failure(self._failed).run()

    def _undone(self, result: dict[str, Any]) -> None:
        self.message.setText(undo_text(result))
        self.reload()

    def _failed(self, _exc: BaseException, message: str) -> None:
        self.message.setText(message)
        self._selection_changed()

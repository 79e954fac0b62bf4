"""`ExportLogDialog`: the export log (导出记录), newest first: who exported which customers, when, how many, to which
file. A rep sees their own exports; a supervisor their team's too, once the reps' laptops and theirs have synced."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldcrm.services.exports import ALL_CUSTOMERS
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import exports as ops
from fieldcrm.ui.workers import DbWorker

#: A fairness report's entry (`FairnessReport.describe`): its month, or its first and last.
_FAIRNESS = re.compile(r"fairness report (\d{4}-\d{2})(?: to (\d{4}-\d{2}))?")


def filter_text(value: str | None) -> str:
    """The filter as the log keeps it (`grade=A, search=华润`); the whole list's and a fairness report's in the
    user's language."""
    if value == ALL_CUSTOMERS:
        return QCoreApplication.translate("ExportLogDialog", "all customers")
    fairness = _FAIRNESS.fullmatch(value or "")
    if fairness and fairness.group(2):
        return QCoreApplication.translate("ExportLogDialog", "fairness report, {0} to {1}").format(*fairness.groups())
    if fairness:
        return QCoreApplication.translate("ExportLogDialog", "fairness report, {0}").format(fairness.group(1))
    return value or ""


COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("ExportLogDialog", "When"), local_time),
    Column("user", QT_TRANSLATE_NOOP("ExportLogDialog", "User")),
    Column("rows", QT_TRANSLATE_NOOP("ExportLogDialog", "Rows")),
    Column("file", QT_TRANSLATE_NOOP("ExportLogDialog", "File")),
    Column("filter", QT_TRANSLATE_NOOP("ExportLogDialog", "Filter"), filter_text),
]


class ExportLogDialog(QDialog):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportLogDialog")
        self.setWindowTitle(self.tr("Export log"))
        self.resize(860, 420)
        self.worker = worker
        self.exports = DictTableModel("ExportLogDialog", COLUMNS, self)
        self.table = table(self.exports, "exportLogTable", 4)
        self.hint = QLabel(
            self.tr(
                "Every export of customers to a file, newest first. Your team's exports appear here after they and"
                " you have synced."
            ),
            objectName="exportLogHint",
            wordWrap=True,
        )
        self.empty = QLabel(self.tr("No exports yet."), objectName="emptyHint")
        close = QPushButton(self.tr("Close"), objectName="exportLogClose")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        close.clicked.connect(self.reject)
        worker.changed.connect(self, self._on_changed)
        self.loads_done = 0
        self.reload()

    def reload(self) -> None:
        ops.export_log(self, self.worker).success(self._show).run()

    def _show(self, exports: list[dict[str, Any]]) -> None:
        self.empty.setVisible(not exports)
        self.exports.set_rows(exports)
        self.loads_done += 1

    def _on_changed(self, nouns: frozenset[str]) -> None:
        if "audit" in nouns:  # an export made meanwhile, or the team's pulled in by a sync
            self.reload()

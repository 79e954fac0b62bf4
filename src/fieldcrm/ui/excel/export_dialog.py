"""`ExportDialog`: write the customer list as it is filtered on screen to an .xlsx file, off the GUI thread."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.excel import ExportResult
from fieldcrm.services import CustomerQuery
from fieldcrm.ui.excel.progress_row import ProgressRow
from fieldcrm.ui.ops import excel as ops
from fieldcrm.ui.ops.base import Progress
from fieldcrm.ui.workers import DbWorker


def ui_language() -> str:
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


class ExportDialog(QDialog):
    """`exported(count, path)` fires once the file is in place."""

    exported = Signal(int, str)

    def __init__(self, worker: DbWorker, query: CustomerQuery | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export customers to Excel"))
        self.worker = worker
        self.query = query or CustomerQuery()
        self.progress_state: Progress | None = None
        self.scope = QLabel(objectName="exportScope", wordWrap=True)
        self.path_edit = QLineEdit(objectName="exportPath")
        self.path_edit.setText(str(Path.home() / self.tr("customers.xlsx")))
        browse = QPushButton(self.tr("Choose…"), objectName="exportBrowse")
        self.language = QComboBox(objectName="exportLanguage")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(ui_language()))
        self.message = QLabel(objectName="dialogMessage", wordWrap=True)
        self.progress = ProgressRow(self)
        self.export_button = QPushButton(self.tr("Export"), objectName="exportRun")
        self.export_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"), objectName="exportClose")
        self.log_button = QPushButton(self.tr("Export log…"), objectName="exportLog")
        self.log_button.setToolTip(self.tr("Your earlier exports (head office keeps this log too)"))
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Customers"), self.scope)
        form.addRow(self.tr("File"), where)
        form.addRow(self.tr("Header language"), self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.run_export)
        self.close_button.clicked.connect(self.reject)
        self.log_button.clicked.connect(self.open_log)
        self.resize(620, 220)
        self.scope.setText(self.tr("Counting…"))
        ops.count(self, worker, self.query).success(self._show_count).run()

    def open_log(self) -> QDialog:
        from fieldcrm.ui.excel.export_log_dialog import ExportLogDialog

        dialog = ExportLogDialog(self.worker, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show_count(self, count: int) -> None:
        filtered = replace(self.query, sort="name", descending=False, limit=50, offset=0) != CustomerQuery()
        text = self.tr("{0} customers in the list as filtered now") if filtered else self.tr("all {0} customers")
        self.scope.setText(text.format(count))

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Export to"), self.path_edit.text(), "Excel (*.xlsx)")
        dialog.setObjectName("exportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.path_edit.setText)
        dialog.open()

    def run_export(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.message.setText(self.tr("Choose where to save the file."))
            return
        target = Path(text).expanduser()
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        if not target.parent.is_dir():
            self.message.setText(self.tr("{0}: that folder does not exist.").format(target.parent))
            return
        self.message.clear()
        self.export_button.setEnabled(False)
        self.progress_state = Progress()
        self.progress.start(self.progress_state)
        op = ops.export(self, self.worker, self.query, target, self.language.currentData(), self.progress_state)
        op.success(lambda result: self._done(result, target)).failure(self._failed).run()

    def _done(self, result: ExportResult, target: Path) -> None:
        cancelled = self.progress_state is not None and self.progress_state.cancel.is_set()
        self.progress.stop()
        self.export_button.setEnabled(True)
        if cancelled:
            self.message.setText(self.tr("Cancelled; no file was written."))
            return
        text = self.tr("Exported {0} customers to {1}.").format(result.written, target)
        if result.left_out:
            text += " " + self.tr(
                "Left out {0} customers that are not yours: your role may export only its own customers."
            ).format(result.left_out)
        self.message.setText(text)
        self.exported.emit(result.written, str(target))

    def _failed(self, _exc: BaseException, message: str) -> None:
        self.progress.stop()
        self.export_button.setEnabled(True)
        self.message.setText(message)

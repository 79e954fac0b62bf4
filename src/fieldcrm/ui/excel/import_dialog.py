"""`ImportDialog`: the import wizard — pick a file, confirm the column mapping, preview, import, undo.

Each step runs on the database worker with progress and Cancel; nothing is written before "Import", and the
import itself is one transaction (a cancelled or failed import leaves the store as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.excel import ImportCancelledError, ImportJob, ImportSummary, MappingProposal
from fieldcrm.excel.fields import FIELDS
from fieldcrm.paths import AppPaths
from fieldcrm.ui.excel.history_dialog import ImportHistoryDialog, undo_text
from fieldcrm.ui.excel.progress_row import ProgressRow
from fieldcrm.ui.fields import label
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import excel as ops
from fieldcrm.ui.ops.base import Progress
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.workers import DbWorker

FILE, MAPPING, PREVIEW, DONE = range(4)
MAX_ERRORS_SHOWN = 500

CONTACT_LABELS = {
    "contact_name": QT_TRANSLATE_NOOP("ImportDialog", "Contact: name"),
    "contact_title": QT_TRANSLATE_NOOP("ImportDialog", "Contact: title"),
    "contact_mobile": QT_TRANSLATE_NOOP("ImportDialog", "Contact: mobile"),
    "contact_email": QT_TRANSLATE_NOOP("ImportDialog", "Contact: e-mail"),
    "contact_wechat": QT_TRANSLATE_NOOP("ImportDialog", "Contact: WeChat"),
}
POLICIES = {
    "skip": QT_TRANSLATE_NOOP("ImportDialog", "Skip rows that match an existing customer"),
    "update": QT_TRANSLATE_NOOP("ImportDialog", "Update the matching customer with the file's values"),
    "create": QT_TRANSLATE_NOOP("ImportDialog", "Create them anyway as new customers"),
}
ROW_STATUSES = {
    "new": QT_TRANSLATE_NOOP("ImportDialog", "new"),
    "update": QT_TRANSLATE_NOOP("ImportDialog", "update"),
    "duplicate": QT_TRANSLATE_NOOP("ImportDialog", "duplicate"),
    "skipped": QT_TRANSLATE_NOOP("ImportDialog", "skipped"),
    "error": QT_TRANSLATE_NOOP("ImportDialog", "error"),
}
FILTER = QT_TRANSLATE_NOOP("ImportDialog", "Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;All files (*)")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def field_name(field: str) -> str:
    return _tr(CONTACT_LABELS[field]) if field in CONTACT_LABELS else label(field)


def _table(object_name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=object_name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))


class ImportDialog(QDialog):
    """The wizard. `imported(import_id)` fires after a successful import; `undone()` after it was undone."""

    imported = Signal(str)
    undone = Signal()

    def __init__(self, worker: DbWorker, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import customers from Excel"))
        self.resize(860, 560)
        self.worker = worker
        self.paths = paths
        self.job: ImportJob | None = None
        self.proposal: MappingProposal | None = None
        self.summary: ImportSummary | None = None
        self.progress_state: Progress | None = None

        self.pages = QStackedWidget(objectName="importPages")
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._done_page())
        self.message = QLabel(objectName="dialogMessage", wordWrap=True)
        self.message.setProperty("role", "error")
        self.progress = ProgressRow(self)
        self.back_button = QPushButton(self.tr("Back"), objectName="importBack")
        self.close_button = QPushButton(self.tr("Close"), objectName="importClose")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._back)
        self.close_button.clicked.connect(self.reject)
        self._show_page(FILE)

    # --- pages --------------------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit(objectName="importPath", placeholderText=self.tr("客户名单.xlsx"))
        browse = QPushButton(self.tr("Choose file…"), objectName="importBrowse")
        self.read_button = QPushButton(self.tr("Next"), objectName="importRead")
        self.read_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        hint = QLabel(
            self.tr(
                "Choose an Excel (.xlsx, .xls) or CSV file with one customer per row. The header row is found even "
                "below a title, and columns such as 客户名称, 联系人, 电话 or Company are recognised."
            ),
            wordWrap=True,
        )
        self.template_button = QPushButton(self.tr("Save a blank template…"), objectName="importTemplate")
        self.template_button.setToolTip(
            self.tr("An empty list with the usual columns and drop-down lists for grade, stage and region")
        )
        self.history_button = QPushButton(self.tr("Import history…"), objectName="importHistory")
        self.history_button.setToolTip(self.tr("Earlier imports; any of them can be undone"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.template_button)
        bottom.addWidget(self.history_button)
        bottom.addStretch(1)
        bottom.addWidget(self.read_button)
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.template_button.clicked.connect(self._choose_template_target)
        self.history_button.clicked.connect(self.open_history)
        browse.clicked.connect(self._browse)
        self.read_button.clicked.connect(self.read_file)
        self.path_edit.returnPressed.connect(self.read_file)
        return page

    def _ask_save_path(self, title: str, file_name: str, name: str, chosen: Callable[[Path], None]) -> None:
        """A non-blocking "save as" dialog for an .xlsx file in the home folder; `chosen` gets the path."""
        dialog = QFileDialog(self, title, str(Path.home() / file_name), "Excel (*.xlsx)")
        dialog.setObjectName(name)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: chosen(Path(path)))
        dialog.open()

    def _choose_template_target(self) -> None:
        title, file_name = self.tr("Save a blank template"), self.tr("customer-template.xlsx")
        self._ask_save_path(title, file_name, "importTemplateFileDialog", self.save_template)

    def save_template(self, target: Path) -> None:
        lang = "zh" if QLocale().language() == QLocale.Language.Chinese else "en"
        op = ops.template(self, self.worker, target, lang)
        op.success(self._template_saved).failure(self._failed).run()

    def _template_saved(self, target: Path) -> None:
        self.message.setProperty("role", "info")
        self.message.setText(self.tr("Saved a blank template to {0}. Fill it in and import it here.").format(target))

    def open_history(self) -> ImportHistoryDialog:
        dialog = ImportHistoryDialog(self.worker, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.sheet = QComboBox(objectName="importSheet")
        self.header_info = QLabel(objectName="importHeaderInfo", wordWrap=True)
        self.mapping_table = _table("importMapping", [self.tr("Column in the file"), self.tr("Goes into")])
        self.policy = QComboBox(objectName="importPolicy")
        for key, text in POLICIES.items():
            self.policy.addItem(_tr(text), key)
        self.remember = QCheckBox(self.tr("Remember this mapping for files with these columns"))
        self.remember.setObjectName("importRemember")
        self.preview_button = QPushButton(self.tr("Preview"), objectName="importPreview")
        form = QFormLayout()
        form.addRow(self.tr("Sheet"), self.sheet)
        form.addRow(self.tr("Duplicates"), self.policy)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.header_info)
        layout.addWidget(self.mapping_table, 1)
        layout.addWidget(self.remember)
        layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignRight)
        self.sheet.activated.connect(self._sheet_chosen)
        self.preview_button.clicked.connect(self.run_preview)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.counts = QLabel(objectName="importCounts", wordWrap=True)
        self.preview_table = _table(
            "importPreviewRows",
            [self.tr("Row"), self.tr("Result"), label("name"), label("phone"), label("region"), self.tr("Why")],
        )
        self.errors_table = _table("importErrors", [self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.warnings_table = _table("importWarnings", [self.tr("Row"), self.tr("Column"), self.tr("What to check")])
        self.possible = QLabel(objectName="importPossible", wordWrap=True)
        self.errors_button = QPushButton(self.tr("Save rows with errors…"), objectName="importSaveErrors")
        self.commit_button = QPushButton(self.tr("Import"), objectName="importCommit")
        self.commit_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.errors_button)
        row.addStretch(1)
        row.addWidget(self.commit_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.counts)
        layout.addWidget(QLabel(self.tr("First rows as they will be stored:")))
        layout.addWidget(self.preview_table, 2)
        self.errors_title = QLabel(self.tr("Rows that will not be imported:"))
        layout.addWidget(self.errors_title)
        layout.addWidget(self.errors_table, 1)
        self.warnings_title = QLabel(self.tr("Rows imported all the same, with something to check:"))
        layout.addWidget(self.warnings_title)
        layout.addWidget(self.warnings_table, 1)
        layout.addWidget(self.possible)
        layout.addLayout(row)
        self.errors_button.clicked.connect(self._choose_error_file)
        self.commit_button.clicked.connect(self.run_commit)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.result_label = QLabel(objectName="importResult", wordWrap=True)
        self.undo_button = QPushButton(self.tr("Undo this import"), objectName="importUndo")
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.undo_button.clicked.connect(self.run_undo)
        return page

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index in (MAPPING, PREVIEW))
        self.close_button.setText(self.tr("Close") if index == DONE else self.tr("Cancel"))

    def _back(self) -> None:
        self.message.clear()
        self._show_page(max(FILE, self.pages.currentIndex() - 1))

    # --- running steps ------------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        for widget in (self.pages, self.back_button):
            widget.setEnabled(not busy)
        if busy:
            self.message.clear()
            self.progress_state = Progress()
            self.progress.start(self.progress_state, self._cancel_job)
        else:
            self.progress.stop()

    def _cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _failed(self, exc: BaseException, message: str) -> None:
        self._busy(False)
        if isinstance(exc, ImportCancelledError):
            message = self.tr("Cancelled; nothing was written.")
        self.message.setText(message)

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a customer list"), str(Path.home()), _tr(FILTER))
        dialog.setObjectName("importFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._file_chosen)
        dialog.open()

    def _file_chosen(self, path: str) -> None:
        self.path_edit.setText(path)
        self.read_file()

    def read_file(self, sheet: str | None = None) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.message.setText(self.tr("Choose a file first."))
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self.message.setText(self.tr("{0}: no such file.").format(path))
            return
        self._busy(True)
        assert self.progress_state is not None
        self.job = ops.new_job(self.worker, self.paths, path, self.progress_state)
        ops.read(self, self.worker, self.job, sheet or None).success(self._show_mapping).failure(self._failed).run()

    def _sheet_chosen(self, index: int) -> None:
        name = self.sheet.itemText(index)
        if self.proposal is not None and name != self.proposal.sheet:
            self.read_file(name)

    def _show_mapping(self, proposal: MappingProposal) -> None:
        self._busy(False)
        self.proposal = proposal
        self.sheet.clear()
        self.sheet.addItems(proposal.sheet_names or [proposal.sheet or ""])
        if proposal.sheet:
            self.sheet.setCurrentText(proposal.sheet)
        info = self.tr("Header on row {0}; {1} data rows.").format(proposal.header_row, proposal.data_rows)
        if proposal.saved:
            info += " " + self.tr("Using the mapping you saved for these columns.")
        if proposal.notice:
            info += " " + localize(proposal.notice)
        self.header_info.setText(info)
        self.remember.setChecked(proposal.saved)
        self.mapping_table.setRowCount(len(proposal.headers))
        for row, header in enumerate(proposal.headers):
            self.mapping_table.setItem(row, 0, QTableWidgetItem(str(header or self.tr("(no header)"))))
            combo = QComboBox()
            combo.addItem(self.tr("— not imported —"), None)
            for field in FIELDS:
                combo.addItem(field_name(field), field)
            chosen = proposal.mapping.get(row)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            self.mapping_table.setCellWidget(row, 1, combo)
        self._show_page(MAPPING)

    def mapping(self) -> dict[int, str]:
        """The mapping as the user left it: column index → field."""
        chosen: dict[int, str] = {}
        for row in range(self.mapping_table.rowCount()):
            combo = self.mapping_table.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and combo.currentData():
                chosen[row] = combo.currentData()
        return chosen

    def set_field(self, header: str, field: str | None) -> None:
        """Map the column headed `header` to `field` (None: not imported), as a user would in the table."""
        for row in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(row, 0).text() == header:  # type: ignore[union-attr]
                combo = self.mapping_table.cellWidget(row, 1)
                combo.setCurrentIndex(combo.findData(field) if field else 0)  # type: ignore[attr-defined]
                return
        raise KeyError(header)

    def run_preview(self) -> None:
        if self.job is None:
            return
        self._busy(True)
        op = ops.preview(
            self, self.worker, self.job, self.mapping(), self.policy.currentData(), self.remember.isChecked()
        )
        op.success(self._show_preview).failure(self._failed).run()

    def _show_preview(self, summary: ImportSummary) -> None:
        self._busy(False)
        self.summary = summary
        self.counts.setText(
            self.tr("{0} new, {1} to update, {2} duplicates, {3} skipped, {4} with errors.").format(
                summary.new, summary.update, summary.duplicate, summary.skipped, summary.error
            )
            + ("\n" + localize(summary.notice) if summary.notice else "")
        )
        _fill(
            self.preview_table,
            [
                [
                    p["row"],
                    _tr(ROW_STATUSES.get(p["status"], p["status"])),
                    p["customer"].get("name"),
                    p["customer"].get("phone"),
                    p["customer"].get("region"),
                    localize(p["reason"]),
                ]
                for p in summary.preview
            ],
        )
        _fill(self.errors_table, [[e.row, e.column, localize(e.reason)] for e in summary.errors[:MAX_ERRORS_SHOWN]])
        has_errors = bool(summary.errors)
        self.errors_table.setVisible(has_errors)
        self.errors_title.setVisible(has_errors)
        self.errors_button.setEnabled(has_errors)
        _fill(self.warnings_table, [[w.row, w.column, localize(w.reason)] for w in summary.warnings[:MAX_ERRORS_SHOWN]])
        self.warnings_table.setVisible(bool(summary.warnings))
        self.warnings_title.setVisible(bool(summary.warnings))
        if summary.possible_duplicates:
            lines = [
                self.tr("Row {0} {1} looks like: {2}").format(d["row"], d["name"], "、".join(d["matches"][:3]))
                for d in summary.possible_duplicates[:5]
            ]
            more = len(summary.possible_duplicates) - len(lines)
            self.possible.setText(
                self.tr("Possible duplicates (imported as new; check them afterwards):")
                + "\n"
                + "\n".join(lines)
                + (("\n" + self.tr("…and {0} more.").format(more)) if more > 0 else "")
            )
        else:
            self.possible.clear()
        writes = summary.new + summary.update
        self.commit_button.setEnabled(writes > 0)
        self.commit_button.setText(self.tr("Import {0} rows").format(writes))
        self._show_page(PREVIEW)

    def _choose_error_file(self) -> None:
        title, file_name = self.tr("Save rows with errors"), self.tr("rows-with-errors.xlsx")
        self._ask_save_path(title, file_name, "importErrorFileDialog", self.save_errors)

    def save_errors(self, target: Path) -> None:
        if self.job is None:
            return
        self._busy(True)
        op = ops.write_error_workbook(self, self.worker, self.job, target)
        op.success(lambda n: self._errors_saved(n, target)).failure(self._failed).run()

    def _errors_saved(self, count: int, target: Path) -> None:
        self._busy(False)
        self.message.setProperty("role", "info")
        self.message.setText(self.tr("Saved {0} rows with the reason beside each to {1}.").format(count, target))

    def run_commit(self) -> None:
        if self.job is None:
            return
        self._busy(True)
        ops.commit(self, self.worker, self.job).success(self._committed).failure(self._failed).run()

    def _committed(self, summary: ImportSummary) -> None:
        self._busy(False)
        self.summary = summary
        self.result_label.setText(
            self.tr(
                "Imported: {0} new customers, {1} updated. {2} duplicates and {3} rows with errors were left out."
            ).format(summary.new, summary.update, summary.duplicate + summary.skipped, summary.error)
        )
        self.undo_button.setEnabled(bool(summary.import_id))
        self._show_page(DONE)
        if summary.import_id:
            self.imported.emit(summary.import_id)

    def run_undo(self) -> None:
        if self.summary is None or not self.summary.import_id:
            return
        self._busy(True)
        ops.undo(self, self.worker, self.summary.import_id).success(self._undone).failure(self._failed).run()

    def _undone(self, result: dict[str, Any]) -> None:
        self._busy(False)
        self.result_label.setText(undo_text(result))
        self.undo_button.setEnabled(False)
        self.undone.emit()

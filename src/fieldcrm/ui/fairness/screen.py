"""`FairnessScreen`: the fairness report (分配公平性报表) for a supervisor or an admin: pick a month or a range, see per
rep the customers received by each way, released, returned, handed away, deals won and appeals, with the totals,
the team's mean and the reps far from it; export it to Excel on the worker, with its progress and outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDateEdit, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldcrm.domain.fairness import ABOVE, BELOW, Month
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.excel.export_dialog import ui_language
from fieldcrm.ui.excel.progress_row import ProgressRow
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import fairness as ops
from fieldcrm.ui.ops.base import Progress
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import set_tone
from fieldcrm.ui.workers import DbWorker

CONTEXT = "FairnessScreen"
FLAGS = {
    ABOVE: QT_TRANSLATE_NOOP("FairnessScreen", "far above the mean"),
    BELOW: QT_TRANSLATE_NOOP("FairnessScreen", "far below the mean"),
}
FLAG_TONES = {ABOVE: "attention", BELOW: "info"}


def _flag(value: Any) -> str:
    return QCoreApplication.translate(CONTEXT, FLAGS[value]) if value in FLAGS else ""


def _figure(value: Any) -> str:
    return "" if value is None else f"{value:.1f}" if isinstance(value, float) else str(value)


FAIRNESS_COLUMNS = [
    Column("month", QT_TRANSLATE_NOOP("FairnessScreen", "Month")),
    Column("rep", QT_TRANSLATE_NOOP("FairnessScreen", "Rep")),
    Column("first_contact", QT_TRANSLATE_NOOP("FairnessScreen", "First contact"), _figure),
    Column("claim", QT_TRANSLATE_NOOP("FairnessScreen", "Claimed"), _figure),
    Column("assignment", QT_TRANSLATE_NOOP("FairnessScreen", "Assigned"), _figure),
    Column("handover", QT_TRANSLATE_NOOP("FairnessScreen", "Handover in"), _figure),
    Column("arbitration", QT_TRANSLATE_NOOP("FairnessScreen", "Arbitration"), _figure),
    Column("received", QT_TRANSLATE_NOOP("FairnessScreen", "Received"), _figure),
    Column("released", QT_TRANSLATE_NOOP("FairnessScreen", "Released"), _figure),
    Column("returned", QT_TRANSLATE_NOOP("FairnessScreen", "Returned"), _figure),
    Column("handed_away", QT_TRANSLATE_NOOP("FairnessScreen", "Handed away"), _figure),
    Column("won", QT_TRANSLATE_NOOP("FairnessScreen", "Won"), _figure),
    Column("appeals_filed", QT_TRANSLATE_NOOP("FairnessScreen", "Appeals"), _figure),
    Column("appeals_upheld", QT_TRANSLATE_NOOP("FairnessScreen", "Upheld"), _figure),
    Column("flag", QT_TRANSLATE_NOOP("FairnessScreen", "Against the mean"), _flag, FLAG_TONES.get),
]
FLAG_COLUMN = len(FAIRNESS_COLUMNS) - 1
MONTH_COLUMN = 0
FIGURE_COLUMNS = range(2, FLAG_COLUMN)
#: What each short heading counts (its tooltip).
HEADING_TIPS = {
    "claim": QT_TRANSLATE_NOOP("FairnessScreen", "Customers the rep claimed from the public pool"),
    "handover": QT_TRANSLATE_NOOP("FairnessScreen", "Customers handed over to the rep by another rep"),
    "arbitration": QT_TRANSLATE_NOOP("FairnessScreen", "Customers given to the rep by the supervisor's arbitration"),
    "received": QT_TRANSLATE_NOOP("FairnessScreen", "Customers received by every way together: what the flag compares"),
    "released": QT_TRANSLATE_NOOP("FairnessScreen", "Customers the rep released to the public pool"),
    "returned": QT_TRANSLATE_NOOP(
        "FairnessScreen", "Customers head office returned to the public pool by its rules (no follow-up, no deal)"
    ),
    "handed_away": QT_TRANSLATE_NOOP("FairnessScreen", "The rep's customers that went to another rep"),
    "won": QT_TRANSLATE_NOOP("FairnessScreen", "Deals the rep won that month"),
    "appeals_filed": QT_TRANSLATE_NOOP("FairnessScreen", "Appeals the rep filed that month"),
    "appeals_upheld": QT_TRANSLATE_NOOP("FairnessScreen", "The rep's appeals the supervisor upheld that month"),
}


class FairnessTableModel(DictTableModel):
    """The report's rows: the totals and the team's mean in bold, each short heading explained in its tooltip."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in FIGURE_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # figures line up as in a ledger
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            row = self.row(index.row())
            if row is not None and row.get("summary"):
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            key = FAIRNESS_COLUMNS[section].key if 0 <= section < len(FAIRNESS_COLUMNS) else ""
            return QCoreApplication.translate(CONTEXT, HEADING_TIPS[key]) if key in HEADING_TIPS else None
        return super().headerData(section, orientation, role)


def _month(edit: QDateEdit) -> Month:
    day = edit.date()
    return Month(day.year(), day.month())


class FairnessScreen(Screen):
    nouns = frozenset({"customers"})  # ownership events and deals announce themselves as customers' changes

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.progress_state: Progress | None = None
        today = QDate.currentDate()
        self.first = QDateEdit(today, objectName="fairnessFrom")
        self.last = QDateEdit(today, objectName="fairnessTo")
        for edit in (self.first, self.last):
            edit.setDisplayFormat("yyyy-MM")
        self.figures = FairnessTableModel(CONTEXT, FAIRNESS_COLUMNS, self)
        self.list = table(self.figures, "fairnessTable", FLAG_COLUMN)
        self.list.setSortingEnabled(False)
        self.export_button = QPushButton(icon("export"), self.tr("Export to Excel…"), objectName="fairnessExport")
        self.export_button.setToolTip(self.tr("Save this report as an Excel workbook, a sheet per month"))
        self.progress = ProgressRow(self)
        self.message = QLabel(objectName="fairnessMessage")
        self.message.setWordWrap(True)
        self.rule = QLabel(objectName="fairnessRule")
        self.rule.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "How customers reached each rep and left them, month by month: received by each way, released to"
                " the pool, returned to the pool by head office's rules, handed to another rep, deals won, appeals."
            ),
            objectName="fairnessIntro",
        )
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.first)
        top.addWidget(QLabel(self.tr("To")))
        top.addWidget(self.last)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.rule)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)

        self.first.dateChanged.connect(self._first_changed)
        self.last.dateChanged.connect(self._last_changed)
        self.export_button.clicked.connect(self.ask_export)

    def _first_changed(self) -> None:
        if _month(self.last) < _month(self.first):
            self.last.setDate(self.first.date())  # reloads
        else:
            self.reload()

    def _last_changed(self) -> None:
        if _month(self.last) < _month(self.first):
            self.first.setDate(self.last.date())  # reloads
        else:
            self.reload()

    def months(self) -> tuple[Month, Month]:
        return _month(self.first), _month(self.last)

    def reload(self) -> None:
        first, last = self.months()
        op = ops.report(self, self.worker, first, last).success(self._fill)
        op.failure(lambda _e, message: self._say(message, "danger")).run()

    def _fill(self, report: dict[str, Any]) -> None:
        rows: list[dict[str, Any]] = []
        for month in report["months"]:
            rows += [{**r, "month": month["month"]} for r in month["reps"]]
            if len(month["reps"]) > 1:
                rows.append({**month["total"], "month": month["month"], "rep": self.tr("Total"), "summary": True})
                rows.append({**month["mean"], "month": month["month"], "rep": self.tr("Team mean"), "summary": True})
        self.figures.set_rows(rows)
        self.list.setColumnHidden(MONTH_COLUMN, len(report["months"]) < 2)  # one month: the pickers say which
        self.rule.setText(
            self.tr(
                "Months are counted in {0} time. A rep is flagged when the customers they received in a month are"
                " at least 50% above or below the team's mean and at least 3 away from it."
            ).format(report["timezone"])
        )
        if not rows:
            self._say(self.tr("No reps on your team yet."), None)

    def _say(self, text: str, tone: str | None) -> None:
        set_tone(self.message, tone)
        self.message.setText(text)

    def ask_export(self) -> None:
        """Ask where to save the workbook (a window-modal file dialog that does not block), then export there."""
        first, last = self.months()
        name = (self.tr("fairness-{0}") if first == last else self.tr("fairness-{0}-to-{1}")).format(first, last)
        dialog = QFileDialog(self, self.tr("Export the fairness report to"), f"{name}.xlsx", "Excel (*.xlsx)")
        dialog.setObjectName("fairnessFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()

    def export_to(self, target: Path) -> None:
        """Export the months shown to `target` on the worker, the progress row following it."""
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        first, last = self.months()
        self.export_button.setEnabled(False)
        self._say("", None)
        self.progress_state = Progress()
        self.progress.start(self.progress_state)
        op = ops.export(self, self.worker, first, last, target, ui_language(), self.progress_state)
        op.success(lambda result: self._exported(result, target)).failure(self._refused).run()

    def _exported(self, result: Any, target: Path) -> None:
        self.progress.stop()
        self.export_button.setEnabled(True)
        if result.months == 0:
            self._say(self.tr("Cancelled; no file was written."), None)
            return
        first, last = self.months()
        span = str(first) if first == last else f"{first} – {last}"
        self._say(
            self.tr("Saved the fairness report for {0} ({1} rows) to {2}.").format(span, result.rows, target),
            "success",
        )

    def _refused(self, _exc: BaseException, message: str) -> None:
        self.progress.stop()
        self.export_button.setEnabled(True)
        self._say(self.tr("Not exported: {0}").format(message), "danger")

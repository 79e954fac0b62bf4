"""The fairness report (分配公平性报表) as an .xlsx workbook: one sheet per month, as a supervisor prints it (landscape,
one page wide): a row per rep, then the totals and the team's mean, the flag in words, and the rule under the table.
The header row and the reps' names stay in view; figures are numbers, the mean to one decimal.

It goes out under head office's export policy like a customer list (`FairnessService.for_export`: a role that may
export nothing gets no report, a rep only their own row) and is logged as an export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fieldcrm.domain.fairness import ABOVE, BELOW, FIGURES, Month, MonthReport
from fieldcrm.excel.exporter import save_whole
from fieldcrm.excel.safe_cells import append_row, safe_value
from fieldcrm.models import utcnow
from fieldcrm.services.exports import ExportService
from fieldcrm.services.fairness import FairnessReport, FairnessService
from fieldcrm.store import Store

#: Column labels: the rep, each figure of `FIGURES` in order, the flag.
LABELS: dict[str, tuple[str, ...]] = {
    "zh": (
        "销售代表", "首次接触", "公海领取", "主管分配", "交接接收", "仲裁获得", "获得合计",
        "主动释放", "退回公海", "转给他人", "赢单", "申诉提出", "申诉成立", "与团队平均相比",
    ),
    "en": (
        "Rep", "First contact", "Claimed from pool", "Assigned", "Handed over to them", "By arbitration",
        "Received in all", "Released", "Returned to pool", "Handed away", "Deals won", "Appeals filed",
        "Appeals upheld", "Against the team's mean",
    ),
}  # fmt: skip
WORDS = {
    "zh": {"total": "合计", "mean": "团队平均", ABOVE: "远高于平均", BELOW: "远低于平均"},
    "en": {"total": "Total", "mean": "Team mean", ABOVE: "far above the mean", BELOW: "far below the mean"},
}
NOTES = {
    "zh": (
        "标记规则：当月获得客户数比团队平均高出或低出至少 50%，且相差至少 3 个。月份按 {0} 时区计算。",
        "导出时间 {0}",
    ),
    "en": (
        "Flag: customers received at least 50% above or below the team's mean for the month, and at least 3 away "
        "from it. Months are counted in {0} time.",
        "Exported {0}",
    ),
}
#: Column widths in characters (CJK counts double in Excel's units).
WIDTHS = (14, *([11] * len(FIGURES)), 18)


@dataclass(frozen=True)
class FairnessExport:
    """What the workbook holds: its months and rep rows (summed over the months)."""

    months: int
    rows: int


def _bold(ws: Any, value: Any, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True)
    if number_format:
        cell.number_format = number_format
    return cell


def _sheet(book: Workbook, month: MonthReport, lang: str, timezone: str, made: datetime) -> None:
    ws = book.create_sheet(str(month.month))
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    words = WORDS[lang]
    ws.append([_bold(ws, label) for label in LABELS[lang]])
    for row in month.rows:
        flag = words[row.flag] if row.flag else None
        append_row(ws, [safe_value(ws, row.name), *(row.figures[f] for f in FIGURES), flag])
    ws.append([_bold(ws, words["total"]), *(_bold(ws, month.total[f]) for f in FIGURES)])
    ws.append([_bold(ws, words["mean"]), *(_bold(ws, round(month.mean[f], 1), "0.0") for f in FIGURES)])
    ws.append([])
    rule, stamp = NOTES[lang]
    ws.append([rule.format(timezone)])
    ws.append([stamp.format(made.strftime("%Y-%m-%d %H:%M UTC"))])


def write_fairness_book(
    path: Path,
    report: FairnessReport,
    *,
    lang: str = "zh",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> bool:
    """Write `report` to `path` (through a temporary file beside it, moved into place at the end); False when
    cancelled before it was done, leaving nothing under the chosen name."""
    lang = lang if lang in LABELS else "zh"
    book = Workbook(write_only=True)
    made = utcnow()
    for done, month in enumerate(report.months, 1):
        if cancelled():
            return False
        _sheet(book, month, lang, report.timezone, made)
        if progress is not None:
            progress(done, len(report.months))
    path = Path(path)
    save_whole(book, path)
    return True


def export_fairness(
    store: Store,
    path: Path,
    first: Month | None = None,
    last: Month | None = None,
    *,
    lang: str = "zh",
    user_id: str | None = None,
    clock: Callable[[], datetime] = utcnow,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> FairnessExport:
    """Export the fairness report from `first` through `last` (default: this month) for the reps the acting user
    sees, if the export policy allows it (PermissionDeniedError otherwise), and log the export. A cancelled export
    writes and logs nothing and returns 0 months."""
    report = FairnessService(store, user_id, clock=clock).for_export(first, last)
    if not write_fairness_book(path, report, lang=lang, progress=progress, cancelled=cancelled):
        return FairnessExport(0, 0)
    rows = sum(len(m.rows) for m in report.months)
    ExportService(store, user_id).record_export(report.describe(), rows, Path(path).name)
    return FairnessExport(len(report.months), rows)

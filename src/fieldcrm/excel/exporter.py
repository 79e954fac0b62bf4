"""Customer list export (导出) to .xlsx: the rows a customer-list filter shows, one header row in the UI language,
frozen and filtered, dates as dates, phones as text, and nothing in a cell that could run as a formula.

Every export goes through head office's export policy (`services.exports`): refused for a role that may not export
or over the role's cap, customers outside the role's scope left out, mobile numbers of customers the user does not
own masked; and each export is logged."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fieldcrm.domain.masking import mask_mobile
from fieldcrm.excel.fields import LABELS
from fieldcrm.excel.safe_cells import FORMULA_STARTS, append_row, text_cell
from fieldcrm.services.exports import ExportService, describe_query
from fieldcrm.services.search import CustomerQuery
from fieldcrm.store import Store

#: Export columns in order, with widths in characters (CJK counts double in Excel's units).
COLUMNS: tuple[tuple[str, int], ...] = (
    ("name", 36),
    ("credit_code", 22),
    ("phone", 16),
    ("address", 40),
    ("region", 10),
    ("industry", 12),
    ("size", 10),
    ("grade", 10),
    ("stage", 8),
    ("source", 12),
    ("tags", 18),
    ("notes", 40),
    ("next_follow_up", 12),
    ("contact_name", 12),
    ("contact_title", 12),
    ("contact_mobile", 16),
    ("contact_email", 26),
    ("contact_wechat", 16),
    ("owner", 10),
    ("protection_until", 12),
)
DATE_COLUMNS = {"next_follow_up", "protection_until"}
#: Columns that may hold a mobile number, masked for customers the exporting user does not own.
MOBILE_COLUMNS = {"phone", "contact_mobile"}
_CHUNK = 500
_SELECT = (
    "SELECT c.id, c.name, c.credit_code, c.phone, c.address, c.region, c.industry, c.size, c.grade, c.stage,"
    " c.source, c.tags, c.notes, c.next_follow_up, p.name, p.title, p.mobile, p.email, p.wechat, u.name,"
    " c.protection_until, c.owner_id FROM customer c LEFT JOIN app_user u ON u.id = c.owner_id"
    " LEFT JOIN contact p ON p.id = (SELECT id FROM contact WHERE customer_id = c.id AND deleted = 0"
    " ORDER BY is_primary DESC, created_at LIMIT 1) WHERE c.id IN ({marks})"
)


@dataclass(frozen=True)
class ExportResult:
    """How many customers the file holds, and how many the filter matched that the policy's scope left out."""

    written: int
    left_out: int = 0


def labels(lang: str) -> list[str]:
    names = LABELS.get(lang, LABELS["zh"])
    return [names[name] for name, _ in COLUMNS]


def iter_customer_rows(store: Store, ids: list[str]) -> Iterator[tuple[Any, ...]]:
    """Full export rows for `ids`, in that order, fetched a window at a time (a streaming query); each ends with
    the customer's owner id, which is not a column of the sheet."""
    with store.engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            sql = _SELECT.format(marks=",".join("?" * len(chunk)))
            found = {r[0]: r[1:] for r in conn.exec_driver_sql(sql, tuple(chunk))}
            for cid in chunk:
                if cid in found:
                    yield found[cid]


def export_customers(
    store: Store,
    path: Path,
    query: CustomerQuery | None = None,
    *,
    lang: str = "zh",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    user_id: str | None = None,
) -> ExportResult:
    """Write the customers matching `query` (all of them, in its order; paging is ignored) that the acting user
    may export to `path`, and log the export. Raises PermissionDeniedError when the policy refuses it.

    The file is written next to the target and moved into place at the end, so a cancelled or failed export never
    leaves half a workbook under the chosen name (and logs nothing).
    """
    query = replace(query or CustomerQuery(), limit=0, offset=0)
    exports = ExportService(store, user_id)
    plan = exports.plan(query)
    ids = plan.ids
    path = Path(path)
    book = Workbook(write_only=True)
    ws = book.create_sheet("客户" if lang == "zh" else "Customers")
    for i, (_, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(ids) + 1}"
    bold = Font(bold=True)
    header = []
    for label in labels(lang):
        cell = WriteOnlyCell(ws, value=label)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    date_at = [i for i, (name, _) in enumerate(COLUMNS) if name in DATE_COLUMNS]
    mobile_at = [i for i, (name, _) in enumerate(COLUMNS) if name in MOBILE_COLUMNS]
    written = 0
    for row in iter_customer_rows(store, ids):
        values = list(row[:-1])
        for i in date_at:
            if values[i]:
                values[i] = date.fromisoformat(str(values[i])[:10])
        if not plan.shows_numbers(row[-1]):
            for i in mobile_at:
                values[i] = mask_mobile(values[i])
        append_row(ws, [text_cell(ws, v) if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in values])
        written += 1
        if written % 2000 == 0:
            if cancelled():
                return ExportResult(0)
            if progress is not None:
                progress(written, len(ids))
    save_whole(book, path)
    exports.record_export(describe_query(query), written, path.name)
    if progress is not None:
        progress(written, len(ids))
    return ExportResult(written, plan.left_out)


def save_whole(book: Workbook, path: Path) -> None:
    """Write the workbook beside `path` and move it into place: a cancelled or failed save leaves no half file and
    never spoils a file already there."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        book.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)

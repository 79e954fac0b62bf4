"""The error workbook: the rows that failed, as they were, with a column saying why, ready to fix and re-import."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from fieldcrm.excel.safe_cells import append_row, safe_value

REASON_HEADER = {"zh": "错误原因", "en": "Why it failed"}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | date | datetime | time):
        return value
    return str(value)


def write_error_workbook(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[tuple[Sequence[Any], str]],
    lang: str = "zh",
    localize: Callable[[str], str] | None = None,
) -> Path:
    """The failed rows as read, and a last column with the reason, put in the reader's language by `localize`."""
    book = Workbook(write_only=True)
    ws = book.create_sheet("errors")
    bold = Font(bold=True)
    header_cells = []
    for text in [*headers, REASON_HEADER.get(lang, REASON_HEADER["zh"])]:
        cell = WriteOnlyCell(ws, value=None)
        cell._value, cell.data_type, cell.font = ILLEGAL_CHARACTERS_RE.sub("", str(text)), "s", bold
        header_cells.append(cell)
    ws.freeze_panes = "A2"
    ws.append(header_cells)
    width = len(headers)
    for raw, reason in rows:
        cells = [safe_value(ws, _plain(v)) for v in list(raw)[:width]]
        cells += [None] * (width - len(cells))
        append_row(ws, [*cells, localize(reason) if localize is not None else reason])
    path = Path(path)
    book.save(path)
    return path

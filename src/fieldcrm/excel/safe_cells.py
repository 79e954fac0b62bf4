"""Writing cells so nothing in them runs: text that looks like a formula (=, +, -, @, tab) stays text."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def text_cell(ws: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """A cell that holds `value` as a string: openpyxl would otherwise store "=…" as a formula; the quote prefix
    keeps Excel from turning it into one when the cell is edited, without changing the value read back."""
    cell = WriteOnlyCell(ws, value=None)
    cell._value = value
    cell.data_type = "s"
    cell.quotePrefix = True
    cell.number_format = "@"
    return cell


def safe_value(ws: WriteOnlyWorksheet, value: Any) -> Any:
    return text_cell(ws, value) if is_risky(value) else value


def append_row(ws: WriteOnlyWorksheet, values: list[Any]) -> None:
    """Append a row; control characters an .xlsx cannot hold (they reach the store from old data) are dropped
    from the row first. Checked before writing: a write-only sheet cannot take back half a row."""
    texts = [v if isinstance(v, str) else getattr(v, "value", None) for v in values]
    if ILLEGAL_CHARACTERS_RE.search("".join(t for t in texts if isinstance(t, str))):
        values = [_strip_illegal(v) for v in values]
    ws.append(values)


def _strip_illegal(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(getattr(value, "value", None), str):
        value._value = ILLEGAL_CHARACTERS_RE.sub("", value.value)
    return value

"""Reading a sheet as plain rows of cell values: python-calamine for .xlsx/.xls, openpyxl as the second reader,
and CSV in UTF-8 (with or without BOM) or GBK/GB18030."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine

from fieldcrm.excel.errors import ImportLimits, ImportRefusedError
from fieldcrm.excel.sniff import FileKind, sniff

_ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


@dataclass
class SheetData:
    """The rows of one sheet: `rows[i]` is Excel row `first_row + i` (1-based, as Excel shows it)."""

    kind: str
    sheet_names: list[str]
    sheet_name: str | None
    rows: list[list[Any]]
    first_row: int
    notice: str | None = None


def read_sheet(
    path: Path, sheet: str | None = None, limits: ImportLimits | None = None, reader: str = "auto"
) -> SheetData:
    """The chosen sheet (default: the first visible one with data) of the file at `path`."""
    limits = limits or ImportLimits()
    path = Path(path)
    kind = sniff(path, limits)
    if kind.kind == "csv":
        return _read_csv(path, limits, kind)
    if reader == "openpyxl" and kind.kind == "xlsx":
        return _read_openpyxl(path, sheet, limits, kind)
    return _read_calamine(path, sheet, limits, kind)


def _too_many(path: Path, limits: ImportLimits) -> ImportRefusedError:
    return ImportRefusedError(f"{path.name}: the sheet has more than {limits.max_rows:,} rows, the import limit")


def _damaged(path: Path, exc: Exception) -> ImportRefusedError:
    if isinstance(exc, python_calamine.PasswordError):
        return ImportRefusedError(
            f"{path.name}: the workbook is protected with a password; save an unprotected copy and import that"
        )
    detail = " ".join(str(exc).split())[:120]
    return ImportRefusedError(f"{path.name}: the workbook is damaged or in an unsupported format ({detail})")


def _pick_sheet(path: Path, names: list[str], visible: list[str], sheet: str | None) -> str:
    if sheet is not None:
        if sheet not in names:
            raise ImportRefusedError(f"{path.name}: there is no sheet named '{sheet}'; it has {', '.join(names)}")
        return sheet
    if not names:
        raise ImportRefusedError(f"{path.name}: the workbook has no sheets")
    return (visible or names)[0]


def _read_calamine(path: Path, sheet: str | None, limits: ImportLimits, kind: FileKind) -> SheetData:
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            meta = book.sheets_metadata
            names = [m.name for m in meta]
            worksheets = [m.name for m in meta if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
            shown = python_calamine.SheetVisibleEnum.Visible
            visible = [m.name for m in meta if m.visible == shown and m.name in worksheets]
            chosen = _pick_sheet(path, names, visible, sheet)
            data = book.get_sheet_by_name(chosen)
            if sheet is None and data.height == 0:
                # An empty first sheet (a cover page left blank): take the first visible one with data.
                for other in visible:
                    candidate = book.get_sheet_by_name(other)
                    if candidate.height > 0:
                        chosen, data = other, candidate
                        break
            if data.height > limits.max_rows:
                raise _too_many(path, limits)
            start = data.start
            rows: list[list[Any]] = [list(row) for row in data.iter_rows()]
        finally:
            book.close()
    except ImportRefusedError:
        raise
    except (python_calamine.CalamineError, ValueError, OSError, OverflowError, TypeError) as exc:
        raise _damaged(path, exc) from None
    first_row = (start[0] + 1) if start else 1
    if start and start[1]:
        rows = [[None] * start[1] + row for row in rows]
    return SheetData(kind.kind, names, chosen, rows, first_row, kind.notice)


def _read_openpyxl(path: Path, sheet: str | None, limits: ImportLimits, kind: FileKind) -> SheetData:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean "cannot read this"
        raise _damaged(path, exc) from None
    try:
        names = book.sheetnames
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        chosen = _pick_sheet(path, names, visible, sheet)
        rows: list[list[Any]] = []
        for row in book[chosen].iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > limits.max_rows:
                raise _too_many(path, limits)
    finally:
        book.close()
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return SheetData(kind.kind, names, chosen, rows, 1, kind.notice)


def decode_text(path: Path, raw: bytes) -> str:
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefusedError(f"{path.name}: the text is neither UTF-8 nor GBK/GB18030; save it as UTF-8 CSV")


def _read_csv(path: Path, limits: ImportLimits, kind: FileKind) -> SheetData:
    text = decode_text(path, path.read_bytes())
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    try:
        for row in _csv_rows(text, dialect):
            rows.append(row)
            if len(rows) > limits.max_rows:
                raise _too_many(path, limits)
    except csv.Error as exc:
        raise ImportRefusedError(f"{path.name}: row {len(rows) + 1} cannot be read as CSV ({exc})") from None
    return SheetData("csv", [path.stem], path.stem, rows, 1, kind.notice)


def _csv_rows(text: str, dialect: Any) -> Iterator[list[Any]]:
    csv.field_size_limit(16 * 1024 * 1024)
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        yield [value if value != "" else None for value in row]

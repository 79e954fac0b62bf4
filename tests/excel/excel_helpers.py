"""Helpers for the Excel tests: real workbooks written with openpyxl, and a way to see that the store did not move."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import text

from fieldcrm.store import Store


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, merge: str | None = None, title: str = "客户") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    if merge:
        ws.merge_cells(merge)
    book.save(path)
    return path


def store_fingerprint(store: Store) -> dict[str, Any]:
    """Counts and content of the tables an import may touch: equal before and after means nothing was written."""
    with store.engine.connect() as conn:
        return {
            table: conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
            for table in ("customer", "contact", "outbox", "import_batch", "import_item")
        }

"""Helpers for the Excel tests: real workbooks written with openpyxl, and a way to see that the store did not move."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
import pytest
from sqlalchemy import text

from fieldcrm.store import Store

#: Set (as .ci/run does) where the corpus must be there: a test that would need it then fails instead of skipping.
REQUIRE_CORPUS = "FIELDCRM_REQUIRE_CORPUS"


def corpus_dir() -> Path:
    """The shared real-world spreadsheets: $FIELDCRM_SHARED_DIR/corpus/spreadsheets, else ../shared beside the clone,
    else /work/shared (where CI machines keep it)."""
    candidates = [Path(os.environ["FIELDCRM_SHARED_DIR"])] if os.environ.get("FIELDCRM_SHARED_DIR") else []
    candidates += [Path(__file__).resolve().parents[2].parent / "shared", Path("/work/shared")]
    for shared in candidates:
        folder = shared / "corpus" / "spreadsheets"
        if folder.is_dir():
            return folder
    return candidates[0] / "corpus" / "spreadsheets"


def corpus_missing(what: str) -> NoReturn:
    """The test cannot run without `what` from the corpus: skipped on a machine without the corpus, failed where it
    is required ($FIELDCRM_REQUIRE_CORPUS)."""
    message = f"the spreadsheet corpus is not at {corpus_dir()} ({what} missing)"
    if os.environ.get(REQUIRE_CORPUS):
        pytest.fail(f"{message}, and it is required ({REQUIRE_CORPUS}=1)")
    pytest.skip(message)


def corpus_file(name: str) -> Path:
    """A file of the corpus, or the test is skipped (failed where the corpus is required)."""
    path = corpus_dir() / name
    if not path.is_file():
        corpus_missing(name)
    return path


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

"""Every edge-case workbook of calamine's test suite gives a preview or one clear sentence, never a traceback,
and leaves the store as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from excel_helpers import corpus_dir, corpus_missing, store_fingerprint

from fieldcrm.cli import main
from fieldcrm.paths import resolve_paths
from fieldcrm.store import Store

CORPUS = corpus_dir()
FILES = sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in (".xls", ".xlsx", ".xlsm", ".csv"))


# Without the corpus, one case stands for it: skipped, or failed where the corpus is required.
@pytest.mark.parametrize("path", FILES or [None], ids=[p.name for p in FILES] or ["no-corpus"])
def test_corpus_file_previews_or_is_refused_in_one_sentence(
    path: Path | None, capsys: pytest.CaptureFixture[str], _template_store: Path
) -> None:
    if path is None:
        corpus_missing("every workbook")
    database = resolve_paths().ensure().database
    shutil.copy(_template_store, database)  # an already migrated store keeps this test fast
    assert main(["init", "--name", "张伟", "--role", "rep"]) == 0
    store = Store.open(resolve_paths().database)
    before = store_fingerprint(store)
    capsys.readouterr()
    status = main(["import", str(path), "--dry-run"])
    out, err = capsys.readouterr()
    if status == 0:
        assert "new " in out and "Dry run" in out
    else:
        lines = err.strip().splitlines()
        assert status in (1, 2) and len(lines) == 1 and lines[0].startswith("error: ")
        assert "Traceback" not in err
    assert store_fingerprint(store) == before
    store.close()

"""A long import reaches head office: it goes in sync groups of about a chunk each, so every push stays within the
server's limits, where one group for the whole file would be refused (413) at every sync. Its undo goes the same way.
Sizes are scaled down (chunk, push limits) so the file stays small."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text

from fieldcrm.excel import ImportHistory, ImportJob
from fieldcrm.excel import commit as excel_commit
from fieldcrm.server.limits import ENV_MAX_PUSH_BYTES
from fieldcrm.sync import outbox

ROWS = 600
NOTE = "客户在工业园区设有两个仓库，采购由总部统一负责，年度框架协议每年三月续签。" * 8  # ~300 characters


@pytest.fixture
def small_pushes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server taking pushes of at most 1 MB, a laptop sending at most 200 KB of fields a push, chunks of 100 rows:
    the file's 600 rows (about 1.5 MB of ops) do not fit one push, a chunk does."""
    monkeypatch.setenv(ENV_MAX_PUSH_BYTES, "1000000")
    monkeypatch.setattr(outbox, "MAX_PUSH_FIELD_BYTES", 200_000)
    monkeypatch.setattr(excel_commit, "CHUNK", 100)


def _workbook(folder: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["客户名称", "电话", "备注", "联系人", "手机"])
    for i in range(ROWS):
        book.active.append([f"大批导入客户{i:04d}有限公司", f"0512-6{i:07d}", NOTE, f"联系人{i}", f"139{i:08d}"])
    path = folder / "大名单.xlsx"
    book.save(path)
    return path


def _server_count(server, table: str) -> int:
    with server.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table} WHERE deleted = false")).scalar()


def test_a_long_import_and_its_undo_reach_head_office_a_chunk_at_a_time(
    small_pushes, server, team, laptop_factory, tmp_path
) -> None:
    laptop = laptop_factory("a", "张伟")
    job = ImportJob(laptop.store, _workbook(tmp_path))
    job.read()
    job.preview()
    summary = job.commit()
    assert summary.new == ROWS
    with laptop.store.session() as session:
        groups = session.connection().exec_driver_sql("SELECT group_id, count(*) FROM outbox GROUP BY group_id").all()
    # customers, their contacts and their first contacts
    assert len(groups) == ROWS // 100 and max(n for _g, n in groups) == 3 * 100

    result = laptop.sync()
    assert result.pushed == 3 * ROWS and not result.rejected, result.summary()
    assert (_server_count(server, "customer"), _server_count(server, "contact")) == (ROWS, ROWS)

    ImportHistory(laptop.store).undo(summary.import_id)
    result = laptop.sync()
    assert not result.rejected, result.summary()
    assert (_server_count(server, "customer"), _server_count(server, "contact")) == (0, 0)

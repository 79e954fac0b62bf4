"""Backups a user can trust: a checked copy, restored only after the current store is kept aside, never from a
newer app or a damaged file; daily backups kept apart from the safety copies taken before risky steps."""

from __future__ import annotations

import sqlite3 as sqlite3_plain
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldcrm.cli import main
from fieldcrm.services import Services
from fieldcrm.store import Store, cipher
from fieldcrm.store.backups import backup_now, daily_backup, inspect_backup, restore_backup
from fieldcrm.store.errors import StoreError
from fieldcrm.store.migrate import backup_store, current_revision, head_revision


def names(path: Path) -> list[str]:
    with cipher.connect_any(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM customer WHERE deleted = 0 ORDER BY name")]


@pytest.fixture
def filled(store: Store) -> Store:
    services = Services.for_store(store)
    services.profile.init_profile("张伟", "rep", "华东一组")
    services.customers.create(name="备份前客户甲有限公司", contacts=[{"name": "周经理"}])
    services.customers.create(name="备份前客户乙有限公司")
    return store


def test_a_backup_restores_what_was_there_and_keeps_what_it_replaces(filled: Store, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    copy = backup_now(filled.path, backups, "manual")
    assert inspect_backup(copy).customers == 2 and inspect_backup(copy).user == "张伟"
    Services.for_store(filled).customers.create(name="备份后新加的客户有限公司")

    info, kept = restore_backup(filled.path, backups, copy)
    assert info.customers == 2
    # The running store's own connections see the restored data at once: nothing was swapped under them.
    assert sorted(c.name for c in Services.for_store(filled).search.search(_all())) == names(copy)
    assert names(filled.path) == ["备份前客户乙有限公司", "备份前客户甲有限公司"]
    assert "备份后新加的客户有限公司" in names(kept)  # what was replaced is kept, not lost
    with cipher.connect_any(filled.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _all():
    from fieldcrm.services import CustomerQuery

    return CustomerQuery(limit=100)


def test_a_backup_from_a_newer_app_or_a_damaged_file_is_refused_and_nothing_changes(
    filled: Store, tmp_path: Path
) -> None:
    backups = tmp_path / "backups"
    newer = backup_now(filled.path, backups, "manual")
    with cipher.connect_any(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(newer.read_bytes()[: newer.stat().st_size // 3])
    not_ours = tmp_path / "other.sqlite3"
    with sqlite3_plain.connect(not_ours) as conn:
        conn.execute("CREATE TABLE t (x)")
    before = names(filled.path)
    copies = sorted(backups.iterdir())

    with pytest.raises(StoreError, match="newer FieldCRM"):
        restore_backup(filled.path, backups, newer)
    with pytest.raises(StoreError, match="damaged|not a FieldCRM backup"):
        restore_backup(filled.path, backups, damaged)
    with pytest.raises(StoreError, match="not a FieldCRM backup"):
        restore_backup(filled.path, backups, not_ours)
    assert names(filled.path) == before
    assert sorted(backups.iterdir()) == copies  # refused before anything was copied or replaced


def test_a_backup_of_an_older_schema_is_restored_and_brought_up_to_date(filled: Store, tmp_path: Path) -> None:
    from fieldcrm.store.db import make_engine
    from fieldcrm.store.migrate import upgrade_store

    old = tmp_path / "old" / "fieldcrm.sqlite3"
    old.parent.mkdir()
    engine = make_engine(old)
    upgrade_store(engine, old, tmp_path / "old" / "backups", target="0001")
    engine.dispose()
    restore_backup(filled.path, tmp_path / "backups", old)
    filled.close()
    reopened = Store.open(filled.path, tmp_path / "backups")
    assert current_revision(reopened.engine) == head_revision()
    reopened.close()


def test_daily_backups_come_once_a_day_and_keep_their_own_number(filled: Store, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    first = daily_backup(filled.path, backups, keep=3, now=now)
    assert first is not None and inspect_backup(first).customers == 2
    assert daily_backup(filled.path, backups, keep=3, now=now + timedelta(hours=23)) is None
    for _ in range(6):  # the safety copies before migrations and logins must not push daily ones out
        backup_store(filled.path, backups, "before-0009")
    made = [daily_backup(filled.path, backups, keep=3, now=now + timedelta(days=d, hours=1)) for d in range(1, 5)]
    assert all(made)
    daily = sorted(p.name for p in backups.glob("fieldcrm-daily-*.sqlite3"))
    assert len(daily) == 3 and first.name not in daily
    assert len(list(backups.glob("fieldcrm-before-*.sqlite3"))) == 5


def cli(folder: Path, *args: str) -> int:
    try:
        return main(["--data-dir", str(folder), *args])
    except SystemExit as exc:
        return int(exc.code or 0)


def test_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "profile"
    assert cli(profile, "backup") == 2 and "nothing to back up" in capsys.readouterr().err
    assert cli(profile, "init", "--name", "张伟", "--role", "rep") == 0
    assert cli(profile, "customers", "add", "--name", "命令行备份客户有限公司") == 0
    out = tmp_path / "mine.sqlite3"
    capsys.readouterr()
    assert cli(profile, "backup", str(out)) == 0
    assert "Backed up 1 customers" in capsys.readouterr().out and out.is_file()
    assert cli(profile, "backup", str(out)) == 2 and "--force" in capsys.readouterr().err
    assert cli(profile, "backup", str(out), "--force") == 0
    assert cli(profile, "backup", str(tmp_path / "no" / "such" / "folder.sqlite3")) == 2
    assert "does not exist" in capsys.readouterr().err

    assert cli(profile, "customers", "add", "--name", "之后的客户有限公司") == 0
    capsys.readouterr()
    assert cli(profile, "restore", str(out)) == 0
    said = capsys.readouterr().out
    assert "Restored mine.sqlite3 of 张伟" in said and "kept as" in said
    assert names(profile / "fieldcrm.sqlite3") == ["命令行备份客户有限公司"]
    (tmp_path / "junk.sqlite3").write_text("not a database")
    assert cli(profile, "restore", str(tmp_path / "junk.sqlite3")) == 2
    assert "not a FieldCRM backup" in capsys.readouterr().err

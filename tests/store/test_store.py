"""The local store: pragmas, migrations from older revisions, backups, refusing a newer store."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

from fieldcrm.services import CustomerQuery, Services
from fieldcrm.store import Store, StoreTooNewError, cipher, search_index
from fieldcrm.store.db import make_engine
from fieldcrm.store.migrate import alembic_config, head_revision, upgrade_store


def test_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000


def test_one_head_and_models_match_migrations(store: Store) -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1

    def ours(obj, name, type_, reflected, compare_to) -> bool:  # the search index is made by SQL, not by models
        return not (type_ == "table" and name.startswith(search_index.SQL_TABLES))

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours})
        assert compare_metadata(context, SQLModel.metadata) == []


def _store_at_first_revision(path: Path) -> None:
    """A laptop store as the first release left it, with data typed by a user."""
    engine = make_engine(path)
    upgrade_store(engine, path, path.parent / "backups", target="0001")
    engine.dispose()
    conn = cipher.connect_any(path)
    now = "2026-01-02 03:04:05.000000"
    conn.execute(
        "INSERT INTO app_user (id, created_at, updated_at, version, deleted, owner_id, name, role, active)"
        " VALUES ('u1', ?, ?, 0, 0, 'u1', '张伟', 'rep', 1)",
        (now, now),
    )
    conn.execute("INSERT INTO sync_state (key, value) VALUES ('current_user_id', 'u1')")
    for i, name in enumerate(("上海华润万家超市有限公司", "杭州新达科技有限公司")):
        conn.execute(
            "INSERT INTO customer (id, created_at, updated_at, version, deleted, owner_id, name, name_norm,"
            " in_public_pool, tags, notes) VALUES (?, ?, ?, 3, 0, 'u1', ?, '', 0, '', '老客户')",
            (f"c{i}", now, now, name),
        )
    conn.execute(
        "INSERT INTO contact (id, created_at, updated_at, version, deleted, owner_id, customer_id, name,"
        " is_primary) VALUES ('k1', ?, ?, 0, 0, 'u1', 'c0', '欧阳娜娜', 1)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO outbox (op_id, group_id, device_id, table_name, row_id, op, fields, base_version,"
        " created_at) VALUES ('o1', 'g1', 'd1', 'customer', 'c1', 'update', '{\"notes\": \"老客户\"}', 3, ?)",
        (now,),
    )
    conn.commit()
    conn.close()


def test_upgrade_from_first_revision_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old" / "fieldcrm.sqlite3"
    path.parent.mkdir()
    _store_at_first_revision(path)
    store = Store.open(path, tmp_path / "old" / "backups")
    try:
        services = Services.for_store(store)
        assert services.search.count(CustomerQuery()) == 2
        assert [r.name for r in services.search.search(CustomerQuery(text="娜娜"))] == ["上海华润万家超市有限公司"]
        assert services.customers.get("c1")["notes"] == "老客户"
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 1  # the outbox survives
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        services.customers.update("c1", grade="A")  # and the upgraded store works
    finally:
        store.close()
    backups = list((tmp_path / "old" / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    copy = cipher.connect_any(backups[0])
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert copy.execute("SELECT count(*) FROM customer").fetchone() == (2,)


def test_upgrade_to_pinyin_fills_the_keys_of_the_rows_stored_before(tmp_path: Path) -> None:
    """A store at 0004 holds customers and contacts, indexed as FieldCRM then indexed them (the full text only);
    after the upgrade the list is in pinyin order and pinyin finds them, contacts included."""
    path = tmp_path / "old" / "fieldcrm.sqlite3"
    path.parent.mkdir()
    engine = make_engine(path)
    upgrade_store(engine, path, path.parent / "backups", target="0004_refused_ops")
    now = "2026-12-01 03:04:05.000000"
    customers = {"c1": "重庆长安汽车股份有限公司", "c2": "厦门航空有限公司", "c3": "北京燕山电子有限公司"}
    customers["c4"] = "阿里巴巴（中国）网络技术有限公司"  # deleted: it stays out of the list
    contacts = [
        ("k1", "c2", "王芳", 1),
        ("k2", "c2", "单田芳", 0),
        ("k3", "c2", "曾涛", 0),
        ("k4", "c3", "欧阳娜娜", 1),
    ]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO app_user (id, created_at, updated_at, version, deleted, owner_id, name, role, active)"
            " VALUES ('u1', ?, ?, 0, 0, 'u1', '张伟', 'rep', 1)",
            (now, now),
        )
        conn.exec_driver_sql("INSERT INTO sync_state (key, value) VALUES ('current_user_id', 'u1')")
        for cid, name in customers.items():
            conn.exec_driver_sql(
                "INSERT INTO customer (id, created_at, updated_at, version, deleted, owner_id, name, name_norm,"
                " in_public_pool, tags, notes) VALUES (?, ?, ?, 3, ?, 'u1', ?, ?, 0, '', '')",
                (cid, now, now, int(cid == "c4"), name, name),
            )
        for kid, cid, name, primary in contacts:
            conn.exec_driver_sql(
                "INSERT INTO contact (id, created_at, updated_at, version, deleted, owner_id, customer_id, name,"
                " is_primary) VALUES (?, ?, ?, 2, 0, 'u1', ?, ?, ?)",
                (kid, now, now, cid, name, primary),
            )
        search_index.reindex_customers(conn, customers, pinyin=False)
    engine.dispose()

    store = Store.open(path, path.parent / "backups")
    try:
        services = Services.for_store(store)
        listed = [r.name for r in services.search.search(CustomerQuery())]
        assert listed == ["北京燕山电子有限公司", "重庆长安汽车股份有限公司", "厦门航空有限公司"]
        assert services.search.ids(CustomerQuery()) == ["c3", "c1", "c2"]
        for text, found in [("cqca", "c1"), ("xiamen", "c2"), ("shantianfang", "c2"), ("oynn", "c3"), ("航空", "c2")]:
            assert [r.id for r in services.search.search(CustomerQuery(text=text))] == [found], text
        assert services.search.search(CustomerQuery(text="alibaba")) == []
        assert [c["name"] for c in services.customers.get("c2")["contacts"]] == ["王芳", "单田芳", "曾涛"]
    finally:
        store.close()


def test_no_backup_for_a_new_store_and_only_five_kept(tmp_path: Path) -> None:
    path = tmp_path / "p" / "fieldcrm.sqlite3"
    Store.open(path).close()
    assert not (tmp_path / "p" / "backups").exists()
    from fieldcrm.store.migrate import backup_store

    for i in range(7):  # the safety copies taken before migrations (and logins, restores)
        backup_store(path, tmp_path / "p" / "backups", f"before-{i:04d}")
    assert len(list((tmp_path / "p" / "backups").glob("*.sqlite3"))) == 5


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new" / "fieldcrm.sqlite3"
    Store.open(path).close()
    conn = cipher.connect_any(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreTooNewError, match="newer FieldCRM"):
        Store.open(path)


def test_a_damaged_store_gives_one_actionable_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fieldcrm.cli import main

    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "fieldcrm.sqlite3").write_bytes(b"this is not a database" * 100)
    code = main(["--data-dir", str(folder), "init", "--name", "张伟", "--role", "rep"])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert err.startswith("error: ") and "damaged" in err and "\n" not in err

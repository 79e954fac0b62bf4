"""Server ordering: a transaction that commits late is not skipped by pull cursors; laptop clocks do not matter."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, text
from sqlmodel import Session, select

from fieldcrm.models import Customer
from fieldcrm.server.writes import record_changes, touched_row
from waiting import HANG_GUARD, wait_for


def _names(laptop) -> set[str]:
    with laptop.store.session() as session:
        return set(session.exec(select(Customer.name).where(Customer.deleted == False)))


def _blocked_writes(server, mine) -> Callable[[], bool]:
    """Whether a transaction other than `mine` (a connection of this test) is waiting for a lock `mine` holds.

    PostgreSQL says so itself (a lock not granted). SQLite has a single writer's lock, which `mine` holds: any write
    another connection has started waits for it (in SQLite's busy handler), so a write started elsewhere is proof."""
    if server.engine.dialect.name == "postgresql":
        waiting = text(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE NOT l.granted AND a.datname = current_database()"
        )

        def postgres() -> bool:
            with server.engine.connect() as conn:
                return conn.execute(waiting).scalar_one() > 0

        return postgres
    started: list[str] = []
    # A push takes the write lock as it begins (BEGIN IMMEDIATE); other writes take it at their first change.
    writes = ("BEGIN IMMEDIATE", "INSERT", "UPDATE", "DELETE")

    def seen(conn, _cursor, statement: str, *_args) -> None:
        if conn is not mine and statement.lstrip().upper().startswith(writes):
            started.append(statement)

    event.listen(server.engine, "before_cursor_execute", seen)
    return lambda: bool(started)


def test_a_late_commit_is_not_skipped_by_the_cursor(server, team, laptop_factory) -> None:
    reader = laptop_factory("reader", "张伟")
    writer = laptop_factory("writer", "张伟")
    writer.cli("customers", "add", "--name", "后提交的客户有限公司")
    with Session(server.engine) as slow:
        slow.begin()
        row = Customer(name="先开始的客户有限公司", name_norm="先开始的客户", owner_id=team["rep"])
        slow.add(row)
        slow.flush()
        record_changes(slow, [touched_row(row)])  # holds the counter row until commit
        writer_blocked = _blocked_writes(server, slow.connection())
        pushed = threading.Thread(target=writer.sync)
        pushed.start()
        # The writer's push is under way and waits for the counter (or, were the counter not locked, has committed
        # already): only then does the reader pull.
        wait_for(lambda: writer_blocked() or not pushed.is_alive(), "the writer's push waits for the slow one")
        reader.sync()
        assert "先开始的客户有限公司" not in _names(reader)
        assert reader.client().status()["cursor"] < row.version
        slow.commit()
    pushed.join(HANG_GUARD)
    assert not pushed.is_alive(), "the writer's push never finished"
    reader.sync()
    assert {"先开始的客户有限公司", "后提交的客户有限公司"} <= _names(reader)


def test_a_laptop_clock_a_year_ahead_neither_wins_nor_poisons_order(server, team, laptop_factory) -> None:
    fast = laptop_factory("fast", "张伟")
    normal = laptop_factory("normal", "张伟")
    customer_id = fast.cli("customers", "add", "--name", "时钟客户有限公司").strip()
    fast.sync()
    normal.sync()
    from fieldcrm.services.changes import unit_of_work

    with unit_of_work(fast.store) as uow:  # an edit stamped a year in the future
        customer = uow.session.get(Customer, customer_id)
        uow.update(customer, {"notes": "未来的备注"})
        customer.updated_at = datetime.now(UTC) + timedelta(days=365)
    fast.sync()
    normal.cli("customers", "edit", customer_id, "--notes", "现在的备注")
    normal.sync()
    fast.sync()
    for laptop in (fast, normal):
        assert laptop.cli_json("customers", "show", customer_id)["notes"] == "现在的备注"
    logged = [c for c in normal.cli_json("conflicts", "list", "--all") if c["kind"] == "lost_value"]
    assert any("未来的备注" in (c["server_value"] or "") + (c["local_value"] or "") for c in logged)


def test_a_devices_own_queued_edits_do_not_conflict_with_each_other(server, team, laptop_factory) -> None:
    laptop = laptop_factory("a", "张伟")
    customer_id = laptop.cli("customers", "add", "--name", "连续修改有限公司", "--phone", "021-60000000").strip()
    laptop.sync()
    for phone in ("021-60000001", "021-60000002", "021-60000003"):
        laptop.cli("customers", "edit", customer_id, "--phone", phone)
    laptop.cli("customers", "delete", customer_id)
    result = laptop.sync()
    assert result.conflicts == 0 and result.rejected == 0, result.summary()
    assert laptop.cli_json("conflicts", "list", "--all") == []


def test_a_checksum_mismatch_repairs_that_table_alone(server, team, laptop_factory) -> None:
    laptop = laptop_factory("a", "张伟")
    kept = laptop.cli("customers", "add", "--name", "校验客户甲有限公司").strip()
    lost = laptop.cli("customers", "add", "--name", "校验客户乙有限公司").strip()
    laptop.cli("visits", "log", "--customer", kept, "--outcome", "拜访")
    laptop.sync()
    assert laptop.sync().repaired == []
    with laptop.store.engine.begin() as conn:  # silent damage: a row vanished, another holds a stale copy
        conn.exec_driver_sql("DELETE FROM ownership_event WHERE customer_id = ?", (lost,))  # (it points at the row)
        conn.exec_driver_sql("DELETE FROM customer WHERE id = ?", (lost,))
        conn.exec_driver_sql("UPDATE customer SET name = '坏了', version = version - 1 WHERE id = ?", (kept,))
        conn.exec_driver_sql("UPDATE sync_state SET value = '0' WHERE key = 'syncs_until_check'")
    result = laptop.sync()
    assert result.repaired == ["customer", "ownership_event"]  # the damaged tables, nothing else
    names = {laptop.cli_json("customers", "show", cid)["name"] for cid in (kept, lost)}
    assert names == {"校验客户甲有限公司", "校验客户乙有限公司"}
    with laptop.store.engine.connect() as conn:
        recorded = conn.exec_driver_sql("SELECT value FROM sync_state WHERE key = 'last_repair'").scalar()
    assert recorded.endswith(" ownership_event")  # the last table repaired

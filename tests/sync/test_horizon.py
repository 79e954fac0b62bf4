"""The tombstone horizon: old deletions are purged on the server; a laptop whose cursor is older gets a clear 410,
fetches a fresh copy of its view, drops what the server no longer has, and keeps and pushes its unsent changes."""

from __future__ import annotations

import contextlib
import io
from datetime import timedelta

import httpx
import pytest
from laptops import local_count, server_count
from proxy import CuttingProxy
from sqlalchemy import text
from test_property import _local_view, _server_view
from test_security import token_of

from fieldcrm.models import Customer, utcnow
from fieldcrm.server.cli import main as server_main
from fieldcrm.server.horizon import HORIZON_ROW, purge_tombstones
from fieldcrm.services.changes import unit_of_work
from fieldcrm.sync.client import FRESH_PULL_KEY
from waiting import HANG_GUARD


def _age(server, customer_id: str, days: int) -> None:
    """Let a tombstone (and its contacts) grow old: as if it had been deleted `days` days ago."""
    then = utcnow() - timedelta(days=days)
    with server.engine.begin() as conn:
        for table, column in (("customer", "id"), ("contact", "customer_id")):
            conn.execute(
                text(f"UPDATE {table} SET updated_at = :t WHERE {column} = :id"), {"t": then, "id": customer_id}
            )


def _count(server, table: str, row_id: str) -> int:
    return server_count(server, f"SELECT count(*) FROM {table} WHERE id = '{row_id}'")


def test_cursor_older_than_the_horizon_fresh_pull_keeps_the_outbox(server, team, laptop_factory) -> None:
    writer = laptop_factory("writer", "张伟")
    stale = laptop_factory("stale", "张伟")
    kept = writer.cli("customers", "add", "--name", "留下的客户有限公司").strip()
    old = writer.cli("customers", "add", "--name", "早就删了有限公司", "--contact-name", "孙经理").strip()
    recent = writer.cli("customers", "add", "--name", "刚删的客户有限公司").strip()
    visited = writer.cli("customers", "add", "--name", "删了但有拜访有限公司").strip()
    writer.cli("visits", "log", "--customer", visited, "--outcome", "拜访记录留着")
    writer.sync()
    stale.sync()  # then away for months

    stale.cli("customers", "edit", kept, "--notes", "离线很久写的")
    fresh = stale.cli("customers", "add", "--name", "离线新建有限公司").strip()
    stale.cli("customers", "edit", old, "--address", "改了一个早已删除的客户")
    for customer_id in (old, recent, visited):
        writer.cli("customers", "delete", customer_id)
    writer.sync()
    _age(server, old, 40)
    _age(server, visited, 40)

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert server_main(["purge-tombstones", "--database-url", server.database_url, "--days", "30"]) == 0
    # the old customer, its contact and its ownership history (its first contact)
    assert out.getvalue().startswith("purged 3 deletions")
    assert _count(server, "customer", old) == 0
    assert _count(server, "customer", recent) == 1  # inside the horizon: kept
    assert _count(server, "customer", visited) == 1  # a visit still points at it: kept
    horizon = server_count(server, f"SELECT value FROM sync_counter WHERE id = {HORIZON_ROW}")
    assert horizon > stale.client().status()["cursor"]

    # The stale cursor gets a clear answer, not a silent gap.
    headers = token_of(server, "张伟")
    cursor = stale.client().status()["cursor"]
    answer = httpx.get(f"{server.url}/sync/pull", params={"after": cursor}, headers=headers, timeout=HANG_GUARD)
    assert answer.status_code == 410 and "fresh copy" in answer.json()["detail"]

    assert not writer.sync().fresh_pull  # its cursor is past the purge: business as usual
    result = stale.sync()
    assert result.fresh_pull and "fresh copy" in result.summary()
    assert result.rejected == 1  # the edit of the purged customer is shown, with the reason, not dropped
    [problem] = [c for c in stale.cli_json("conflicts", "list") if c["kind"] == "rejected"]
    assert problem["row_id"] == old and "改了一个早已删除的客户" in problem["local_value"]
    assert local_count(stale, f"SELECT count(*) FROM customer WHERE id = '{old}'") == 0
    assert local_count(stale, f"SELECT count(*) FROM contact WHERE customer_id = '{old}'") == 0
    assert local_count(stale, f"SELECT count(*) FROM customer WHERE id = '{recent}' AND deleted = 1") == 1
    assert stale.cli_json("customers", "show", kept)["notes"] == "离线很久写的"
    assert _count(server, "customer", fresh) == 1
    assert local_count(stale, "SELECT count(*) FROM outbox") == 0
    assert _local_view(stale) == _server_view(server, "张伟")
    again = stale.sync()
    assert not again.fresh_pull and again.pulled == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_fresh_pull_interrupted_starts_over_and_keeps_unsent_rows(server, team, laptop_factory) -> None:
    writer = laptop_factory("writer", "张伟")
    customers = [writer.cli("customers", "add", "--name", f"中断全量{i:02d}有限公司").strip() for i in range(30)]
    writer.sync()
    proxy = CuttingProxy(int(server.url.rsplit(":", 1)[1]))
    try:
        stale = laptop_factory("stale")
        stale.server_url = proxy.url
        stale.login("张伟", "secret-pass-1")
        stale.sync()
        for customer_id in customers[:10]:
            writer.cli("customers", "delete", customer_id)
        writer.sync()
        assert purge_tombstones(server.engine, timedelta(0)) == 20  # each customer with its first contact

        proxy.cut_download = 6000  # the fresh pull breaks off a page or two in
        first = stale.client(retries=0, page_size=5).sync_once()
        assert first.offline and proxy.cuts == 1
        with stale.store.session() as session:
            from fieldcrm.services.state import get_state

            assert get_state(session, FRESH_PULL_KEY) == "1"
        assert local_count(stale, "SELECT count(*) FROM customer WHERE deleted = 0") == 30  # nothing pruned yet

        # Meanwhile the rep edits a customer the server purged: that row has an unsent change.
        with unit_of_work(stale.store) as uow:
            uow.update(uow.session.get(Customer, customers[0]), {"notes": "中断后写的"})
        written: list[str] = []

        def edit_during_pull(phase: str, _done: int, _total: int) -> None:
            if phase == "pull" and not written:  # another purged customer gets an edit while the pull runs
                with unit_of_work(stale.store) as uow:
                    uow.update(uow.session.get(Customer, customers[1]), {"notes": "拉取时写的"})
                written.append(customers[1])

        result = stale.client(page_size=5).sync_once(progress=edit_during_pull)
        assert result.fresh_pull and result.rejected == 1  # pushed first: refused with its reason, not lost
        assert written and local_count(stale, "SELECT count(*) FROM customer") == 21  # the unsent row is kept
        assert stale.client().status()["pending_changes"] == 1
        assert stale.sync().rejected == 1  # and pushed: refused, listed with its reason
        assert local_count(stale, "SELECT count(*) FROM customer") == 20
        assert _local_view(stale) == _server_view(server, "张伟")
        assert stale.client().status()["pending_changes"] == 0
        rejected = [c["row_id"] for c in stale.cli_json("conflicts", "list") if c["kind"] == "rejected"]
        assert sorted(rejected) == sorted(customers[:2])
    finally:
        proxy.close()

"""SYNC-TESTS.md failure scenarios on real parts: a stalled queue, clock skew, delete versus edit, duplicate
customers and merges, countersign races, reassignment, a restored backup, and no outbox echo."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import UTC, datetime, timedelta

import pytest
from laptops import local_count, server_count
from proxy import CuttingProxy
from sqlmodel import select

from fieldcrm.domain.errors import InvalidStateError
from fieldcrm.models import Customer, DailyReport, OutboxEntry, Visit
from fieldcrm.services.changes import unit_of_work
from fieldcrm.store import cipher
from fieldcrm.sync import outbox
from fieldcrm.sync.auto import AutoSync
from fieldcrm.sync.client import SyncResult
from fieldcrm.sync.protocol import PushResponse
from fieldcrm.sync.transport import Transport
from waiting import ManualClock, wait_for

CREDIT_CODE = "91310000MA1FL3X203"
#: Laptop-side behaviour that does not depend on the server's database: run against the SQLite server only.
sqlite_server = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def proxy(server):
    running = CuttingProxy(int(server.url.rsplit(":", 1)[1]))
    yield running
    running.close()


def _pending(laptop) -> int:
    return local_count(laptop, "SELECT count(*) FROM outbox")


def _conflicts(laptop, kind: str) -> list[dict]:
    return [c for c in laptop.cli_json("conflicts", "list") if c["kind"] == kind]


def _server_row(server, table: str, row_id: str) -> dict:
    from sqlalchemy import text

    with server.engine.connect() as conn:
        return dict(conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": row_id}).mappings().one())


# -- a failed upload is retried without a new local write ------------------------------------------------------
def test_failed_upload_is_retried_without_a_new_local_write(server, team, laptop_factory, proxy) -> None:
    laptop = laptop_factory("a")
    laptop.server_url = proxy.url
    laptop.login("张伟", "secret-pass-1")
    customer_id = laptop.cli("customers", "add", "--name", "重试上传有限公司").strip()
    proxy.down = True
    failed = laptop.client(retries=1).sync_once()
    assert failed.offline and failed.pushed == 0
    assert _pending(laptop) == 2  # the customer and its first contact, kept; nothing new is written before the retry
    proxy.down = False
    assert laptop.sync().pushed == 2
    assert _pending(laptop) == 0
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer_id}'") == 1


@sqlite_server
def test_auto_sync_retries_a_failed_upload_by_itself(server, team, laptop_factory, proxy) -> None:
    laptop = laptop_factory("a")
    laptop.server_url = proxy.url
    laptop.login("张伟", "secret-pass-1")
    laptop.cli("customers", "add", "--name", "自动重试有限公司")
    proxy.down = True
    attempts: list[bool] = []

    def sync():
        result = laptop.client(retries=0).sync_once()
        attempts.append(result.offline)
        return result

    def pending() -> int:
        return laptop.client().status()["pending_changes"]

    # A long regular interval and no local_change() call: only the failure backoff can bring the next attempt. The
    # schedule's clock moves only when the test moves it, by exactly the delay the backoff promised.
    clock = ManualClock()
    schedule = AutoSync(interval=3600, debounce=3600, retry_first=15, retry_max=300, clock=clock)
    stop = threading.Event()
    runner = threading.Thread(target=schedule.run, args=(sync, pending, stop, 0.02))
    runner.start()
    try:
        for failures, delay in ((1, 15), (2, 30), (3, 60)):  # doubling from the first retry delay
            # (failures counts first, then the next attempt is set in the future: wait for both)
            wait_for(lambda n=failures: schedule.failures == n and schedule.next_at > clock(), f"failure {failures}")
            assert attempts == [True] * failures and pending() == 2  # the customer and its first contact
            assert schedule.seconds_left() == delay  # nothing runs until then
            if failures == 3:
                proxy.down = False
            clock.advance(delay)
        wait_for(lambda: schedule.failures == 0, "the retry after the server came back")
    finally:
        stop.set()
        runner.join()
    assert attempts == [True, True, True, False] and pending() == 0
    assert server_count(server, "SELECT count(*) FROM customer WHERE name = '自动重试有限公司'") == 1
    assert schedule.seconds_left() == 3600  # back to the regular interval once the queue is empty


# -- clock skew warns but syncs ------------------------------------------------------------------------------
@sqlite_server
def test_clock_skew_warns_but_syncs(server, team, laptop_factory) -> None:
    skewed = laptop_factory("skewed", "张伟")
    other = laptop_factory("other", "张伟")
    customer_id = skewed.cli("customers", "add", "--name", "时钟偏差有限公司").strip()
    ahead = timedelta(hours=3)
    with unit_of_work(skewed.store) as uow:  # a write stamped by the wrong clock
        row = uow.session.get(Customer, customer_id)
        uow.update(row, {"notes": "钟快了三小时"})
        row.updated_at = datetime.now(UTC) + ahead
    result = skewed.client(clock=lambda: datetime.now(UTC) + ahead).sync_once()
    # the customer, its first contact and the edit
    assert not result.offline and result.pushed == 3 and result.rejected == 0
    assert [w for w in result.warnings if "clock is off by 180 minutes" in w], result.warnings
    assert skewed.client().status()["warnings"] == result.warnings
    other.sync()
    assert other.cli_json("customers", "show", customer_id)["notes"] == "钟快了三小时"
    assert skewed.client().sync_once().warnings == []  # a correct clock: no warning
    assert skewed.client().status()["warnings"] == []


# -- delete versus offline edit: a conflict, not a resurrection ----------------------------------------------
def test_server_delete_versus_offline_edit_is_a_conflict(server, team, laptop_factory) -> None:
    deleter = laptop_factory("deleter", "张伟")
    editor = laptop_factory("editor", "张伟")
    customer_id = deleter.cli("customers", "add", "--name", "删改冲突甲有限公司").strip()
    deleter.sync()
    editor.sync()
    deleter.cli("customers", "delete", customer_id)
    editor.cli("customers", "edit", customer_id, "--notes", "离线时写的备注")
    deleter.sync()
    assert editor.sync().conflicts == 1
    deleter.sync()
    assert _server_row(server, "customer", customer_id)["deleted"]  # not resurrected by the edit
    for laptop in (deleter, editor):
        assert local_count(laptop, f"SELECT count(*) FROM customer WHERE id = '{customer_id}' AND deleted = 0") == 0
        [conflict] = _conflicts(laptop, "deleted")
        assert conflict["row_id"] == customer_id
    [mine] = _conflicts(editor, "deleted")
    assert json.loads(mine["local_value"]) == {"notes": "离线时写的备注"}  # the edit is kept, not lost
    assert json.loads(mine["server_value"]) == {"deleted": True}

    editor.cli("conflicts", "resolve", mine["id"], "--keep", "mine")  # the user decides: bring it back
    assert editor.sync().conflicts == 0
    deleter.sync()
    for laptop in (deleter, editor):
        assert laptop.cli_json("customers", "show", customer_id)["notes"] == "离线时写的备注"
        assert _conflicts(laptop, "deleted") == []
    assert not _server_row(server, "customer", customer_id)["deleted"]


def test_offline_delete_versus_server_edit_is_a_conflict(server, team, laptop_factory) -> None:
    deleter = laptop_factory("deleter", "张伟")
    editor = laptop_factory("editor", "张伟")
    customer_id = deleter.cli("customers", "add", "--name", "删改冲突乙有限公司").strip()
    deleter.sync()
    editor.sync()
    editor.cli("customers", "edit", customer_id, "--notes", "先到的修改")
    deleter.cli("customers", "delete", customer_id)
    editor.sync()
    assert deleter.sync().conflicts == 1
    editor.sync()
    assert not _server_row(server, "customer", customer_id)["deleted"]
    for laptop in (deleter, editor):  # the edit survives everywhere until someone chooses the delete
        assert laptop.cli_json("customers", "show", customer_id)["notes"] == "先到的修改"
    [conflict] = _conflicts(deleter, "deleted")
    assert json.loads(conflict["local_value"]) == {"deleted": True}
    deleter.cli("conflicts", "resolve", conflict["id"], "--keep", "mine")
    assert deleter.sync().conflicts == 0
    editor.sync()
    assert _server_row(server, "customer", customer_id)["deleted"]
    for laptop in (deleter, editor):
        assert local_count(laptop, f"SELECT count(*) FROM customer WHERE id = '{customer_id}' AND deleted = 0") == 0
        assert _conflicts(laptop, "deleted") == []


# -- two reps create the same customer offline, with a credit code --------------------------------------------
def test_two_reps_create_the_same_customer_with_a_credit_code(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    li = laptop_factory("li", "李娜")
    sup = laptop_factory("sup", "王经理")
    first = zhang.services().customers.create(name="北京同仁堂科技有限公司", credit_code=CREDIT_CODE)
    second = li.services().customers.create(
        name="北京同仁堂科技有限公司", credit_code=CREDIT_CODE, address="北京市东城区"
    )
    assert first == second  # the credit code decides the id
    zhang.services().visits.log(first, outcome="张伟的拜访")
    li.services().visits.log(second, outcome="李娜的拜访")
    zhang.sync()
    li.sync()
    zhang.sync()
    sup.sync()
    assert server_count(server, f"SELECT count(*) FROM customer WHERE credit_code = '{CREDIT_CODE}'") == 1
    row = _server_row(server, "customer", first)
    assert row["owner_id"] == team["rep"] and row["address"] == "北京市东城区"  # first contact keeps it
    for laptop in (zhang, li, sup):
        with laptop.store.session() as session:
            outcomes = session.exec(select(Visit.outcome).where(Visit.customer_id == first)).all()
        assert sorted(outcomes) == ["张伟的拜访", "李娜的拜访"]
        assert laptop.cli_json("customers", "show", first)["owner_id"] == team["rep"]
    assert [c["row_id"] for c in _conflicts(sup, "duplicate")] == [first]


# -- a customer merge redirects ops still queued against the merged id ----------------------------------------
def _push_first(laptop, count: int) -> PushResponse:
    """Push only the oldest `count` outbox entries, as a sync cut short after its first batch would."""
    client = laptop.client()
    server_url, _user, token = client._account()
    with laptop.store.session() as session:
        ops = outbox.next_batch(session, limit=count)
    transport = Transport(server_url, token)
    try:
        answer = PushResponse.model_validate(
            transport.request("POST", "/sync/push", json={"ops": [o.model_dump() for o in ops]})
        )
    finally:
        transport.close()
    with laptop.store.transaction() as session:
        outbox.acknowledge(session, ops, answer.results)
    return answer


def test_customer_merge_redirects_ops_still_queued_against_the_merged_id(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    li = laptop_factory("li", "李娜")
    survivor = zhang.cli("customers", "add", "--name", "南京新街口百货有限公司", "--phone", "025-84000000").strip()
    zhang.sync()
    merged = li.cli("customers", "add", "--name", "南京新街口百货有限公司", "--phone", "025 8400 0000").strip()
    li.cli("visits", "log", "--customer", merged, "--outcome", "第一次拜访")
    li.cli("customers", "edit", merged, "--notes", "李娜的备注")
    li.cli("customers", "edit", merged, "--phone", "025-84000001")
    li.cli("contacts", "add", merged, "--name", "王主任")
    answer = _push_first(li, 1)  # only the creation arrives: merged under the first contact
    assert answer.results[0].row_id == survivor
    assert _server_row(server, "customer", merged)["merged_into"] == survivor
    assert _pending(li) == 4

    result = li.sync()  # the rest, all queued against the merged id, lands on the survivor
    assert result.rejected == 0, li.cli_json("conflicts", "list")
    visit = server_count(server, f"SELECT count(*) FROM visit WHERE customer_id = '{survivor}'")
    assert visit == 1
    assert server_count(server, f"SELECT count(*) FROM contact WHERE customer_id = '{survivor}'") == 1
    row = _server_row(server, "customer", survivor)
    assert row["notes"] == "李娜的备注"  # a plain field: applied
    assert row["phone"] == "025-84000000" and row["owner_id"] == team["rep"]  # an important one: a conflict
    phone = [c for c in _conflicts(li, "field") if c["field"] == "phone"]
    assert "025-84000001" in [json.loads(c["local_value"]) for c in phone]
    zhang.sync()
    assert zhang.cli_json("customers", "show", survivor)["notes"] == "李娜的备注"
    with li.store.session() as session:
        assert session.exec(select(Visit.customer_id)).all() == [survivor]


# -- countersign racing a rep's edit: the stale one is refused ------------------------------------------------
def test_countersign_racing_a_reps_edit_refuses_the_stale_one(server, team, laptop_factory) -> None:
    rep = laptop_factory("rep", "张伟")
    rep2 = laptop_factory("rep2", "张伟")  # the rep's second laptop, still holding the draft
    sup = laptop_factory("sup", "王经理")
    admin = laptop_factory("admin", "管理员")
    rep.cli("report", "edit", "--summary", "拜访了两家")
    rep.sync()
    rep2.sync()
    rep.cli("report", "submit")
    rep.sync()
    sup.sync()
    admin.sync()
    report_id = rep.cli_json("report", "show")["id"]

    # 1. The rep's stale edit (made on the draft) arrives after the submit: refused; the supervisor's
    # countersign of the submitted version goes through.
    rep2.cli("report", "edit", "--summary", "第二台电脑改的")
    sup.cli("report", "countersign", "--rep", "张伟")
    assert rep2.sync().rejected == 1
    assert sup.sync().rejected == 0
    assert _server_row(server, "daily_report", report_id)["status"] == "countersigned"
    assert _server_row(server, "daily_report", report_id)["summary"] == "拜访了两家"
    [problem] = _conflicts(rep2, "rejected")
    assert "submitted" in problem["reason"]
    rep2.sync()
    assert rep2.cli_json("report", "show")["status"] == "countersigned"  # the laptop shows the server's copy

    # 2. The countersign is the stale one: made on a version the rep changed since (returned, edited,
    # resubmitted). Refused; the supervisor sees the new version and can sign that.
    day = "2026-01-05"
    rep.cli("report", "edit", "--summary", "周一", "--date", day)
    rep.cli("report", "submit", "--date", day)
    rep.sync()
    sup.sync()
    admin.sync()
    admin.cli("report", "return", "--rep", "张伟", "--date", day, "--comment", "补上客户名称")
    admin.sync()
    sup.cli("report", "countersign", "--rep", "张伟", "--date", day)  # offline, on the old submitted version
    rep.sync()
    rep.cli("report", "edit", "--summary", "周一：南京新街口百货", "--date", day)
    rep.cli("report", "submit", "--date", day)
    rep.sync()
    assert sup.sync().rejected == 1
    [problem] = _conflicts(sup, "rejected")
    assert "changed since" in problem["reason"]
    shown = sup.cli_json("report", "show", "--rep", "张伟", "--date", day)
    assert shown["status"] == "submitted" and shown["summary"] == "周一：南京新街口百货"
    sup.cli("report", "countersign", "--rep", "张伟", "--date", day)
    assert sup.sync().rejected == 0
    rep.sync()
    shown = rep.cli_json("report", "show", "--date", day)
    assert shown["status"] == "countersigned" and shown["signature_valid"] is True


# -- edit of a countersigned report: refused by the client before queueing, and by the server ------------------
@sqlite_server
def test_countersigned_report_edit_refused_by_client_and_server(server, team, laptop_factory, today) -> None:
    rep = laptop_factory("rep", "张伟")
    sup = laptop_factory("sup", "王经理")
    day = today.isoformat()  # one day throughout, even if the test runs across midnight
    rep.cli("report", "edit", "--date", day, "--summary", "今日总结")
    rep.cli("report", "submit", "--date", day)
    rep.sync()
    sup.sync()
    sup.cli("report", "countersign", "--rep", "张伟", "--date", day)
    sup.sync()
    rep.sync()
    before = _pending(rep)
    with pytest.raises(InvalidStateError, match="countersigned"):
        rep.services().reports.edit_summary(today, "签字后再改")
    assert _pending(rep) == before == 0  # refused before anything was queued
    report_id = rep.cli_json("report", "show", "--date", day)["id"]
    # A laptop without that check (or a hand-made op) is refused by the server, on every kind of op.
    for laptop, changes in ((rep, {"summary": "偷改"}), (sup, {"summary": "主管改"})):
        with unit_of_work(laptop.store) as uow:
            uow.update(uow.session.get(DailyReport, report_id), changes)
        assert laptop.sync().rejected == 1
        assert laptop.cli_json("report", "show", "--rep", "张伟", "--date", day)["signature_valid"] is True
    row = _server_row(server, "daily_report", report_id)
    assert row["summary"] == "今日总结" and row["status"] == "countersigned"


# -- customer reassigned to another rep: removed from the old laptop, not deleted -----------------------------
def test_customer_reassigned_leaves_the_old_laptop_not_deleted(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    li = laptop_factory("li", "李娜")
    sup = laptop_factory("sup", "王经理")
    moved = zhang.cli("customers", "add", "--name", "转给李娜有限公司", "--contact-name", "赵经理").strip()
    kept = zhang.cli("customers", "add", "--name", "张伟留着有限公司").strip()
    zhang.sync()
    li.sync()
    sup.sync()
    assert local_count(li, f"SELECT count(*) FROM customer WHERE id = '{moved}'") == 0
    with unit_of_work(sup.store) as uow:  # the supervisor gives the customer to 李娜
        uow.update(uow.session.get(Customer, moved), {"owner_id": team["other"]})
    assert sup.sync().rejected == 0
    zhang.sync()
    li.sync()
    for sql in (
        f"SELECT count(*) FROM customer WHERE id = '{moved}'",
        f"SELECT count(*) FROM contact WHERE customer_id = '{moved}'",
    ):
        assert local_count(zhang, sql) == 0  # left his view
        assert local_count(li, sql) == 1  # arrived in hers
    assert local_count(zhang, f"SELECT count(*) FROM customer WHERE id = '{kept}'") == 1
    row = _server_row(server, "customer", moved)
    assert not row["deleted"] and row["owner_id"] == team["other"]  # not deleted anywhere
    assert li.cli_json("customers", "show", moved)["contacts"][0]["name"] == "赵经理"
    li.cli("customers", "edit", moved, "--notes", "李娜接手")
    assert li.sync().rejected == 0
    assert zhang.sync().pulled == 0  # nothing of it reaches the old laptop any more
    assert _pending(zhang) == 0 and _pending(li) == 0


# -- a laptop restored from a backup reuses client_seq values -------------------------------------------------
def test_laptop_restored_from_a_backup_reusing_client_seq(server, team, laptop_factory, tmp_path) -> None:
    laptop = laptop_factory("a", "张伟")
    laptop.cli("customers", "add", "--name", "备份前甲有限公司")
    laptop.sync()
    laptop.cli("customers", "add", "--name", "备份时未发送乙有限公司")  # in the backup's outbox
    backup = tmp_path / "backup.sqlite3"
    key = cipher.key_for(laptop.paths.database)  # the app's backups carry the store's key and salt
    source, target = cipher.connect(laptop.paths.database, key=key), cipher.connect(backup, key=key)
    source.backup(target)  # SQLite's online backup, as the app's backups are made
    source.close()
    target.close()
    laptop.sync()
    laptop.cli("customers", "add", "--name", "备份后丙有限公司")
    laptop.sync()
    seqs_before = server_count(server, "SELECT max(client_seq) FROM applied_op")

    laptop.close()  # the disk dies; the laptop comes back from last week's backup
    for suffix in ("-wal", "-shm"):
        laptop.paths.database.with_name(laptop.paths.database.name + suffix).unlink(missing_ok=True)
    shutil.copy(backup, laptop.paths.database)
    laptop.cli("customers", "add", "--name", "恢复后丁有限公司")
    with laptop.store.session() as session:
        reused = session.exec(select(OutboxEntry.client_seq)).all()
    assert max(reused) <= seqs_before  # the same client_seq numbers again, for new changes
    result = laptop.sync()
    assert result.rejected == 0 and result.conflicts == 0
    names = ("备份前甲有限公司", "备份时未发送乙有限公司", "备份后丙有限公司", "恢复后丁有限公司")
    for name in names:  # the new one is applied, the resent one once, the lost one comes back from the server
        assert server_count(server, f"SELECT count(*) FROM customer WHERE name = '{name}'") == 1, name
        assert local_count(laptop, f"SELECT count(*) FROM customer WHERE name = '{name}'") == 1, name
    assert _pending(laptop) == 0
    assert laptop.sync().repaired == []


# -- rows applied from the server are not captured again in the outbox ----------------------------------------
@sqlite_server
def test_rows_applied_from_the_server_are_not_captured_again(server, team, laptop_factory) -> None:
    writer = laptop_factory("writer", "张伟")
    reader = laptop_factory("reader", "张伟")
    sup = laptop_factory("sup", "王经理")
    customer_id = writer.cli("customers", "add", "--name", "回声客户有限公司", "--contact-name", "钱经理").strip()
    writer.cli("visits", "log", "--customer", customer_id, "--outcome", "拜访")
    writer.cli("report", "submit")
    writer.sync()
    for laptop in (reader, sup):
        result = laptop.sync()
        assert result.pulled > 0 and _pending(laptop) == 0
        assert laptop.client().status()["pending_changes"] == 0
    sup.cli("report", "countersign", "--rep", "张伟")
    sup.sync()
    writer.sync()
    reader.sync()
    assert _pending(writer) == 0 and _pending(reader) == 0
    assert reader.sync().pushed == 0  # nothing to send back: pulled rows were not recorded as local changes
    reader.cli("customers", "edit", customer_id, "--notes", "只改这一处")
    with reader.store.session() as session:
        entries = session.exec(select(OutboxEntry)).all()
    assert [(e.table_name, e.op, json.loads(e.fields)) for e in entries] == [
        ("customer", "update", {"notes": "只改这一处"})
    ]


# -- promise 3: a user action (one local transaction) is applied whole or not at all ----------------------------
def test_a_user_action_is_applied_whole_or_not_at_all(server, team, laptop_factory) -> None:
    li = laptop_factory("li", "李娜")
    theirs = li.cli("customers", "add", "--name", "李娜的客户有限公司").strip()
    li.sync()
    laptop = laptop_factory("a", "张伟")
    with unit_of_work(laptop.store) as uow:  # one action: a new customer, and an edit 张伟 may not make
        uow.insert(Customer(name="整组客户有限公司", name_norm="整组客户", owner_id=team["rep"]))
        uow.session.add(Customer(id=theirs, name="李娜的客户有限公司", owner_id=team["other"], version=1))
        uow.session.flush()
        uow.update(uow.session.get(Customer, theirs), {"notes": "不该改"})
    after = laptop.cli("customers", "add", "--name", "下一个动作有限公司").strip()  # the next action
    result = laptop.sync()
    assert result.rejected == 2 and result.pushed == 4  # the refused group; the next customer and its first contact
    assert server_count(server, "SELECT count(*) FROM customer WHERE name = '整组客户有限公司'") == 0  # rolled back
    assert _server_row(server, "customer", after)["name"] == "下一个动作有限公司"
    reasons = sorted(c["reason"] for c in _conflicts(laptop, "rejected"))
    assert reasons[0].startswith("rejected with its group") and "another rep" in reasons[1]
    # The refused new customer stays on the laptop, marked with why, until the rep edits or discards it.
    [kept] = laptop.cli_json("customers", "list", "--search", "整组客户")
    assert kept["refused"].startswith("rejected with its group")


# -- promise 5: read-your-writes, reads never go backwards -------------------------------------------------------
@sqlite_server
def test_reads_never_go_backwards(server, team, laptop_factory) -> None:
    from fieldcrm.sync import apply
    from fieldcrm.sync.protocol import RowChange

    writer = laptop_factory("writer", "张伟")
    reader = laptop_factory("reader", "张伟")
    customer_id = writer.cli("customers", "add", "--name", "单调读有限公司").strip()
    writer.sync()
    reader.sync()
    old = reader.cli_json("customers", "show", customer_id)
    writer.cli("customers", "edit", customer_id, "--address", "新地址")
    writer.sync()
    reader.sync()
    assert reader.cli_json("customers", "show", customer_id)["address"] == "新地址"
    # An old copy arriving late (a repeated page, a slow repair) changes nothing.
    stale = RowChange(seq=old["version"], table="customer", id=customer_id, row={k: old[k] for k in _row_keys(old)})
    apply.apply_page(reader.store, [stale], "device", None)
    assert reader.cli_json("customers", "show", customer_id)["address"] == "新地址"
    # A pulled row never hides the laptop's own unsent edit: it stays on top until pushed.
    reader.cli("customers", "edit", customer_id, "--notes", "我还没发出去")
    writer.cli("customers", "edit", customer_id, "--grade", "A")
    writer.sync()
    server_url, _user, token = reader.client()._account()
    reader.client()._pull(Transport(server_url, token), SyncResult(), None, None)  # a pull before the push
    shown = reader.cli_json("customers", "show", customer_id)
    assert shown["notes"] == "我还没发出去" and shown["grade"] == "A"
    reader.sync()
    writer.sync()
    assert writer.cli_json("customers", "show", customer_id)["notes"] == "我还没发出去"


def _row_keys(shown: dict) -> list[str]:
    return [c.name for c in Customer.__table__.columns if c.name in shown]  # type: ignore[attr-defined]


# -- an old protocol client is refused with a clear message and loses nothing -------------------------------------
@sqlite_server
def test_an_old_client_is_refused_and_loses_nothing(server, team, laptop_factory, monkeypatch) -> None:
    from fieldcrm.sync import transport

    laptop = laptop_factory("a", "张伟")
    laptop.cli("customers", "add", "--name", "旧版本客户有限公司")
    monkeypatch.setattr(transport, "PROTOCOL_VERSION", 0)  # this laptop runs an app the server no longer serves
    laptop.cli("sync", expect=2)
    assert "update the app" in laptop.last_stderr and "unsynced changes are kept" in laptop.last_stderr
    assert _pending(laptop) == 2  # the customer and its first contact
    monkeypatch.setattr(transport, "PROTOCOL_VERSION", 1)  # updated
    assert "pushed 2" in laptop.cli("sync")
    assert server_count(server, "SELECT count(*) FROM customer WHERE name = '旧版本客户有限公司'") == 1

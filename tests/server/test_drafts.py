"""New rows a push creates without ORM objects (drafts): which inserts qualify, and that a push mixing drafts and
ORM rows stores every row whole, with its version equal to its feed seq, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from fieldcrm.ids import uuid7
from fieldcrm.models import Customer, Visit, utcnow
from fieldcrm.server import auth
from fieldcrm.server.drafts import lone_inserts
from fieldcrm.server.push import push
from fieldcrm.server.tables import row_seq
from fieldcrm.sync.protocol import WireOp
from server_fixtures import PASSWORD, wire_op


def _op(table: str, fields: dict, kind: str = "insert", row_id: str | None = None) -> WireOp:
    return WireOp.model_validate(wire_op(table, row_id or fields.get("id") or uuid7(), kind, fields))


def _customer(name: str, phone: str | None = None) -> WireOp:
    cid = uuid7()
    return _op("customer", {"id": cid, "name": name, "phone": phone})


def _visit(customer_id: str, rep: str) -> WireOp:
    vid = uuid7()
    fields = {"id": vid, "customer_id": customer_id, "rep_id": rep, "started_at": utcnow().isoformat()}
    return _op("visit", fields)


def test_which_inserts_become_drafts() -> None:
    visited = _customer("上海华润万家超市有限公司")
    visit = _visit(visited.row_id, "rep")
    lone = _customer("杭州西湖贸易有限公司", "0571-82222222")
    twin_a = _customer("南京紫金科技有限公司", "025-83333333")
    twin_b = _customer("南京紫金科技（有限公司）", "02583333333")  # the same after normalising
    no_phone_a = _customer("苏州工业园区某某公司")
    no_phone_b = _customer("苏州工业园区某某公司")  # no phone: the same company all the same, so neither is a draft
    other_city = _customer("无锡工业园区某某公司")  # another company
    known = _customer("已在服务器上的客户有限公司")
    report = _op("daily_report", {"id": uuid7(), "rep_id": "rep"})
    edit = _op("customer", {"notes": "改"}, kind="update", row_id=lone.row_id)
    ops = [visited, visit, lone, twin_a, twin_b, no_phone_a, no_phone_b, other_city, known, report]
    existing = {(Customer, known.row_id): object()}
    assert lone_inserts(ops, existing) == {visit.op_id, lone.op_id, other_city.op_id}
    # A later op on the same row keeps it an ORM object.
    assert lone.op_id not in lone_inserts([*ops, edit], existing)


def test_a_push_mixing_drafts_and_orm_rows_stores_them_whole(server_engine, team) -> None:
    token, *_ = auth.login(server_engine, "张伟", PASSWORD, uuid7())
    me = auth.authenticate(server_engine, token)
    with Session(server_engine) as session, session.begin():
        existing = Customer(id=uuid7(), name="老客户有限公司", owner_id=me.user_id)
        session.add(existing)
    # Seed the existing customer's feed entry the way a push would (through a push of its own).
    first = _customer("先建的客户有限公司", "021-61111111")
    assert push(server_engine, me, [first])[0].status == "applied"

    visited = _customer("同一次推送里建的客户有限公司")  # named by the visit below: an ORM row
    ops = [
        visited,
        _visit(visited.row_id, me.user_id),  # a draft referring to an ORM row of the same push
        _visit(first.row_id, me.user_id),  # a draft referring to a row already stored
        _customer("一个人的客户有限公司", "0571-82222222"),  # a draft
        _customer("先建的客户（有限公司）", "02161111111"),  # a twin of `first`: merged, not a draft
    ]
    for n, op in enumerate(ops, 1):
        op.client_seq = n + 1
    results = push(server_engine, me, ops)
    assert [r.status for r in results] == ["applied", "applied", "applied", "applied", "conflict"]
    assert results[-1].row_id == first.row_id

    with Session(server_engine) as session:
        feed = dict(session.execute(select(row_seq.c.row_id, row_seq.c.seq)).all())
        for op in ops[:4]:
            model = Customer if op.table == "customer" else Visit
            row = session.get(model, op.row_id)
            assert row is not None and row.owner_id == me.user_id
            assert row.version == feed[op.row_id] > 0  # the version is the seq, as for every row
            assert row.created_at is not None and not row.deleted
        visit = session.get(Visit, ops[1].row_id)
        assert visit.received_at is not None and visit.kind == "visit"
        customer = session.get(Customer, ops[3].row_id)
        assert customer.name_norm and customer.phone_norm == "057182222222"
        assert customer.tags == "" and customer.in_public_pool is False  # the defaults a new customer gets
    # Sent again: the same answers, nothing applied twice.
    assert push(server_engine, me, ops) == results


def test_new_customers_seen_beyond_their_owner_are_marked_shared(server_engine, team) -> None:
    """The flag statement is skipped only for new customers private to their owner's side; a new customer in the
    pool, or one a push also gives another owner's visit, has every feed row marked (checked for every account by
    the server_engine fixture on teardown, and here directly)."""
    boss, admin = (
        auth.authenticate(server_engine, auth.login(server_engine, n, PASSWORD, uuid7())[0])
        for n in ("王经理", "管理员")
    )
    private, pooled, visited = (
        _customer("只属于张伟的客户有限公司"),
        _customer("公海里的新客户有限公司"),
        _customer("李娜也拜访的新客户有限公司"),
    )
    for op in (private, visited):
        op.fields["owner_id"] = team["rep"]
    pooled.fields.update(owner_id=None, in_public_pool=True)  # head office's (the admin's): nobody's
    ops = [private, visited, _visit(visited.row_id, team["other"])]
    ops[2].fields["owner_id"] = team["other"]
    for n, op in enumerate(ops, 1):
        op.client_seq = n
    assert [r.status for r in push(server_engine, boss, ops)] == ["applied"] * 3
    assert [r.status for r in push(server_engine, admin, [pooled])] == ["applied"]
    with Session(server_engine) as session:
        flags = dict(session.execute(select(row_seq.c.row_id, row_seq.c.shared)).all())
    assert not flags[private.row_id]
    assert flags[pooled.row_id] and flags[visited.row_id] and flags[ops[2].row_id]


def test_a_new_customer_merges_into_its_earliest_twin_looked_up_in_one_query_or_one_by_one(server_engine, team) -> None:
    """The twins of a push's new lone customers are read in one query up front; a push that also changes an
    existing customer looks them up one by one (the change may make a twin). Either way the earliest contact wins."""
    from datetime import timedelta

    token, *_ = auth.login(server_engine, "张伟", PASSWORD, uuid7())
    me = auth.authenticate(server_engine, token)
    now = utcnow()
    with Session(server_engine) as session, session.begin():
        later = Customer(id=uuid7(), name="双胞胎商贸有限公司", phone="021-62222222", owner_id=team["other"])
        earlier = Customer(id=uuid7(), name="双胞胎商贸有限公司", phone="021-62222222", owner_id=team["other"])
        later.first_contact_at, earlier.first_contact_at = now, now - timedelta(days=3)
        for row in (later, earlier):
            row.name_norm, row.phone_norm = "双胞胎商贸", "02162222222"
            session.add(row)
        earliest = earlier.id
    mine = _customer("张伟自己的客户有限公司", "0571-83333333")
    assert push(server_engine, me, [mine])[0].status == "applied"

    alone = [_customer("双胞胎商贸（有限公司）", "02162222222"), _customer("另一个新客户有限公司", "0512-64444444")]
    with_edit = [
        _customer("双胞胎商贸有限公司", "021 6222 2222"),
        _op("customer", {"notes": "改了备注"}, kind="update", row_id=mine.row_id),
    ]
    for ops in (alone, with_edit):
        for n, op in enumerate(ops, 1):
            op.client_seq = n + 10 * len(ops)
            op.base_version = 0
        results = push(server_engine, me, ops)
        assert results[0].status == "conflict" and results[0].row_id == earliest, results
        assert all(r.status in ("applied", "merged") for r in results[1:]), results
    with Session(server_engine) as session:
        twin = session.get(Customer, alone[0].row_id)
        assert twin is not None and twin.deleted and twin.merged_into == earliest
        assert session.get(Customer, alone[1].row_id).merged_into is None


def test_inserts_of_rows_the_server_has_are_not_looked_up_first_yet_land_on_them(server_engine, team) -> None:
    """The fast path takes a row only inserts name as new, without reading it. Customers with a credit code that
    another rep created first (the id follows from the code) break the primary key when inserted, as a draft or
    as an ORM row; the push is applied again the slow way: each existing customer is only filled in, a case is
    queued, and the push's new rows are all stored once."""
    from fieldcrm.services.customer_writes import customer_id_for

    token, *_ = auth.login(server_engine, "张伟", PASSWORD, uuid7())
    me = auth.authenticate(server_engine, token)
    codes = ("91310000MA1FL4XQ3K", "91310000MA1FL4XQ4L")
    existing = [customer_id_for(code) for code in codes]
    with Session(server_engine) as session, session.begin():
        for cid, code in zip(existing, codes, strict=True):
            name = f"已有的客户{code[-2:]}有限公司"
            session.add(Customer(id=cid, name=name, credit_code=code, owner_id=team["other"]))
    again = [
        _op("customer", {"id": cid, "name": f"已有的客户{code[-2:]}有限公司", "credit_code": code, "address": "上海"})
        for cid, code in zip(existing, codes, strict=True)
    ]
    new = _customer("本次新建的客户有限公司", "13900001111")
    # The first is named again by a visit (an ORM row), the second by nothing else (a draft).
    ops = [*again, new, _visit(existing[0], team["rep"]), _visit(new.row_id, team["rep"])]
    assert lone_inserts(ops, {}) == {again[1].op_id, ops[3].op_id, ops[4].op_id}
    for n, op in enumerate(ops, 1):
        op.client_seq = n
    results = push(server_engine, me, ops)
    assert [r.status for r in results] == ["conflict", "conflict", "applied", "applied", "applied"], results
    with Session(server_engine) as session:
        for cid in existing:
            kept = session.get(Customer, cid)
            assert kept.owner_id == team["other"] and kept.address == "上海"  # filled in, not taken over
        assert session.get(Customer, new.row_id) is not None
        visits = session.execute(select(Visit.customer_id)).scalars().all()
        assert sorted(visits) == sorted([existing[0], new.row_id])
        seqs = session.execute(select(row_seq.c.row_id)).scalars().all()
        assert len(seqs) == len(set(seqs))


def test_times_are_stored_in_utc_whatever_offset_they_come_with(server_engine, team) -> None:
    """A visit's start sent as 08:00+08:00 is stored as 00:00 UTC, written as a draft (JSON text the database
    parses) or as an ORM row (a time the driver sends)."""
    from datetime import datetime

    token, *_ = auth.login(server_engine, "张伟", PASSWORD, uuid7())
    me = auth.authenticate(server_engine, token)
    customer = _customer("时区测试客户有限公司")
    as_draft, as_row = _visit(customer.row_id, team["rep"]), _visit(customer.row_id, team["rep"])
    for visit in (as_draft, as_row):
        visit.fields["started_at"] = "2026-01-01T08:00:00+08:00"
    edit = _op("visit", {"outcome": "改了"}, kind="update", row_id=as_row.row_id)  # names it again: an ORM row
    ops = [customer, as_draft, as_row, edit]
    for n, op in enumerate(ops, 1):
        op.client_seq = n
    assert as_draft.op_id in lone_inserts(ops, {}) and as_row.op_id not in lone_inserts(ops, {})
    assert [r.status for r in push(server_engine, me, ops)] == ["applied"] * 4
    with Session(server_engine) as session:
        for visit in (as_draft, as_row):
            started = session.get(Visit, visit.row_id).started_at
            assert started.replace(tzinfo=None) == datetime(2026, 1, 1, 0, 0), (visit is as_row, started)


def test_a_number_too_big_for_a_column_rejects_its_op_on_either_path(server_engine, team) -> None:
    """A number no 64-bit column holds is refused as the op's data on SQLite as on PostgreSQL: a rejected op, not a
    server error. (orjson writes no integer past 64 bits; the statement's JSON then comes from json.dumps.)"""
    from fieldcrm.server.db import json_param

    assert json_param([{"n": 10**30}]) == '[{"n": 1000000000000000000000000000000}]'
    token, *_ = auth.login(server_engine, "张伟", PASSWORD, uuid7())
    me = auth.authenticate(server_engine, token)
    customer = _customer("大数目测试客户有限公司")
    assert push(server_engine, me, [customer])[0].status == "applied"
    deal = _op("opportunity", {"customer_id": customer.row_id, "title": "大单", "amount_cents": 10**30})
    deal.client_seq = 2
    [result] = push(server_engine, me, [deal])
    assert result.status == "rejected" and (result.reason or "").startswith("amount_cents: "), result

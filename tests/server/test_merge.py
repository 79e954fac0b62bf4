"""The server's field-level merge of a stale edit, on SQLite and PostgreSQL (docs/sync.md): a field nobody else
changed is applied, an important field changed on both sides is a conflict that keeps the server's value, a plain
field goes to the last arrival with the replaced value logged, tags merge (an add beats a remove); and a pushed
value must be one its column can hold, refused with the field and the reason otherwise."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from fieldcrm.ids import uuid7
from fieldcrm.models import Contact, Customer, Visit
from fieldcrm.server.auth import Principal
from fieldcrm.server.merge import decode_fields
from fieldcrm.server.tables import sync_conflict
from fieldcrm.services.customer_writes import customer_id_for
from server_fixtures import send as send_op
from server_fixtures import signed_in


def send(engine, who: Principal, row_id: str, kind: str, fields: dict, base: int = 0) -> tuple[str, str]:
    return send_op(engine, who, "customer", row_id, kind, fields, base=base)


def customer(engine, row_id: str) -> Customer:
    with Session(engine) as session:
        return session.get(Customer, row_id)


def conflicts(engine, row_id: str) -> list[tuple[str, str, Any, Any]]:
    c = sync_conflict.c
    query = select(c.kind, c.field, c.kept_value, c.offered_value).where(c.row_id == row_id)
    with Session(engine) as session:
        found = [
            (kind, field, json.loads(kept) if kept else None, json.loads(offered) if offered else None)
            for kind, field, kept, offered in session.execute(query)
        ]
    return sorted(found, key=lambda conflict: conflict[1] or "")  # by field, the row's own case first


@pytest.fixture
def shared(server_engine, team) -> tuple[Principal, Principal, str, int]:
    """张伟's customer as both his laptop and his supervisor saw it (version `base`), then edited by the supervisor:
    phone, notes and tags changed since."""
    rep, supervisor = signed_in(server_engine, "张伟"), signed_in(server_engine, "王经理")
    cid = uuid7()
    fields = {"id": cid, "name": "杭州新达科技有限公司", "phone": "0571-88886666", "notes": "初访", "tags": "零售,重点"}
    assert send(server_engine, rep, cid, "insert", fields)[0] == "applied"
    base = customer(server_engine, cid).version
    edit = {"phone": "0571-88887777", "notes": "经理回访", "tags": "零售,重点,华东"}
    assert send(server_engine, supervisor, cid, "update", edit, base)[0] == "applied"
    return rep, supervisor, cid, base


def test_a_stale_edit_of_a_field_nobody_else_changed_is_applied(server_engine, shared) -> None:
    rep, _supervisor, cid, base = shared
    assert send(server_engine, rep, cid, "update", {"address": "杭州市西湖区文三路1号"}, base) == ("merged", "")
    row = customer(server_engine, cid)
    assert (row.address, row.phone, row.notes) == ("杭州市西湖区文三路1号", "0571-88887777", "经理回访")
    assert conflicts(server_engine, cid) == []


def test_an_important_field_changed_on_both_sides_is_a_conflict_that_keeps_the_servers_value(
    server_engine, shared
) -> None:
    rep, _supervisor, cid, base = shared
    assert send(server_engine, rep, cid, "update", {"phone": "0571-88889999"}, base)[0] == "conflict"
    assert customer(server_engine, cid).phone == "0571-88887777"
    assert conflicts(server_engine, cid) == [("field", "phone", "0571-88887777", "0571-88889999")]


def test_a_plain_field_changed_on_both_sides_goes_to_the_last_arrival_and_logs_what_it_replaced(
    server_engine, shared
) -> None:
    rep, _supervisor, cid, base = shared
    assert send(server_engine, rep, cid, "update", {"notes": "报价已发"}, base) == ("merged", "")
    assert customer(server_engine, cid).notes == "报价已发"
    assert conflicts(server_engine, cid) == [("lost_value", "notes", "报价已发", "经理回访")]


def test_tags_changed_on_both_sides_merge_and_an_add_beats_a_remove(server_engine, shared) -> None:
    rep, _supervisor, cid, base = shared
    # the laptop removed 重点 and added 样品 while the supervisor added 华东
    assert send(server_engine, rep, cid, "update", {"tags": "零售,样品"}, base) == ("merged", "")
    assert customer(server_engine, cid).tags == "零售,华东,样品"
    assert conflicts(server_engine, cid) == []


def test_tags_the_other_side_cleared_stay_cleared_and_mine_are_added(server_engine, shared) -> None:
    rep, supervisor, cid, _base = shared
    before = customer(server_engine, cid).version
    assert send(server_engine, supervisor, cid, "update", {"tags": ""}, before)[0] == "applied"
    assert send(server_engine, rep, cid, "update", {"tags": "零售,重点,华东,样品"}, before) == ("merged", "")
    assert customer(server_engine, cid).tags == "样品"


def test_a_conflict_over_a_value_the_other_side_cleared_keeps_it_empty(server_engine, shared) -> None:
    rep, supervisor, cid, _base = shared
    latest = customer(server_engine, cid).version
    assert send(server_engine, rep, cid, "update", {"address": "杭州市文三路1号"}, latest)[0] == "applied"
    before = customer(server_engine, cid).version
    assert send(server_engine, supervisor, cid, "update", {"address": None}, before)[0] == "applied"
    assert send(server_engine, rep, cid, "update", {"address": "杭州市文三路2号"}, before)[0] == "conflict"
    assert customer(server_engine, cid).address is None
    c = sync_conflict.c
    with Session(server_engine) as session:
        kept, offered = session.execute(select(c.kept_value, c.offered_value).where(c.row_id == cid)).one()
    assert (kept, json.loads(offered)) == (None, "杭州市文三路2号")  # nothing kept, not the text "null"


def test_an_edit_made_on_the_latest_version_is_applied_whole(server_engine, shared) -> None:
    rep, _supervisor, cid, _base = shared
    latest = customer(server_engine, cid).version
    assert send(server_engine, rep, cid, "update", {"phone": "0571-88889999", "notes": "签约"}, latest) == (
        "applied",
        "",
    )
    row = customer(server_engine, cid)
    assert (row.phone, row.notes) == ("0571-88889999", "签约")
    assert conflicts(server_engine, cid) == []


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"colour": "red"}, "customer has no field 'colour'"),
        ({"notes": "a\x00b"}, "notes: contains a NUL character"),
        ({"notes": "半个\ud800"}, "notes: is not valid Unicode text (half of a surrogate pair)"),
        ({"grade": "AB"}, "grade: is 2 characters long; at most 1 are allowed"),  # the text caps see it first
        ({"in_public_pool": "maybe"}, "in_public_pool: 'maybe' is not a valid bool value"),
        ({"in_public_pool": 2}, "in_public_pool: 2 is not a valid bool value"),
        ({"next_follow_up": 12}, "next_follow_up: 12 is not a valid date value"),
        ({"name": None}, "name: cannot be empty"),
    ],
)
def test_a_value_its_column_cannot_hold_is_refused_with_the_field_and_why(
    server_engine, shared, fields: dict, reason: str
) -> None:
    rep, _supervisor, cid, _base = shared
    latest = customer(server_engine, cid).version
    assert send(server_engine, rep, cid, "update", fields, latest) == ("rejected", reason)
    assert customer(server_engine, cid).version == latest


def test_fields_the_server_sets_are_skipped_and_the_others_decoded_by_their_column() -> None:
    """The server's own fields (id, version, times), derived ones (the normalised name and phone), those it owns
    (a merge's pointer, a visit's arrival) never come from a client; the rest arrive as their column's JSON form."""
    sent = {
        "id": "x",
        "version": 99,
        "created_at": "2020-01-01T00:00:00+00:00",
        "name_norm": "伪造",
        "merged_into": "y",
        "name": "杭州甲公司",
        "in_public_pool": 1,
        "next_follow_up": "2026-01-02",
        "address": None,
    }
    decoded = {"name": "杭州甲公司", "in_public_pool": True, "next_follow_up": date(2026, 1, 2), "address": None}
    assert decode_fields(Customer, sent) == decoded
    started = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
    visit = {"received_at": "2020-01-01T00:00:00+00:00", "started_at": "2026-01-02T09:30:00", "outcome": "谈了"}
    assert decode_fields(Visit, visit) == {"started_at": started, "outcome": "谈了"}


def test_yes_no_fields_take_json_booleans_or_zero_and_one(server_engine, shared) -> None:
    rep, _supervisor, cid, _base = shared
    contact = uuid7()
    fields = {"customer_id": cid, "name": "孙经理", "is_primary": False}
    assert send_op(server_engine, rep, "contact", contact, "insert", fields)[0] == "applied"
    for value, stored in ((1, True), (False, False), (True, True), (0, False)):
        with Session(server_engine) as session:
            latest = session.get(Contact, contact).version
        assert send_op(server_engine, rep, "contact", contact, "update", {"is_primary": value}, base=latest)[0] == (
            "applied"
        )
        with Session(server_engine) as session:
            assert session.get(Contact, contact).is_primary is stored


def test_a_second_creation_fills_the_gaps_and_never_overwrites_what_the_first_creator_wrote(
    server_engine, team
) -> None:
    first, second = signed_in(server_engine, "张伟"), signed_in(server_engine, "李娜")
    cid = customer_id_for("91350100M000100Y43")
    fields = {"id": cid, "name": "北京同仁堂科技有限公司", "credit_code": "91350100M000100Y43"}
    assert send(server_engine, first, cid, "insert", {**fields, "phone": "010-65550001", "notes": "张伟的备注"})[0] == (
        "applied"
    )
    offered = {**fields, "phone": "010-65550002", "notes": "李娜的备注", "address": "北京市东城区", "region": "华北"}
    assert send(server_engine, second, cid, "insert", offered)[0] == "conflict"
    row = customer(server_engine, cid)
    assert (row.phone, row.notes, row.address, row.region) == ("010-65550001", "张伟的备注", "北京市东城区", "华北")
    assert conflicts(server_engine, cid) == [
        ("duplicate", None, None, {**offered, "id": cid}),
        ("lost_value", "notes", "张伟的备注", "李娜的备注"),
        ("field", "phone", "010-65550001", "010-65550002"),
    ]


def test_numbers_past_64_bits_are_refused_before_the_database_sees_them(server_engine, shared) -> None:
    rep, _supervisor, cid, _base = shared

    def deal(amount: int) -> tuple[str, str]:
        fields = {"customer_id": cid, "title": "年度采购", "amount_cents": amount}
        return send_op(server_engine, rep, "opportunity", uuid7(), "insert", fields)

    for amount in (2**63 - 1, -(2**63)):  # amount_cents is 64-bit on both databases: it holds the extremes
        assert deal(amount) == ("applied", ""), amount
    for amount in (2**63, -(2**63) - 1):
        assert deal(amount) == ("rejected", f"amount_cents: {amount} is too large a number")


def test_a_value_that_does_not_parse_is_refused_naming_the_field(server_engine, shared) -> None:
    rep, _supervisor, cid, _base = shared
    latest = customer(server_engine, cid).version
    status, reason = send(server_engine, rep, cid, "update", {"next_follow_up": "下周"}, latest)
    assert status == "rejected" and reason.startswith("next_follow_up: "), reason

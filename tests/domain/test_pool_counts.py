"""What the pool's rules read of the customers a rep holds (domain/pool_counts.py `held_query_rows`, `held_terms`),
run on a plain SQLite database with rows written out by hand: which customers count as held, when their owner took
them, their latest follow-up and whether a deal was won; deleted rows count for nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, insert
from sqlmodel import SQLModel

from fieldcrm.domain.pool import Term
from fieldcrm.domain.pool_counts import held_query_rows, held_terms
from fieldcrm.models import Customer, Opportunity, OwnershipEvent, Visit
from fieldcrm.models.opportunity import WON_STAGE

TABLES = [Customer.__table__, Opportunity.__table__, OwnershipEvent.__table__, Visit.__table__]


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


#: 甲's last protected day.
END = date(2026, 12, 31)


CUSTOMERS: list[dict[str, Any]] = [
    # 甲: held by 张伟, claimed on the 3rd (first contacted by someone else on the 1st); visits on the 5th and the
    # 20th (that one deleted); a deal won.
    {
        "id": "c1",
        "name": "甲公司",
        "owner_id": "zhang",
        "first_contact_at": at(1),
        "protection_until": END,
    },
    # 乙: held by 张伟 too, first contact on the 2nd and no event for it; a won deal that was deleted.
    {"id": "c2", "name": "乙公司", "owner_id": "zhang", "first_contact_at": at(2)},
    # 丙: held by 李娜, handed to her on the 8th after 张伟 claimed it; his laptop's clock ran fast and dated one of
    # his claims the 10th (the order of events is head office's, never a laptop clock's).
    {"id": "c3", "name": "丙公司", "owner_id": "li", "first_contact_at": at(4), "region": "杭州", "industry": "制造业"},
    # Not held: in the pool, deleted, or nobody's.
    {"id": "c4", "name": "丁公司", "owner_id": None, "in_public_pool": True},
    {"id": "c5", "name": "戊公司", "owner_id": "zhang", "deleted": True},
    {"id": "c6", "name": "己公司", "owner_id": "zhang", "in_public_pool": True},
    {"id": "c7", "name": "庚公司", "owner_id": None},
]
EVENTS: list[dict[str, Any]] = [
    {"customer_id": "c1", "kind": "first_contact", "from_owner_id": None, "to_owner_id": "wang", "at": at(1)},
    {"customer_id": "c1", "kind": "release", "from_owner_id": "wang", "to_owner_id": None, "at": at(2)},
    {"customer_id": "c1", "kind": "claim", "from_owner_id": None, "to_owner_id": "zhang", "at": at(3)},
    {"customer_id": "c1", "kind": "claim", "from_owner_id": None, "to_owner_id": "zhang", "at": at(9), "deleted": True},
    {"customer_id": "c3", "kind": "claim", "from_owner_id": None, "to_owner_id": "zhang", "at": at(6)},
    {"customer_id": "c3", "kind": "handover", "from_owner_id": "zhang", "to_owner_id": "li", "at": at(8)},
    {"customer_id": "c3", "kind": "claim", "from_owner_id": None, "to_owner_id": "zhang", "at": at(10)},
]
VISITS: list[dict[str, Any]] = [
    {"customer_id": "c1", "rep_id": "zhang", "started_at": at(5, 14)},
    {"customer_id": "c1", "rep_id": "li", "started_at": at(4)},
    {"customer_id": "c1", "rep_id": "zhang", "started_at": at(20), "deleted": True},
    {"customer_id": "c3", "rep_id": "li", "started_at": at(11, 16)},
]
DEALS: list[dict[str, Any]] = [
    {"customer_id": "c1", "title": "一期", "stage": WON_STAGE},
    {"customer_id": "c2", "title": "作废", "stage": WON_STAGE, "deleted": True},
    {"customer_id": "c3", "title": "在谈", "stage": "谈判签约"},
]


def _fill(rows: list[dict[str, Any]], columns: tuple[str, ...], **fixed: Any) -> list[dict[str, Any]]:
    """Rows with every column named (a bulk insert takes the keys of its first row): not deleted, not in the pool
    unless a row says so."""
    flags = {"deleted": False} | ({"in_public_pool": False} if "in_public_pool" in columns else {})
    return [{c: row.get(c) for c in columns} | {k: row.get(k, v) for k, v in flags.items()} | fixed for row in rows]


@pytest.fixture
def connection() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine, tables=TABLES)
    with engine.begin() as conn:
        customers = ("id", "name", "owner_id", "first_contact_at", "protection_until", "region", "industry")
        conn.execute(insert(Customer.__table__), _fill(CUSTOMERS, (*customers, "in_public_pool")))
        events = ("customer_id", "kind", "from_owner_id", "to_owner_id", "at")
        conn.execute(insert(OwnershipEvent.__table__), _fill(EVENTS, events, by_user_id="wang"))
        conn.execute(insert(Visit.__table__), _fill(VISITS, ("customer_id", "rep_id", "started_at")))
        conn.execute(insert(Opportunity.__table__), _fill(DEALS, ("customer_id", "title", "stage")))
        yield conn


def test_only_customers_someone_holds_are_read_with_what_their_pool_needs(connection: Connection) -> None:
    rows = connection.execute(held_query_rows().order_by("id")).all()
    assert [tuple(r) for r in rows] == [
        ("c1", "甲公司", "zhang", END, at(1), None, None),
        ("c2", "乙公司", "zhang", None, at(2), None, None),
        ("c3", "丙公司", "li", None, at(4), "杭州", "制造业"),
    ]


def test_each_held_customers_term_counts_from_its_current_owners_taking(connection: Connection) -> None:
    rows = connection.execute(held_query_rows().order_by("id")).all()
    assert held_terms(connection.execute, rows) == {
        # Taken by 张伟's claim on the 3rd (not the first contact, not the deleted claim); the deleted visit and
        # the other rep's earlier one do not move the latest follow-up; the won deal counts.
        "c1": Term("zhang", False, taken_at=at(3), protection_until=END, last_followup_at=at(5, 14), won=True),
        # No event: its first contact is when it was taken; the deleted won deal counts for nothing.
        "c2": Term("zhang", False, taken_at=at(2), last_followup_at=None, won=False),
        # 李娜 got it by the handover on the 8th: 张伟's claims, even the one dated later, are his, not hers.
        "c3": Term("li", False, taken_at=at(8), last_followup_at=at(11, 16), won=False),
    }


def test_no_rows_no_terms(connection: Connection) -> None:
    assert held_terms(connection.execute, []) == {}

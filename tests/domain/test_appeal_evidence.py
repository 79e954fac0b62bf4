"""What an appeal's rules read (domain/appeal_evidence.py), run on a plain SQLite database with rows written out
by hand: one customer's live ownership events in the order head office accepted them, a rep's first live visit to
it, and a rep's open appeals about it; other customers', other reps', deleted and decided rows count for nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, create_engine, insert
from sqlmodel import SQLModel

from fieldcrm.domain import appeal_evidence as evidence
from fieldcrm.domain.appeals import EventFact
from fieldcrm.models import Appeal, Customer, OwnershipEvent, Visit


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def _event(id_: str, customer: str, kind: str, to: str | None, accepted: datetime, **extra) -> dict:
    row = {"id": id_, "customer_id": customer, "kind": kind, "from_owner_id": None, "to_owner_id": to}
    return row | {"by_user_id": to or "li", "at": accepted, "created_at": accepted, "deleted": False} | extra


@pytest.fixture
def connection() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    tables = [Customer.__table__, OwnershipEvent.__table__, Visit.__table__, Appeal.__table__]
    SQLModel.metadata.create_all(engine, tables=tables)
    with engine.begin() as conn:
        conn.execute(
            insert(Customer.__table__),
            [{"id": c, "name": c, "deleted": False, "in_public_pool": False} for c in ("c1", "c2")],
        )
        conn.execute(
            insert(OwnershipEvent.__table__),
            [
                _event("e3", "c1", "claim", "zhang", at(3)),
                _event("e9", "c1", "first_contact", "wang", at(1)),
                _event("e2", "c1", "claim_lost", None, at(3), at=at(2, 8)),  # accepted at the same time as e3
                _event("e4", "c1", "handover", "li", at(4), deleted=True),
                _event("e5", "c2", "claim", "li", at(5)),
            ],
        )
        conn.execute(
            insert(Visit.__table__),
            [
                {
                    "id": "v1",
                    "customer_id": "c1",
                    "rep_id": "li",
                    "owner_id": "li",
                    "started_at": at(6),
                    "deleted": False,
                },
                {
                    "id": "v2",
                    "customer_id": "c1",
                    "rep_id": "li",
                    "owner_id": "li",
                    "started_at": at(2),
                    "deleted": True,
                },
                {
                    "id": "v3",
                    "customer_id": "c2",
                    "rep_id": "li",
                    "owner_id": "li",
                    "started_at": at(1),
                    "deleted": False,
                },
                {
                    "id": "v4",
                    "customer_id": "c1",
                    "rep_id": "zhao",
                    "owner_id": "zhao",
                    "started_at": at(1),
                    "deleted": False,
                },
            ],
        )
        appeal = {"lost_how": "claim", "statement": "我先拜访", "filed_at": at(7), "owner_id": "li"}
        conn.execute(
            insert(Appeal.__table__),
            [
                {"id": "a1", "customer_id": "c1", "appellant_id": "li", "status": "open", "deleted": False} | appeal,
                {"id": "a2", "customer_id": "c1", "appellant_id": "li", "status": "rejected", "deleted": False}
                | appeal,
                {"id": "a3", "customer_id": "c1", "appellant_id": "li", "status": "open", "deleted": True} | appeal,
                {"id": "a4", "customer_id": "c2", "appellant_id": "li", "status": "open", "deleted": False} | appeal,
                {"id": "a5", "customer_id": "c1", "appellant_id": "zhao", "status": "open", "deleted": False} | appeal,
            ],
        )
        yield conn


def test_a_customers_live_events_in_the_order_head_office_accepted_them(connection: Connection) -> None:
    rows = connection.execute(evidence.events_query("c1")).all()
    assert [r[0] for r in rows] == ["e9", "e2", "e3"]  # by acceptance; accepted together: by id
    assert tuple(rows[1][1:4]) == ("claim_lost", None, None)
    assert (rows[1][5], rows[1][6].replace(tzinfo=UTC)) == ("li", at(2, 8))


def test_the_facts_leave_out_a_laptops_refused_events(connection: Connection) -> None:
    rows = connection.execute(evidence.events_query("c1")).all()
    facts = evidence.event_facts(rows, {"e9"})
    assert [(f.kind, f.to_owner_id) for f in facts] == [("claim_lost", None), ("claim", "zhang")]
    lost = facts[0]
    assert (lost.by_user_id, lost.at.replace(tzinfo=UTC), lost.accepted_at.replace(tzinfo=UTC)) == (
        "li",
        at(2, 8),
        at(3),
    )
    assert all(isinstance(f, EventFact) for f in facts)
    assert [f.kind for f in evidence.event_facts(rows)] == ["first_contact", "claim_lost", "claim"]


def test_a_reps_first_live_visit_to_the_customer(connection: Connection) -> None:
    first = connection.execute(evidence.first_visit_query("li", "c1")).scalar()
    assert first.replace(tzinfo=UTC) == at(6)
    assert connection.execute(evidence.first_visit_query("wang", "c1")).scalar() is None


def test_a_reps_open_appeals_about_the_customer(connection: Connection) -> None:
    assert [r[0] for r in connection.execute(evidence.open_appeal_query("c1", "li"))] == ["a1"]
    assert list(connection.execute(evidence.open_appeal_query("c1", "li", "a1"))) == []
    assert [r[0] for r in connection.execute(evidence.open_appeal_query("c2", "li"))] == ["a4"]

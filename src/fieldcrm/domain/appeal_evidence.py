"""The records an appeal's rules read (申诉的证据), the same on the laptop and at head office: a customer's ownership
events in the order head office accepted them (a rep's claim it recorded as lost among them), a rep's first visit to
it, and their open appeals. Statements only:
the caller runs them on its own session."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, select

from fieldcrm.domain.appeals import EventFact
from fieldcrm.models import Appeal, OwnershipEvent, Visit

_event = OwnershipEvent.__table__.c
_visit = Visit.__table__.c
_appeal = Appeal.__table__.c


def events_query(customer_id: str) -> Select:
    """(id, kind, from, to, accepted, by, at) of the customer's live ownership events, in the order head office
    accepted them: an event's `created_at` is stamped by head office when it arrives (never taken from a laptop)."""
    return (
        select(
            _event.id,
            _event.kind,
            _event.from_owner_id,
            _event.to_owner_id,
            _event.created_at,
            _event.by_user_id,
            _event.at,
        )
        .where(_event.customer_id == customer_id, _event.deleted == False)  # noqa: E712
        .order_by(_event.created_at, _event.id)
    )


def event_facts(rows: Iterable[Any], leave_out: set[str] = frozenset()) -> list[EventFact]:  # type: ignore[assignment]
    """`events_query`'s rows as the rules read them, without the events in `leave_out` (a laptop's refused ones)."""
    return [EventFact(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows if r[0] not in leave_out]


def first_visit_query(rep_id: str, customer_id: str) -> Select:
    """When the rep first visited the customer (None if never): the evidence of a claim they lost."""
    return select(func.min(_visit.started_at)).where(
        _visit.customer_id == customer_id,
        _visit.owner_id == rep_id,
        _visit.deleted == False,  # noqa: E712
    )


def open_appeal_query(customer_id: str, rep_id: str, except_id: str = "") -> Select:
    """The rep's open appeals about the customer other than `except_id`: at most one is allowed."""
    return select(_appeal.id).where(
        _appeal.customer_id == customer_id,
        _appeal.appellant_id == rep_id,
        _appeal.status == "open",
        _appeal.deleted == False,  # noqa: E712
        _appeal.id != except_id,
    )

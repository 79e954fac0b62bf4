"""A claim lost at head office (认领未成功): when a rep's claim of a public-pool customer is refused because another
rep's claim reached head office first, head office records it for her as a `claim_lost` ownership event (no change
of owner). It is her evidence for an appeal (`domain.appeals.how_lost`) and keeps the customer in her view
(`server.visibility.customer_visible`), as a visit before the winning claim does.

The refused group's effects are rolled back, so the check only notes the loss (`LostClaim`); the push writes the
events once it has applied every group (`record_lost_claims`), each with the customer and what hangs off it sent
again before it (her laptop may have heard already that the customer left her view)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldcrm.domain.pool_counts import CLAIM
from fieldcrm.models import OwnershipEvent
from fieldcrm.models.ownership import CLAIM_LOST
from fieldcrm.server.merge import BadOp, decode_fields
from fieldcrm.server.showing import Dependants, customer_rows
from fieldcrm.server.writes import Touched, touched_row
from fieldcrm.times import stored_utc

#: The rule a lost claim names: the earliest claim head office accepts wins.
EARLIEST_CLAIM = "earliest_claim"

_event = OwnershipEvent.__table__.c


@dataclass(frozen=True)
class LostClaim:
    """A rep's claim of a customer head office refused because another rep's came first: why (the refusal), and
    when her laptop says she made it."""

    customer_id: str
    rep_id: str
    reason: str
    at: datetime


def _claim_of(op: Any, customer_id: str, rep_id: str) -> bool:
    """Whether a pushed op is the rep's claim event of the customer."""
    fields = op.fields
    return (
        op.table == "ownership_event"
        and op.op == "insert"
        and fields.get("kind") == CLAIM
        and fields.get("customer_id") == customer_id
        and fields.get("by_user_id") in (None, rep_id)
    )


def claimed_at(ops: Iterable[Any], customer_id: str, rep_id: str, arrived: datetime) -> datetime:
    """When the rep's laptop says she made the claim: the `at` of the claim event sent with it in its group; the
    arrival time when there is none, or it is unreadable, or later (a claim is not made after it arrived)."""
    for op in ops:
        if not _claim_of(op, customer_id, rep_id):
            continue
        try:
            at = decode_fields(OwnershipEvent, {"at": op.fields.get("at")}).get("at")
        except BadOp:
            return arrived
        return min(stored_utc(at), stored_utc(arrived)) if isinstance(at, datetime) else arrived
    return arrived


def _recorded(session: Session, lost: LostClaim) -> bool:
    """Whether a lost claim of this rep's is recorded since the customer's latest accepted claim (the same refused
    claim sent again adds none)."""
    latest = select(func.max(_event.created_at)).where(
        _event.customer_id == lost.customer_id,
        _event.kind == CLAIM,
        _event.deleted == False,  # noqa: E712
    )
    query = select(_event.id).where(
        _event.customer_id == lost.customer_id,
        _event.kind == CLAIM_LOST,
        _event.by_user_id == lost.rep_id,
        _event.deleted == False,  # noqa: E712
        _event.created_at >= func.coalesce(latest.scalar_subquery(), _event.created_at),
    )
    return session.execute(query.limit(1)).first() is not None


def record_lost_claims(
    session: Session,
    lost: Sequence[LostClaim],
    dependants: Dependants,
) -> list[Touched]:
    """Write a `claim_lost` event for each lost claim not recorded yet, the rep's own (she and her supervisor pull
    it), stamped as accepted now as every event that arrives (`created_at`, head office's clock). Returns the feed
    entries: the customer and its dependants first, then the event, so her laptop has the customer before the
    event that points at it."""
    touched: list[Touched] = []
    done: set[tuple[str, str]] = set()
    for item in lost:
        key = (item.customer_id, item.rep_id)
        if key in done or _recorded(session, item):
            continue
        rows = customer_rows(session, item.customer_id, dependants)
        if not rows:
            continue
        done.add(key)
        touched += rows
        event = OwnershipEvent(
            customer_id=item.customer_id,
            kind=CLAIM_LOST,
            from_owner_id=None,
            to_owner_id=None,
            by_user_id=item.rep_id,
            owner_id=item.rep_id,
            at=item.at,
            reason=item.reason[:500],
            rule=EARLIEST_CLAIM,
        )
        session.add(event)
        created = touched_row(event)
        created.created = True
        touched.append(created)
    return touched

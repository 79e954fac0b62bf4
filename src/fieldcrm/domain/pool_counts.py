"""The public pool's counts (公海): the statements that read a rep's `Load` and a customer's lockouts and deal, the
same on the laptop (its copy of the rep's world) and at head office (the whole). Statements only: the caller runs
them on its own session, so this stays free of any connection."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, exists, func, or_, select

from fieldcrm.domain.protection import PoolRules
from fieldcrm.models import Customer, Opportunity, OwnershipEvent
from fieldcrm.models.opportunity import WON_STAGE

_customer = Customer.__table__.c
_deal = Opportunity.__table__.c
_event = OwnershipEvent.__table__.c

#: The kind of event a claim from the pool records.
CLAIM = "claim"
#: Changes that leave a customer in the pool with its last owner locked out.
LAPSES = ("release", "return_to_pool")


def _won(customer_id_column: Any) -> Any:
    return exists().where(
        _deal.customer_id == customer_id_column,
        _deal.stage == WON_STAGE,
        _deal.deleted == False,  # noqa: E712
    )


def held_query(rep_id: str) -> Select:
    """How many customers the rep holds, won ones left out (they count against no limit)."""
    return select(func.count()).where(
        _customer.owner_id == rep_id,
        _customer.in_public_pool == False,  # noqa: E712
        _customer.deleted == False,  # noqa: E712
        ~_won(_customer.id),
    )


def day_start(rules: PoolRules, now: datetime) -> datetime:
    """The UTC instant the team's calendar day of `now` began."""
    day = rules.day_of(now)
    return datetime.combine(day, time.min, ZoneInfo(rules.timezone)).astimezone(UTC)


def claimed_today_query(rules: PoolRules, rep_id: str, now: datetime) -> Select:
    """How many customers the rep claimed since the team's day began, won ones left out. A claim counts by its own
    time or by its arrival (`created_at`, head office's): a claim dated back is still today's."""
    start = day_start(rules, now)
    return select(func.count()).where(
        _event.kind == CLAIM,
        _event.to_owner_id == rep_id,
        or_(_event.at >= start, _event.created_at >= start),
        _event.deleted == False,  # noqa: E712
        ~_won(_event.customer_id),
    )


def lapses_query(customer_id: str) -> Select:
    """(rep, time) of each release or return of the customer, oldest first: the lockouts it carries."""
    return (
        select(_event.from_owner_id, _event.at)
        .where(
            _event.customer_id == customer_id,
            _event.kind.in_(LAPSES),
            _event.from_owner_id.is_not(None),
            _event.deleted == False,  # noqa: E712
        )
        .order_by(_event.at)
    )


def lapsed_days(rules: PoolRules, rows: list[tuple[str, datetime]]) -> dict[str, date]:
    """The lockout map of `lapses_query`'s rows: each rep's latest day of letting the customer go."""
    return {rep: rules.day_of(at if at.tzinfo else at.replace(tzinfo=UTC)) for rep, at in rows}


def won_query(customer_id: str) -> Select:
    """Whether a deal with the customer was won."""
    return select(_won(customer_id))


def last_claim_query(customer_id: str) -> Select:
    """(claimer, time, time head office accepted it, version) of the customer's latest claim. Until head office
    has it (version 0) its acceptance time is unknown: the claim's own time stands in."""
    return (
        select(_event.to_owner_id, _event.at, _event.created_at, _event.version)
        .where(
            _event.customer_id == customer_id,
            _event.kind == CLAIM,
            _event.deleted == False,  # noqa: E712
        )
        .order_by(_event.at.desc())
        .limit(1)
    )

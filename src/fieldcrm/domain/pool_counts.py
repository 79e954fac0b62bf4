"""The public pool's counts (公海): the statements that read a rep's `Load` and a customer's lockouts and deal, the
same on the laptop (its copy of the rep's world) and at head office (the whole). Statements only: the caller runs
them on its own session, so this stays free of any connection."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, exists, func, or_, select

from fieldcrm.domain.pool import Term
from fieldcrm.domain.pools import pool_column
from fieldcrm.domain.protection import PoolRules
from fieldcrm.models import Customer, Opportunity, OwnershipEvent, Visit
from fieldcrm.models.opportunity import WON_STAGE
from fieldcrm.times import stored_utc

_customer = Customer.__table__.c
_deal = Opportunity.__table__.c
_event = OwnershipEvent.__table__.c
_visit = Visit.__table__.c

#: The kind of event a claim from the pool records.
CLAIM = "claim"
#: Changes that leave a customer in the pool with its last owner locked out.
LAPSES = ("release", "return_to_pool")
#: Changes of owner that start a holding (the time the current owner took the customer).
TAKES = ("first_contact", "claim", "assignment", "handover", "arbitration")
#: Customers read per statement by `held_terms` (one statement binds at most 65,535 parameters on PostgreSQL).
BATCH = 500


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


def claimed_today_query(rules: PoolRules, rep_id: str, now: datetime, pool: str | None = None) -> Select:
    """How many customers the rep claimed since the team's day began, won ones left out; with `pool`, only
    customers of that pool of the team's (`domain.pools`: the daily limit is counted per pool). A claim counts by its
    own time or by its arrival (`created_at`, head office's): a claim dated back is still today's."""
    start = day_start(rules, now)
    query = select(func.count()).where(
        _event.kind == CLAIM,
        _event.to_owner_id == rep_id,
        or_(_event.at >= start, _event.created_at >= start),
        _event.deleted == False,  # noqa: E712
        ~_won(_event.customer_id),
    )
    if pool is None or not rules.pools:  # one pool: every claim is of it
        return query
    # A claimed customer this store no longer has counts in the default pool (no region, no industry).
    joined = OwnershipEvent.__table__.outerjoin(Customer.__table__, _customer.id == _event.customer_id)
    return query.select_from(joined).where(pool_column(rules, _customer.region, _customer.industry) == pool)


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
    return {rep: rules.day_of(stored_utc(at)) for rep, at in rows}


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


def held_query_rows() -> Select:
    """(id, name, owner_id, protection_until, first_contact_at, region, industry) of the customers someone holds:
    what `held_terms` reads further (region and industry: the pool it would go back to). The caller narrows it
    (whose, which protection)."""
    c = _customer
    return select(c.id, c.name, c.owner_id, c.protection_until, c.first_contact_at, c.region, c.industry).where(
        c.owner_id.is_not(None),
        c.in_public_pool == False,  # noqa: E712
        c.deleted == False,  # noqa: E712
    )


def held_terms(execute: Callable[[Select], Any], rows: Sequence[Any]) -> dict[str, Term]:
    """The `Term` of each held customer in `rows` (`held_query_rows`'s): when its owner took it, its latest
    follow-up (a visit, whoever logged it), whether a deal was won. `execute` runs a statement on the caller's
    session (the laptop's store or head office's database); `BATCH` customers per statement."""
    terms: dict[str, Term] = {}
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids = [r.id for r in batch]
        followups = dict(
            execute(
                select(_visit.customer_id, func.max(_visit.started_at))
                .where(_visit.customer_id.in_(ids), _visit.deleted == False)  # noqa: E712
                .group_by(_visit.customer_id)
            ).all()
        )
        taken: dict[tuple[str, str], datetime] = {
            (customer_id, to_owner): at
            for customer_id, to_owner, at in execute(
                select(_event.customer_id, _event.to_owner_id, func.max(_event.at))
                .where(_event.customer_id.in_(ids), _event.kind.in_(TAKES), _event.deleted == False)  # noqa: E712
                .group_by(_event.customer_id, _event.to_owner_id)
            )
        }
        won = set(
            execute(
                select(_deal.customer_id).where(
                    _deal.customer_id.in_(ids),
                    _deal.stage == WON_STAGE,
                    _deal.deleted == False,  # noqa: E712
                )
            ).scalars()
        )
        for r in batch:
            terms[r.id] = Term(
                r.owner_id,
                False,
                taken_at=stored_utc(taken.get((r.id, r.owner_id)) or r.first_contact_at),
                protection_until=r.protection_until,
                last_followup_at=stored_utc(followups.get(r.id)),
                won=r.id in won,
            )
    return terms

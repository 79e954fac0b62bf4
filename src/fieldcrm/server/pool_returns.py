"""Automatic returns to the public pool (公海), by head office's clock: held customers whose return day has come
(`domain.pool.next_return`, the owner's team calendar, the rules of the team's pool the customer would go back to)
and whose offline grace window has passed (`goes_back`) go back with no owner and their owner-specific data cleared
(`domain.pool.CLEARED_ON_RETURN`: protection and the next follow-up), and a `return_to_pool` event naming the rule
is recorded; both reach the laptops with their next pull. Run daily (`fieldcrm-server pool-returns`) and, for the
puller's side only, at the start of a round of pulls (`PullReturns`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, or_, select
from sqlalchemy.orm import Session

from fieldcrm.domain import pool_counts
from fieldcrm.domain.pool import CLEARED_ON_RETURN, Return, goes_back
from fieldcrm.domain.pools import rules_for
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Customer, OwnershipEvent, User
from fieldcrm.models.codec import encode_value
from fieldcrm.models.registry import CUSTOMER_SCOPED, SYNCED_TABLES, party_of
from fieldcrm.server.auth import Principal
from fieldcrm.server.visibility import viewer_for
from fieldcrm.server.writes import Touched, record_changes, touched_row

#: Who a return is recorded as made by: head office's rules, no person.
HEAD_OFFICE = "head-office"


@dataclass(frozen=True)
class Due:
    """A customer going back: whose it was, and the rule sending it on which day."""

    customer_id: str
    name: str
    owner_id: str
    due: Return


def find_due(session: Session, now: datetime, owners: Collection[str] | None = None) -> list[Due]:
    """Held customers (of `owners`, or everyone's) whose return day has come at `now`. Only customers whose
    protection has ended (or never ran) can be due: the rest are never read further."""
    c = Customer.__table__.c
    query = pool_counts.held_query_rows()
    if owners is not None:
        query = query.where(c.owner_id.in_(sorted(owners)))
    u = User.__table__.c
    teams: dict[str, str | None] = {row[0]: row[1] for row in session.execute(select(u.id, u.team_id))}
    by_team = {t: team_rules(session, t) for t in {*teams.values(), None}}
    earliest = min((rules.day_of(now) for rules in by_team.values()), default=now.date())
    query = query.where(or_(c.protection_until.is_(None), c.protection_until < earliest))
    rows = list(session.execute(query.order_by(c.id)).all())
    terms = pool_counts.held_terms(session.execute, rows)
    due: list[Due] = []
    for r in rows:
        rules = rules_for(by_team[teams.get(r.owner_id)], r.region, r.industry)  # the pool it would go back to
        back = goes_back(rules, terms[r.id], now)
        if back is not None:
            due.append(Due(r.id, r.name, r.owner_id, back))
    return due


def return_due(session: Session, now: datetime, owners: Collection[str] | None = None) -> list[Due]:
    """Return every customer due at `now` (of `owners`, or everyone's) inside the caller's transaction, recorded in
    the feed so laptops pull it. Returns what went back."""
    due = find_due(session, now, owners)
    touched: list[Touched] = []
    for item in due:
        customer = session.get(Customer, item.customer_id, with_for_update=session.get_bind().dialect.name != "sqlite")
        if customer is None or customer.owner_id != item.owner_id or customer.in_public_pool:
            continue  # changed since it was read
        changes: dict[str, Any] = {"owner_id": [item.owner_id, None], "in_public_pool": [False, True]}
        for name in CLEARED_ON_RETURN:
            if getattr(customer, name) is not None:
                changes[name] = [encode_value(getattr(customer, name)), None]
                setattr(customer, name, None)
        customer.owner_id, customer.in_public_pool, customer.updated_at = None, True, now
        touched.append(touched_row(customer, changes, item.owner_id, False))
        for table in CUSTOMER_SCOPED:
            model = SYNCED_TABLES[table]
            for dep in session.execute(select(model).where(model.customer_id == customer.id)).scalars():  # type: ignore[attr-defined]
                touched.append(
                    Touched(
                        table, dep.id, dep.owner_id, customer.id, item.owner_id, False, party_id=party_of(table, dep)
                    )
                )
        event = OwnershipEvent(
            customer_id=customer.id,
            kind="return_to_pool",
            from_owner_id=item.owner_id,
            to_owner_id=None,
            by_user_id=HEAD_OFFICE,
            owner_id=item.owner_id,
            at=now,
            reason=f"no {item.due.rule.replace('_', ' ')} by {item.due.on}",
            rule=item.due.rule,
            created_at=now,
            updated_at=now,
        )
        session.add(event)
        created = touched_row(event)
        created.created = True
        touched.append(created)
    record_changes(session, touched)
    return due


def run_returns(bind: Engine | Connection, now: datetime, owners: Collection[str] | None = None,
                dry_run: bool = False) -> list[Due]:  # fmt: skip
    """`return_due` in a transaction of its own (SQLite: the push's writer lock, so the two never interleave);
    with `dry_run`, only what would go back."""
    from fieldcrm.server.push import transaction, writer_lock  # push imports much; only when writing

    if dry_run:
        with Session(bind) as session:
            return find_due(session, now, owners)
    with writer_lock(bind), transaction(bind) as session:
        return return_due(session, now, owners)


def returns_for(bind: Engine | Connection, principal: Principal, now: datetime) -> list[Due]:
    """At the start of a pull: the returns due on the puller's side (a rep's customers, a supervisor's team's), so
    what they pull is as head office's clock has it. Admins' pulls leave it to the daily job."""
    if principal.role == "admin":
        return []
    with Session(bind) as session:
        owners = viewer_for(session, principal).owners
        due = find_due(session, now, owners)
    return run_returns(bind, now, owners) if due else []


#: How often one user's pulls look for returns on their side: once per pull round in practice (a round's pages
#: follow within seconds), instead of on every page.
PULL_RETURNS_EVERY = timedelta(minutes=1)
#: Users remembered at once by `PullReturns` (past this, the least recently seen look again at their next pull).
REMEMBERED_USERS = 10_000


class PullReturns:
    """The returns due on a puller's side, looked for at most once per `every` per user (head office's clock): the
    look reads the side's held customers past protection with their follow-ups, and a round of pulls is many
    pages. A return made in between still reaches the laptop: the daily job makes it, or the next round's look."""

    def __init__(self, every: timedelta = PULL_RETURNS_EVERY, look: Callable[..., list[Due]] = returns_for) -> None:
        self.every = every
        self._look = look
        self._lock = threading.Lock()
        self._last: OrderedDict[str, datetime] = OrderedDict()

    def __call__(self, bind: Engine | Connection, principal: Principal, now: datetime) -> list[Due]:
        with self._lock:
            last = self._last.get(principal.user_id)
            if last is not None and last <= now < last + self.every:
                return []
            self._last[principal.user_id] = now
            self._last.move_to_end(principal.user_id)
            while len(self._last) > REMEMBERED_USERS:
                self._last.popitem(last=False)
        return self._look(bind, principal, now)

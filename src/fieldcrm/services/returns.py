"""What will happen to a rep's customers by the pool's rules, as this laptop sees it (公海回收提醒): the day each
held customer goes back to the public pool if nothing changes, by which rule, and which ones its owner is reminded
of now. Head office's clock decides (`server/pool_returns.py`); the laptop only tells the rep in time to act."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, or_

from fieldcrm.domain import pool_counts
from fieldcrm.domain.pool import Return, next_return, reminded, reminder
from fieldcrm.domain.pools import rules_for
from fieldcrm.domain.protection import PoolRules
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Customer, User
from fieldcrm.models.codec import encode_value
from fieldcrm.services.base import BaseService


def return_of(session: Session, customer: Customer, rules: PoolRules) -> Return | None:
    """The day `customer` goes back to the pool if nothing changes, and the rule sending it (None: it stays).
    `rules` are its pool's (`domain.pools.rules_for`)."""
    if customer.owner_id is None or customer.in_public_pool:
        return None
    terms = pool_counts.held_terms(session.connection().execute, [customer])
    return next_return(rules, terms[customer.id])


def return_fields(rules: PoolRules, back: Return | None, now: datetime) -> dict[str, Any]:
    """`back` as the customer page and the CLI show it: the day, the rule, and whether the owner is reminded now
    (within `remind_days_before` days of it)."""
    if back is None:
        return {"returns_on": None, "return_rule": None, "return_soon": False}
    return {"returns_on": encode_value(back.on), "return_rule": back.rule, "return_soon": reminded(rules, back, now)}


class ReturnsService(BaseService):
    def returning_soon(self) -> list[dict[str, Any]]:
        """The acting user's customers going back to the pool within the reminder days (as of this service's clock),
        soonest first: id, name, the day and the rule. A customer never goes back before its protection ends, so
        only those whose protection ends within the reminder days (or has none) are read further. Each customer
        goes by the rules of the team's pool it would go back to (its reminder days, its return rules)."""
        now = self.clock()
        with self.store.session() as session:
            me: User = self.actor(session)
            team = team_rules(session, me.team_id)
            most = max([team.remind_days_before, *(p.rules.get("remind_days_before", 0) for p in team.pools)])
            horizon: date = team.day_of(now) + timedelta(days=most)
            c = Customer.__table__.c
            query = pool_counts.held_query_rows().where(
                c.owner_id == me.id, or_(col(c.protection_until).is_(None), c.protection_until < horizon)
            )
            execute = session.connection().execute
            rows = list(execute(query).all())
            terms = pool_counts.held_terms(execute, rows)
            out = []
            for r in rows:
                rules = rules_for(team, r.region, r.industry)
                back = reminder(rules, terms[r.id], now)
                if back is not None:
                    out.append(
                        {
                            "id": r.id,
                            "name": r.name,
                            "returns_on": encode_value(back.on),
                            "return_rule": back.rule,
                            "days_left": (back.on - rules.day_of(now)).days,
                        }
                    )
            return sorted(out, key=lambda row: (row["returns_on"], row["name"]))

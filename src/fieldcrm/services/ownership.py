"""Reading a customer's ownership (客户归属): its history of owners, newest first, and its protection period as of
now. The events themselves are written by the services that change an owner (first contact: `customer_writes`)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain.pools import rules_for
from fieldcrm.domain.protection import days_left, is_protected
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Customer, OwnershipEvent, User
from fieldcrm.models.codec import encode_value
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.refusals import refused_reasons
from fieldcrm.services.returns import return_fields, return_of


def ownership_history(session: Session, customer_id: str) -> list[dict[str, Any]]:
    """The customer's ownership events, newest first, with the names of the people they name; those head
    office refused are left out."""
    events = session.exec(
        select(OwnershipEvent)
        .where(OwnershipEvent.customer_id == customer_id, OwnershipEvent.deleted == False)  # noqa: E712
        .order_by(col(OwnershipEvent.at).desc(), col(OwnershipEvent.id).desc())
    ).all()
    # A change head office refused (a claim another rep's beat) never happened: it is not part of the history.
    refused = refused_reasons(session.connection().exec_driver_sql, "ownership_event", [e.id for e in events])
    events = [e for e in events if e.id not in refused]
    wanted = {i for e in events for i in (e.from_owner_id, e.to_owner_id, e.by_user_id) if i}
    names = dict(session.exec(select(User.id, User.name).where(col(User.id).in_(wanted))).all()) if wanted else {}
    return [
        {
            "id": e.id,
            "kind": e.kind,
            "at": encode_value(e.at),
            "from_owner_id": e.from_owner_id,
            "from_owner": names.get(e.from_owner_id or ""),
            "to_owner_id": e.to_owner_id,
            "to_owner": names.get(e.to_owner_id or ""),
            "by_user_id": e.by_user_id,
            "by": names.get(e.by_user_id),
            "reason": e.reason,
            "rule": e.rule,
        }
        for e in events
    ]


def protection_of(session: Session, customer: Customer, now: Any) -> dict[str, Any]:
    """The customer's protection period as of `now` by its owner's team's rules (of the team's pool it would go back
    to): its last day, whether it still
    holds, the whole days left after today, and whether it lapses within the days its owner is reminded; and the
    day it goes back to the public pool if nothing changes, by which rule, and whether its owner is reminded of it
    now (`returns.return_fields`)."""
    owner = session.get(User, customer.owner_id) if customer.owner_id else None
    team = team_rules(session, owner.team_id if owner is not None else None)
    rules = rules_for(team, customer.region, customer.industry)  # the rules of the pool it would go back to
    until = customer.protection_until
    left = days_left(rules, until, now)
    return {
        "until": encode_value(until),
        "protected": is_protected(rules, until, now),
        "days_left": left,
        "lapsing_soon": left is not None and left < rules.remind_days_before,
        **return_fields(rules, return_of(session, customer, rules), now),
    }


class OwnershipService(BaseService):
    def history(self, customer_id: str) -> list[dict[str, Any]]:
        """Who held the customer, newest change first (`ownership_history`)."""
        with self.store.session() as session:
            get_live(session, Customer, customer_id)
            return ownership_history(session, customer_id)

    def protection(self, customer_id: str) -> dict[str, Any]:
        """The customer's protection period now, by this service's clock (`protection_of`)."""
        with self.store.session() as session:
            return protection_of(session, get_live(session, Customer, customer_id), self.clock())

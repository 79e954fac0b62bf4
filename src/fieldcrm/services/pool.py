"""The public pool (公海) on the laptop: browse it, claim a customer from it, release one to it. A claim or release
writes the customer's ownership fields and its ownership event in one action; head office decides in the end
(the earliest claim it accepts wins, see `server/checks.py`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func as sa_func
from sqlalchemy import select as sa_select
from sqlalchemy import text
from sqlmodel import Session, col, or_, select

from fieldcrm.domain import pool_counts
from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.domain.masking import mask_row, sees_numbers
from fieldcrm.domain.pool import (
    CLEARED_ON_RETURN,
    RELEASE_NEEDS_REASON,
    Load,
    Term,
    claimed_by,
    refuse_claim,
    refuse_release,
)
from fieldcrm.domain.pools import DEFAULT_POOL, pool_column, pool_names, pool_of, rules_of_pool
from fieldcrm.domain.protection import PoolRules, protection_from_first_contact
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Customer, OwnershipEvent, User
from fieldcrm.models.codec import encode_value
from fieldcrm.normalize import normalise_company_name
from fieldcrm.services.base import BaseService, actor_of, get_live
from fieldcrm.services.changes import UnitOfWork, unit_of_work

#: A customer's pinyin sort key (the laptop's own search index): the pool is listed in pinyin order, as the list is.
_PINYIN = text("(SELECT k.name_pinyin FROM customer_search_key k WHERE k.customer_id = customer.id)")
#: Pool customers one browse returns at most (the screen searches to narrow it).
POOL_PAGE = 500


def term_of(session: Session, customer: Customer, rules: PoolRules) -> Term:
    """What the pool's rules need to know of `customer`, read from this store."""
    won = bool(session.exec(pool_counts.won_query(customer.id)).one()[0])  # type: ignore[call-overload]
    lapsed = pool_counts.lapsed_days(rules, list(session.exec(pool_counts.lapses_query(customer.id))))  # type: ignore[call-overload]
    return Term(
        customer.owner_id, customer.in_public_pool, protection_until=customer.protection_until, won=won, lapsed=lapsed
    )


def load_of(session: Session, rep_id: str, rules: PoolRules, now: Any, pool: str | None = None) -> Load:
    """The rep's load as this store counts it: customers held and claims made today (of `pool`'s customers, when
    given: the daily limit is per pool), won ones left out."""
    held = session.exec(pool_counts.held_query(rep_id)).one()[0]  # type: ignore[call-overload]
    today = session.exec(pool_counts.claimed_today_query(rules, rep_id, now, pool)).one()[0]  # type: ignore[call-overload]
    return Load(held, today)


class PoolService(BaseService):
    """Claims and releases for the acting rep, and the pool's customers as they may see them."""

    def claim(self, customer_id: str) -> dict[str, Any]:
        """Claim a pool customer: it becomes the rep's, protected from now per the team's rules, and its history
        records the claim. Refused (PermissionDeniedError, the domain's sentence) at the cap, past the day's limit,
        within a lockout, or when it is not in the pool."""
        with unit_of_work(self.store) as uow:
            customer = get_live(uow.session, Customer, customer_id)
            record_claim(uow, self.actor(uow.session), customer, self.clock())
            return {
                "id": customer.id,
                "owner_id": customer.owner_id,
                "protection_until": encode_value(customer.protection_until),
            }

    def release(self, customer_id: str, reason: str) -> None:
        """Release the rep's own customer to the pool with a reason: owner and owner-specific data cleared, its
        history records the release (and the rep's lockout from it)."""
        if not (reason or "").strip():
            raise ValidationError(RELEASE_NEEDS_REASON, "reason")
        with unit_of_work(self.store) as uow:
            customer = get_live(uow.session, Customer, customer_id)
            record_release(uow, self.actor(uow.session), customer, reason.strip(), self.clock())

    def pool_customers(self, query: str = "", limit: int = POOL_PAGE, pool: str | None = None) -> list[dict[str, Any]]:
        """The pool's customers matching `query` (name, region or industry), in pinyin order (湖州 before 嘉兴), their
        mobile numbers masked for those who do not hold them; each with the name of the team's pool it is in
        (`domain.pools`), and only those of `pool` when given."""
        with self.store.session() as session:
            me = self.actor(session)
            actor = actor_of(session, me)
            rules = team_rules(session, me.team_id)
            stmt = select(Customer).where(Customer.in_public_pool == True, Customer.deleted == False)  # noqa: E712
            if pool is not None and rules.pools:
                stmt = stmt.where(pool_column(rules, col(Customer.region), col(Customer.industry)) == pool)
            elif pool is not None and pool != DEFAULT_POOL:
                return []  # a pool the team does not have
            text = (query or "").strip()
            if text:
                like = f"%{text}%"
                stmt = stmt.where(
                    or_(
                        col(Customer.name).like(like),
                        col(Customer.name_norm).like(f"%{normalise_company_name(text)}%"),
                        col(Customer.region).like(like),
                        col(Customer.industry).like(like),
                    )
                )
            rows = session.exec(stmt.order_by(_PINYIN, col(Customer.name), col(Customer.id)).limit(limit)).all()
            out = []
            for c in rows:
                row = {
                    "id": c.id,
                    "name": c.name,
                    "phone": c.phone,
                    "region": c.region,
                    "industry": c.industry,
                    "grade": c.grade,
                    "stage": c.stage,
                    "pool": pool_of(rules, c.region, c.industry),
                    "updated_at": encode_value(c.updated_at),
                }
                out.append(row if sees_numbers(actor, c.owner_id) else mask_row("customer", row))
            return out

    def pool_counts(self) -> list[tuple[str, int]]:
        """The team's pools in order (the default last), each with how many customers it holds now."""
        with self.store.session() as session:
            rules = team_rules(session, self.actor(session).team_id)
            c = Customer.__table__.c
            live = (c.in_public_pool == True, c.deleted == False)  # noqa: E712
            run = session.connection().execute
            if not rules.pools:
                return [(DEFAULT_POOL, int(run(sa_select(sa_func.count()).where(*live)).scalar() or 0))]
            which = pool_column(rules, c.region, c.industry)
            grouped = run(sa_select(which, sa_func.count()).where(*live).group_by(which))
            counts: dict[str, int] = {name: n for name, n in grouped}
            return [(name, int(counts.get(name, 0))) for name in pool_names(rules)]

    def rules(self) -> PoolRules:
        with self.store.session() as session:
            return team_rules(session, self.actor(session).team_id)


def record_claim(uow: UnitOfWork, rep: User, customer: Customer, now: Any) -> None:
    """The claim of `customer` by `rep` in `uow`, refused by the pool's rules (`domain.pool.refuse_claim`)."""
    session = uow.session
    team = team_rules(session, rep.team_id)
    pool = pool_of(team, customer.region, customer.industry)
    rules = rules_of_pool(team, pool)
    load = load_of(session, rep.id, rules, now, pool)
    refusal = refuse_claim(rules, rep.id, term_of(session, customer, rules), load, now)
    if refusal is not None:
        if not customer.in_public_pool and customer.owner_id not in (None, rep.id):
            refusal = _claimed_by(session, customer, rules) or refusal
        raise PermissionDeniedError(refusal)
    before = customer.owner_id
    uow.update(
        customer,
        {"owner_id": rep.id, "in_public_pool": False, "protection_until": protection_from_first_contact(rules, now)},
    )
    uow.session.flush()
    uow.insert(
        OwnershipEvent(
            customer_id=customer.id,
            kind="claim",
            from_owner_id=before,
            to_owner_id=rep.id,
            by_user_id=rep.id,
            owner_id=rep.id,
            at=now,
            rule="claim",
        )
    )


def record_release(uow: UnitOfWork, rep: User, customer: Customer, reason: str, now: Any) -> None:
    """The release of `customer` by its owner `rep` in `uow`, with `reason`."""
    rules = team_rules(uow.session, rep.team_id)
    refusal = refuse_release(rep.id, term_of(uow.session, customer, rules), reason)
    if refusal is not None:
        raise PermissionDeniedError(refusal)
    uow.update(customer, {"owner_id": None, "in_public_pool": True, **dict.fromkeys(CLEARED_ON_RETURN)})
    uow.session.flush()
    uow.insert(
        OwnershipEvent(
            customer_id=customer.id,
            kind="release",
            from_owner_id=rep.id,
            to_owner_id=None,
            by_user_id=rep.id,
            owner_id=rep.id,
            at=now,
            reason=reason,
            rule="release",
        )
    )


def _claimed_by(session: Session, customer: Customer, rules: PoolRules) -> str | None:
    found = session.exec(pool_counts.last_claim_query(customer.id)).first()  # type: ignore[call-overload]
    if found is None or found[0] != customer.owner_id:
        return None
    holder = session.get(User, found[0])
    return claimed_by(holder.name if holder else found[0], found[2] if found[3] else found[1], rules)

"""A supervisor's assignment of customers (分配客户): the candidates and their load, a preview of who gets what, and
the assignment itself in one action: each customer's new owner (out of the pool, protected from today), its
contacts and deals going along, and an `assignment` ownership event per customer naming the strategy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain.assignment import (
    ONLY_SUPERVISORS,
    Candidate,
    Plan,
    Strategy,
    ToAssign,
    Unplaced,
    plan_assignment,
)
from fieldcrm.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from fieldcrm.domain.ownership import Holding, refuse_work_on
from fieldcrm.domain.protection import protection_from_first_contact
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Customer, Opportunity, OwnershipEvent, User
from fieldcrm.models.opportunity import CLOSED_STAGES
from fieldcrm.models.registry import SPECS
from fieldcrm.pinyin import name_pinyin
from fieldcrm.services.base import BaseService
from fieldcrm.services.changes import UnitOfWork, unit_of_work

WON = CLOSED_STAGES[0]
REASON_LIMIT = 500


def _won_customers(session: Session) -> set[str]:
    query = select(Opportunity.customer_id).where(Opportunity.stage == WON, Opportunity.deleted == False)  # noqa: E712
    return set(session.exec(query))


def candidates_of(session: Session, side: frozenset[str] | None) -> list[Candidate]:
    """The active reps on `side` (everyone's for None: an admin), with the customers they hold now (won ones left out
    of the count), per region and industry, their won customers, and their cap by their team's rules."""
    query = select(User).where(User.role == "rep", User.active == True, User.deleted == False)  # noqa: E712
    if side is not None:
        query = query.where(col(User.id).in_(side))
    reps = list(session.exec(query))
    ids = [r.id for r in reps]
    won = _won_customers(session)
    held: Counter[str] = Counter()
    won_by: Counter[str] = Counter()
    regions: dict[str, Counter[str]] = {i: Counter() for i in ids}
    industries: dict[str, Counter[str]] = {i: Counter() for i in ids}
    rows = session.exec(
        select(Customer.id, Customer.owner_id, Customer.region, Customer.industry).where(
            col(Customer.owner_id).in_(ids),
            Customer.deleted == False,
            Customer.in_public_pool == False,  # noqa: E712
        )
    )
    for customer_id, owner, region, industry in rows:
        assert owner is not None
        if customer_id in won:
            won_by[owner] += 1
        else:
            held[owner] += 1
        if region:
            regions[owner][region] += 1
        if industry:
            industries[owner][industry] += 1
    return [
        Candidate(
            r.id,
            r.name,
            held[r.id],
            team_rules(session, r.team_id).cap_for(r.id),
            dict(regions[r.id]),
            dict(industries[r.id]),
            won_by[r.id],
            name_pinyin(r.name, person=True).sort,
        )
        for r in reps
    ]


def last_in_turn(session: Session, rep_ids: Sequence[str]) -> str | None:
    """The rep who got the latest customer assigned in turn among `rep_ids`: read from the ownership history, which
    syncs, so round-robin continues where the last round stopped on whichever laptop assigns next."""
    query = (
        select(OwnershipEvent.to_owner_id)
        .where(
            OwnershipEvent.kind == "assignment",
            OwnershipEvent.rule == "round_robin",
            col(OwnershipEvent.to_owner_id).in_(rep_ids),
            OwnershipEvent.deleted == False,  # noqa: E712
        )
        .order_by(col(OwnershipEvent.at).desc(), col(OwnershipEvent.id).desc())
        .limit(1)
    )
    return session.exec(query).first()


class AssignmentService(BaseService):
    def _supervising(self, session: Session) -> frozenset[str] | None:
        actor = self.acting(session)
        if actor.role not in ("supervisor", "admin"):
            raise PermissionDeniedError(ONLY_SUPERVISORS)
        return actor.side

    def candidates(self) -> list[dict[str, Any]]:
        """The reps the acting supervisor may give customers to, by name, with their load and cap."""
        with self.store.session() as session:
            found = candidates_of(session, self._supervising(session))
        return [
            {"id": c.id, "name": c.name, "held": c.held, "cap": c.cap, "region": c.home_region}
            for c in sorted(found, key=lambda c: c.order)
        ]

    def _plan(
        self, session: Session, customer_ids: Sequence[str], strategy: Strategy, rep_id: str | None
    ) -> tuple[Plan, dict[str, Customer], dict[str, str]]:
        side = self._supervising(session)
        actor = self.acting(session)
        reps = candidates_of(session, side)
        won = _won_customers(session)
        customers: dict[str, Customer] = {}
        refused: list[Unplaced] = []
        wanted: list[ToAssign] = []
        for customer_id in dict.fromkeys(customer_ids):
            customer = session.get(Customer, customer_id)
            if customer is None or customer.deleted:
                refused.append(Unplaced(customer_id, NotFoundError(f"no customer with id {customer_id}").message))
                continue
            customers[customer_id] = customer
            refusal = refuse_work_on(actor, Holding(customer.owner_id, customer.in_public_pool))
            if refusal:
                refused.append(Unplaced(customer_id, refusal))
                continue
            wanted.append(
                ToAssign(
                    customer.id,
                    customer.owner_id,
                    customer.in_public_pool,
                    customer.region,
                    customer.industry,
                    customer.id in won,
                )
            )
        after = last_in_turn(session, [r.id for r in reps]) if strategy == "round_robin" else None
        plan = plan_assignment(strategy, wanted, reps, rep_id, after)
        names = {r.id: r.name for r in reps}
        order = {cid: i for i, cid in enumerate(customer_ids)}
        unplaced = tuple(sorted(plan.unplaced + tuple(refused), key=lambda u: order.get(u.customer_id, 0)))
        return Plan(plan.placed, unplaced), customers, names

    @staticmethod
    def _outcome(strategy: str, plan: Plan, customers: dict[str, Customer], names: dict[str, str]) -> dict[str, Any]:
        def name_of(customer_id: str) -> str | None:
            customer = customers.get(customer_id)
            return customer.name if customer is not None else None

        return {
            "strategy": strategy,
            "placed": [
                {
                    "customer_id": p.customer_id,
                    "customer": name_of(p.customer_id),
                    "rep_id": p.rep_id,
                    "rep": names[p.rep_id],
                }
                for p in plan.placed
            ],
            "unplaced": [
                {"customer_id": u.customer_id, "customer": name_of(u.customer_id), "reason": u.reason}
                for u in plan.unplaced
            ],
        }

    def preview(self, customer_ids: Sequence[str], strategy: Strategy, rep_id: str | None = None) -> dict[str, Any]:
        """Who would get which customer, and which could not be placed and why; nothing is written."""
        with self.store.session() as session:
            plan, customers, names = self._plan(session, customer_ids, strategy, rep_id)
            return self._outcome(strategy, plan, customers, names)

    def assign(
        self, customer_ids: Sequence[str], strategy: Strategy, rep_id: str | None = None, reason: str = ""
    ) -> dict[str, Any]:
        """Assign the customers by `strategy` in one action (`preview` tells what it will do); returns who got what
        and what could not be placed, with why."""
        reason = reason.strip()
        if len(reason) > REASON_LIMIT:
            raise ValidationError(f"is {len(reason)} characters long; at most {REASON_LIMIT} are allowed", "reason")
        with unit_of_work(self.store) as uow:
            plan, customers, names = self._plan(uow.session, customer_ids, strategy, rep_id)
            by = self.actor(uow.session).id
            now = self.clock()
            for placement in plan.placed:
                give(uow, customers[placement.customer_id], placement.rep_id, by, now, strategy, reason)
            return self._outcome(strategy, plan, customers, names)


def give(
    uow: UnitOfWork,
    customer: Customer,
    rep_id: str,
    by: str,
    now: Any,
    rule: str | None,
    reason: str,
    kind: str = "assignment",
) -> None:
    """One customer to `rep_id` by a supervisor's decision (an assignment, an arbitration, an approved handover): out
    of the pool, protected from today (never shortened), its contacts and deals along (those of its last owner, or all
    of a pool customer's: as head office moves them, so the edit finds them moved there already), and the event of
    `kind` in its history (`rule`: the rule that decided it, None for a handover)."""
    session = uow.session
    rep = session.get(User, rep_id)
    rules = team_rules(session, rep.team_id if rep is not None else None)
    protected = protection_from_first_contact(rules, now)
    if customer.protection_until is not None and customer.protection_until > protected:
        protected = customer.protection_until
    prev_owner, prev_pool = customer.owner_id, customer.in_public_pool
    uow.update(customer, {"owner_id": rep_id, "in_public_pool": False, "protection_until": protected})
    for spec in SPECS:
        if not spec.moves_with_customer or spec.customer_field is None:
            continue
        model: Any = spec.model
        for dep in session.exec(select(model).where(getattr(model, spec.customer_field) == customer.id)):
            if dep.owner_id != rep_id and (dep.owner_id == prev_owner or prev_pool):
                uow.update(dep, {"owner_id": rep_id})
    uow.insert(
        OwnershipEvent(
            customer_id=customer.id,
            kind=kind,
            from_owner_id=prev_owner,
            to_owner_id=rep_id,
            by_user_id=by,
            owner_id=by,
            at=now,
            reason=reason,
            rule=rule,
        )
    )

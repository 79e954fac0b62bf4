"""The server's check of every pushed op, for every op kind (insert, update, delete, action) and every row an op
points at. What is common to all tables is here once; what a table adds is one function in `TABLE_CHECKS`. Both
call the domain rules the laptop's services call, so a refusal reads the same on both sides.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldcrm import domain
from fieldcrm.domain import appeal_evidence, pool_counts
from fieldcrm.domain.appeals import Loss, how_lost
from fieldcrm.domain.handover import PENDING
from fieldcrm.domain.ops import OpCheck, OpView
from fieldcrm.domain.ownership import (
    Holding,
    refuse_create_for,
    refuse_row,
    refuse_work_on,
)
from fieldcrm.domain.pool import Load, Term, claimed_by, refuse_claim, worked_before_claim
from fieldcrm.domain.pools import pool_of, rules_of_pool
from fieldcrm.domain.protection import PoolRules
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Customer, Handover, Team, User
from fieldcrm.models.registry import BY_NAME, TableSpec
from fieldcrm.server.lost_claims import LostClaim, claimed_at
from fieldcrm.server.merge import BadOp
from fieldcrm.server.tables import sync_conflict
from fieldcrm.server.visibility import Viewer

HEAD_OFFICE_ONLY = "users and teams are managed by head office"


def _collect_op_checks() -> dict[str, OpCheck]:
    """Every domain module's `OP_CHECKS`: a table's own rules live with the rest of its domain rules, and a new
    entity's module is found here without a line in this file."""
    found: dict[str, OpCheck] = {}
    for module in pkgutil.iter_modules(domain.__path__):
        found.update(getattr(importlib.import_module(f"{domain.__name__}.{module.name}"), "OP_CHECKS", {}))
    return found


class Checker:
    """The checks of one push, for one signed-in user; remembers the customers whose second creation this push
    (or an earlier one by the same side) contributed, which the creator's side may then add rows to."""

    def __init__(
        self,
        session: Session,
        viewer: Viewer,
        clock: Callable[[], datetime],
        unwritten: Counter[str],
        lost: list[LostClaim],
    ) -> None:
        self.session = session
        self.actor = viewer.actor
        self.co_created: set[str] = set()
        self.clock = clock
        # Claim events this push has accepted but not written yet (new rows written together at the push's end,
        # see `server.drafts`), per pool of the team's: the stored count does not hold them, so the daily limit
        # adds them.
        self.unwritten = unwritten
        # Claims this push lost to another rep's that reached head office first: recorded for their rep when the
        # push ends (`server.lost_claims`), outside the refused groups' effects.
        self.lost = lost
        #: The ops of the group being checked (a refused claim's own event says when it was made).
        self.group: Sequence[Any] = ()

    def check(self, target: OpView) -> None:
        """Both halves at once: for ops whose changes are known before anything is merged."""
        self.check_permission(target)
        self.check_rules(target)

    def check_permission(self, t: OpView) -> None:
        """May this actor write this row at all (before its fields are merged)?"""
        refusal = self._permission(t)
        if refusal:
            raise BadOp(refusal)

    def check_rules(self, t: OpView) -> None:
        """The rows the op points at, and the table's own rules on what it changes (after the merge)."""
        spec = BY_NAME[t.table]
        refusal = None
        if spec.customer_field and (t.kind == "insert" or spec.customer_field in t.changes):
            refusal = self._points_at(t)
        if refusal is None and t.kind != "insert" and "owner_id" in t.changes and not spec.ownership_fields:
            # A row handed to a new owner belongs to someone on the actor's side, as a new row does (a customer's
            # owner moves by the ownership rules instead).
            refusal = refuse_create_for(self.actor, t.changes["owner_id"])
        if refusal is None and t.table in TABLE_CHECKS:
            refusal = TABLE_CHECKS[t.table](self.actor, t, self)
        if refusal:
            raise BadOp(refusal)

    def _permission(self, t: OpView) -> str | None:
        spec = BY_NAME[t.table]
        if spec.head_office_only and self.actor.side is not None:
            return HEAD_OFFICE_ONLY
        if t.kind == "insert":
            return refuse_create_for(self.actor, t.row.owner_id)
        if spec.ownership_fields and t.kind == "update" and self._claims(t):
            return self._judge_claim(t.row)
        if t.kind == "fill" and spec.ownership_fields:
            # A customer created a second time offline: what the second creator typed fills its gaps (never its
            # ownership), the case goes to the supervisor, and their side may add rows to it.
            self.co_created.add(t.row.id)
            return None
        return self._may_change(spec, t.via if t.via is not None else t.row)

    # -- a claim from the public pool (公海) ---------------------------------------------------------------
    def _claims(self, t: OpView) -> bool:
        """Whether the op is a rep's claim: it sets a customer that is not theirs to them, out of the pool."""
        sent, row = t.sent, t.row
        return (
            self.actor.role == "rep"
            and sent.get("owner_id") == self.actor.id
            and sent.get("in_public_pool", row.in_public_pool) in (False, 0)
            and (row.owner_id != self.actor.id or bool(row.in_public_pool))
        )

    def _judge_claim(self, customer: Any) -> str | None:
        """The pool's rules on a claim, with head office's counts (customers held, claims today, the lockouts) and
        the customer as it stands: of two reps who claimed it offline, the first whose claim arrived has it, and
        the other is told who and when."""
        team = self._rep_rules()
        pool = pool_of(team, customer.region, customer.industry)
        rules = rules_of_pool(team, pool)  # the customer's pool's rules; the daily limit is counted per pool
        now = self.clock()
        run = self.session.execute
        term = Term(
            customer.owner_id,
            bool(customer.in_public_pool),
            protection_until=customer.protection_until,
            won=bool(run(pool_counts.won_query(customer.id)).scalar()),
            lapsed=pool_counts.lapsed_days(rules, [tuple(r) for r in run(pool_counts.lapses_query(customer.id))]),
        )
        held = run(pool_counts.held_query(self.actor.id)).scalar() or 0
        today = run(pool_counts.claimed_today_query(rules, self.actor.id, now, pool)).scalar() or 0
        today += self.unwritten[pool]
        refusal = refuse_claim(rules, self.actor.id, term, Load(held, today), now)
        if refusal is not None and not term.in_pool and term.owner_id is not None:
            last = run(pool_counts.last_claim_query(customer.id)).first()
            if last is not None and last[0] == term.owner_id:
                holder = self.session.get(User, last[0])
                refusal = claimed_by(holder.name if holder is not None else last[0], last[2], rules)
                at = claimed_at(self.group, customer.id, self.actor.id, now)
                self.lost.append(LostClaim(customer.id, self.actor.id, refusal, at))
        return refusal

    def _rep_rules(self) -> PoolRules:
        rep = self.session.get(User, self.actor.id)
        return team_rules(self.session, rep.team_id if rep is not None else None)

    def claim_unwritten(self, customer_id: str) -> None:
        """Count a claim event this push accepted but has not written yet, in the pool of its customer."""
        customer = self.session.get(Customer, customer_id)
        team = self._rep_rules()
        self.unwritten[pool_of(team, *((customer.region, customer.industry) if customer else (None, None)))] += 1

    def _before_its_claim(self, t: OpView) -> bool:
        """A rep's visit to a pool customer, made before another rep's claim of it arrived (head office's acceptance
        time, not when the winner's laptop made it: until then it was in the pool for everyone): it stays (the rep
        who lost the claim keeps their visits)."""
        when = BY_NAME[t.table].extends_protection
        if when is None or getattr(t.row, when, None) is None:
            return False
        last = self.session.execute(pool_counts.last_claim_query(t.customer.id)).first()
        return worked_before_claim(getattr(t.row, when), last[2] if last is not None else None)

    # -- what every table shares -------------------------------------------------------------------------
    def _may_change(self, spec: TableSpec, row: Any) -> str | None:
        """An existing row: a customer file (and what belongs to it: contacts, opportunities) by whoever may work
        on the customer; someone's own work (plans, stops, visits, reports) by their side."""
        if spec.ownership_fields:  # a customer
            return refuse_work_on(self.actor, Holding(row.owner_id, row.in_public_pool))
        if spec.team_field:
            return None  # a team's settings: its own rule says who may change them (the supervisor, an admin)
        if any(getattr(row, name) == self.actor.id for name in spec.steps_by):
            return None  # a party to the row's steps (a handover's receiving rep): its table's rule decides
        if spec.party_field and self.actor.covers(getattr(row, spec.party_field)):
            return None  # a party of the row (an appeal's holder): the table's own rule says what they may do
        if spec.moves_with_customer and not self.actor.covers(row.owner_id):
            customer = self.session.get(Customer, getattr(row, spec.customer_field or ""))
            if customer is None:
                return refuse_row(self.actor, row.owner_id)
            return refuse_work_on(self.actor, Holding(customer.owner_id, customer.in_public_pool))
        return refuse_row(self.actor, row.owner_id)

    def _points_at(self, t: OpView) -> str | None:
        """A row may hang off a customer the actor may work on, or one their side created a second time (offline,
        by its credit code or normalised name: the case went to the supervisor, and nothing they typed is lost)."""
        if t.customer is None:
            return f"customer {t.customer_id} is not on the server"
        refusal = refuse_work_on(self.actor, Holding(t.customer.owner_id, t.customer.in_public_pool))
        if refusal is None or t.customer.id in self.co_created or self._opened_duplicate(t.customer.id):
            return None
        if t.kind == "insert" and (BY_NAME[t.table].by_outsiders or self._before_its_claim(t)):
            return None
        return refusal

    def _opened_duplicate(self, customer_id: str) -> bool:
        """Whether someone on the actor's side created this customer a second time in an earlier push."""
        query = select(sync_conflict.c.offered_by_user).where(
            sync_conflict.c.row_id == customer_id, sync_conflict.c.kind == "duplicate"
        )
        found = any(self.actor.covers(user) for user in self.session.execute(query).scalars())
        if found:
            self.co_created.add(customer_id)
        return found

    def team_of_rep(self, user_id: str) -> str | None:
        user = self.session.get(User, user_id)
        if user is None or user.deleted or not user.active or user.role != "rep":
            return None
        return user.team_id

    def holding_of(self, customer_id: str) -> tuple[str | None, bool] | None:
        customer = self.session.get(Customer, customer_id)
        return None if customer is None else (customer.owner_id, bool(customer.in_public_pool))

    def handover_pending(self, customer_id: str, except_id: str) -> bool:
        query = select(Handover.id).where(  # type: ignore[call-overload]
            Handover.customer_id == customer_id,
            Handover.status.in_(PENDING),  # type: ignore[attr-defined]
            Handover.deleted == False,  # noqa: E712
            Handover.id != except_id,
        )
        return self.session.execute(query.limit(1)).first() is not None

    def loss_of(self, rep_id: str, customer_id: str) -> Loss | None:
        """How the rep lost the customer, by head office's records: its ownership events as accepted here (a claim
        of the rep's it refused is among them as `claim_lost`), and the rep's first visit to it (the evidence of a
        claim that lost)."""
        customer = self.session.get(Customer, customer_id)
        if customer is None:
            return None
        run = self.session.execute
        events = appeal_evidence.event_facts(run(appeal_evidence.events_query(customer_id)))
        worked = run(appeal_evidence.first_visit_query(rep_id, customer_id)).scalar()
        return how_lost(rep_id, Holding(customer.owner_id, bool(customer.in_public_pool)), events, worked)

    def open_appeal(self, customer_id: str, rep_id: str, except_id: str) -> bool:
        query = appeal_evidence.open_appeal_query(customer_id, rep_id, except_id)
        return self.session.execute(query.limit(1)).first() is not None

    def supervisor_of(self, rep_id: str) -> str | None:
        rep = self.session.get(User, rep_id)
        return self.supervisor_of_team(rep.team_id) if rep is not None and rep.team_id else None

    def supervisor_of_team(self, team_id: str) -> str | None:
        team = self.session.get(Team, team_id)
        return team.supervisor_id if team is not None else None


#: What a table adds to the common checks, from the domain modules.
TABLE_CHECKS: dict[str, OpCheck] = _collect_op_checks()

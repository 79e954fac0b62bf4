"""Handovers (客户交接) on the laptop: a rep (or their supervisor) hands one or many customers to a teammate with a
reason; the receiving rep accepts; the supervisor of both approves, and only then does each customer move, with its
contacts, deals and future plan stops, and a `handover` event in its ownership history. Either may decline, with a
reason. Every step is one action with its outbox entries; head office judges each by the same rules
(`domain/handover.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import InvalidStateError, PermissionDeniedError, ValidationError
from fieldcrm.domain.handover import (
    ALREADY_PENDING,
    CHANGED_HANDS,
    PENDING,
    SAY_WHY,
    SAY_WHY_NOT,
    STEPS,
    Handing,
    Step,
    refuse_request,
    refuse_step,
)
from fieldcrm.domain.ownership import Holding
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.ids import uuid7
from fieldcrm.models import Customer, Handover, PlannedStop, User, VisitPlan
from fieldcrm.models.codec import encode_value
from fieldcrm.pinyin import name_pinyin
from fieldcrm.services.assignment import give
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.changes import UnitOfWork, unit_of_work
from fieldcrm.services.plans import plan_of

REASON_LIMIT = 500
#: Handovers asked for in one action go to head office in groups of this many (each stands on its own).
GROUP = 500


def _rep_team(session: Session, user_id: str | None) -> str | None:
    """The team of an active rep; None for anyone else (as head office's `team_of_rep`)."""
    user = session.get(User, user_id) if user_id else None
    if user is None or user.deleted or not user.active or user.role != "rep":
        return None
    return user.team_id


def _pending(session: Session, customer_id: str) -> Handover | None:
    query = select(Handover).where(
        Handover.customer_id == customer_id,
        col(Handover.status).in_(PENDING),
        Handover.deleted == False,  # noqa: E712
    )
    return session.exec(query).first()


def _checked_reason(reason: str, limit_field: str, empty: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(empty, limit_field)
    if len(reason) > REASON_LIMIT:
        raise ValidationError(f"is {len(reason)} characters long; at most {REASON_LIMIT} are allowed", limit_field)
    return reason


class HandoverService(BaseService):
    # -- asking -------------------------------------------------------------------------------------------------
    def receivers(self, customer_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The teammates these customers may go to: the active reps of their holders' team, the holders left out."""
        with self.store.session() as session:
            holders = {c.owner_id for cid in customer_ids if (c := session.get(Customer, cid)) is not None}
            teams = {_rep_team(session, h) for h in holders} - {None}
            if len(teams) != 1:
                return []
            query = select(User).where(
                User.team_id == next(iter(teams)),
                User.role == "rep",
                User.active == True,  # noqa: E712
                User.deleted == False,  # noqa: E712
            )
            reps = [u for u in session.exec(query) if u.id not in holders]
        reps.sort(key=lambda u: (name_pinyin(u.name, person=True).sort, u.name))  # 李娜 before 刘洋, as in the lists
        return [{"id": u.id, "name": u.name} for u in reps]

    def request(self, customer_ids: Sequence[str], to_rep_id: str, reason: str) -> dict[str, Any]:
        """Hand the customers to `to_rep_id` with one reason, in one action: one handover per customer (sharing a
        batch id). Those that cannot be handed over come back with why; the others are asked for."""
        reason = _checked_reason(reason, "reason", SAY_WHY)
        with unit_of_work(self.store) as uow:
            session = uow.session
            actor = self.acting(session)
            batch = uuid7()
            now = self.clock()
            requested: list[dict[str, Any]] = []
            refused: list[dict[str, Any]] = []
            for customer_id in dict.fromkeys(customer_ids):
                customer = get_live(session, Customer, customer_id)
                from_rep = customer.owner_id or ""
                team = _rep_team(session, from_rep)
                same_team = team is not None and team == _rep_team(session, to_rep_id)
                holding = Holding(customer.owner_id, customer.in_public_pool)
                refusal = refuse_request(actor, holding, Handing(from_rep, to_rep_id), reason, same_team)
                if refusal is None and _pending(session, customer.id) is not None:
                    refusal = ALREADY_PENDING
                if refusal is not None:
                    refused.append({"customer_id": customer.id, "customer": customer.name, "reason": refusal})
                    continue
                uow.split_group(GROUP)
                handover = Handover(
                    customer_id=customer.id,
                    from_rep_id=from_rep,
                    to_rep_id=to_rep_id,
                    reason=reason,
                    batch_id=batch,
                    requested_by=actor.id,
                    requested_at=now,
                    owner_id=actor.id,
                )
                uow.insert(handover)
                requested.append({"id": handover.id, "customer_id": customer.id, "customer": customer.name})
            return {"batch_id": batch, "requested": requested, "refused": refused}

    # -- the steps ----------------------------------------------------------------------------------------------
    def _step(self, uow: UnitOfWork, handover_id: str, step: Step, reason: str = "") -> tuple[Actor, Handover]:
        """Take `step` on the handover (refused as head office would), writing who and when."""
        session = uow.session
        handover = get_live(session, Handover, handover_id)
        actor = self.acting(session)
        refusal = refuse_step(actor, _handing(handover), step, _supervises_both(actor, handover), reason)
        if refusal is not None:
            raise (InvalidStateError if handover.status not in STEPS[step][0] else PermissionDeniedError)(refusal)
        now = self.clock()
        changes: dict[str, Any] = {"status": STEPS[step][1], f"{_past(step)}_by": actor.id, f"{_past(step)}_at": now}
        if step == "decline":
            changes["decline_reason"] = reason
        uow.update(handover, changes, action=step)
        return actor, handover

    def accept(self, handover_id: str) -> None:
        """The receiving rep takes the customer on; the supervisor approves next."""
        with unit_of_work(self.store) as uow:
            self._step(uow, handover_id, "accept")

    def decline(self, handover_id: str, reason: str) -> None:
        """The receiving rep (before accepting) or the supervisor says no, with why; the customer stays."""
        reason = _checked_reason(reason, "reason", SAY_WHY_NOT)
        with unit_of_work(self.store) as uow:
            self._step(uow, handover_id, "decline", reason)

    def approve(self, handover_id: str) -> dict[str, Any]:
        """The supervisor of both reps approves: the customer becomes the receiving rep's (out of reach of the
        handing rep), its contacts and deals and the handing rep's future plan stops for it go along, and its
        ownership history records the handover with its reason. Its visits stay, now visible to the new owner."""
        with unit_of_work(self.store) as uow:
            session = uow.session
            handover = get_live(session, Handover, handover_id)
            customer = get_live(session, Customer, handover.customer_id)
            if (customer.owner_id, customer.in_public_pool) != (handover.from_rep_id, False):
                raise InvalidStateError(CHANGED_HANDS)
            actor, handover = self._step(uow, handover_id, "approve")
            now = self.clock()
            give(uow, customer, handover.to_rep_id, actor.id, now, None, handover.reason, kind="handover")
            moved = self._move_future_stops(uow, handover, now)
            return {"customer_id": customer.id, "owner_id": customer.owner_id, "stops_moved": moved}

    @staticmethod
    def _move_future_stops(uow: UnitOfWork, handover: Handover, now: Any) -> int:
        """The handing rep's stops still planned for the customer, from today on (by the team's clock), go to the
        receiving rep's plan of the same day, after the stops already there."""
        session = uow.session
        rep = session.get(User, handover.to_rep_id)
        today = now.astimezone(ZoneInfo(team_rules(session, rep.team_id if rep is not None else None).timezone)).date()
        query = (
            select(PlannedStop, col(VisitPlan.plan_date))
            .join(VisitPlan, col(VisitPlan.id) == PlannedStop.plan_id)
            .where(
                PlannedStop.customer_id == handover.customer_id,
                PlannedStop.owner_id == handover.from_rep_id,
                PlannedStop.status == "planned",
                PlannedStop.deleted == False,  # noqa: E712
                col(VisitPlan.plan_date) >= today,
            )
            .order_by(col(VisitPlan.plan_date), col(PlannedStop.position))
        )
        moved = 0
        for stop, day in list(session.exec(query)):
            plan = plan_of(uow, handover.to_rep_id, day)
            taken = session.exec(
                select(PlannedStop.id).where(PlannedStop.plan_id == plan.id, PlannedStop.deleted == False)  # noqa: E712
            ).all()
            uow.update(stop, {"plan_id": plan.id, "owner_id": handover.to_rep_id, "position": len(taken)})
            session.flush()
            moved += 1
        return moved

    # -- reading ------------------------------------------------------------------------------------------------
    def handovers(self) -> list[dict[str, Any]]:
        """Every handover this laptop holds, newest first, with the names it names, whether it waits for the acting
        user, and the steps they may take on it now."""
        with self.store.session() as session:
            actor = self.acting(session)
            rows = list(
                session.exec(
                    select(Handover, Customer.name)
                    .join(Customer, col(Customer.id) == Handover.customer_id)
                    .where(Handover.deleted == False)  # noqa: E712
                    .order_by(col(Handover.requested_at).desc(), col(Handover.id).desc())
                )
            )
            wanted = {
                i
                for h, _ in rows
                for i in (h.from_rep_id, h.to_rep_id, h.requested_by, h.accepted_by, h.approved_by, h.declined_by)
                if i
            }
            names = dict(session.exec(select(User.id, User.name).where(col(User.id).in_(wanted))).all())
        return [_described(h, name, actor, names) for h, name in rows]


def _past(step: Step) -> str:
    return {"accept": "accepted", "approve": "approved", "decline": "declined"}[step]


def _handing(handover: Handover) -> Handing:
    return Handing(handover.from_rep_id, handover.to_rep_id, handover.status)  # type: ignore[arg-type]


def _supervises_both(actor: Actor, handover: Handover) -> bool:
    return actor.covers(handover.from_rep_id) and actor.covers(handover.to_rep_id)


def _described(h: Handover, customer: str, actor: Actor, names: dict[str, str]) -> dict[str, Any]:
    same = _supervises_both(actor, h)
    steps = [s for s in STEPS if refuse_step(actor, _handing(h), s, same, "-") is None]
    return {
        "id": h.id,
        "customer_id": h.customer_id,
        "customer": customer,
        "from_rep_id": h.from_rep_id,
        "from_rep": names.get(h.from_rep_id, h.from_rep_id),
        "to_rep_id": h.to_rep_id,
        "to_rep": names.get(h.to_rep_id, h.to_rep_id),
        "reason": h.reason,
        "status": h.status,
        "batch_id": h.batch_id,
        "requested_by": names.get(h.requested_by, h.requested_by),
        "requested_at": encode_value(h.requested_at),
        "accepted_by": names.get(h.accepted_by or ""),
        "accepted_at": encode_value(h.accepted_at),
        "approved_by": names.get(h.approved_by or ""),
        "approved_at": encode_value(h.approved_at),
        "declined_by": names.get(h.declined_by or ""),
        "declined_at": encode_value(h.declined_at),
        "decline_reason": h.decline_reason,
        "steps": steps,
        #: A step only the acting user can take (accept for the receiver, approve for the supervisor).
        "waiting_for_me": any(s != "decline" for s in steps),
    }

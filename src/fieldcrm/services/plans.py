"""Visit plans: a rep's ordered stops for a day; add, reorder, move to another day, cancel."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain.errors import InvalidStateError, ValidationError
from fieldcrm.ids import stable_id
from fieldcrm.models import Customer, PlannedStop, VisitPlan
from fieldcrm.models.codec import row_to_dict
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.changes import UnitOfWork, unit_of_work
from fieldcrm.services.validation import check_length


def plan_id_for(rep_id: str, day: date) -> str:
    return stable_id("visit_plan", rep_id, day.isoformat())


def plan_of(uow: UnitOfWork, rep_id: str, day: date) -> VisitPlan:
    """The rep's plan of the day, made for them if they have none (restored if it was deleted)."""
    plan = uow.session.get(VisitPlan, plan_id_for(rep_id, day))
    if plan is None:
        plan = VisitPlan(id=plan_id_for(rep_id, day), rep_id=rep_id, owner_id=rep_id, plan_date=day)
        uow.insert(plan)
        uow.session.flush()
    elif plan.deleted:
        uow.update(plan, {"deleted": False})
    return plan


class PlanService(BaseService):
    @staticmethod
    def _stops(session: Session, plan_id: str) -> list[PlannedStop]:
        return list(
            session.exec(
                select(PlannedStop)
                .where(PlannedStop.plan_id == plan_id, PlannedStop.deleted == False)
                .order_by(col(PlannedStop.position), col(PlannedStop.created_at))
            )
        )

    def add_stop(self, day: date, customer_id: str, purpose: str = "", position: int | None = None) -> str:
        check_length(PlannedStop, "purpose", purpose)
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            get_live(uow.session, Customer, customer_id)
            plan = plan_of(uow, actor.id, day)
            stops = self._stops(uow.session, plan.id)
            stop = PlannedStop(
                plan_id=plan.id, customer_id=customer_id, purpose=purpose, owner_id=actor.id, position=len(stops)
            )
            uow.insert(stop)
            if position is not None and 0 <= position < len(stops):
                self._renumber(uow, [*stops[:position], stop, *stops[position:]])
            return stop.id

    @staticmethod
    def _renumber(uow: UnitOfWork, stops: list[PlannedStop]) -> None:
        for index, stop in enumerate(stops):
            if stop.position != index:
                uow.update(stop, {"position": index})

    def reorder(self, day: date, stop_ids: list[str]) -> None:
        """Put the day's stops in this order (every stop of the day, each once)."""
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            stops = {s.id: s for s in self._stops(uow.session, plan_id_for(actor.id, day))}
            if sorted(stop_ids) != sorted(stops):
                raise ValidationError("must list every stop of the day exactly once", "stop_ids")
            self._renumber(uow, [stops[i] for i in stop_ids])

    def move_stop(self, stop_id: str, offset: int) -> None:
        """Move a stop up (negative) or down (positive) within its day."""
        with unit_of_work(self.store) as uow:
            stop = get_live(uow.session, PlannedStop, stop_id)
            stops = self._stops(uow.session, stop.plan_id)
            index = next(i for i, s in enumerate(stops) if s.id == stop_id)
            target = max(0, min(len(stops) - 1, index + offset))
            stops.insert(target, stops.pop(index))
            self._renumber(uow, stops)

    def move_to_day(self, stop_id: str, day: date) -> None:
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            stop = get_live(uow.session, PlannedStop, stop_id)
            if stop.status != "planned":
                raise InvalidStateError(f"this stop is {stop.status} and can no longer be moved")
            plan = plan_of(uow, actor.id, day)
            if plan.id == stop.plan_id:
                return
            old = [s for s in self._stops(uow.session, stop.plan_id) if s.id != stop_id]
            uow.update(stop, {"plan_id": plan.id, "position": len(self._stops(uow.session, plan.id))})
            self._renumber(uow, old)

    def cancel_stop(self, stop_id: str) -> None:
        with unit_of_work(self.store) as uow:
            stop = get_live(uow.session, PlannedStop, stop_id)
            if stop.status == "done":
                raise InvalidStateError("this stop is already done; a logged visit cannot be cancelled")
            uow.update(stop, {"status": "cancelled"})

    def day(self, day: date, rep_id: str | None = None) -> list[dict[str, Any]]:
        """The stops of a day in order, with customer name and address."""
        with self.store.session() as session:
            rep = rep_id or self.actor(session).id
            out = []
            for stop in self._stops(session, plan_id_for(rep, day)):
                customer = session.get(Customer, stop.customer_id)
                out.append(
                    {
                        **row_to_dict(stop),
                        "customer_name": customer.name if customer else None,
                        "address": customer.address if customer else None,
                    }
                )
            return out

    def week(self, monday: date, rep_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
        from datetime import timedelta

        return {
            (monday + timedelta(days=i)).isoformat(): self.day(monday + timedelta(days=i), rep_id) for i in range(7)
        }

"""Logging visits, calls, meetings and e-mails: the interaction history of a customer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain.errors import InvalidStateError, PermissionDeniedError, ValidationError
from fieldcrm.domain.ownership import Holding, refuse_work_on
from fieldcrm.domain.protection import protection_after_visit
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Customer, PlannedStop, User, Visit
from fieldcrm.models.codec import row_to_dict
from fieldcrm.services.base import BaseService, actor_of, get_live
from fieldcrm.services.changes import unit_of_work
from fieldcrm.services.validation import check_length, clean_date, clean_kind, clean_text


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where `day` starts and ends on this laptop's clock zone."""
    start = datetime.combine(day, time.min).astimezone()
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.astimezone()).astimezone(UTC)


class VisitService(BaseService):
    def log(
        self,
        customer_id: str,
        *,
        kind: str = "visit",
        outcome: str = "",
        notes: str = "",
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
        next_step: str | None = None,
        next_date: date | str | None = None,
        stop_id: str | None = None,
    ) -> str:
        """Log one contact with a customer. A next date becomes the customer's next follow-up; a planned stop
        it came from is marked done; the owner's protection period is extended, provisionally: head office decides
        by when it receives the visit (`domain.protection.protection_after_visit`), and its value comes back with
        the next pull. All in one action. Nobody logs visits against a customer that is another rep's."""
        clean: dict[str, Any] = {
            "kind": clean_kind(kind),
            "outcome": clean_text("outcome", outcome, 2000, required=True),
            "notes": check_length(Visit, "notes", notes or ""),
            "next_step": clean_text("next_step", next_step, 500),
            "next_date": clean_date("next_date", next_date),
        }
        start = as_utc(started_at) or self.clock()
        end = as_utc(ended_at)
        if end is not None and end < start:
            raise ValidationError("is before the start of the visit", "ended_at")
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            customer = get_live(uow.session, Customer, customer_id)
            refusal = refuse_work_on(actor_of(uow.session, actor), Holding(customer.owner_id, customer.in_public_pool))
            if refusal:
                raise PermissionDeniedError(refusal)
            stop = None
            if stop_id:
                stop = get_live(uow.session, PlannedStop, stop_id)
                if stop.customer_id != customer_id:
                    raise ValidationError("belongs to another customer", "stop_id")
                if stop.status == "cancelled":
                    raise InvalidStateError("this planned stop was cancelled", "stop_id")
            visit = Visit(
                customer_id=customer_id,
                rep_id=actor.id,
                owner_id=actor.id,
                stop_id=stop_id,
                started_at=start,
                ended_at=end,
                **clean,
            )
            uow.insert(visit)
            if stop is not None:
                uow.update(stop, {"status": "done", "visit_id": visit.id})
            if clean["next_date"] is not None:
                uow.update(customer, {"next_follow_up": clean["next_date"]})
            if customer.owner_id is not None and not customer.in_public_pool:
                owner = uow.session.get(User, customer.owner_id)
                rules = team_rules(uow.session, owner.team_id if owner is not None else None)
                until = protection_after_visit(rules, customer.protection_until, start, self.clock())
                uow.provisional(customer, {"protection_until": until})
            return visit.id

    def edit(self, visit_id: str, **values: Any) -> dict[str, Any]:
        """Correct a visit's text fields (the rep's own visits only)."""
        allowed = {"outcome", "notes", "next_step", "next_date", "kind"}
        unknown = set(values) - allowed
        if unknown:
            raise ValidationError("cannot be edited on a visit", sorted(unknown)[0])
        with unit_of_work(self.store) as uow:
            visit = get_live(uow.session, Visit, visit_id)
            if visit.rep_id != self.actor(uow.session).id:
                raise InvalidStateError("only the rep who logged a visit can correct it")
            fields: dict[str, Any] = {}
            for key, value in values.items():
                if key == "kind":
                    fields[key] = clean_kind(value)
                elif key == "next_date":
                    fields[key] = clean_date(key, value)
                elif key == "outcome":
                    fields[key] = clean_text(key, value, 2000, required=True)
                else:
                    fields[key] = check_length(Visit, key, value or ("" if key == "notes" else None))
            return uow.update(visit, fields)

    def for_day(self, day: date, rep_id: str | None = None) -> list[dict[str, Any]]:
        with self.store.session() as session:
            rep = rep_id or self.actor(session).id
            return visits_of_day(session, rep, day)


def visits_of_day(session: Session, rep_id: str, day: date) -> list[dict[str, Any]]:
    """The rep's visits that started on `day` (local time), oldest first, with the customer's name."""
    start, end = local_day_bounds(day)
    rows = session.exec(
        select(Visit, Customer.name)
        .join(Customer, col(Customer.id) == Visit.customer_id)
        .where(Visit.rep_id == rep_id, Visit.deleted == False, Visit.started_at >= start, Visit.started_at < end)
        .order_by(col(Visit.started_at), col(Visit.id))
    ).all()
    users = {u.id: u.name for u in session.exec(select(User))}
    return [{**row_to_dict(v), "customer_name": name, "rep": users.get(v.rep_id)} for v, name in rows]

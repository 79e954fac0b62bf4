"""Appeals (申诉) on the laptop: why the acting rep lost a customer, filing an appeal with the evidence, the
supervisor's decision (upheld: the customer goes to the appellant with an `arbitration` event; rejected: nothing
moves), and the appeals this user may see. Head office judges every step again (`domain/appeals.py`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from fieldcrm.domain import appeal_evidence
from fieldcrm.domain.appeals import (
    SAY_WHY,
    WRITE_THE_REASON,
    Case,
    Filing,
    Loss,
    how_lost,
    lost_sentence,
    refuse_decision,
    refuse_filing,
)
from fieldcrm.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from fieldcrm.domain.ownership import Holding
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Appeal, Customer, OwnershipEvent, User, Visit
from fieldcrm.models.codec import encode_value
from fieldcrm.services.assignment import give
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.changes import unit_of_work
from fieldcrm.services.refusals import refused_reasons

TEXT_LIMIT = 1000


def _refused_events(session: Session, customer_id: str) -> set[str]:
    """The customer's ownership events head office refused (a claim another's beat): they never happened."""
    ids = list(session.exec(select(OwnershipEvent.id).where(OwnershipEvent.customer_id == customer_id)))
    return set(refused_reasons(session.connection().exec_driver_sql, "ownership_event", ids))


def loss_of(session: Session, rep_id: str, customer: Customer) -> Loss | None:
    """How `rep_id` lost `customer`, by this store's records (its refused events left out)."""
    events = appeal_evidence.event_facts(
        session.exec(appeal_evidence.events_query(customer.id)),  # type: ignore[call-overload]
        _refused_events(session, customer.id),
    )
    worked = session.exec(appeal_evidence.first_visit_query(rep_id, customer.id)).one()[0]  # type: ignore[call-overload]
    return how_lost(rep_id, Holding(customer.owner_id, customer.in_public_pool), events, worked)


def _when(session: Session, user_id: str | None, at: datetime | None) -> str:
    """A time as people read it in the team's time zone: 2026-12-07 13:22."""
    if at is None:
        return ""
    user = session.get(User, user_id) if user_id else None
    zone = ZoneInfo(team_rules(session, user.team_id if user is not None else None).timezone)
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    return dict(session.exec(select(User.id, User.name).where(col(User.id).in_(wanted))).all()) if wanted else {}


def _evidence(session: Session, rep_id: str | None, customer_id: str) -> dict[str, Any]:
    """A rep's side of a case: their first contact with the customer (their registration of it, or their first
    visit, whichever came first), since when they hold it (the latest change that gave it to them) and their visits."""
    if rep_id is None:
        return {"first_contact_at": None, "held_since": None, "visits": []}
    visits = session.exec(
        select(Visit)
        .where(Visit.customer_id == customer_id, Visit.owner_id == rep_id, Visit.deleted == False)  # noqa: E712
        .order_by(col(Visit.started_at))
    ).all()
    given = session.exec(
        select(OwnershipEvent.kind, OwnershipEvent.at)
        .where(
            OwnershipEvent.customer_id == customer_id,
            OwnershipEvent.to_owner_id == rep_id,
            OwnershipEvent.deleted == False,  # noqa: E712
        )
        .order_by(col(OwnershipEvent.at))
    ).all()
    first = next((at for kind, at in given if kind == "first_contact"), None)
    if visits and (first is None or visits[0].started_at < first):
        first = visits[0].started_at
    return {
        "first_contact_at": encode_value(first),
        "held_since": encode_value(given[-1][1]) if given else None,
        "visits": [{"id": v.id, "at": encode_value(v.started_at), "outcome": v.outcome} for v in visits],
    }


class AppealService(BaseService):
    """Appeals for the acting user: a rep's loss and appeal, a supervisor's decision."""

    def lost(self, customer_id: str) -> dict[str, Any] | None:
        """Why the acting rep lost this customer (who has it, when head office accepted it, in one sentence), whether
        they may appeal now, and their open appeal; None if they did not lose it."""
        with self.store.session() as session:
            me = self.actor(session)
            customer = get_live(session, Customer, customer_id)
            loss = loss_of(session, me.id, customer)
            if loss is None:
                return None
            names = _names(session, {loss.winner_id})
            winner = names.get(loss.winner_id or "", loss.winner_id or "")
            open_one = session.exec(appeal_evidence.open_appeal_query(customer_id, me.id)).first()  # type: ignore[call-overload]
            return {
                "how": loss.how,
                "winner_id": loss.winner_id,
                "winner": winner,
                "at": encode_value(loss.at),
                "sentence": lost_sentence(loss, winner, _when(session, me.id, loss.at)),
                "may_appeal": me.role == "rep" and open_one is None,
                "open_appeal_id": open_one[0] if open_one is not None else None,
            }

    def file(self, customer_id: str, statement: str) -> dict[str, Any]:
        """File the acting rep's appeal about a customer they lost, with their statement; the evidence (their first
        contact, their visits) is gathered from the store. Refused (the domain's sentence) if they did not lose it,
        or have an open appeal about it already."""
        statement = (statement or "").strip()
        if not statement:
            raise ValidationError(SAY_WHY)  # the sentence names what is missing
        if len(statement) > TEXT_LIMIT:
            raise ValidationError(f"is {len(statement)} characters long; at most {TEXT_LIMIT} are allowed", "reason")
        with unit_of_work(self.store) as uow:
            session = uow.session
            me = self.actor(session)
            customer = get_live(session, Customer, customer_id)
            loss = loss_of(session, me.id, customer)
            holder = None if customer.in_public_pool else customer.owner_id
            filing = Filing(me.id, me.id, holder, statement)
            open_already = session.exec(appeal_evidence.open_appeal_query(customer_id, me.id)).first() is not None  # type: ignore[call-overload]
            refusal = refuse_filing(
                self.acting(session), filing, Holding(customer.owner_id, customer.in_public_pool), loss, open_already
            )
            if refusal is not None or loss is None:
                raise PermissionDeniedError(refusal or "")
            mine = _evidence(session, me.id, customer_id)
            first = mine["first_contact_at"]
            appeal = Appeal(
                customer_id=customer_id,
                appellant_id=me.id,
                holder_id=holder,
                lost_how=loss.how,
                statement=statement,
                first_contact_at=datetime.fromisoformat(first) if first else None,
                visit_ids=",".join(v["id"] for v in mine["visits"])[:2000],
                filed_at=self.clock(),
                owner_id=me.id,
            )
            uow.insert(appeal)
            return {"id": appeal.id, "customer_id": customer_id, "lost_how": loss.how, "status": "open"}

    def decide(self, appeal_id: str, uphold: bool, reason: str) -> dict[str, Any]:
        """The supervisor's decision with its written reason: upheld, the customer goes to the appellant in the same
        action (an `arbitration` event whose reason is the decision); rejected, nothing moves."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(WRITE_THE_REASON)
        if len(reason) > TEXT_LIMIT:
            raise ValidationError(f"is {len(reason)} characters long; at most {TEXT_LIMIT} are allowed", "reason")
        outcome = "upheld" if uphold else "rejected"
        with unit_of_work(self.store) as uow:
            session = uow.session
            appeal = get_live(session, Appeal, appeal_id)
            actor = self.acting(session)
            refusal = refuse_decision(
                actor, Case(appeal.appellant_id, appeal.holder_id, appeal.status), outcome, reason
            )
            if refusal is not None:
                raise PermissionDeniedError(refusal)
            now = self.clock()
            uow.update(
                appeal,
                {"status": outcome, "decision": reason, "decided_by": actor.id, "decided_at": now},
                action="decide",
            )
            if uphold:
                customer = get_live(session, Customer, appeal.customer_id)
                if customer.owner_id != appeal.appellant_id or customer.in_public_pool:
                    give(uow, customer, appeal.appellant_id, actor.id, now, "appeal", reason, kind="arbitration")
            return {"id": appeal.id, "status": outcome, "customer_id": appeal.customer_id}

    def appeals(self, status: str | None = None, customer_id: str | None = None) -> list[dict[str, Any]]:
        """The appeals this user sees (their own, against them, their team's), open ones first, newest first; each
        with both sides' evidence: first contact and visits."""
        with self.store.session() as session:
            query = select(Appeal).where(Appeal.deleted == False)  # noqa: E712
            if status:
                query = query.where(Appeal.status == status)
            if customer_id:
                query = query.where(Appeal.customer_id == customer_id)
            rows = sorted(session.exec(query).all(), key=lambda a: (a.status != "open", -a.filed_at.timestamp(), a.id))
            names = _names(session, {i for a in rows for i in (a.appellant_id, a.holder_id, a.decided_by)})
            customers = {
                c.id: c.name
                for c in session.exec(select(Customer).where(col(Customer.id).in_({a.customer_id for a in rows})))
            }
            return [self._row(session, a, names, customers) for a in rows]

    def get(self, appeal_id: str) -> dict[str, Any]:
        with self.store.session() as session:
            appeal = session.get(Appeal, appeal_id)
            if appeal is None or appeal.deleted:
                raise NotFoundError(f"no appeal with id {appeal_id}")
            names = _names(session, {appeal.appellant_id, appeal.holder_id, appeal.decided_by})
            customer = session.get(Customer, appeal.customer_id)
            return self._row(session, appeal, names, {appeal.customer_id: customer.name if customer else ""})

    @staticmethod
    def _row(session: Session, a: Appeal, names: dict[str, str], customers: dict[str, str]) -> dict[str, Any]:
        appellant = _evidence(session, a.appellant_id, a.customer_id)
        if a.first_contact_at is not None:
            appellant["first_contact_at"] = encode_value(a.first_contact_at)
        return {
            "id": a.id,
            "customer_id": a.customer_id,
            "customer": customers.get(a.customer_id, ""),
            "appellant_id": a.appellant_id,
            "appellant": names.get(a.appellant_id, a.appellant_id),
            "holder_id": a.holder_id,
            "holder": names.get(a.holder_id or ""),
            "lost_how": a.lost_how,
            "statement": a.statement,
            "filed_at": encode_value(a.filed_at),
            "status": a.status,
            "decision": a.decision,
            "decided_by": names.get(a.decided_by or ""),
            "decided_at": encode_value(a.decided_at),
            "appellant_side": appellant,
            "holder_side": _evidence(session, a.holder_id, a.customer_id),
        }

"""Opportunities through the funnel: 潜在客户 → 意向客户 → 需求确认 → 方案提供 → 谈判签约 → 赢单 / 输单."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import select

from fieldcrm.domain.errors import InvalidStateError, ValidationError
from fieldcrm.domain.protection import protection_after_won_deal
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import CLOSED_STAGES, OPPORTUNITY_STAGES, Customer, Opportunity, User
from fieldcrm.models.codec import row_to_dict
from fieldcrm.models.opportunity import WON_STAGE
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.changes import unit_of_work
from fieldcrm.services.validation import check_length, clean_date, clean_text


def _cents(amount: Any) -> int:
    try:
        cents = round(float(str(amount).replace(",", "").replace("，", "")) * 100)
    except ValueError:
        raise ValidationError(f"'{amount}' is not an amount of money", "amount") from None
    if cents < 0:
        raise ValidationError("cannot be negative", "amount")
    return cents


class OpportunityService(BaseService):
    def create(
        self,
        customer_id: str,
        title: str,
        *,
        amount: Any = 0,
        expected_close: date | str | None = None,
        stage: str = "潜在客户",
    ) -> str:
        if stage not in OPPORTUNITY_STAGES[:5]:
            raise ValidationError(
                f"'{stage}' is not an open stage; use one of {'/'.join(OPPORTUNITY_STAGES[:5])}", "stage"
            )
        fields: dict[str, Any] = {
            "title": clean_text("title", title, 200, required=True),
            "amount_cents": _cents(amount),
            "expected_close": clean_date("expected_close", expected_close),
            "stage": stage,
        }
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            get_live(uow.session, Customer, customer_id)
            opp = Opportunity(customer_id=customer_id, owner_id=actor.id, **fields)
            uow.insert(opp)
            return opp.id

    def move(self, opportunity_id: str, stage: str, *, lost_reason: str | None = None) -> dict[str, Any]:
        """Move to any stage. Closing as lost needs a reason; a closed one reopens by moving it to an open stage.
        A won deal protects its customer for its owner longer (`won_extends_days`): shown here at once, decided by
        head office when the deal arrives (never sent from here)."""
        if stage not in OPPORTUNITY_STAGES:
            raise ValidationError(f"'{stage}' is not a stage; use one of {'/'.join(OPPORTUNITY_STAGES)}", "stage")
        with unit_of_work(self.store) as uow:
            opp = get_live(uow.session, Opportunity, opportunity_id)
            if opp.stage == stage:
                raise InvalidStateError(f"the opportunity is already at {stage}")
            changes: dict[str, Any] = {"stage": stage}
            if stage in CLOSED_STAGES:
                if stage == "输单" and not (lost_reason and lost_reason.strip()):
                    raise ValidationError("is required when an opportunity is lost", "lost_reason")
                reason = check_length(Opportunity, "lost_reason", lost_reason.strip() if lost_reason else None)
                changes.update(closed_at=self.clock(), lost_reason=reason)
            else:
                changes.update(closed_at=None, lost_reason=None)
            uow.update(opp, changes)
            customer = uow.session.get(Customer, opp.customer_id)
            if stage == WON_STAGE and customer is not None and customer.owner_id and not customer.in_public_pool:
                owner = uow.session.get(User, customer.owner_id)
                rules = team_rules(uow.session, owner.team_id if owner is not None else None)
                until = protection_after_won_deal(rules, customer.protection_until, changes["closed_at"])
                uow.provisional(customer, {"protection_until": until})
            return row_to_dict(opp)

    def update(
        self,
        opportunity_id: str,
        *,
        title: str | None = None,
        amount: Any = None,
        expected_close: date | str | None = None,
    ) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = clean_text("title", title, 200, required=True)
        if amount is not None:
            changes["amount_cents"] = _cents(amount)
        if expected_close is not None:
            changes["expected_close"] = clean_date("expected_close", expected_close)
        with unit_of_work(self.store) as uow:
            return uow.update(get_live(uow.session, Opportunity, opportunity_id), changes)

    def for_customer(self, customer_id: str) -> list[dict[str, Any]]:
        with self.store.session() as session:
            rows = session.exec(
                select(Opportunity).where(Opportunity.customer_id == customer_id, Opportunity.deleted == False)
            )
            return [row_to_dict(o) for o in rows]

    def funnel(self) -> dict[str, dict[str, int]]:
        """Count and amount (分) per stage of the acting user's opportunities."""
        with self.store.session() as session:
            actor = self.actor(session)
            out = {stage: {"count": 0, "amount_cents": 0} for stage in OPPORTUNITY_STAGES}
            for opp in session.exec(
                select(Opportunity).where(Opportunity.owner_id == actor.id, Opportunity.deleted == False)
            ):
                out[opp.stage]["count"] += 1
                out[opp.stage]["amount_cents"] += opp.amount_cents
            return out

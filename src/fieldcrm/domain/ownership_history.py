"""Ownership history (客户归属记录): what an ownership event may record, and who may record it.

An event is its author's account of a change of owner they made: a rep records their own first contacts, claims
and releases; a supervisor also assignments, handovers and arbitrations within their side; returns to the pool are
head office's (its rules, by its clock), and so is a claim lost (head office refused a rep's claim because another
rep's reached it first, and records it for her). Except for a first contact (whose evidence is kept even when another
rep's registration of the same company came first), the customer must stand as the event says it was left.
Events are written once: any later change or delete is refused."""

from __future__ import annotations

from dataclasses import dataclass

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import Lookup, OpCheck, OpView
from fieldcrm.domain.ownership import Holding, refuse_create_for, refuse_ownership_change
from fieldcrm.models.ownership import CLAIM_LOST, OWNERSHIP_KINDS

EVENTS_ARE_FINAL = "ownership events are written once and never changed"
NOT_YOUR_EVENT = "an ownership event records a change its own author made"
BY_HEAD_OFFICE = "customers go back to the public pool by head office's rules, never from a laptop"
NOT_AS_IT_STANDS = "this ownership event does not match who holds the customer"
FIRST_CONTACT_FROM = "a first contact takes the customer from nobody"
LOST_BY_HEAD_OFFICE = "a lost claim is recorded by head office, never from a laptop"
#: Kinds that leave the customer in the public pool (公海).
TO_POOL = frozenset({"release", "return_to_pool"})


@dataclass(frozen=True)
class Change:
    """What an event says happened: its kind, the owner before and after, and who made it."""

    kind: str
    from_owner_id: str | None
    to_owner_id: str | None
    by_user_id: str

    @property
    def before(self) -> Holding:
        return Holding(self.from_owner_id, in_public_pool=self.kind == "claim")

    @property
    def after(self) -> Holding:
        return Holding(self.to_owner_id, in_public_pool=self.kind in TO_POOL)


def refuse_event(actor: Actor, change: Change, customer: Holding | None) -> str | None:
    """Why `actor` may not record `change` of a customer that now stands as `customer`, or None."""
    if change.kind not in OWNERSHIP_KINDS:
        kinds = ", ".join(k for k in OWNERSHIP_KINDS if k != CLAIM_LOST)
        return f"'{change.kind}' is not a kind of ownership change; use one of {kinds}"
    if change.kind == CLAIM_LOST:
        return LOST_BY_HEAD_OFFICE
    if change.by_user_id != actor.id:
        return NOT_YOUR_EVENT
    if change.kind == "first_contact":
        return FIRST_CONTACT_FROM if change.from_owner_id is not None else refuse_create_for(actor, change.to_owner_id)
    if change.kind == "return_to_pool" and actor.side is not None:
        return BY_HEAD_OFFICE
    refusal = refuse_ownership_change(actor, change.before, ("owner_id", "in_public_pool"), change.after)
    if refusal:
        return refusal
    if customer is None or customer != change.after:
        return NOT_AS_IT_STANDS
    return None


def check_event_op(actor: Actor, op: OpView, _lookup: Lookup) -> str | None:
    """A new event is its author's own record of a change they may make; nothing changes or deletes one later."""
    if op.kind != "insert":
        return EVENTS_ARE_FINAL
    row = op.row
    if row.owner_id != actor.id:
        return NOT_YOUR_EVENT
    customer = op.customer
    holding = Holding(customer.owner_id, bool(customer.in_public_pool)) if customer is not None else None
    return refuse_event(actor, Change(row.kind, row.from_owner_id, row.to_owner_id, row.by_user_id), holding)


#: The tables whose ops these rules judge (the server's checks collect every domain module's).
OP_CHECKS: dict[str, OpCheck] = {"ownership_event": check_event_op}

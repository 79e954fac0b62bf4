"""Customer ownership (客户归属): who may work on a customer, create rows for whom, and change its owner."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import Lookup, OpCheck, OpView
from fieldcrm.models.registry import OWNERSHIP

NOT_YOURS = "this customer belongs to another rep; ask your supervisor to reassign it"
NOT_YOUR_ROW = "this row belongs to another rep; ask your supervisor"
FOR_ANOTHER_OWNER = "you cannot create rows for another owner"
OUTSIDE_TEAM = "you cannot give a customer to someone outside your team"
BY_THE_RULES = "ownership of a customer is decided by head office rules (first contact, protection period)"
POOL_HAS_NO_OWNER = "a customer in the public pool has no owner; release it to the pool, or assign it to someone"
#: The customer fields only the ownership rules change (declared with the table: `models.registry`).
OWNERSHIP_FIELDS = OWNERSHIP


@dataclass(frozen=True)
class Holding:
    """Whose a customer is: its owner, and whether it is in the public pool (公海)."""

    owner_id: str | None
    in_public_pool: bool = False


def refuse_work_on(actor: Actor, customer: Holding) -> str | None:
    """Changing a customer's file, and what hangs off it: their side's customers, and those in the public pool."""
    if actor.covers(customer.owner_id) or customer.in_public_pool:
        return None
    return NOT_YOURS


def refuse_row(actor: Actor, owner_id: str | None) -> str | None:
    """Changing a row that is someone's own work (a plan, a report, a visit): their side's only."""
    return None if actor.covers(owner_id) else NOT_YOUR_ROW


def refuse_create_for(actor: Actor, owner_id: str | None) -> str | None:
    """A new row belongs to someone on the actor's side."""
    return None if actor.covers(owner_id) else FOR_ANOTHER_OWNER


def refuse_ownership_change(actor: Actor, before: Holding, changed: Collection[str], after: Holding) -> str | None:
    """Reps may claim a public-pool customer for themselves or release their own to the pool; supervisors may give
    a customer to anyone on their side or put it back in the pool; admins anything. `changed` names the fields the
    change sets."""
    touched = OWNERSHIP_FIELDS.intersection(changed)
    if not touched or actor.side is None:
        return None
    if actor.role == "supervisor":  # within their side, or back to the pool (nobody's)
        to_pool = after == Holding(None, in_public_pool=True)
        return OUTSIDE_TEAM if "owner_id" in changed and not (to_pool or actor.covers(after.owner_id)) else None
    claiming = before.in_public_pool and after.owner_id == actor.id and not after.in_public_pool
    releasing = before.owner_id == actor.id and after.in_public_pool
    if not (claiming or releasing) or after.owner_id not in (actor.id, None):
        return BY_THE_RULES
    return None


def refuse_holding(customer: Holding) -> str | None:
    """A customer is either someone's or in the public pool, never both: a pool customer with an owner could be
    claimed past its owner's protection, and its owner would never be told."""
    return POOL_HAS_NO_OWNER if customer.in_public_pool and customer.owner_id is not None else None


def check_op(actor: Actor, op: OpView, _lookup: Lookup) -> str | None:
    """A customer's ownership fields change only under the ownership rules, whatever op carries them, and leave it
    someone's or in the pool (a second creation's fill never changes them)."""
    if op.kind == "fill":
        return None
    row = op.row
    if op.kind == "insert":
        return refuse_holding(Holding(row.owner_id, bool(row.in_public_pool)))
    before = Holding(row.owner_id, row.in_public_pool)
    after = Holding(op.changes.get("owner_id", row.owner_id), op.changes.get("in_public_pool", row.in_public_pool))
    refusal = refuse_ownership_change(actor, before, op.changes, after)
    return refusal or (refuse_holding(after) if OWNERSHIP_FIELDS.intersection(op.changes) else None)


#: The tables whose ops these rules judge (the server's checks collect every domain module's).
OP_CHECKS: dict[str, OpCheck] = {"customer": check_op}

"""Handover (客户交接): a rep leaving or changing territory hands a customer to a teammate with a reason; the receiving
rep accepts; the supervisor approves, and only then does the customer change hands (with a `handover` event in its
ownership history). Either the receiving rep or the supervisor may decline, with a reason.

    requested --accept (receiving rep)--> accepted --approve (supervisor)--> approved
    requested --decline (receiving rep or supervisor)--> declined
    accepted  --decline (supervisor)--> declined

Pure rules over what the caller read: the actor, the customer's holding, the handover's state, and whether both reps
are on one supervisor's side (`same_team`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import Lookup, OpCheck, OpView
from fieldcrm.domain.ownership import Holding
from fieldcrm.models.handover import HANDOVER_WORKFLOW as HANDOVER_FIELDS

Status = Literal["requested", "accepted", "approved", "declined"]
Step = Literal["accept", "approve", "decline"]
STATUSES: tuple[Status, ...] = ("requested", "accepted", "approved", "declined")
#: Each step: the states it may start from, and the state it leads to.
STEPS: dict[Step, tuple[frozenset[str], Status]] = {
    "accept": (frozenset({"requested"}), "accepted"),
    "approve": (frozenset({"accepted"}), "approved"),
    "decline": (frozenset({"requested", "accepted"}), "declined"),
}

SAY_WHY = "say why the customer is handed over"
SAY_WHY_NOT = "say why the handover is declined"
NOT_THE_OWNER = "only the rep who holds a customer, or their supervisor, can hand it over"
NOT_HELD = "only a customer a rep holds can be handed over; assign pool customers instead"
TO_THEMSELVES = "a customer cannot be handed over to the rep who holds it"
OTHER_TEAM = "a customer can be handed over only to a rep of the same team"
ONLY_RECEIVER = "only the rep receiving the customer can accept the handover"
ONLY_SUPERVISOR = "only the supervisor of both reps can approve the handover"
NOT_YOURS_TO_DECLINE = "only the receiving rep or the supervisor can decline the handover"
NOT_ACCEPTED_YET = "this handover waits for the receiving rep to accept it; it can be approved after that"
ALREADY_ACCEPTED = "this handover was already accepted; it waits for the supervisor's approval"
ALREADY_APPROVED = "this handover was already approved; the customer has moved"
WAS_DECLINED = "this handover was declined; ask for a new one if the customer should still move"
#: Why a step cannot be taken from a handover's status (each step's own starting states: `STEPS`).
WRONG_STATE: dict[str, str] = {
    "requested": NOT_ACCEPTED_YET,
    "accepted": ALREADY_ACCEPTED,
    "approved": ALREADY_APPROVED,
    "declined": WAS_DECLINED,
}


@dataclass(frozen=True)
class Handing:
    """A handover as the rules see it."""

    from_rep_id: str
    to_rep_id: str
    status: Status = "requested"


def refuse_request(actor: Actor, customer: Holding, handing: Handing, reason: str, same_team: bool) -> str | None:
    """Why `actor` may not ask for `handing` of a customer that stands as `customer`, or None."""
    if not reason.strip():
        return SAY_WHY
    if customer.in_public_pool or customer.owner_id is None:
        return NOT_HELD
    if customer.owner_id != handing.from_rep_id or not actor.covers(handing.from_rep_id):
        return NOT_THE_OWNER
    if handing.to_rep_id == handing.from_rep_id:
        return TO_THEMSELVES
    if not same_team:
        return OTHER_TEAM
    return None


def refuse_step(actor: Actor, handing: Handing, step: Step, same_team: bool, reason: str = "") -> str | None:
    """Why `actor` may not take `step` on `handing` now, or None. `same_team`: both reps are on the actor's side
    (for a supervisor's approval or decline)."""
    starts, _ = STEPS[step]
    if handing.status not in starts:
        return WRONG_STATE[handing.status]
    supervising = actor.role in ("supervisor", "admin") and same_team and actor.id != handing.from_rep_id
    if step == "accept":
        return None if actor.id == handing.to_rep_id else ONLY_RECEIVER
    if step == "approve":
        return None if supervising else ONLY_SUPERVISOR
    if not reason.strip():
        return SAY_WHY_NOT
    receiver_may = actor.id == handing.to_rep_id and handing.status == "requested"
    return None if receiver_may or supervising else NOT_YOURS_TO_DECLINE


def after(handing: Handing, step: Step) -> Handing:
    """The handover once `step` is taken (checked by `refuse_step` first)."""
    return Handing(handing.from_rep_id, handing.to_rep_id, STEPS[step][1])


def moves_customer(handing: Handing) -> bool:
    """Whether the customer now changes hands: on approval, and only then."""
    return handing.status == "approved"


# -- the handover row's own rule on every op (the server's checks collect it) -------------------------------------
#: The statuses in which the handover still waits (the receiving rep sees the customer, read-only).
PENDING = frozenset({"requested", "accepted"})
#: The fields each step sets (besides `status`): who took it and when, and for a decline why.
STEP_FIELDS: dict[Step, frozenset[str]] = {
    "accept": frozenset({"status", "accepted_by", "accepted_at"}),
    "approve": frozenset({"status", "approved_by", "approved_at"}),
    "decline": frozenset({"status", "declined_by", "declined_at", "decline_reason"}),
}
#: Who took a step: the field the server sets to the actor, whatever the laptop said.
STEP_BY: dict[Step, str] = {"accept": "accepted_by", "approve": "approved_by", "decline": "declined_by"}
#: What a handover is about, fixed once it is asked for.
FIXED_FIELDS = frozenset(
    {"customer_id", "from_rep_id", "to_rep_id", "reason", "requested_by", "requested_at", "batch_id", "owner_id"}
)

STARTS_REQUESTED = "a handover starts as requested; accept, approve and decline are its steps"
ONLY_BY_STEPS = "a handover changes only through accept, approve or decline"
FIXED = "what a handover is about (customer, reps, reason) is fixed once it is asked for"
NOT_DELETED = "a handover is never deleted; decline it instead"
ALREADY_PENDING = "this customer is already being handed over"
CHANGED_HANDS = "the customer changed hands since the handover was asked for; decline it instead"
STEP_MISMATCH = "a {0} step sets only its own fields and leads to {1}"


def step_to(status: object) -> Step | None:
    """The step that leads to `status`, or None."""
    return next((step for step, (_, to) in STEPS.items() if to == status), None)


def check_op(actor: Actor, op: OpView, lookup: Lookup) -> str | None:
    """A handover on any op: asked for by the customer's holder (or their supervisor) for a rep of the same team,
    once at a time; then changed only by its steps, each by its party (the receiving rep accepts, the supervisor of
    both approves), each setting only its own fields; approved only while the customer is still the handing rep's;
    never deleted. Sets who took each step: the actor, whatever the laptop said."""
    row = op.row
    if op.kind == "insert":
        return _refuse_new(actor, row, lookup)
    if op.kind == "delete":
        return NOT_DELETED
    if FIXED_FIELDS & op.changes.keys():
        return FIXED
    sent = set(op.sent) & (HANDOVER_FIELDS | FIXED_FIELDS)
    # The step is the one the sent status leads to (judged even where the row is in that state already).
    status = op.sent.get("status", op.changes.get("status"))
    if status is None and op.kind != "action":
        return ONLY_BY_STEPS if set(op.changes) & HANDOVER_FIELDS else None
    step = step_to(status)
    if step is None or (op.kind == "action" and op.action not in (None, step)):
        return STEP_MISMATCH.format(op.action or "status", status)
    if sent - STEP_FIELDS[step] - FIXED_FIELDS:
        return STEP_MISMATCH.format(step, STEPS[step][1])
    handing = Handing(row.from_rep_id, row.to_rep_id, row.status)
    same_team = actor.covers(row.from_rep_id) and actor.covers(row.to_rep_id)
    refusal = refuse_step(actor, handing, step, same_team, op.changes.get("decline_reason") or "")
    if refusal:
        return refusal
    if step == "approve" and lookup.holding_of(row.customer_id) != (row.from_rep_id, False):
        return CHANGED_HANDS
    op.changes[STEP_BY[step]] = actor.id
    return None


def _refuse_new(actor: Actor, row: Any, lookup: Lookup) -> str | None:
    if row.status != "requested" or any(getattr(row, f) for f in HANDOVER_FIELDS - {"status"}):
        return STARTS_REQUESTED
    if row.requested_by != actor.id:
        return NOT_THE_OWNER
    held = lookup.holding_of(row.customer_id)
    holding = Holding(*held) if held is not None else Holding(None)
    team = lookup.team_of_rep(row.from_rep_id)
    same_team = team is not None and team == lookup.team_of_rep(row.to_rep_id)
    refusal = refuse_request(actor, holding, Handing(row.from_rep_id, row.to_rep_id), row.reason, same_team)
    if refusal is None and lookup.handover_pending(row.customer_id, row.id):
        return ALREADY_PENDING
    return refusal


#: The tables whose ops these rules judge (the server's checks collect every domain module's).
OP_CHECKS: dict[str, OpCheck] = {"handover": check_op}

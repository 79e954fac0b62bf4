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
from typing import Literal

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ownership import Holding

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
WRONG_STATE = "this handover is {0}; it cannot be {1} now"
#: How WRONG_STATE names each step.
STEP_DONE = {"accept": "accepted", "approve": "approved", "decline": "declined"}


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
        return WRONG_STATE.format(handing.status, STEP_DONE[step])
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

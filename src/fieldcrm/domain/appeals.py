"""Appeals (申诉) and arbitration (仲裁): who lost a customer and how, who may appeal, who decides, and the sentences.

A rep lost a customer when another rep's claim or registration of it reached head office first (their visits, their
claim head office refused and recorded as lost, or their first contact, made before, are the evidence kept), or
when it was returned to the pool, assigned or handed over away from them. Such a rep may file one open appeal about
it; the supervisor of both reps (or an admin), never a party, decides it with a written reason: upheld, the
customer goes to the appellant (an `arbitration` ownership event whose reason is the decision); rejected, nothing
moves. An appeal is written once and changes only by its decision. Pure rules over what the caller read
(`EventFact`, `Loss`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import Lookup, OpCheck, OpView
from fieldcrm.domain.ownership import Holding
from fieldcrm.models.ownership import CLAIM_LOST
from fieldcrm.times import stored_utc

ONLY_REPS = "only reps appeal about customers they lost"
FOR_YOURSELF = "an appeal is filed by the rep who lost the customer, for themselves"
SAY_WHY = "say why the customer should be yours"
STARTS_OPEN = "a new appeal starts open, without a decision"
YOU_HOLD_IT = "this customer is yours; there is nothing to appeal"
NOT_LOST = (
    "you can appeal only about a customer you lost: another rep's claim or registration came first, or it was"
    " returned to the pool, assigned or handed over away from you"
)
ALREADY_OPEN = "you have an open appeal about this customer already; wait for its decision"
NOT_AS_IT_STANDS = "the customer changed hands since this appeal was written; look again and file it anew"
DECIDED = "this appeal was decided already ({0}); a decision is final"
A_PARTY = "you are a party to this appeal; the supervisor of both reps decides it"
ONLY_SUPERVISOR = "only the supervisor of both reps, or an admin, decides an appeal"
WRITE_THE_REASON = "write the reason for your decision; both reps will read it"
UPHOLD_OR_REJECT = "an appeal is decided by upholding or rejecting it"
DECIDED_ONCE = "an appeal is written once and changes only by its decision"

#: Why the rep lost the customer, as the rep reads it: who won (or where it went), and when head office accepted it.
LOST_BY_CLAIM = "{0}'s claim reached head office first, accepted on {1}; your visits stay with the customer"
LOST_BY_REGISTRATION = (
    "{0} registered this company first, accepted by head office on {1}; your first contact and visits stay with it"
)
LOST_BY_RETURN = "head office returned it to the public pool on {0}"
LOST_BY_ASSIGNMENT = "assigned to {0} on {1}"
LOST_BY_HANDOVER = "handed over to {0} on {1}"
#: The same, when this laptop does not know when head office accepted the change (it holds no event of it).
UNDATED_SENTENCES = {
    "claim": "{0}'s claim reached head office first; your visits stay with the customer",
    "registration": "{0} registered this company first; your first contact and visits stay with it",
    "return_to_pool": "head office returned it to the public pool",
    "assignment": "assigned to {0}",
    "handover": "handed over to {0}",
}
LOST_SENTENCES = {
    "claim": LOST_BY_CLAIM,
    "registration": LOST_BY_REGISTRATION,
    "return_to_pool": LOST_BY_RETURN,
    "assignment": LOST_BY_ASSIGNMENT,
    "handover": LOST_BY_HANDOVER,
}
#: Changes that take a customer away from its holder against their will (a release is their own choice, and an
#: arbitration is already a decision).
TAKEN_AWAY = frozenset({"return_to_pool", "assignment", "handover"})
OUTCOMES = ("upheld", "rejected")
DECISION_FIELDS = frozenset({"status", "decision", "decided_by", "decided_at"})


@dataclass(frozen=True)
class EventFact:
    """One ownership event of the customer, with the time head office accepted it; who made it and when they say
    they did (for a claim lost: the rep whose claim it was, and when her laptop made it)."""

    kind: str
    from_owner_id: str | None
    to_owner_id: str | None
    accepted_at: datetime
    by_user_id: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Loss:
    """How a rep lost a customer: the way (one of `LOST_SENTENCES`), who has it now (None: the pool), and when head
    office accepted the change that decided it."""

    how: str
    winner_id: str | None
    at: datetime | None


def _evidence(rep_id: str, events: Sequence[EventFact], worked_at: datetime | None) -> datetime | None:
    """When the rep first worked on the customer while it was in the pool: their first visit, or a claim of theirs
    head office recorded as lost, whichever came first (None: neither)."""
    times = [e.at for e in events if e.kind == CLAIM_LOST and e.by_user_id == rep_id and e.at is not None]
    if worked_at is not None:
        times.append(worked_at)
    return min((stored_utc(t) for t in times), default=None)


def how_lost(rep_id: str, customer: Holding, events: Sequence[EventFact], worked_at: datetime | None) -> Loss | None:
    """How `rep_id` lost the customer that now stands as `customer`, or None if they did not. `events` are its
    ownership events in the order head office accepted them; `worked_at` is the rep's first visit to it, if any
    (their claims recorded as lost count as that evidence too)."""
    if customer.owner_id == rep_id and not customer.in_public_pool:
        return None
    held_by = None if customer.in_public_pool else customer.owner_id
    evidence = _evidence(rep_id, events, worked_at)
    events = [e for e in events if e.kind != CLAIM_LOST]  # no change of owner
    mine = [e for e in events if rep_id in (e.from_owner_id, e.to_owner_id)]
    if mine:
        last = mine[-1]
        if last.from_owner_id == rep_id and last.kind in TAKEN_AWAY:
            return Loss(last.kind, last.to_owner_id, last.accepted_at)
        if last.kind == "first_contact" and last.to_owner_id == rep_id and held_by is not None:
            won = [e for e in events if e.to_owner_id == held_by]
            return Loss("registration", held_by, won[-1].accepted_at if won else None)
        if last.kind != "first_contact":
            return None  # they released it, or hold a claim head office accepted
    if evidence is not None and held_by is not None:
        claims = [e for e in events if e.kind == "claim" and e.to_owner_id == held_by]
        if claims and evidence <= stored_utc(claims[-1].accepted_at):
            return Loss("claim", held_by, claims[-1].accepted_at)
    return None


def lost_sentence(loss: Loss, winner: str, at: str) -> str:
    """Why the rep lost the customer, in one sentence (`winner`: the name of who has it; `at`: the time, shown, or
    empty when unknown)."""
    if not at:
        return UNDATED_SENTENCES[loss.how].format(winner)
    if loss.how == "return_to_pool":
        return LOST_BY_RETURN.format(at)
    return LOST_SENTENCES[loss.how].format(winner, at)


@dataclass(frozen=True)
class Filing:
    """A new appeal as the rules see it."""

    appellant_id: str
    owner_id: str | None
    holder_id: str | None
    statement: str
    status: str = "open"
    decision: str = ""
    decided_by: str | None = None


def refuse_filing(actor: Actor, filing: Filing, customer: Holding, loss: Loss | None, open_already: bool) -> str | None:
    """Why `actor` may not file `filing` about a customer that stands as `customer`, or None."""
    if actor.role != "rep":
        return ONLY_REPS
    if filing.appellant_id != actor.id or filing.owner_id != actor.id:
        return FOR_YOURSELF
    if filing.status != "open" or filing.decision or filing.decided_by:
        return STARTS_OPEN
    if not filing.statement.strip():
        return SAY_WHY
    if customer.owner_id == actor.id and not customer.in_public_pool:
        return YOU_HOLD_IT
    if loss is None:
        return NOT_LOST
    if filing.holder_id != (None if customer.in_public_pool else customer.owner_id):
        return NOT_AS_IT_STANDS
    if open_already:
        return ALREADY_OPEN
    return None


@dataclass(frozen=True)
class Case:
    """An appeal as its decision sees it: its parties and its state."""

    appellant_id: str
    holder_id: str | None
    status: str = "open"


def refuse_decision(actor: Actor, case: Case, outcome: str, reason: str) -> str | None:
    """Why `actor` may not decide `case` as `outcome` ("upheld" or "rejected") with `reason`, or None."""
    if case.status != "open":
        return DECIDED.format(case.status)
    if actor.id in (case.appellant_id, case.holder_id):
        return A_PARTY
    if actor.side is not None and (
        actor.role != "supervisor" or not all(actor.covers(p) for p in (case.appellant_id, case.holder_id) if p)
    ):
        return ONLY_SUPERVISOR
    if outcome not in OUTCOMES:
        return UPHOLD_OR_REJECT
    if not reason.strip():
        return WRITE_THE_REASON
    return None


def check_op(actor: Actor, op: OpView, lookup: Lookup) -> str | None:
    """A new appeal by the rep who lost the customer (head office's own record of how), once while one is open; a
    decision by the supervisor of both with a reason; nothing else changes one. Sets who decided: the actor."""
    row = op.row
    if op.kind == "insert":
        customer = op.customer
        holding = Holding(customer.owner_id, bool(customer.in_public_pool)) if customer is not None else Holding(None)
        filing = Filing(
            row.appellant_id, row.owner_id, row.holder_id, row.statement, row.status, row.decision, row.decided_by
        )
        loss = lookup.loss_of(row.appellant_id, row.customer_id) if row.appellant_id == actor.id else None
        return refuse_filing(
            actor, filing, holding, loss, lookup.open_appeal(row.customer_id, row.appellant_id, row.id)
        )
    if op.kind != "action" or op.action != "decide":
        return DECIDED_ONCE if op.changes or op.kind == "delete" else None
    if set(op.sent) - DECISION_FIELDS:
        return DECIDED_ONCE
    outcome = op.sent.get("status", "")
    refusal = refuse_decision(
        actor, Case(row.appellant_id, row.holder_id, row.status), str(outcome), str(op.sent.get("decision") or "")
    )
    if refusal is None:
        op.changes["decided_by"] = actor.id
    return refusal


#: The tables whose ops these rules judge (the server's checks collect every domain module's).
OP_CHECKS: dict[str, OpCheck] = {"appeal": check_op}

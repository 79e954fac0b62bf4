"""The handover row's own rule on every op head office receives (`domain.handover.check_op`): the step is the one the
sent status leads to, whatever op kind carries it; head office names who took it; an approval needs the customer
still with the handing rep; one pending handover per customer; never deleted."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.handover import (
    ALREADY_ACCEPTED,
    ALREADY_PENDING,
    CHANGED_HANDS,
    FIXED,
    NOT_DELETED,
    ONLY_BY_STEPS,
    ONLY_RECEIVER,
    OTHER_TEAM,
    STARTS_REQUESTED,
    check_op,
)
from fieldcrm.domain.ops import OpView

ZHANG = Actor.of("zhang", "rep")
LI = Actor.of("li", "rep")
WANG = Actor.of("wang", "supervisor", ["zhang", "li"])


@dataclass
class World:
    """What head office knows: reps' teams, who holds the customer, the handovers still waiting."""

    teams: dict[str, str] = field(default_factory=lambda: {"zhang": "east", "li": "east", "zhao": "south"})
    holding: tuple[str | None, bool] | None = ("zhang", False)
    pending: bool = False

    def supervisor_of(self, rep_id: str) -> str | None:
        return "wang"

    def team_of_rep(self, user_id: str) -> str | None:
        return self.teams.get(user_id)

    def holding_of(self, customer_id: str) -> tuple[str | None, bool] | None:
        return self.holding

    def handover_pending(self, customer_id: str, except_id: str) -> bool:
        return self.pending


def _row(**values: object) -> SimpleNamespace:
    base = {"id": "h1", "customer_id": "c1", "from_rep_id": "zhang", "to_rep_id": "li", "reason": "调岗",
            "status": "requested", "requested_by": "zhang", "accepted_by": None, "accepted_at": None,
            "approved_by": None, "approved_at": None, "declined_by": None, "declined_at": None,
            "decline_reason": None}  # fmt: skip
    return SimpleNamespace(**{**base, **values})


def _step(actor: Actor, row: SimpleNamespace, sent: dict, kind: str = "update", action: str | None = None,
          world: World | None = None) -> tuple[str | None, dict]:  # fmt: skip
    changes = {k: v for k, v in sent.items() if getattr(row, k, None) != v}
    view = OpView(kind, "handover", row, sent, changes, action=action)
    return check_op(actor, view, world or World()), view.changes


def test_a_new_handover_starts_requested_for_a_teammate_once_at_a_time() -> None:
    assert check_op(ZHANG, OpView("insert", "handover", _row()), World()) is None
    assert check_op(ZHANG, OpView("insert", "handover", _row(status="accepted")), World()) == STARTS_REQUESTED
    assert check_op(ZHANG, OpView("insert", "handover", _row(accepted_by="li")), World()) == STARTS_REQUESTED
    assert check_op(ZHANG, OpView("insert", "handover", _row(to_rep_id="zhao")), World()) == OTHER_TEAM
    assert check_op(ZHANG, OpView("insert", "handover", _row()), World(pending=True)) == ALREADY_PENDING


@pytest.mark.parametrize(("kind", "action"), [("update", None), ("action", "accept")])
def test_the_step_follows_the_sent_status_whatever_the_op_kind_and_head_office_names_who(kind, action) -> None:
    accept = {"status": "accepted", "accepted_by": "zhang", "accepted_at": "2027-03-01T02:00:00+00:00"}
    refusal, changes = _step(LI, _row(), accept, kind, action)
    assert refusal is None and changes["accepted_by"] == "li"  # not the name the laptop sent
    assert _step(WANG, _row(), accept, kind, action)[0] == ONLY_RECEIVER
    assert _step(LI, _row(), {**accept, "decline_reason": "x"}, kind, action)[0] is not None  # not this step's field
    # Sent again to a handover already accepted: judged as the step (refused), not let through as changing nothing.
    again = _row(status="accepted", accepted_by="li")
    assert _step(LI, again, accept, kind, action)[0] == ALREADY_ACCEPTED


def test_what_it_is_about_never_changes_and_it_is_never_deleted() -> None:
    assert _step(ZHANG, _row(), {"reason": "改写"})[0] == FIXED
    assert _step(WANG, _row(), {"to_rep_id": "wang"})[0] == FIXED
    assert _step(WANG, _row(), {"accepted_by": "li"})[0] == ONLY_BY_STEPS
    assert check_op(WANG, OpView("delete", "handover", _row(), {}, {}), World()) == NOT_DELETED


def test_an_approval_needs_the_customer_still_with_the_handing_rep() -> None:
    accepted = _row(status="accepted", accepted_by="li")
    approve = {"status": "approved", "approved_at": "2027-03-02T02:00:00+00:00"}
    assert _step(WANG, accepted, approve)[0] is None
    assert _step(WANG, accepted, approve, world=World(holding=(None, True)))[0] == CHANGED_HANDS
    assert _step(WANG, accepted, approve, world=World(holding=("li", False)))[0] == CHANGED_HANDS

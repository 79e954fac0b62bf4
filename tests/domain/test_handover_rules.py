"""Handover rules (客户交接): who may ask, accept, approve and decline, from which state; when the customer moves."""

from __future__ import annotations

import pytest

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.handover import (
    ALREADY_APPROVED,
    NOT_ACCEPTED_YET,
    NOT_HELD,
    NOT_THE_OWNER,
    NOT_YOURS_TO_DECLINE,
    ONLY_RECEIVER,
    ONLY_SUPERVISOR,
    OTHER_TEAM,
    SAY_WHY,
    SAY_WHY_NOT,
    TO_THEMSELVES,
    Handing,
    after,
    moves_customer,
    refuse_request,
    refuse_step,
)
from fieldcrm.domain.ownership import Holding

ZHANG = Actor.of("zhang", "rep")
LI = Actor.of("li", "rep")
SUN = Actor.of("sun", "rep")
WANG = Actor.of("wang", "supervisor", ["zhang", "li"])
ADMIN = Actor.of("admin", "admin")
ASKED = Handing("zhang", "li")
HIS = Holding("zhang")


def test_the_owner_or_their_supervisor_asks_with_a_reason() -> None:
    assert refuse_request(ZHANG, HIS, ASKED, "调往华南", same_team=True) is None
    assert refuse_request(WANG, HIS, ASKED, "张伟离职", same_team=True) is None
    assert refuse_request(ZHANG, HIS, ASKED, "  ", same_team=True) == SAY_WHY
    assert refuse_request(LI, HIS, ASKED, "想要", same_team=True) == NOT_THE_OWNER
    assert refuse_request(ZHANG, Holding("li"), ASKED, "调岗", same_team=True) == NOT_THE_OWNER


def test_only_a_held_customer_goes_to_another_rep_of_the_team() -> None:
    assert refuse_request(ZHANG, Holding(None, True), ASKED, "调岗", same_team=True) == NOT_HELD
    assert refuse_request(ZHANG, Holding("zhang", True), ASKED, "调岗", same_team=True) == NOT_HELD
    assert refuse_request(ZHANG, HIS, Handing("zhang", "zhang"), "调岗", same_team=True) == TO_THEMSELVES
    assert refuse_request(ZHANG, HIS, Handing("zhang", "zhao"), "调岗", same_team=False) == OTHER_TEAM


def test_the_receiver_accepts_then_the_supervisor_approves_and_only_then_it_moves() -> None:
    assert refuse_step(ZHANG, ASKED, "accept", same_team=True) == ONLY_RECEIVER
    assert refuse_step(WANG, ASKED, "accept", same_team=True) == ONLY_RECEIVER
    assert refuse_step(LI, ASKED, "accept", same_team=True) is None
    accepted = after(ASKED, "accept")
    assert accepted.status == "accepted" and not moves_customer(accepted)
    assert refuse_step(WANG, ASKED, "approve", same_team=True) == NOT_ACCEPTED_YET
    assert refuse_step(LI, accepted, "approve", same_team=True) == ONLY_SUPERVISOR
    assert refuse_step(Actor.of("chen", "supervisor", ["zhao"]), accepted, "approve", same_team=False) == (
        ONLY_SUPERVISOR
    )
    assert refuse_step(WANG, accepted, "approve", same_team=True) is None
    assert refuse_step(ADMIN, accepted, "approve", same_team=True) is None
    approved = after(accepted, "approve")
    assert moves_customer(approved)
    for step in ("accept", "approve", "decline"):
        assert refuse_step(WANG, approved, step, same_team=True, reason="x") == ALREADY_APPROVED  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("actor", "status", "refusal"),
    [
        (LI, "requested", None),  # the receiver says no before accepting
        (LI, "accepted", NOT_YOURS_TO_DECLINE),  # once accepted, it is the supervisor's call
        (WANG, "requested", None),
        (WANG, "accepted", None),
        (ZHANG, "requested", NOT_YOURS_TO_DECLINE),
        (SUN, "requested", NOT_YOURS_TO_DECLINE),
    ],
)
def test_who_may_decline(actor: Actor, status: str, refusal: str | None) -> None:
    handing = Handing("zhang", "li", status)  # type: ignore[arg-type]
    assert refuse_step(actor, handing, "decline", same_team=True, reason="客户不同意") == refusal
    if refusal is None:
        assert refuse_step(actor, handing, "decline", same_team=True) == SAY_WHY_NOT
        assert after(handing, "decline").status == "declined"


@pytest.mark.parametrize(("step", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_a_step_changes_the_status_and_keeps_who_gives_and_who_receives(step: str, status: str) -> None:
    assert after(Handing("zhang", "li"), step) == Handing("zhang", "li", status)  # type: ignore[arg-type]
    assert after(Handing("zhang", "li", "accepted"), "approve") == Handing("zhang", "li", "approved")

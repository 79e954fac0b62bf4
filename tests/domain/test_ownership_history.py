"""Who may record which ownership event (domain/ownership_history.py), without a server: the rules alone."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import OpView
from fieldcrm.domain.ownership import Holding
from fieldcrm.domain.ownership_history import (
    BY_HEAD_OFFICE,
    EVENTS_ARE_FINAL,
    LOST_BY_HEAD_OFFICE,
    NOT_AS_IT_STANDS,
    NOT_YOUR_EVENT,
    Change,
    check_event_op,
    refuse_event,
)

REP, OTHER, BOSS = "rep-1", "rep-2", "boss"
rep = Actor.of(REP, "rep")
boss = Actor.of(BOSS, "supervisor", [REP, OTHER])
admin = Actor.of("admin", "admin")


def test_a_rep_records_their_own_first_contact_claim_and_release() -> None:
    assert refuse_event(rep, Change("first_contact", None, REP, REP), None) is None
    assert refuse_event(rep, Change("claim", None, REP, REP), Holding(REP)) is None
    assert refuse_event(rep, Change("release", REP, None, REP), Holding(None, True)) is None


def test_a_rep_may_not_record_a_change_only_others_may_make() -> None:
    assert refuse_event(rep, Change("first_contact", None, OTHER, REP), None)
    assert refuse_event(rep, Change("assignment", OTHER, REP, REP), Holding(REP))
    assert refuse_event(rep, Change("handover", REP, OTHER, REP), Holding(OTHER))
    assert refuse_event(rep, Change("return_to_pool", REP, None, REP), Holding(None, True)) == BY_HEAD_OFFICE
    assert refuse_event(rep, Change("claim", None, REP, OTHER), Holding(REP)) == NOT_YOUR_EVENT
    assert "kind of ownership change" in (refuse_event(rep, Change("steal", None, REP, REP), Holding(REP)) or "")


def test_a_claim_lost_is_recorded_by_head_office_never_from_a_laptop() -> None:
    """Nobody sends a `claim_lost` event: not the rep it would name, not her supervisor, not an admin (each with the
    customer standing as such an event would leave it, so no other rule refuses it first)."""
    for actor, who in ((rep, REP), (boss, BOSS), (admin, "admin")):
        for customer in (Holding(None), Holding(OTHER), Holding(None, True)):
            assert refuse_event(actor, Change("claim_lost", None, None, who), customer) == LOST_BY_HEAD_OFFICE
    unknown = refuse_event(rep, Change("steal", None, REP, REP), Holding(REP)) or ""
    assert "claim" in unknown and "claim_lost" not in unknown  # the kinds a laptop may send, without it


def test_the_customer_must_stand_as_the_event_says() -> None:
    assert refuse_event(rep, Change("claim", None, REP, REP), Holding(None, True)) == NOT_AS_IT_STANDS
    assert refuse_event(boss, Change("assignment", REP, OTHER, BOSS), Holding(REP)) == NOT_AS_IT_STANDS
    assert refuse_event(boss, Change("assignment", REP, OTHER, BOSS), Holding(OTHER)) is None
    assert refuse_event(admin, Change("return_to_pool", REP, None, "admin"), Holding(None, True)) is None


@pytest.mark.parametrize("kind", ["update", "delete", "action", "fill"])
def test_an_event_is_never_changed_once_written(kind: str) -> None:
    row = SimpleNamespace(owner_id=REP, kind="first_contact", from_owner_id=None, to_owner_id=REP, by_user_id=REP)
    assert check_event_op(rep, OpView(kind, "ownership_event", row), SimpleNamespace()) == EVENTS_ARE_FINAL  # type: ignore[arg-type]
    assert check_event_op(rep, OpView("insert", "ownership_event", row), SimpleNamespace()) is None  # type: ignore[arg-type]

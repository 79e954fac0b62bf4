"""A customer is someone's or in the public pool (公海), never both (domain/ownership.py): the rule alone, and on each
kind of op head office checks."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import OpView
from fieldcrm.domain.ownership import BY_THE_RULES, OUTSIDE_TEAM, POOL_HAS_NO_OWNER, Holding, check_op, refuse_holding

REP, OTHER, BOSS = "rep-1", "rep-2", "boss"
rep = Actor.of(REP, "rep")
boss = Actor.of(BOSS, "supervisor", [REP, OTHER])
admin = Actor.of("admin", "admin")


def _customer(owner_id: str | None, in_public_pool: bool) -> SimpleNamespace:
    return SimpleNamespace(owner_id=owner_id, in_public_pool=in_public_pool)


def test_someones_or_in_the_pool_never_both() -> None:
    assert refuse_holding(Holding(REP, False)) is None
    assert refuse_holding(Holding(None, True)) is None
    assert refuse_holding(Holding(None, False)) is None  # nobody's and not in the pool: an admin's unassigned file
    assert refuse_holding(Holding(REP, True)) == POOL_HAS_NO_OWNER


@pytest.mark.parametrize("actor", [rep, boss, admin], ids=["rep", "supervisor", "admin"])
def test_a_new_customer_is_not_both(actor: Actor) -> None:
    assert check_op(actor, OpView("insert", "customer", _customer(REP, True)), None) == POOL_HAS_NO_OWNER
    assert check_op(actor, OpView("insert", "customer", _customer(REP, False)), None) is None
    assert check_op(actor, OpView("insert", "customer", _customer(None, True)), None) is None
    # A second creation fills gaps and never changes ownership: not judged here.
    assert check_op(actor, OpView("fill", "customer", _customer(REP, True)), None) is None


def test_a_customer_goes_to_the_pool_only_without_its_owner() -> None:
    held = _customer(REP, False)
    back = {"in_public_pool": True, "owner_id": None}
    for actor in (boss, admin):
        pool_only = OpView("update", "customer", held, {"in_public_pool": True}, {"in_public_pool": True})
        assert check_op(actor, pool_only, None) == POOL_HAS_NO_OWNER
        assert check_op(actor, OpView("update", "customer", held, back, dict(back)), None) is None
    # Nobody's but not in the pool is not the pool: a supervisor gives only to their side.
    assert check_op(boss, OpView("update", "customer", held, {"owner_id": None}, {"owner_id": None}), None) == (
        OUTSIDE_TEAM
    )
    # Giving a pool customer an owner takes it out of the pool too.
    pooled = _customer(None, True)
    owner_only = OpView("update", "customer", pooled, {"owner_id": OTHER}, {"owner_id": OTHER})
    assert check_op(boss, owner_only, None) == POOL_HAS_NO_OWNER


def test_a_rep_releasing_by_the_pool_flag_alone_is_refused() -> None:
    mine = _customer(REP, False)
    pool_only = OpView("update", "customer", mine, {"in_public_pool": True}, {"in_public_pool": True})
    assert check_op(rep, pool_only, None) == POOL_HAS_NO_OWNER
    release = {"in_public_pool": True, "owner_id": None}
    assert check_op(rep, OpView("update", "customer", mine, release, dict(release)), None) is None
    # The ownership rules speak first: another rep's customer is not hers to put anywhere.
    theirs = _customer(OTHER, False)
    assert check_op(rep, OpView("update", "customer", theirs, release, dict(release)), None) == BY_THE_RULES


def test_a_row_already_both_can_still_be_edited_and_mended() -> None:
    """A row left in both states by an older version: edits that leave ownership alone go through, and so does the
    change that mends it."""
    both = _customer(REP, True)
    phone = OpView("update", "customer", both, {"phone": "057487650001"}, {"phone": "057487650001"})
    assert check_op(boss, phone, None) is None
    assert check_op(boss, OpView("delete", "customer", both), None) is None
    mend = OpView("update", "customer", both, {"owner_id": None}, {"owner_id": None})
    assert check_op(boss, mend, None) is None

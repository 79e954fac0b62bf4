"""Export control and revealed numbers (domain/exports.py, domain/masking.py), written out by hand: the rule a role
exports under, what its scope lets out, the refusal of an export over the cap, and a customer's page once its
numbers are revealed."""

from __future__ import annotations

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.exports import MAY_NOT_EXPORT, ExportRule, in_export_scope, refuse_export, rule_for
from fieldcrm.domain.masking import with_numbers

REP = Actor.of("zhang", "rep")
BOSS = Actor.of("wang", "supervisor", ["zhang", "li"])


def test_a_role_head_office_set_no_rule_for_exports_by_the_default_and_an_unknown_one_nothing() -> None:
    policy = {"rep": ExportRule("visible", 50)}
    assert rule_for("rep", policy) == ExportRule("visible", 50)
    assert rule_for("supervisor", policy) == ExportRule("visible")
    assert rule_for("rep", {}) == ExportRule("own", 2000)
    assert rule_for("auditor", policy) == ExportRule("none")
    assert refuse_export(rule_for("auditor", policy), 1) == MAY_NOT_EXPORT


def test_an_export_over_the_cap_is_refused_whole_with_how_many() -> None:
    assert refuse_export(ExportRule("own", 2000), 2000) is None
    assert refuse_export(ExportRule("own", 2000), 2001) == (
        "this export holds 2001 customers, more than the 2000 your role may export at once; narrow the filter"
    )
    assert refuse_export(ExportRule("visible"), 100_000) is None


def test_visible_lets_out_every_customer_the_actor_sees_own_only_their_sides() -> None:
    for owner in ("zhang", "li", "zhao", None):  # their own, a teammate's, another team's, the pool's
        assert in_export_scope(ExportRule("visible"), REP, owner), owner
    assert [in_export_scope(ExportRule("own"), REP, o) for o in ("zhang", "li", None)] == [True, False, False]
    assert [in_export_scope(ExportRule("own"), BOSS, o) for o in ("zhang", "li", "zhao")] == [True, True, False]
    assert not in_export_scope(ExportRule("none"), BOSS, "zhang")


def test_revealed_numbers_replace_the_masked_ones_and_leave_the_rest() -> None:
    page = {
        "id": "c1",
        "name": "甲公司",
        "phone": "138****5678",
        "contacts": [
            {"id": "k1", "name": "王芳", "phone": "139****0000", "mobile": None},
            {"id": "k2", "name": "刘强", "phone": "0571-8888 6666", "mobile": None},
        ],
    }
    numbers = {"phone": "13812345678", "contacts": {"k1": {"phone": "13911110000"}}}
    assert with_numbers(page, numbers) == {
        "id": "c1",
        "name": "甲公司",
        "phone": "13812345678",
        "contacts": [
            {"id": "k1", "name": "王芳", "phone": "13911110000", "mobile": None},
            {"id": "k2", "name": "刘强", "phone": "0571-8888 6666", "mobile": None},  # nothing revealed: as it was
        ],
    }
    assert with_numbers({"id": "c2", "phone": "137****1111"}, {"phone": "13700001111", "contacts": {}}) == {
        "id": "c2",
        "phone": "13700001111",
        "contacts": [],
    }

"""Assignment rules (分配客户): each strategy, the caps it never passes, and the customers it cannot place, with why."""

from __future__ import annotations

import pytest

from fieldcrm.domain.assignment import (
    ALREADY_THEIRS,
    AT_CAP,
    EVERY_REP_AT_CAP,
    NO_INDUSTRY,
    NO_OTHER_REP,
    NO_REGION,
    NO_REPS,
    NOBODY_IN_INDUSTRY,
    NOBODY_IN_REGION,
    NOT_A_CANDIDATE,
    PICK_A_REP,
    Candidate,
    ToAssign,
    plan_assignment,
)

A = Candidate("a", "安", held=0, cap=10, regions={"华东": 5, "华南": 1}, industries={"机械": 3})
B = Candidate("b", "白", held=0, cap=10, regions={"华南": 4}, industries={"机械": 1, "纺织": 2})
C = Candidate("c", "陈", held=0, cap=10, regions={"华北": 2}, industries={})


def pool(n: int, **kw) -> list[ToAssign]:
    return [ToAssign(f"k{i}", None, in_pool=True, **kw) for i in range(n)]


def who(plan) -> list[str]:
    return [p.rep_id for p in plan.placed]


def why(plan) -> list[tuple[str, str]]:
    return [(u.customer_id, u.reason) for u in plan.unplaced]


def test_by_hand_gives_every_customer_to_the_chosen_rep_up_to_their_cap() -> None:
    near = Candidate("b", "白", held=8, cap=10)
    plan = plan_assignment("by_hand", pool(3), [A, near], rep_id="b")
    assert who(plan) == ["b", "b"]
    assert why(plan) == [("k2", AT_CAP.format("白", 10))]


def test_by_hand_needs_a_rep_on_the_team_and_not_the_one_holding_it() -> None:
    assert why(plan_assignment("by_hand", pool(1), [A])) == [("k0", PICK_A_REP)]
    assert why(plan_assignment("by_hand", pool(1), [A], rep_id="z")) == [("k0", NOT_A_CANDIDATE.format("z"))]
    held = [ToAssign("x", "a")]
    assert why(plan_assignment("by_hand", held, [A, B], rep_id="a")) == [("x", ALREADY_THEIRS.format("安"))]
    assert who(plan_assignment("by_hand", held, [A, B], rep_id="b")) == ["b"]


def test_round_robin_goes_in_turn_by_name_and_continues_after_the_last_rep() -> None:
    assert who(plan_assignment("round_robin", pool(5), [C, B, A])) == ["a", "b", "c", "a", "b"]
    # The last round stopped at 白: this one starts with 陈.
    assert who(plan_assignment("round_robin", pool(4), [A, B, C], after="b")) == ["c", "a", "b", "c"]
    # A rep who is no longer a candidate: from the first again.
    assert who(plan_assignment("round_robin", pool(2), [A, B, C], after="gone")) == ["a", "b"]


def test_reps_take_turns_in_the_order_the_caller_gives_their_names() -> None:
    li, liu, zhang = (
        Candidate(i, n, 0, 9, sort_key=k)
        for i, n, k in (("l", "李娜", "li3 na4"), ("u", "刘洋", "liu2 yang2"), ("z", "张伟", "zhang1 wei3"))
    )
    assert who(plan_assignment("round_robin", pool(3), [zhang, liu, li])) == ["l", "u", "z"]


def test_round_robin_skips_a_rep_at_their_cap_and_the_current_owner() -> None:
    full = Candidate("b", "白", held=10, cap=10)
    assert who(plan_assignment("round_robin", pool(4), [A, full, C])) == ["a", "c", "a", "c"]
    owned = [ToAssign("x", "a"), ToAssign("y", "b")]
    assert who(plan_assignment("round_robin", owned, [A, B])) == ["b", "a"]
    for strategy in ("round_robin", "region", "industry", "capacity"):  # the only rep holds it already
        assert why(plan_assignment(strategy, [ToAssign("x", "a")], [A])) == [("x", NO_OTHER_REP)], strategy


def test_round_robin_with_everyone_full_places_nobody_but_won_customers() -> None:
    full = [Candidate("a", "安", held=1, cap=1), Candidate("b", "白", held=2, cap=2)]
    customers = [*pool(1), ToAssign("won", None, in_pool=True, won=True)]
    plan = plan_assignment("round_robin", customers, full)
    assert why(plan) == [("k0", EVERY_REP_AT_CAP)]
    assert who(plan) == ["a"]  # a won customer counts against no cap


def test_by_region_goes_to_the_reps_whose_home_region_it_is() -> None:
    assert A.home_region == "华东" and B.home_region == "华南"
    customers = [
        ToAssign("e", None, True, region="华东"),
        ToAssign("s", None, True, region="华南"),
        ToAssign("w", None, True, region="西北"),
        ToAssign("n", None, True, region=None),
    ]
    plan = plan_assignment("region", customers, [A, B, C])
    assert [(p.customer_id, p.rep_id) for p in plan.placed] == [("e", "a"), ("s", "b")]
    assert why(plan) == [("w", NOBODY_IN_REGION.format("西北")), ("n", NO_REGION)]


def test_by_region_prefers_the_rep_with_more_room_and_never_passes_a_cap() -> None:
    busy = Candidate("a", "安", held=9, cap=10, regions={"华东": 9})
    free = Candidate("d", "杜", held=1, cap=3, regions={"华东": 1})
    plan = plan_assignment("region", pool(5, region="华东"), [busy, free])
    assert who(plan) == ["d", "a", "d"]  # 2 free against 1, then a tie goes by name
    assert why(plan) == [("k3", EVERY_REP_AT_CAP), ("k4", EVERY_REP_AT_CAP)]


def test_by_industry_goes_to_the_rep_holding_most_of_it() -> None:
    customers = [ToAssign("m", None, True, industry="机械"), ToAssign("t", None, True, industry="纺织")]
    customers.append(ToAssign("f", None, True, industry="食品"))
    plan = plan_assignment("industry", customers, [A, B, C])
    assert [(p.customer_id, p.rep_id) for p in plan.placed] == [("m", "a"), ("t", "b")]
    assert why(plan) == [("f", NOBODY_IN_INDUSTRY.format("食品"))]


def test_by_capacity_fills_the_most_free_room_first_then_the_better_performer() -> None:
    reps = [
        Candidate("a", "安", held=7, cap=10, won=1),  # 3 free
        Candidate("b", "白", held=5, cap=10, won=0),  # 5 free
        Candidate("c", "陈", held=8, cap=13, won=4),  # 5 free, more won
    ]
    plan = plan_assignment("capacity", pool(12), reps)
    assert who(plan)[:4] == ["c", "b", "c", "b"]
    assert sorted(who(plan)).count("a") == 3 and len(plan.placed) == 12  # 3 + 5 + 5 = 13 free in all
    plan = plan_assignment("capacity", pool(14), reps)
    assert len(plan.placed) == 13 and why(plan) == [("k13", EVERY_REP_AT_CAP)]


def test_an_unknown_strategy_is_refused_with_the_ways_there_are() -> None:
    with pytest.raises(ValueError) as refused:
        plan_assignment("lottery", pool(1), [A])  # type: ignore[arg-type]
    assert str(refused.value) == (
        "'lottery' is not a way to assign; use one of by_hand, round_robin, region, industry, capacity"
    )


def test_a_team_without_reps_places_nobody_and_says_so() -> None:
    for strategy in ("by_hand", "round_robin", "region", "industry", "capacity"):
        assert why(plan_assignment(strategy, pool(1, region="华东", industry="机械"), [], rep_id="a")) == [
            ("k0", NO_REPS)
        ], strategy


def test_by_hand_to_the_only_rep_who_holds_it_already_says_they_hold_it() -> None:
    plan = plan_assignment("by_hand", [ToAssign("x", "a")], [A], rep_id="a")
    assert why(plan) == [("x", ALREADY_THEIRS.format("安"))]


def test_by_industry_a_customer_without_an_industry_says_so() -> None:
    plan = plan_assignment("industry", [ToAssign("x", None, True, region="华东")], [A, B])
    assert why(plan) == [("x", NO_INDUSTRY)]


def test_by_industry_one_customer_of_it_is_experience_enough() -> None:
    plan = plan_assignment("industry", [ToAssign("m", None, True, industry="机械")], [B, C])
    assert who(plan) == ["b"]  # 白 holds one 机械 customer, 陈 none


def test_by_industry_experience_goes_before_free_room_then_the_most_room() -> None:
    seasoned = Candidate("s", "孙", held=8, cap=10, industries={"机械": 6})  # 2 free
    novice = Candidate("n", "牛", held=0, cap=10, industries={"机械": 2})  # 10 free
    tight = Candidate("t", "唐", held=9, cap=10, industries={"机械": 2})  # 1 free
    plan = plan_assignment("industry", pool(4, industry="机械"), [tight, novice, seasoned])
    # 孙 holds most 机械 customers until full; then, of equal experience, 牛 with more room than 唐.
    assert who(plan) == ["s", "s", "n", "n"]


def test_by_region_an_industry_of_the_same_name_has_no_say() -> None:
    # "其他" is both a region and an industry of this team's customers: by region only the room counts.
    other = Candidate("o", "欧", held=5, cap=10, regions={"其他": 5}, industries={"其他": 5})
    roomy = Candidate("r", "任", held=1, cap=10, regions={"其他": 1})
    assert who(plan_assignment("region", pool(1, region="其他", industry="其他"), [other, roomy])) == ["r"]

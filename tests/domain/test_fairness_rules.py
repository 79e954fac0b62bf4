"""The fairness report's rules (分配公平性报表): each change of owner counted for the right rep, in the right figure,
in the right month of the team's calendar (Asia/Shanghai); totals, the mean, the flag; who may export it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.exports import MAY_NOT_EXPORT, ExportRule
from fieldcrm.domain.fairness import (
    ABOVE,
    BELOW,
    ENDS_BEFORE_START,
    FIGURES,
    NOT_YOUR_ROWS,
    TOO_MANY_MONTHS,
    AppealFact,
    Month,
    Move,
    Win,
    flag_for,
    months_between,
    refuse_fairness_export,
    tally,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TZ = "Asia/Shanghai"
NOV, DEC = Month(2026, 11), Month(2026, 12)
REPS = [("zw", "张伟"), ("ln", "李娜")]


def at(*parts: int) -> datetime:
    """A time on Shanghai's wall clock."""
    return datetime(*parts, tzinfo=SHANGHAI)


def figures(reports, month: Month, rep_id: str) -> dict[str, int]:
    (report,) = [r for r in reports if r.month == month]
    (row,) = [r for r in report.rows if r.rep_id == rep_id]
    return row.figures


def test_a_month_turns_at_midnight_in_shanghai_not_utc() -> None:
    last_second = at(2026, 11, 30, 23, 59, 59)  # 15:59:59 UTC on the 30th
    first_second = at(2026, 12, 1, 0, 0, 0)  # 16:00 UTC on the 30th: still November in UTC
    moves = [Move("claim", None, "zw", last_second), Move("claim", None, "zw", first_second)]
    reports = tally(REPS, [NOV, DEC], TZ, moves)
    assert figures(reports, NOV, "zw")["claim"] == 1
    assert figures(reports, DEC, "zw")["claim"] == 1
    assert Month.of(first_second.astimezone(UTC), TZ) == DEC
    assert DEC.start(TZ) == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def test_stored_times_without_an_offset_are_utc() -> None:
    # SQLite gives the stored UTC back without its offset: 16:00 on 30 Nov UTC is 1 Dec in Shanghai.
    reports = tally(REPS, [NOV, DEC], TZ, [Move("assignment", None, "ln", datetime(2026, 11, 30, 16, 0))])
    assert figures(reports, DEC, "ln")["assignment"] == 1
    assert figures(reports, NOV, "ln")["assignment"] == 0


def test_each_way_counts_for_the_receiver_and_the_giver() -> None:
    day = at(2026, 11, 10, 9)
    moves = [
        Move("first_contact", None, "zw", day),
        Move("claim", None, "zw", day),
        Move("assignment", None, "zw", day),
        Move("handover", "ln", "zw", day),
        Move("arbitration", "ln", "zw", day),
        Move("release", "zw", None, day),
        Move("return_to_pool", "ln", None, day),
        Move("return_to_pool", "ln", None, day),
        Move("assignment", "zw", "zw", day),  # no change of hands: not counted
    ]
    reports = tally(REPS, [NOV], TZ, moves, [Win("zw", day), Win("ln", at(2026, 10, 31, 23))])
    assert figures(reports, NOV, "zw") == {
        "first_contact": 1,
        "claim": 1,
        "assignment": 1,
        "handover": 1,
        "arbitration": 1,
        "received": 5,
        "released": 1,
        "returned": 0,
        "handed_away": 0,
        "won": 1,
        "appeals_filed": 0,
        "appeals_upheld": 0,
    }
    li = figures(reports, NOV, "ln")
    assert (li["received"], li["returned"], li["handed_away"], li["won"]) == (0, 2, 2, 0)


def test_appeals_count_when_filed_and_when_upheld() -> None:
    appeals = [
        AppealFact("ln", at(2026, 11, 30, 23, 59, 59), upheld_at=at(2026, 12, 1, 0, 0)),
        AppealFact("ln", at(2026, 11, 3, 10)),  # open or rejected
    ]
    reports = tally(REPS, [NOV, DEC], TZ, appeals=appeals)
    assert (figures(reports, NOV, "ln")["appeals_filed"], figures(reports, NOV, "ln")["appeals_upheld"]) == (2, 0)
    assert (figures(reports, DEC, "ln")["appeals_filed"], figures(reports, DEC, "ln")["appeals_upheld"]) == (0, 1)


def test_people_and_months_outside_the_report_are_left_out() -> None:
    moves = [Move("claim", None, "someone-else", at(2026, 11, 5)), Move("claim", None, "zw", at(2027, 1, 1))]
    reports = tally(REPS, [NOV], TZ, moves)
    assert reports[0].total["received"] == 0


def test_totals_mean_and_the_flag() -> None:
    reps = [("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁")]
    day = at(2026, 11, 2, 10)
    received = {"a": 10, "b": 4, "c": 2, "d": 0}  # mean 4
    moves = [Move("assignment", None, rep, day) for rep, n in received.items() for _ in range(n)]
    (report,) = tally(reps, [NOV], TZ, moves)
    assert report.total["received"] == 16
    assert report.mean["received"] == 4.0
    assert {row.rep_id: row.flag for row in report.rows} == {"a": ABOVE, "b": None, "c": None, "d": BELOW}


@pytest.mark.parametrize(
    ("received", "mean", "flag"),
    [
        (6, 4.0, None),  # 50 % above but only 2 more
        (7, 4.0, ABOVE),  # 75 % above and 3 more
        (9, 6.0, ABOVE),  # exactly 50 % above and 3 more
        (8, 6.0, None),  # 2 more
        (3, 6.0, BELOW),  # exactly half and 3 fewer
        (4, 6.0, None),  # 2 fewer
        (11, 14.0, None),  # 3 fewer but only 21 % below
        (1, 2.0, None),  # half, but 1 fewer
        (20, 14.0, None),  # 6 more but only 43 % above
    ],
)
def test_the_flag_needs_both_the_share_and_the_count(received: int, mean: float, flag: str | None) -> None:
    assert flag_for(received, mean) == flag


def test_months_between_walks_the_year_end_and_refuses_bad_ranges() -> None:
    assert [str(m) for m in months_between(Month(2026, 11), Month(2027, 2))] == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]
    with pytest.raises(ValueError, match=ENDS_BEFORE_START):
        months_between(DEC, NOV)
    with pytest.raises(ValueError, match=TOO_MANY_MONTHS):
        months_between(Month(2025, 1), Month(2027, 1))
    assert len(months_between(Month(2025, 1), Month(2026, 12))) == 24


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-11", "2026/11", "", "November"])
def test_a_month_is_written_yyyy_mm(text: str) -> None:
    with pytest.raises(ValueError, match="is not a month; write it as YYYY-MM"):
        Month.parse(text)


def test_a_month_parses_and_prints() -> None:
    assert Month.parse(" 2026-1 ") == Month(2026, 1)
    assert str(Month.parse("2026-11")) == "2026-11"
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 12).start(TZ) + timedelta(hours=8) == datetime(2026, 12, 1, tzinfo=UTC)


def test_who_may_export_the_report() -> None:
    rep = Actor.of("zw", "rep")
    boss = Actor.of("wang", "supervisor", ["zw", "ln"])
    assert refuse_fairness_export(ExportRule("none"), boss, ["zw"]) == MAY_NOT_EXPORT
    assert refuse_fairness_export(ExportRule("own", 2000), rep, ["zw"]) is None
    assert refuse_fairness_export(ExportRule("own", 2000), rep, ["zw", "ln"]) == NOT_YOUR_ROWS
    assert refuse_fairness_export(ExportRule("own"), boss, ["zw", "ln"]) is None
    assert refuse_fairness_export(ExportRule("visible"), boss, ["zw", "ln", "zhao"]) is None


@pytest.mark.usefixtures("laptop_in_new_york")
def test_a_month_starts_at_an_instant_written_in_utc_whatever_the_laptops_zone() -> None:
    start = Month(2026, 12).start(TZ)
    assert (start.replace(tzinfo=None), start.utcoffset()) == (datetime(2026, 11, 30, 16, 0), timedelta(0))


def test_the_first_month_is_1900() -> None:
    assert Month.parse("1900-01") == Month(1900, 1)
    with pytest.raises(ValueError, match="'1899-12' is not a month"):
        Month.parse("1899-12")


def test_a_time_without_its_offset_has_no_month() -> None:
    with pytest.raises(ValueError, match="^times must carry their offset$"):
        Month.of(datetime(2026, 11, 30, 16, 0), TZ)


def test_a_move_that_changes_no_hands_skips_itself_only() -> None:
    day = at(2026, 11, 10, 9)
    moves = [Move("handover", "zw", "zw", day), Move("claim", None, "ln", day), Move("handover", "zw", "ln", day)]
    reports = tally(REPS, [NOV], TZ, moves)
    zero = dict.fromkeys(FIGURES, 0)
    assert figures(reports, NOV, "zw") == zero | {"handed_away": 1}
    assert figures(reports, NOV, "ln") == zero | {"claim": 1, "handover": 1, "received": 2}


def test_an_event_of_another_kind_counts_in_no_figure() -> None:
    # A claim head office recorded as lost changes no owner, whatever names it carries.
    reports = tally(REPS, [NOV], TZ, [Move("claim_lost", "zw", "ln", at(2026, 11, 10, 9))])
    assert figures(reports, NOV, "zw") == figures(reports, NOV, "ln") == dict.fromkeys(FIGURES, 0)


def test_a_report_of_nobody_has_empty_rows_and_zero_means() -> None:
    (report,) = tally([], [NOV], TZ, [Move("claim", None, "zw", at(2026, 11, 10, 9))])
    assert (report.rows, report.total, report.mean) == ([], dict.fromkeys(FIGURES, 0), dict.fromkeys(FIGURES, 0.0))

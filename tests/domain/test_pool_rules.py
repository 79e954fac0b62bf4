"""The protection period and the public pool's rules, with the clock given: every rule, every day count and their
edges (the cap, the daily limit, the lockout's last day, a lapse at midnight in Asia/Shanghai, an offline visit
received after the lapse)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldcrm.domain import pool
from fieldcrm.domain.pool import Load, Return, Term, lapse, next_return, refuse_claim, reminder, returns_now
from fieldcrm.domain.protection import (
    PoolRules,
    days_left,
    is_protected,
    protection_after_visit,
    protection_after_won_deal,
    protection_from_first_contact,
    visit_counts_at,
)

SH = ZoneInfo("Asia/Shanghai")
RULES = PoolRules()
REP, OTHER = "rep-zhang", "rep-li"


def sh(text: str) -> datetime:
    """A wall-clock time in Shanghai."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


# -- protection ------------------------------------------------------------------------------------------------
def test_first_contact_protects_thirty_days_by_the_teams_calendar() -> None:
    assert protection_from_first_contact(RULES, sh("2026-03-01 23:30")) == date(2026, 3, 31)
    # 16:30 UTC on 1 March is already 2 March in Shanghai
    assert protection_from_first_contact(RULES, datetime(2026, 3, 1, 16, 30, tzinfo=UTC)) == date(2026, 4, 1)
    assert protection_from_first_contact(PoolRules(protection_days=7), sh("2026-03-01 09:00")) == date(2026, 3, 8)


def test_protection_lapses_at_midnight_in_shanghai() -> None:
    until = date(2026, 3, 31)
    assert is_protected(RULES, until, sh("2026-03-31 23:59:59"))
    assert days_left(RULES, until, sh("2026-03-31 23:59:59")) == 0
    assert not is_protected(RULES, until, sh("2026-04-01 00:00:00"))
    assert days_left(RULES, until, sh("2026-04-01 00:00:00")) is None
    # the same instants read in UTC (a laptop in another zone decides nothing)
    assert is_protected(RULES, until, datetime(2026, 3, 31, 15, 59, 59, tzinfo=UTC))
    assert not is_protected(RULES, until, datetime(2026, 3, 31, 16, 0, 0, tzinfo=UTC))
    assert days_left(RULES, until, sh("2026-03-21 08:00")) == 10
    assert not is_protected(RULES, None, sh("2026-03-21 08:00"))


def test_times_without_an_offset_are_refused() -> None:
    with pytest.raises(ValueError):
        RULES.day_of(datetime(2026, 3, 1, 9, 0))


def test_a_visit_extends_protection_fifteen_days_from_its_day_never_shortening_it() -> None:
    until = date(2026, 3, 31)
    assert protection_after_visit(RULES, until, sh("2026-03-25 10:00"), sh("2026-03-25 10:05")) == date(2026, 4, 9)
    assert protection_after_visit(RULES, until, sh("2026-03-10 10:00"), sh("2026-03-10 10:05")) == until
    assert protection_after_visit(RULES, None, sh("2026-03-10 10:00"), sh("2026-03-10 10:05")) == date(2026, 3, 25)
    longer = PoolRules(visit_extends_days=20)
    assert protection_after_visit(longer, until, sh("2026-03-25 10:00"), sh("2026-03-25 10:05")) == date(2026, 4, 14)


def test_an_offline_visit_received_after_the_lapse_counts_only_within_the_grace_window() -> None:
    until = date(2026, 3, 31)
    visit = sh("2026-03-31 20:00")  # logged before the lapse, on a laptop that was offline
    within = visit + timedelta(hours=RULES.offline_grace_hours)
    assert visit_counts_at(RULES, until, visit, within) == visit
    assert protection_after_visit(RULES, until, visit, within) == date(2026, 4, 15)
    too_late = within + timedelta(seconds=1)
    assert visit_counts_at(RULES, until, visit, too_late) is None
    assert protection_after_visit(RULES, until, visit, too_late) == until
    # a visit dated after the lapse, received after it, does not revive protection
    assert visit_counts_at(RULES, until, sh("2026-04-01 09:00"), sh("2026-04-01 09:30")) is None
    tight = PoolRules(offline_grace_hours=12)
    assert visit_counts_at(tight, until, visit, sh("2026-04-01 09:00")) is None


def test_a_visit_received_on_protections_last_day_counts_at_its_own_time_however_old() -> None:
    until = date(2026, 3, 31)
    visit = sh("2026-03-20 10:00")  # logged offline eleven days before; the laptop came online on the last day
    received = sh("2026-03-31 23:00")
    assert visit_counts_at(RULES, until, visit, received) == visit
    assert protection_after_visit(RULES, until, visit, received) == date(2026, 4, 4)  # 20 March + 15 days


def test_a_visit_dated_in_the_future_counts_at_its_arrival() -> None:
    received = sh("2026-03-20 10:00")
    assert visit_counts_at(RULES, date(2026, 3, 31), sh("2030-01-01 10:00"), received) == received
    assert protection_after_visit(RULES, date(2026, 3, 31), sh("2030-01-01 10:00"), received) == date(2026, 4, 4)


def test_a_won_deal_protects_longer_and_never_shortens() -> None:
    assert protection_after_won_deal(RULES, date(2026, 3, 31), sh("2026-03-20 15:00")) == date(2026, 9, 16)
    assert protection_after_won_deal(RULES, date(2027, 1, 1), sh("2026-03-20 15:00")) == date(2027, 1, 1)
    assert protection_after_won_deal(PoolRules(won_extends_days=60), None, sh("2026-03-20 15:00")) == date(2026, 5, 19)


# -- claims ----------------------------------------------------------------------------------------------------
NOW = sh("2026-04-10 09:00")
IN_POOL = Term(owner_id=None, in_pool=True)
QUIET = Load(held=10, claimed_today=0)


def test_a_pool_customer_can_be_claimed() -> None:
    assert refuse_claim(RULES, REP, IN_POOL, QUIET, NOW) is None


def test_a_customer_held_by_another_rep_cannot_be_claimed_and_the_reason_says_why() -> None:
    protected = Term(owner_id=OTHER, in_pool=False, protection_until=date(2026, 4, 10))
    assert refuse_claim(RULES, REP, protected, QUIET, NOW) == pool.IN_PROTECTION.format(date(2026, 4, 10))
    lapsed_but_held = Term(owner_id=OTHER, in_pool=False, protection_until=date(2026, 4, 9))
    assert refuse_claim(RULES, REP, lapsed_but_held, QUIET, NOW) == pool.NOT_IN_POOL
    mine = Term(owner_id=REP, in_pool=False)
    assert refuse_claim(RULES, REP, mine, QUIET, NOW) == pool.ALREADY_YOURS


def test_the_holding_cap_refuses_at_the_cap_and_allows_one_below() -> None:
    assert refuse_claim(RULES, REP, IN_POOL, Load(held=199, claimed_today=0), NOW) is None
    assert refuse_claim(RULES, REP, IN_POOL, Load(held=200, claimed_today=0), NOW) == pool.OVER_CAP.format(200, 200)
    personal = PoolRules(caps={REP: 50})
    assert refuse_claim(personal, REP, IN_POOL, Load(held=50, claimed_today=0), NOW) == pool.OVER_CAP.format(50, 50)
    assert refuse_claim(personal, OTHER, IN_POOL, Load(held=50, claimed_today=0), NOW) is None


def test_the_daily_claim_limit_refuses_at_the_limit() -> None:
    assert refuse_claim(RULES, REP, IN_POOL, Load(held=10, claimed_today=4), NOW) is None
    assert refuse_claim(RULES, REP, IN_POOL, Load(held=10, claimed_today=5), NOW) == pool.OVER_DAILY.format(5)


def test_won_customers_count_against_neither_limit() -> None:
    won = Term(owner_id=None, in_pool=True, won=True)
    assert refuse_claim(RULES, REP, won, Load(held=200, claimed_today=5), NOW) is None


def test_a_rep_who_let_a_customer_lapse_is_locked_out_until_the_lockouts_last_day_has_passed() -> None:
    lapsed_on = date(2026, 3, 11)
    term = Term(owner_id=None, in_pool=True, lapsed={REP: lapsed_on})
    free_from = date(2026, 4, 10)
    assert refuse_claim(RULES, REP, term, QUIET, sh("2026-04-09 23:59")) == pool.LOCKED_OUT.format(lapsed_on, free_from)
    assert refuse_claim(RULES, REP, term, QUIET, sh("2026-04-10 00:00")) is None
    assert refuse_claim(RULES, OTHER, term, QUIET, sh("2026-03-12 09:00")) is None


# -- returns to the pool ---------------------------------------------------------------------------------------
TAKEN = sh("2026-03-01 10:00")
HELD = Term(owner_id=REP, in_pool=False, taken_at=TAKEN, protection_until=date(2026, 3, 31))


def test_a_customer_nobody_follows_up_goes_back_the_day_after_its_counts_run_out() -> None:
    # 30 days without a follow-up from 1 March end on 31 March, as does protection: back on 1 April
    assert next_return(RULES, HELD) == Return(date(2026, 4, 1), "no_followup")
    assert returns_now(RULES, HELD, sh("2026-03-31 23:59:59")) is None
    assert returns_now(RULES, HELD, sh("2026-04-01 00:00")) == Return(date(2026, 4, 1), "no_followup")


def test_each_rule_alone_and_its_day_count() -> None:
    only_followup = PoolRules(return_without_deal_days=None, return_when_protection_ends=False)
    unprotected = Term(owner_id=REP, in_pool=False, taken_at=TAKEN)
    assert next_return(only_followup, unprotected) == Return(date(2026, 4, 1), "no_followup")
    followed = Term(owner_id=REP, in_pool=False, taken_at=TAKEN, last_followup_at=sh("2026-03-20 16:00"))
    assert next_return(only_followup, followed) == Return(date(2026, 4, 20), "no_followup")
    only_deal = PoolRules(return_without_followup_days=None, return_when_protection_ends=False)
    assert next_return(only_deal, unprotected) == Return(date(2026, 5, 31), "no_deal")
    only_protection = PoolRules(return_without_followup_days=None, return_without_deal_days=None)
    assert next_return(only_protection, HELD) == Return(date(2026, 4, 1), "protection_ended")
    assert next_return(only_protection, unprotected) is None
    none = PoolRules(
        return_without_followup_days=None, return_without_deal_days=None, return_when_protection_ends=False
    )
    assert next_return(none, HELD) is None


def test_a_visit_moves_the_return_to_when_protection_ends() -> None:
    visited = Term(
        owner_id=REP,
        in_pool=False,
        taken_at=TAKEN,
        protection_until=date(2026, 4, 4),  # extended by the visit of 20 March
        last_followup_at=sh("2026-03-20 16:00"),
    )
    assert next_return(RULES, visited) == Return(date(2026, 4, 5), "protection_ended")


def test_no_customer_goes_back_while_protected() -> None:
    eager = PoolRules(return_without_followup_days=5)
    assert next_return(eager, HELD) == Return(date(2026, 4, 1), "no_followup")
    on_the_last_day = PoolRules(return_without_followup_days=29)  # would run out on 31 March, protection's last day
    assert next_return(on_the_last_day, HELD) == Return(date(2026, 4, 1), "no_followup")


def test_won_customers_stay_unless_the_team_says_otherwise() -> None:
    won = Term(owner_id=REP, in_pool=False, taken_at=TAKEN, protection_until=date(2026, 9, 16), won=True)
    assert next_return(RULES, won) is None
    strict = PoolRules(won_stay=False)
    # without a follow-up for 30 days it goes back, but not before protection ends; the deal rules do not apply
    assert next_return(strict, won) == Return(date(2026, 9, 17), "no_followup")


def test_pool_customers_and_unowned_ones_never_return() -> None:
    assert next_return(RULES, IN_POOL) is None
    assert next_return(RULES, Term(owner_id=None, in_pool=False, taken_at=TAKEN)) is None


def test_the_owner_is_reminded_in_the_days_before_a_return() -> None:
    assert reminder(RULES, HELD, sh("2026-03-28 23:59")) is None
    assert reminder(RULES, HELD, sh("2026-03-29 00:00")) == Return(date(2026, 4, 1), "no_followup")
    assert reminder(RULES, HELD, sh("2026-03-31 23:59")) == Return(date(2026, 4, 1), "no_followup")
    assert reminder(RULES, HELD, sh("2026-04-01 00:00")) is None  # due: no longer a warning
    assert reminder(PoolRules(remind_days_before=7), HELD, sh("2026-03-25 08:00")) is not None


def test_a_lapse_empties_the_customer_and_locks_its_last_owner_out() -> None:
    back = lapse(HELD, RULES, sh("2026-04-01 00:10"))
    assert (back.owner_id, back.in_pool, back.protection_until, back.taken_at) == (None, True, None, None)
    assert back.lapsed == {REP: date(2026, 4, 1)}
    assert refuse_claim(RULES, REP, back, QUIET, sh("2026-04-15 09:00")) is not None
    assert refuse_claim(RULES, OTHER, back, QUIET, sh("2026-04-01 09:00")) is None


def test_a_lapse_keeps_the_customers_history_for_whoever_claims_it_next() -> None:
    followed_up = sh("2026-03-05 10:00")
    won = Term(owner_id=REP, in_pool=False, taken_at=sh("2026-01-02 09:00"), last_followup_at=followed_up, won=True)
    back = lapse(won, PoolRules(won_stay=False), sh("2026-06-01 08:00"))
    assert (back.last_followup_at, back.won) == (followed_up, True)
    # a won customer back in the pool still counts against neither limit of the rep who claims it
    assert refuse_claim(RULES, OTHER, back, Load(held=200, claimed_today=5), sh("2026-06-01 09:00")) is None


# -- properties ------------------------------------------------------------------------------------------------
days = st.integers(min_value=0, max_value=400)
moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(SH))


@settings(deadline=None, max_examples=200)
@given(
    taken=moments,
    protection=st.one_of(st.none(), days),
    followup=st.one_of(st.none(), days),
    won=st.booleans(),
    now=moments,
    rules=st.builds(
        PoolRules,
        return_without_followup_days=st.one_of(st.none(), st.integers(1, 120)),
        return_without_deal_days=st.one_of(st.none(), st.integers(1, 365)),
        return_when_protection_ends=st.booleans(),
        won_stay=st.booleans(),
        remind_days_before=st.integers(0, 14),
    ),
)
def test_returns_never_fall_in_protection_and_a_reminder_never_coincides_with_a_return(
    taken, protection, followup, won, now, rules
) -> None:
    until = None if protection is None else rules.day_of(taken) + timedelta(days=protection)
    last = None if followup is None else taken + timedelta(days=followup)
    term = Term(REP, False, taken, until, last, won)
    upcoming = next_return(rules, term)
    if upcoming is not None:
        assert until is None or upcoming.on > until
        assert upcoming.on > rules.day_of(taken)
    assert not (returns_now(rules, term, now) and reminder(rules, term, now))
    if returns_now(rules, term, now) is not None:
        assert not is_protected(rules, until, now)


# -- what head office carries out, and releases ----------------------------------------------------------------


def test_head_office_returns_a_customer_once_the_offline_grace_window_has_passed() -> None:
    # due on 1 April (Shanghai); a visit made before the lapse may arrive for 72 hours after that day began
    assert pool.goes_back(RULES, HELD, sh("2026-04-03 23:59:59")) is None
    assert pool.goes_back(RULES, HELD, sh("2026-04-04 00:00")) == Return(date(2026, 4, 1), "no_followup")
    assert pool.goes_back(PoolRules(offline_grace_hours=0), HELD, sh("2026-04-01 00:00")) is not None


def test_only_the_owner_releases_and_only_with_a_reason() -> None:
    mine = Term(REP, False)
    assert pool.refuse_release(REP, mine, "客户停业") is None
    assert pool.refuse_release(REP, mine, "  ") == pool.RELEASE_NEEDS_REASON
    assert pool.refuse_release(OTHER, mine, "不是我的") == pool.ONLY_OWNER_RELEASES
    assert pool.refuse_release(REP, Term(None, True), "已在公海") == pool.ONLY_OWNER_RELEASES


def test_a_visit_made_before_the_winning_claim_arrived_stays() -> None:
    claim = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)
    assert pool.worked_before_claim(claim - timedelta(minutes=1), claim)
    assert pool.worked_before_claim(claim.replace(tzinfo=None), claim)  # SQLite hands back naive UTC
    assert not pool.worked_before_claim(claim + timedelta(seconds=1), claim)
    assert not pool.worked_before_claim(claim, None)
    assert (
        pool.claimed_by("张伟", claim, RULES)  # 02:00 UTC is 10:00 in Shanghai
        == "already claimed by 张伟 on 2026-03-05 at 10:00, when head office accepted it; it is no longer in the public"
        " pool"
    )


@pytest.mark.usefixtures("laptop_in_new_york")
@pytest.mark.parametrize(
    "accepted",
    [
        datetime(2026, 3, 5, 2, 0),  # as the store gives it back: UTC without its offset
        datetime(2026, 3, 5, 2, 0, tzinfo=UTC),
        datetime(2026, 3, 5, 10, 0, tzinfo=SH),
    ],
)
def test_a_lost_claim_names_the_winners_time_in_the_teams_zone_whatever_the_laptops(accepted: datetime) -> None:
    assert pool.claimed_by("李娜", accepted, RULES) == (
        "already claimed by 李娜 on 2026-03-05 at 10:00, when head office accepted it; it is no longer in the public"
        " pool"
    )

"""Reminders before a customer goes back to the public pool (公海回收提醒), as the laptop shows them: the day and the
rule on the customer page, and the rep's customers going back within the reminder days (three by default) on Today
and in `fieldcrm pool returning`. Real store, fake clock; the team's calendar is Asia/Shanghai."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fieldcrm.services import Services
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.ownership import OwnershipService
from fieldcrm.services.pool import PoolService
from fieldcrm.services.returns import ReturnsService
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.services.visits import VisitService
from waiting import ManualClock

#: 2027-01-10 08:00 in Shanghai: customers registered now are protected through 2027-02-09.
T0 = datetime(2027, 1, 10, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def test_the_customer_page_says_when_and_why_a_customer_goes_back(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep = team_services["rep"]
    customer_id = CustomerService(rep.store, rep.user_id, clock=clock).create(name="杭州西湖茶业有限公司")
    ownership = OwnershipService(rep.store, rep.user_id, clock=clock)
    # Thirty days without a follow-up from 01-10 run out after 02-09; protection ends the same day: the follow-up
    # rule names it (first in the order of equals), and it is far off: no reminder.
    shown = ownership.protection(customer_id)
    assert (shown["returns_on"], shown["return_rule"], shown["return_soon"]) == ("2027-02-10", "no_followup", False)
    clock.now = datetime(2027, 2, 6, 16, 0, tzinfo=UTC)  # 2027-02-07 00:00 in Shanghai: three days before
    assert ownership.protection(customer_id)["return_soon"] is True
    clock.now = datetime(2027, 2, 6, 15, 59, tzinfo=UTC)  # a minute earlier: four days before
    assert ownership.protection(customer_id)["return_soon"] is False
    # A visit on 01-25 moves the follow-up rule to 02-25; protection still ends after 02-09, without a deal.
    VisitService(rep.store, rep.user_id, clock=clock).log(
        customer_id, outcome="谈了新品", started_at=datetime(2027, 1, 25, 2, tzinfo=UTC)
    )
    shown = ownership.protection(customer_id)
    assert (shown["returns_on"], shown["return_rule"]) == ("2027-02-10", "protection_ended")
    # A won deal keeps it: won customers never go back on their own.
    deal = rep.opportunities.create(customer_id, title="年度采购", stage="谈判签约")
    rep.opportunities.move(deal, "赢单")
    shown = ownership.protection(customer_id)
    assert (shown["returns_on"], shown["return_rule"], shown["return_soon"]) == (None, None, False)


def test_the_reps_reminders_list_only_her_customers_going_back_within_the_reminder_days(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, other = team_services["rep"], team_services["other"]
    mine = CustomerService(rep.store, rep.user_id, clock=clock)
    soon = mine.create(name="宁波港口物流有限公司")
    clock.now = T0 + timedelta(days=2)  # registered two days later: goes back on 02-12
    later = mine.create(name="温州鞋业有限公司")
    released = mine.create(name="嘉兴纺织有限公司")
    CustomerService(other.store, other.user_id, clock=clock).create(name="湖州竹业有限公司")  # 李娜's: not mine
    clock.now = datetime(2027, 2, 7, 1, 0, tzinfo=UTC)  # 2027-02-07 09:00 in Shanghai
    PoolService(rep.store, rep.user_id, clock=clock).release(released, "客户已转给代理商")
    rows = ReturnsService(rep.store, rep.user_id, clock=clock).returning_soon()
    assert [(r["id"], r["returns_on"], r["return_rule"], r["days_left"]) for r in rows] == [
        (soon, "2027-02-10", "no_followup", 3)
    ]
    assert rows[0]["name"] == "宁波港口物流有限公司"
    clock.now = datetime(2027, 2, 9, 1, 0, tzinfo=UTC)  # 02-09: both within three days, soonest first
    rows = ReturnsService(rep.store, rep.user_id, clock=clock).returning_soon()
    assert [(r["id"], r["days_left"]) for r in rows] == [(soon, 1), (later, 3)]
    clock.now = datetime(2027, 2, 10, 1, 0, tzinfo=UTC)  # 02-10: the first is due (head office takes it back)
    rows = ReturnsService(rep.store, rep.user_id, clock=clock).returning_soon()
    assert [r["id"] for r in rows] == [later]
    assert ReturnsService(other.store, other.user_id, clock=clock).returning_soon()[0]["name"] == "湖州竹业有限公司"


def test_reminders_and_return_days_follow_the_rules_of_the_customers_pool(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, boss = team_services["rep"], team_services["supervisor"]
    pools = [
        {
            "name": "制造业公海",
            "industries": ["制造业"],
            "rules": {
                "return_without_followup_days": 10,
                "remind_days_before": 5,
                "return_when_protection_ends": False,
            },
        }
    ]
    TeamRulesService(boss.store, boss.user_id).set({"pools": pools, "protection_days": 10})
    customers = CustomerService(rep.store, rep.user_id, clock=clock)
    factory = customers.create(name="嘉兴精密制造有限公司", industry="制造业")
    shop = customers.create(name="嘉兴百货有限公司", industry="零售")
    ownership = OwnershipService(rep.store, rep.user_id, clock=clock)
    # Both protected through 01-20 and back on 01-21: the factory by its pool's rule (ten days without a follow-up),
    # the shop by the team's (protection ended without a deal).
    shown = [ownership.protection(c) for c in (factory, shop)]
    assert [(p["returns_on"], p["return_rule"]) for p in shown] == [
        ("2027-01-21", "no_followup"),
        ("2027-01-21", "protection_ended"),
    ]
    # 01-16 in Shanghai: five days before, the factory's pool reminds its owner; the team's three days do not yet.
    clock.now = datetime(2027, 1, 15, 16, 0, tzinfo=UTC)
    returning = ReturnsService(rep.store, rep.user_id, clock=clock).returning_soon()
    assert [(r["id"], r["return_rule"]) for r in returning] == [(factory, "no_followup")]

"""Logging visits and planning a day's stops."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import InvalidStateError, NotFoundError, ValidationError
from fieldcrm.models import OutboxEntry
from fieldcrm.services import Services


@pytest.fixture
def customers(services: Services) -> list[str]:
    return [services.customers.create(name=n) for n in ("甲商贸有限公司", "乙电子有限公司", "丙机械有限公司")]


def test_log_visit_sets_follow_up_and_appears_in_timeline(services: Services, customers: list[str]) -> None:
    vid = services.visits.log(
        customers[0],
        kind="call",
        outcome="确认了报价",
        notes="客户要求月底前回复",
        next_step="发送合同",
        next_date="2026-12-20",
    )
    data = services.customers.get(customers[0])
    assert data["next_follow_up"] == "2026-12-20"
    assert [(v["id"], v["kind"], v["rep"]) for v in data["visits"]] == [(vid, "call", "张伟")]
    with services.store.session() as session:
        entries = list(session.exec(select(OutboxEntry).order_by(OutboxEntry.client_seq)))[-2:]
    assert [(e.table_name, e.op) for e in entries] == [("visit", "insert"), ("customer", "update")]
    assert entries[0].group_id == entries[1].group_id
    assert json.loads(entries[1].fields) == {"next_follow_up": "2026-12-20"}


def test_visit_validation(services: Services, customers: list[str]) -> None:
    with pytest.raises(ValidationError) as err:
        services.visits.log(customers[0], kind="fax", outcome="x")
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:
        services.visits.log(customers[0], outcome="  ")
    assert err.value.field == "outcome"
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with pytest.raises(ValidationError) as err:
        services.visits.log(customers[0], outcome="x", started_at=start, ended_at=start - timedelta(hours=1))
    assert err.value.field == "ended_at"
    with pytest.raises(NotFoundError):
        services.visits.log("no-such-customer", outcome="x")


def test_only_the_rep_who_logged_can_correct(team_services: dict[str, Services], customers: list[str]) -> None:
    vid = team_services["rep"].visits.log(customers[0], outcome="初访")
    assert team_services["rep"].visits.edit(vid, outcome="初访，见到采购经理") == {"outcome": "初访，见到采购经理"}
    with pytest.raises(InvalidStateError):
        team_services["other"].visits.edit(vid, outcome="改写")


def test_plan_a_day_reorder_move_cancel(services: Services, customers: list[str], today: date) -> None:
    a = services.plans.add_stop(today, customers[0], purpose="送样品")
    b = services.plans.add_stop(today, customers[1])
    c = services.plans.add_stop(today, customers[2], position=0)
    assert [s["id"] for s in services.plans.day(today)] == [c, a, b]
    services.plans.reorder(today, [a, b, c])
    assert [s["id"] for s in services.plans.day(today)] == [a, b, c]
    services.plans.move_stop(c, -1)
    assert [s["id"] for s in services.plans.day(today)] == [a, c, b]
    with pytest.raises(ValidationError):
        services.plans.reorder(today, [a, b])
    tomorrow = today + timedelta(days=1)
    services.plans.move_to_day(b, tomorrow)
    assert [s["id"] for s in services.plans.day(today)] == [a, c]
    assert [s["id"] for s in services.plans.day(tomorrow)] == [b]
    services.plans.cancel_stop(c)
    day = {s["id"]: s for s in services.plans.day(today)}
    assert day[c]["status"] == "cancelled" and day[a]["customer_name"] == "甲商贸有限公司"
    week = services.plans.week(today)
    assert len(week) == 7 and len(week[today.isoformat()]) == 2


def test_logging_from_a_stop_marks_it_done(services: Services, customers: list[str], today: date) -> None:
    stop = services.plans.add_stop(today, customers[0])
    vid = services.visits.log(customers[0], outcome="完成拜访", stop_id=stop)
    done = services.plans.day(today)[0]
    assert (done["status"], done["visit_id"]) == ("done", vid)
    with pytest.raises(InvalidStateError, match="^this stop is already done; a logged visit cannot be cancelled$"):
        services.plans.cancel_stop(stop)
    other = services.plans.add_stop(today, customers[1])
    with pytest.raises(ValidationError):
        services.visits.log(customers[0], outcome="x", stop_id=other)
    services.plans.cancel_stop(other)
    with pytest.raises(InvalidStateError):
        services.visits.log(customers[1], outcome="x", stop_id=other)


def test_moving_stops_keeps_positions_dense(services: Services, customers: list[str], today: date) -> None:
    a, b, c = (services.plans.add_stop(today, customer) for customer in customers)
    services.plans.move_stop(b, -5)  # to the top, however far it is asked to go
    assert [s["id"] for s in services.plans.day(today)] == [b, a, c]
    services.plans.move_stop(b, 5)  # to the bottom
    assert [(s["id"], s["position"]) for s in services.plans.day(today)] == [(a, 0), (c, 1), (b, 2)]
    with pytest.raises(ValidationError) as err:
        services.plans.reorder(today, [a, b, b])
    assert (err.value.field, err.value.message) == ("stop_ids", "must list every stop of the day exactly once")
    tomorrow = today + timedelta(days=1)
    there = services.plans.add_stop(tomorrow, customers[0])
    services.plans.move_to_day(a, tomorrow)  # after the stop already there; the day it left closes up
    assert [(s["id"], s["position"]) for s in services.plans.day(tomorrow)] == [(there, 0), (a, 1)]
    assert [(s["id"], s["position"]) for s in services.plans.day(today)] == [(c, 0), (b, 1)]
    services.visits.log(customers[1], outcome="完成拜访", stop_id=b)
    with pytest.raises(InvalidStateError, match="^this stop is done and can no longer be moved$"):
        services.plans.move_to_day(b, tomorrow)


def test_a_day_and_a_week_show_each_stop_with_its_customer(
    team_services: dict[str, Services], customers: list[str]
) -> None:
    rep, boss = team_services["rep"], team_services["supervisor"]
    rep.customers.update(customers[0], address="上海市浦东新区世纪大道100号")
    monday = date(2027, 3, 1)
    wednesday = rep.plans.add_stop(monday + timedelta(days=2), customers[0], purpose="送样品")
    first = rep.plans.add_stop(monday, customers[1])
    week = boss.plans.week(monday, rep.user_id)  # the supervisor looks at the rep's week
    assert list(week) == [(monday + timedelta(days=i)).isoformat() for i in range(7)]
    assert [[s["id"] for s in stops] for stops in week.values()] == [[first], [], [wednesday], [], [], [], []]
    (stop,) = week["2027-03-03"]
    assert (stop["id"], stop["customer_name"], stop["address"], stop["purpose"]) == (
        wednesday,
        "甲商贸有限公司",
        "上海市浦东新区世纪大道100号",
        "送样品",
    )

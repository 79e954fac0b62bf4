"""Handover on the laptop (客户交接): one action asks for many customers at once; the receiving rep accepts; the
supervisor approves, and only then does each customer move with its contacts, deals and future plan stops, with a
`handover` event carrying the reason. Real store, fake clock."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import InvalidStateError, PermissionDeniedError, ValidationError
from fieldcrm.domain.handover import ALREADY_PENDING, ONLY_RECEIVER, ONLY_SUPERVISOR, OTHER_TEAM
from fieldcrm.models import Contact, Customer, Handover, Opportunity, OutboxEntry, OwnershipEvent, PlannedStop
from fieldcrm.services import Services
from fieldcrm.services.handover import HandoverService
from fieldcrm.services.plans import plan_id_for

T0 = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, 1 March


def _as(services: Services) -> HandoverService:
    return HandoverService(services.store, services.user_id, clock=lambda: T0)


def _sent_since(services: Services, before: int) -> list[OutboxEntry]:
    with services.store.session() as session:
        return list(session.exec(select(OutboxEntry)).all())[before:]


def _outbox_size(services: Services) -> int:
    with services.store.session() as session:
        return len(session.exec(select(OutboxEntry)).all())


@pytest.fixture
def world(team_services: dict[str, Services]) -> dict[str, str]:
    zhang = team_services["rep"]
    ids = {u.name: u.id for u in zhang.profile.users()}
    ids["甲"] = zhang.customers.create(name="甲精密机械有限公司", contacts=[{"name": "钱经理"}])
    ids["乙"] = zhang.customers.create(name="乙纺织有限公司")
    return ids


def test_many_customers_are_asked_for_in_one_action_and_nothing_moves_yet(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang = team_services["rep"]
    before = _outbox_size(zhang)
    done = _as(zhang).request([world["甲"], world["乙"]], world["李娜"], "调往华南区")
    assert [r["customer"] for r in done["requested"]] == ["甲精密机械有限公司", "乙纺织有限公司"]
    assert done["refused"] == []
    sent = _sent_since(zhang, before)
    assert [(e.table_name, e.op) for e in sent] == [("handover", "insert")] * 2
    assert len({e.group_id for e in sent}) == 1
    fields = json.loads(sent[0].fields)
    assert (fields["status"], fields["from_rep_id"], fields["to_rep_id"], fields["reason"]) == (
        "requested",
        world["张伟"],
        world["李娜"],
        "调往华南区",
    )
    with zhang.store.session() as session:
        rows = session.exec(select(Handover)).all()
        assert len({h.batch_id for h in rows}) == 1
        assert session.get(Customer, world["甲"]).owner_id == world["张伟"]  # nothing moves before approval
    # Asked again while it waits: refused, per customer, with why.
    again = _as(zhang).request([world["甲"]], world["李娜"], "再交一次")
    assert again["requested"] == [] and again["refused"][0]["reason"] == ALREADY_PENDING


def test_a_request_needs_a_reason_and_a_teammate(team_services: dict[str, Services], world: dict[str, str]) -> None:
    zhang = team_services["rep"]
    with pytest.raises(ValidationError):
        _as(zhang).request([world["甲"]], world["李娜"], "  ")
    zhao = zhang.profile.add_user("赵强", "rep", "华南二组").id
    refused = _as(zhang).request([world["甲"]], zhao, "调岗")
    assert refused["refused"][0]["reason"] == OTHER_TEAM and refused["requested"] == []
    assert [r["name"] for r in _as(zhang).receivers([world["甲"]])] == ["李娜"]


def test_accept_then_approve_moves_the_customer_its_file_and_future_stops(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang, li, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    deal = zhang.opportunities.create(world["甲"], "年度采购", amount=50000)
    tomorrow, yesterday = date(2027, 3, 2), date(2027, 2, 28)
    future = zhang.plans.add_stop(tomorrow, world["甲"], "续签")
    past = zhang.plans.add_stop(yesterday, world["甲"], "拜访")
    li.plans.add_stop(tomorrow, world["乙"], "李娜自己的")  # the receiver's plan of that day has a stop already
    (asked,) = _as(zhang).request([world["甲"]], world["李娜"], "调往华南区")["requested"]

    with pytest.raises(InvalidStateError):
        _as(boss).approve(asked["id"])  # not accepted yet
    with pytest.raises(PermissionDeniedError, match=ONLY_RECEIVER):
        _as(boss).accept(asked["id"])
    _as(li).accept(asked["id"])
    with pytest.raises(PermissionDeniedError, match=ONLY_SUPERVISOR):
        _as(li).approve(asked["id"])  # 李娜 is not the supervisor
    waiting = {h["id"]: h for h in _as(boss).handovers()}[asked["id"]]
    assert (waiting["status"], waiting["accepted_by"], waiting["steps"]) == ("accepted", "李娜", ["approve", "decline"])
    assert waiting["waiting_for_me"]

    before = _outbox_size(boss)
    done = _as(boss).approve(asked["id"])
    assert done["stops_moved"] == 1
    with boss.store.session() as session:
        customer = session.get(Customer, world["甲"])
        assert (customer.owner_id, customer.in_public_pool) == (world["李娜"], False)
        contact = session.exec(select(Contact).where(Contact.customer_id == world["甲"])).one()
        assert contact.owner_id == world["李娜"]
        assert session.get(Opportunity, deal).owner_id == world["李娜"]
        moved, kept = session.get(PlannedStop, future), session.get(PlannedStop, past)
        assert (moved.owner_id, moved.plan_id, moved.position) == (
            world["李娜"],
            plan_id_for(world["李娜"], tomorrow),
            1,
        )
        assert (kept.owner_id, kept.plan_id) == (world["张伟"], plan_id_for(world["张伟"], yesterday))  # history stays
        (event,) = session.exec(select(OwnershipEvent).where(OwnershipEvent.kind == "handover")).all()
        assert (event.from_owner_id, event.to_owner_id, event.by_user_id, event.reason) == (
            world["张伟"],
            world["李娜"],
            world["王经理"],
            "调往华南区",
        )
        handover = session.get(Handover, asked["id"])
        assert (handover.status, handover.approved_by, handover.approved_at) == ("approved", world["王经理"], T0)
    sent = _sent_since(boss, before)
    assert len({e.group_id for e in sent}) == 1  # one action: head office takes all or nothing
    assert [(e.table_name, e.op, e.action) for e in sent][0] == ("handover", "action", "approve")
    assert sorted((e.table_name, e.op) for e in sent[1:]) == [
        ("contact", "update"),
        ("customer", "update"),
        ("opportunity", "update"),
        ("ownership_event", "insert"),
        ("planned_stop", "update"),
    ]
    history = zhang.customers.get(world["甲"])
    assert history["owner_id"] == world["李娜"]


def test_declines_need_a_reason_and_leave_the_customer(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang, li, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    first, second = _as(zhang).request([world["甲"], world["乙"]], world["李娜"], "调往华南区")["requested"]
    with pytest.raises(ValidationError):
        _as(li).decline(first["id"], " ")
    _as(li).decline(first["id"], "客户太远")
    _as(li).accept(second["id"])
    with pytest.raises(PermissionDeniedError):
        _as(li).decline(second["id"], "改主意了")  # once accepted, only the supervisor may say no
    _as(boss).decline(second["id"], "张伟留任")
    rows = {h["id"]: h for h in _as(zhang).handovers()}
    assert (rows[first["id"]]["status"], rows[first["id"]]["declined_by"], rows[first["id"]]["decline_reason"]) == (
        "declined",
        "李娜",
        "客户太远",
    )
    assert rows[second["id"]]["declined_by"] == "王经理" and rows[second["id"]]["steps"] == []
    with zhang.store.session() as session:
        assert {session.get(Customer, world[k]).owner_id for k in ("甲", "乙")} == {world["张伟"]}
    # Declined: the customer may be handed over again.
    assert _as(zhang).request([world["甲"]], world["李娜"], "再试一次")["refused"] == []


def test_an_approval_after_the_customer_changed_hands_is_refused(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang, li, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    (asked,) = _as(zhang).request([world["甲"]], world["李娜"], "调往华南区")["requested"]
    _as(li).accept(asked["id"])
    from fieldcrm.services.pool import PoolService

    PoolService(zhang.store, zhang.user_id, clock=lambda: T0 + timedelta(hours=1)).release(world["甲"], "不做了")
    with pytest.raises(InvalidStateError):
        _as(boss).approve(asked["id"])

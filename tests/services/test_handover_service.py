"""Handover on the laptop (客户交接): one action asks for many customers at once; the receiving rep accepts; the
supervisor approves, and only then does each customer move with its contacts, deals and future plan stops, with a
`handover` event carrying the reason. Real store, fake clock."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import InvalidStateError, PermissionDeniedError, ValidationError
from fieldcrm.domain.handover import (
    ALREADY_PENDING,
    CHANGED_HANDS,
    NOT_HELD,
    ONLY_RECEIVER,
    ONLY_SUPERVISOR,
    OTHER_TEAM,
    SAY_WHY,
    SAY_WHY_NOT,
    TO_THEMSELVES,
)
from fieldcrm.models import (
    Contact,
    Customer,
    Handover,
    Opportunity,
    OutboxEntry,
    OwnershipEvent,
    PlannedStop,
    Team,
    User,
)
from fieldcrm.services import Services
from fieldcrm.services.handover import HandoverService
from fieldcrm.services.plans import plan_id_for
from fieldcrm.services.pool import PoolService
from fieldcrm.services.team_rules import TeamRulesService

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
    PoolService(zhang.store, zhang.user_id, clock=lambda: T0 + timedelta(hours=1)).release(world["甲"], "不做了")
    with pytest.raises(InvalidStateError, match=CHANGED_HANDS):
        _as(boss).approve(asked["id"])


# -- what the service returns and writes, field by field (the GUI and `--format json` read these keys) --------------
def _at(services: Services, when: datetime) -> HandoverService:
    return HandoverService(services.store, services.user_id, clock=lambda: when)


def _edit(services: Services, model: type, row_id: str, **values: object) -> None:
    """Change a row in the store directly, as a pull from head office would."""
    with services.store.transaction() as session:
        row = session.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)


def test_a_request_answers_per_customer_and_records_who_asked_when(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang = team_services["rep"]
    pooled = zhang.customers.create(name="丙贸易有限公司")
    PoolService(zhang.store, zhang.user_id, clock=lambda: T0).release(pooled, "不做了")
    before = _outbox_size(zhang)
    done = _as(zhang).request([pooled, world["甲"]], world["李娜"], "调往华南区")  # the refused one comes first
    with zhang.store.session() as session:
        (row,) = session.exec(select(Handover)).all()
    assert isinstance(done["batch_id"], str) and row.batch_id == done["batch_id"]
    assert done == {
        "batch_id": row.batch_id,
        "requested": [{"id": row.id, "customer_id": world["甲"], "customer": "甲精密机械有限公司"}],
        "refused": [{"customer_id": pooled, "customer": "丙贸易有限公司", "reason": NOT_HELD}],
    }
    assert (row.requested_by, row.owner_id, row.requested_at) == (world["张伟"], world["张伟"], T0)
    (sent,) = _sent_since(zhang, before)
    fields = json.loads(sent.fields)
    assert (fields["batch_id"], fields["owner_id"], fields["requested_by"], fields["requested_at"]) == (
        row.batch_id,
        world["张伟"],
        world["张伟"],
        "2027-03-01T02:00:00+00:00",
    )
    # To the rep who holds it: refused with why.
    refused = _as(zhang).request([world["乙"]], world["张伟"], "调岗")
    assert refused["requested"] == [] and refused["refused"][0]["reason"] == TO_THEMSELVES


@pytest.mark.parametrize("step", ["request", "decline"])
def test_a_reason_is_required_and_at_most_500_characters(
    team_services: dict[str, Services], world: dict[str, str], step: str
) -> None:
    zhang, li = team_services["rep"], team_services["other"]
    if step == "request":
        empty = SAY_WHY

        def take(reason: object) -> object:
            return _as(zhang).request([world["甲"]], world["李娜"], reason)  # type: ignore[arg-type]
    else:
        empty = SAY_WHY_NOT
        (asked,) = _as(zhang).request([world["甲"]], world["李娜"], "调往华南区")["requested"]

        def take(reason: object) -> object:
            return _as(li).decline(asked["id"], reason)  # type: ignore[arg-type]

    for blank in ("  ", "", None):
        with pytest.raises(ValidationError) as err:
            take(blank)
        assert (err.value.field, err.value.message) == ("reason", empty)
    with pytest.raises(ValidationError) as err:
        take("因" * 501)
    assert (err.value.field, err.value.message) == ("reason", "is 501 characters long; at most 500 are allowed")
    take("因" * 500)
    with zhang.store.session() as session:
        (row,) = session.exec(select(Handover)).all()
    assert (row.reason if step == "request" else row.decline_reason) == "因" * 500


def test_the_receivers_are_the_active_teammates_in_pinyin_order(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang = team_services["rep"]
    profile = zhang.profile
    zeng = profile.add_user("曾磊", "rep", "华东一组").id  # 曾 as a surname reads zēng: after 李
    chen = profile.add_user("陈静", "rep", "华东一组").id
    gone = profile.add_user("周敏", "rep", "华东一组").id
    left = profile.add_user("吴刚", "rep", "华东一组").id
    _edit(zhang, User, gone, active=False)
    _edit(zhang, User, left, deleted=True)
    assert _as(zhang).receivers([world["甲"]]) == [
        {"id": chen, "name": "陈静"},
        {"id": world["李娜"], "name": "李娜"},
        {"id": zeng, "name": "曾磊"},
    ]


def test_the_list_gives_every_field_newest_first_with_names(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang, li, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    later = T0 + timedelta(hours=1)
    (first,) = _at(zhang, later).request([world["甲"]], world["李娜"], "调往华南区")["requested"]
    bing = zhang.customers.create(name="丙贸易有限公司")
    second, third = _at(zhang, T0).request([world["乙"], bing], world["李娜"], "减负")["requested"]  # asked earlier
    _at(li, T0 + timedelta(hours=2)).accept(first["id"])
    _at(boss, T0 + timedelta(hours=3)).approve(first["id"])
    _at(li, T0 + timedelta(hours=4)).decline(third["id"], "太远")

    rows = _as(zhang).handovers()
    assert [r["id"] for r in rows] == [first["id"], third["id"], second["id"]]  # same time: the newer id first
    approved = rows[0]
    assert approved == {
        "id": first["id"],
        "customer_id": world["甲"],
        "customer": "甲精密机械有限公司",
        "from_rep_id": world["张伟"],
        "from_rep": "张伟",
        "to_rep_id": world["李娜"],
        "to_rep": "李娜",
        "reason": "调往华南区",
        "status": "approved",
        "batch_id": approved["batch_id"],
        "requested_by": "张伟",
        "requested_at": "2027-03-01T03:00:00+00:00",
        "accepted_by": "李娜",
        "accepted_at": "2027-03-01T04:00:00+00:00",
        "approved_by": "王经理",
        "approved_at": "2027-03-01T05:00:00+00:00",
        "declined_by": None,
        "declined_at": None,
        "decline_reason": None,
        "steps": [],
        "waiting_for_me": False,
    }
    assert approved["batch_id"] and approved["batch_id"] != rows[1]["batch_id"]
    declined = rows[1]
    assert (declined["customer"], declined["declined_by"], declined["declined_at"], declined["decline_reason"]) == (
        "丙贸易有限公司",
        "李娜",
        "2027-03-01T06:00:00+00:00",
        "太远",
    )
    assert (rows[2]["customer"], rows[2]["accepted_by"], rows[2]["approved_by"]) == ("乙纺织有限公司", None, None)
    # The supervisor may only decline a handover the receiver has not accepted: nothing waits for them yet.
    waiting = {r["id"]: r for r in _as(boss).handovers()}[second["id"]]
    assert (waiting["steps"], waiting["waiting_for_me"]) == (["decline"], False)
    assert {r["id"]: r for r in _as(li).handovers()}[second["id"]]["waiting_for_me"]


def test_the_list_shows_the_id_of_a_user_this_laptop_does_not_know(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang = team_services["rep"]
    with zhang.store.transaction() as session:  # pulled from head office, naming reps not on this laptop
        session.add(
            Handover(
                customer_id=world["甲"],
                from_rep_id="rep-away",
                to_rep_id="rep-new",
                reason="调岗",
                requested_by="sup-away",
                requested_at=T0,
                owner_id="sup-away",
            )
        )
    (row,) = _as(zhang).handovers()
    assert (row["from_rep"], row["to_rep"], row["requested_by"]) == ("rep-away", "rep-new", "sup-away")


def test_approval_needs_the_supervisor_of_both_reps_and_not_the_handing_one(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang, li, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    first, second = _as(zhang).request([world["甲"], world["乙"]], world["李娜"], "调往华南区")["requested"]
    _as(li).accept(first["id"])
    _as(li).accept(second["id"])
    # 张伟 made an admin: still not the one to approve his own handover.
    _edit(zhang, User, world["张伟"], role="admin")
    assert {r["id"]: r for r in _as(zhang).handovers()}[first["id"]]["steps"] == []
    with pytest.raises(PermissionDeniedError, match=ONLY_SUPERVISOR):
        _as(zhang).approve(first["id"])
    # 李娜 moved to another team: 王经理 supervises only one of the two now.
    zhang.profile.add_user("赵强", "rep", "华南二组")
    with zhang.store.session() as session:
        south = session.exec(select(Team).where(Team.name == "华南二组")).one().id
    _edit(zhang, User, world["李娜"], team_id=south)
    assert {r["id"]: r for r in _as(boss).handovers()}[second["id"]]["steps"] == []
    with pytest.raises(PermissionDeniedError, match=ONLY_SUPERVISOR):
        _as(boss).approve(second["id"])


def test_approval_moves_the_stops_from_the_teams_today_on_after_those_there(
    team_services: dict[str, Services], world: dict[str, str]
) -> None:
    zhang, li, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    TeamRulesService(boss.store, boss.user_id).set({"timezone": "America/Los_Angeles"})  # T0 is 28 Feb there
    today, tomorrow, later = date(2027, 2, 28), date(2027, 3, 2), date(2027, 3, 3)
    plans = zhang.plans
    past = plans.add_stop(date(2027, 2, 27), world["甲"], "上周")
    now = plans.add_stop(today, world["甲"], "今天")
    other = plans.add_stop(tomorrow, world["乙"], "别的客户")
    early = plans.add_stop(tomorrow, world["甲"], "上午")
    late = plans.add_stop(tomorrow, world["甲"], "下午")
    plans.reorder(tomorrow, [late, other, early])  # the one made last comes first that day
    dropped = plans.add_stop(later, world["甲"], "取消了")
    plans.cancel_stop(dropped)
    gone = plans.add_stop(later, world["甲"], "删了")
    _edit(zhang, PlannedStop, gone, deleted=True)
    li.plans.add_stop(tomorrow, world["乙"], "李娜自己的")
    lis_gone = li.plans.add_stop(tomorrow, world["乙"], "李娜删了的")
    _edit(li, PlannedStop, lis_gone, deleted=True)
    boss_own = boss.plans.add_stop(tomorrow, world["甲"], "经理陪访")
    (asked,) = _as(zhang).request([world["甲"]], world["李娜"], "调往华南区")["requested"]
    _as(li).accept(asked["id"])

    assert _as(boss).approve(asked["id"]) == {"customer_id": world["甲"], "owner_id": world["李娜"], "stops_moved": 3}
    with boss.store.session() as session:

        def where(stop_id: str) -> tuple[str, str, int]:
            stop = session.get(PlannedStop, stop_id)
            return stop.owner_id, stop.plan_id, stop.position

        zhang_id, li_id = world["张伟"], world["李娜"]
        assert where(now) == (li_id, plan_id_for(li_id, today), 0)
        # After 李娜's own stop on that day (her deleted one not counted), in the order they had.
        assert where(late) == (li_id, plan_id_for(li_id, tomorrow), 1)
        assert where(early) == (li_id, plan_id_for(li_id, tomorrow), 2)
        assert where(past)[:2] == (zhang_id, plan_id_for(zhang_id, date(2027, 2, 27)))
        assert where(other)[:2] == (zhang_id, plan_id_for(zhang_id, tomorrow))
        assert where(dropped)[:2] == where(gone)[:2] == (zhang_id, plan_id_for(zhang_id, later))
        assert where(boss_own)[:2] == (world["王经理"], plan_id_for(world["王经理"], tomorrow))

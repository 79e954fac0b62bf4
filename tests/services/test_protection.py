"""Protection (保护期) and first contact on the laptop: a new customer (typed or imported) is protected from its first
contact and its history records it; a visit extends protection provisionally (head office decides, see
tests/sync/test_protection_sync.py); nobody else logs visits against a rep's customer. Real store, fake clock."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from excel_helpers import write_xlsx
from sqlmodel import select

from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.excel import ImportJob
from fieldcrm.models import Customer, OutboxEntry, OwnershipEvent
from fieldcrm.services import Services
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.opportunities import OpportunityService
from fieldcrm.services.ownership import OwnershipService
from fieldcrm.services.visits import VisitService
from waiting import ManualClock

#: 2027-01-10 08:00 in Shanghai, the team's calendar.
T0 = datetime(2027, 1, 10, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def _customers(services: Services, clock: ManualClock) -> CustomerService:
    return CustomerService(services.store, services.user_id, clock=clock)


def _visits(services: Services, clock: ManualClock) -> VisitService:
    return VisitService(services.store, services.user_id, clock=clock)


def _until(services: Services, customer_id: str) -> date | None:
    with services.store.session() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        return customer.protection_until


def _outbox(services: Services) -> list[OutboxEntry]:
    with services.store.session() as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.client_seq)))


def test_a_new_customer_is_protected_from_its_first_contact_and_its_history_says_so(
    services: Services, clock: ManualClock
) -> None:
    customer_id = _customers(services, clock).create(name="杭州西湖茶业有限公司")
    assert _until(services, customer_id) == date(2027, 2, 9)  # 30 days from the first contact's day
    me = services.user_id
    (event,) = OwnershipService(services.store, me).history(customer_id)
    assert (event["kind"], event["from_owner_id"], event["to_owner_id"], event["by_user_id"]) == (
        "first_contact",
        None,
        me,
        me,
    )
    assert (event["to_owner"], event["by"], event["rule"]) == ("张伟", "张伟", "first_contact")
    assert event["at"] == T0.isoformat()
    customer, recorded = _outbox(services)
    assert (customer.table_name, recorded.table_name) == ("customer", "ownership_event")
    assert customer.group_id == recorded.group_id  # one action: head office takes both or neither
    assert json.loads(customer.fields)["protection_until"] == "2027-02-09"
    assert json.loads(recorded.fields)["customer_id"] == customer_id


def test_protection_counts_days_on_the_teams_calendar(services: Services, clock: ManualClock) -> None:
    clock.now = datetime(2027, 1, 10, 16, 30, tzinfo=UTC)  # 00:30 on 11 January in Shanghai
    customer_id = _customers(services, clock).create(name="宁波港口物流有限公司")
    assert _until(services, customer_id) == date(2027, 2, 10)
    shown = _customers(services, clock).get(customer_id)["protection"]
    assert shown == {
        "until": "2027-02-10",
        "protected": True,
        "days_left": 30,
        "lapsing_soon": False,
        "returns_on": "2027-02-11",  # no follow-up for 30 days from its day in Shanghai (11 January)
        "return_rule": "no_followup",
        "return_soon": False,
    }
    clock.now = datetime(2027, 2, 8, 0, 0, tzinfo=UTC)
    assert OwnershipService(services.store, services.user_id, clock=clock).protection(customer_id)["lapsing_soon"]
    clock.now = datetime(2027, 2, 10, 16, 0, tzinfo=UTC)  # midnight in Shanghai: it lapsed
    lapsed = OwnershipService(services.store, services.user_id, clock=clock).protection(customer_id)
    assert lapsed == {
        "until": "2027-02-10",
        "protected": False,
        "days_left": None,
        "lapsing_soon": False,
        "returns_on": "2027-02-11",  # today: due, no longer a reminder (head office takes it back)
        "return_rule": "no_followup",
        "return_soon": False,
    }


def test_a_pool_customer_is_protected_for_nobody(team_services: dict[str, Services], clock: ManualClock) -> None:
    boss = team_services["supervisor"]
    customer_id = _customers(boss, clock).create(name="公海客户有限公司", owner_id=None, in_public_pool=True)
    assert _until(boss, customer_id) is None
    (event,) = OwnershipService(boss.store).history(customer_id)
    assert (event["kind"], event["to_owner_id"], event["by_user_id"]) == ("first_contact", None, boss.user_id)


def test_a_visit_extends_protection_on_the_laptop_until_head_office_decides(
    services: Services, clock: ManualClock
) -> None:
    customer_id = _customers(services, clock).create(name="苏州丝绸纺织有限公司")
    sent_before = len(_outbox(services))
    clock.now = T0 + timedelta(days=20)
    _visits(services, clock).log(customer_id, outcome="介绍新品")
    assert _until(services, customer_id) == date(2027, 2, 14)  # the visit's day (30 January) + 15
    sent = _outbox(services)[sent_before:]
    assert [e.table_name for e in sent] == ["visit"]  # the extension is never sent: head office makes its own
    clock.now = T0 + timedelta(days=21)
    _visits(services, clock).log(customer_id, outcome="电话回访", started_at=T0 + timedelta(days=2))
    assert _until(services, customer_id) == date(2027, 2, 14)  # an older visit never shortens it


def test_a_visit_after_the_lapse_counts_only_within_the_grace_window(services: Services, clock: ManualClock) -> None:
    customer_id = _customers(services, clock).create(name="无锡精密机械有限公司")  # protected through 9 February
    lapse = datetime(2027, 2, 9, 15, 0, tzinfo=UTC)  # 23:00 on its last day, in Shanghai
    clock.now = lapse + timedelta(hours=80)  # beyond the 72 hours
    _visits(services, clock).log(customer_id, outcome="上门拜访", started_at=lapse)
    assert _until(services, customer_id) == date(2027, 2, 9)
    clock.now = lapse + timedelta(hours=70)  # offline over the lapse, logged within the window
    _visits(services, clock).log(customer_id, outcome="上门拜访", started_at=lapse)
    assert _until(services, customer_id) == date(2027, 2, 24)  # from the visit's own day


def test_nobody_else_logs_visits_against_a_reps_customer(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    mine = _customers(team_services["rep"], clock).create(name="常州新能源有限公司")
    with pytest.raises(PermissionDeniedError, match="another rep"):
        _visits(team_services["other"], clock).log(mine, outcome="顺路拜访")
    other_id = team_services["other"].user_id
    with pytest.raises(PermissionDeniedError, match="another rep"):  # nor claims it while it is his
        _customers(team_services["other"], clock).update(mine, owner_id=other_id, in_public_pool=False)
    assert _customers(team_services["rep"], clock).get(mine)["owner_id"] == team_services["rep"].user_id
    assert _visits(team_services["supervisor"], clock).log(mine, outcome="陪访")  # his side's
    pool = _customers(team_services["supervisor"], clock).create(
        name="公海物流有限公司", owner_id=None, in_public_pool=True
    )
    assert _visits(team_services["other"], clock).log(pool, outcome="了解需求")  # anyone may work the pool
    assert _until(team_services["rep"], pool) is None  # and it protects nobody


def test_imported_customers_get_their_first_contact_and_protection(services: Services, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "leads.xlsx",
        [["客户名称", "电话"], ["嘉兴五金有限公司", "0573-82345678"], ["湖州竹业有限公司", None]],
    )
    job = ImportJob(services.store, path, user_id=services.user_id)
    job.read()
    job.preview(on_duplicate="skip")
    assert job.commit().new == 2
    with services.store.session() as session:
        customers = session.exec(select(Customer)).all()
        events = session.exec(select(OwnershipEvent)).all()
    assert len(customers) == 2
    for customer in customers:
        assert customer.first_contact_by == services.user_id
        first = customer.first_contact_at
        assert first is not None
        assert customer.protection_until == (first + timedelta(hours=8)).date() + timedelta(days=30)
    assert sorted((e.customer_id, e.kind, e.to_owner_id, e.at) for e in events) == sorted(
        (c.id, "first_contact", services.user_id, c.first_contact_at) for c in customers
    )


def test_a_won_deal_protects_its_customer_longer_at_once_and_head_office_decides(
    services: Services, clock: ManualClock
) -> None:
    customer_id = _customers(services, clock).create(name="绍兴黄酒集团有限公司")
    deals = OpportunityService(services.store, services.user_id, clock=clock)
    deal = deals.create(customer_id, "年度采购", stage="谈判签约")
    clock.now = T0 + timedelta(days=5)  # won on 15 January in Shanghai
    sent_before = len(_outbox(services))
    deals.move(deal, "赢单")
    assert _until(services, customer_id) == date(2027, 7, 14)  # 180 days from the day it was won
    sent = _outbox(services)[sent_before:]
    assert [(e.table_name, sorted(json.loads(e.fields))) for e in sent] == [
        ("opportunity", ["closed_at", "stage"])
    ]  # the protection is head office's to decide: shown here, never sent
    shown = OwnershipService(services.store, services.user_id, clock=clock).protection(customer_id)
    assert (shown["until"], shown["returns_on"]) == ("2027-07-14", None)  # won customers stay

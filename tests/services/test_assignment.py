"""Assignment on the laptop (分配客户): one action writes each customer's new owner, its protection, its contacts and
deals going along, and one `assignment` event per customer naming the strategy; round-robin continues from the
history. Real store, fake clock."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from fieldcrm.domain.assignment import ONLY_SUPERVISORS
from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.domain.ownership import NOT_YOURS
from fieldcrm.models import Contact, Customer, Opportunity, OutboxEntry, OwnershipEvent
from fieldcrm.services import Services
from fieldcrm.services.assignment import AssignmentService

T0 = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def boss(team_services: dict[str, Services]) -> AssignmentService:
    team_services["supervisor"].profile.add_user("刘洋", "rep", "华东一组")
    return AssignmentService(team_services["supervisor"].store, team_services["supervisor"].user_id, clock=lambda: T0)


def _pool(services: Services, *names: str) -> list[str]:
    return [services.customers.create(name=n, owner_id=None, in_public_pool=True) for n in names]


def _ids(services: Services) -> dict[str, str]:
    return {u.name: u.id for u in services.profile.users()}


def test_round_robin_writes_owner_protection_and_one_event_per_customer_in_one_action(
    team_services: dict[str, Services], boss: AssignmentService
) -> None:
    sup = team_services["supervisor"]
    customers = _pool(sup, "甲公司", "乙公司", "丙公司", "丁公司")
    contact = sup.customers.add_contact(customers[0], name="钱经理")
    with sup.store.session() as session:
        before = len(session.exec(select(OutboxEntry)).all())
    done = boss.assign(customers, "round_robin", reason="新客户分配")
    ids = _ids(sup)
    assert [(p["customer"], p["rep"]) for p in done["placed"]] == [
        ("甲公司", "李娜"),  # in turn by the pinyin of their names: li, liu, zhang
        ("乙公司", "刘洋"),
        ("丙公司", "张伟"),
        ("丁公司", "李娜"),
    ]
    assert done["unplaced"] == []
    with sup.store.session() as session:
        for placed in done["placed"]:
            row = session.get(Customer, placed["customer_id"])
            assert row is not None
            assert (row.owner_id, row.in_public_pool) == (placed["rep_id"], False)
            assert row.protection_until == date(2027, 3, 31)  # 30 days from the assignment's day
        events = session.exec(select(OwnershipEvent).where(OwnershipEvent.kind == "assignment")).all()
        assert sorted(e.customer_id for e in events) == sorted(customers)
        assert {(e.rule, e.reason, e.by_user_id, e.from_owner_id) for e in events} == {
            ("round_robin", "新客户分配", sup.user_id, None)
        }
        assert {e.customer_id: e.to_owner_id for e in events} == {p["customer_id"]: p["rep_id"] for p in done["placed"]}
        moved = session.get(Contact, contact)
        assert moved is not None and moved.owner_id == ids["李娜"]
        sent = session.exec(select(OutboxEntry)).all()[before:]
    assert len({e.group_id for e in sent}) == 1  # one action: head office takes all or nothing
    assert (
        sorted((e.table_name, e.op) for e in sent)
        == [("contact", "update")] + [("customer", "update")] * 4 + [("ownership_event", "insert")] * 4
    )
    (contact_entry,) = [e for e in sent if e.table_name == "contact"]
    assert json.loads(contact_entry.fields) == {"owner_id": ids["李娜"]}


def test_round_robin_continues_after_the_rep_who_got_the_last_customer(
    team_services: dict[str, Services], boss: AssignmentService
) -> None:
    sup = team_services["supervisor"]
    boss.assign(_pool(sup, "一号"), "round_robin")
    boss.assign(_pool(sup, "二号"), "round_robin")
    preview = boss.preview(_pool(sup, "三号", "四号"), "round_robin")
    assert [p["rep"] for p in preview["placed"]] == ["张伟", "李娜"]


def test_by_hand_moves_a_reps_customer_and_its_deals_to_another(
    team_services: dict[str, Services], boss: AssignmentService
) -> None:
    rep = team_services["rep"]
    customer_id = rep.customers.create(name="宁波港口物流有限公司")
    deal = rep.opportunities.create(customer_id, "叉车采购", amount="50000")
    ids = _ids(rep)
    done = boss.assign([customer_id], "by_hand", rep_id=ids["李娜"], reason="张伟调岗")
    assert [p["rep"] for p in done["placed"]] == ["李娜"]
    with rep.store.session() as session:
        (event,) = session.exec(select(OwnershipEvent).where(OwnershipEvent.kind == "assignment")).all()
        assert (event.from_owner_id, event.to_owner_id, event.rule) == (ids["张伟"], ids["李娜"], "by_hand")
        opportunity = session.get(Opportunity, deal)
        assert opportunity is not None and opportunity.owner_id == ids["李娜"]
    again = boss.assign([customer_id], "by_hand", rep_id=ids["李娜"])
    assert again["placed"] == [] and again["unplaced"][0]["reason"] == "李娜 already holds this customer"


def test_a_rep_cannot_assign(team_services: dict[str, Services]) -> None:
    rep = team_services["rep"]
    customer_id = rep.customers.create(name="温州鞋业有限公司")
    with pytest.raises(PermissionDeniedError, match=ONLY_SUPERVISORS):
        AssignmentService(rep.store, rep.user_id).assign([customer_id], "round_robin")


def test_a_customer_outside_the_supervisors_side_stays_with_why(
    team_services: dict[str, Services], boss: AssignmentService
) -> None:
    sup = team_services["supervisor"]
    zhao = sup.profile.add_user("赵强", "rep", "华南二组")
    theirs = Services.for_store(sup.store, zhao.id).customers.create(name="深圳南山电子有限公司")
    mine = _pool(sup, "杭州萧山纺织有限公司")[0]
    done = boss.assign([theirs, mine, "no-such-id"], "capacity")
    assert [p["customer_id"] for p in done["placed"]] == [mine]
    assert [(u["customer_id"], u["reason"]) for u in done["unplaced"]] == [
        (theirs, NOT_YOURS),
        ("no-such-id", "no customer with id no-such-id"),
    ]
    with sup.store.session() as session:
        kept = session.get(Customer, theirs)
        assert kept is not None and kept.owner_id == zhao.id
        assert {
            e.customer_id for e in session.exec(select(OwnershipEvent).where(OwnershipEvent.kind == "assignment"))
        } == {mine}
    assert "赵强" not in {c["name"] for c in boss.candidates()}

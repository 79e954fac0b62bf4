"""Protection (保护期) decided by head office's clock, on the real server: a visit logged offline before the customer's
protection lapsed but pushed after it counts by its own time only within the 72-hour grace window; the laptop shows
its provisional extension until the pull brings head office's value. During protection nobody else claims the
customer or logs visits against it, and its first contact reaches the server as an ownership event."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from handmade import push_one, read_row, token_of
from sqlalchemy import text

from fieldcrm.domain.protection import PoolRules
from fieldcrm.ids import uuid7
from fieldcrm.models import Customer, utcnow
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.visits import VisitService
from server_fixtures import wire_op as op

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)

RULES = PoolRules()


def _local_until(laptop, customer_id: str) -> date | None:
    with laptop.store.session() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        return customer.protection_until


def _lapsed_customer(laptop, name: str) -> tuple[str, date]:
    """A customer first contacted 32 days ago (so its protection lapsed at the end of the day before yesterday, in
    Shanghai), synced to head office."""
    first = utcnow() - timedelta(days=32)
    customer_id = CustomerService(laptop.store, clock=lambda: first).create(name=name)
    until = _local_until(laptop, customer_id)
    assert until == RULES.day_of(utcnow()) - timedelta(days=2)
    return customer_id, until


def _log_offline(laptop, customer_id: str, visit_at: datetime) -> None:
    """A visit logged on the road an hour after it started (before the lapse), the laptop offline till now."""
    assert RULES.day_of(visit_at) <= _local_until(laptop, customer_id)  # type: ignore[operator]
    VisitService(laptop.store, clock=lambda: visit_at + timedelta(hours=1)).log(
        customer_id, outcome="上门拜访", started_at=visit_at
    )


def test_a_visit_pushed_after_the_lapse_counts_only_within_the_grace_window(server, team, laptop_factory) -> None:
    laptop = laptop_factory("zhang", "张伟")
    within, until = _lapsed_customer(laptop, "绍兴黄酒酿造有限公司")
    beyond, _ = _lapsed_customer(laptop, "温州鞋业制造有限公司")
    assert laptop.sync().rejected == 0
    admin = token_of(server, "管理员")
    assert read_row(server, admin, "customer", within)["protection_until"] == until.isoformat()

    now = utcnow()
    recent, old = now - timedelta(hours=60), now - timedelta(hours=80)  # both before the lapse
    _log_offline(laptop, within, recent)
    _log_offline(laptop, beyond, old)
    # Offline, the laptop shows both extended: it cannot know when head office will receive them.
    assert _local_until(laptop, within) == RULES.day_of(recent) + timedelta(days=15)
    assert _local_until(laptop, beyond) == RULES.day_of(old) + timedelta(days=15)

    assert laptop.sync().rejected == 0
    # Received 60 hours after it started: it counts by its own time. Received after 80 hours: too late, the
    # customer's protection stays lapsed.
    assert (
        read_row(server, admin, "customer", within)["protection_until"]
        == (RULES.day_of(recent) + timedelta(days=15)).isoformat()
    )
    assert read_row(server, admin, "customer", beyond)["protection_until"] == until.isoformat()
    # The pull brought head office's value back: the provisional extension is gone.
    assert _local_until(laptop, within) == RULES.day_of(recent) + timedelta(days=15)
    assert _local_until(laptop, beyond) == until
    with server.engine.connect() as conn:
        received = conn.execute(text("SELECT count(*) FROM visit WHERE received_at IS NOT NULL")).scalar_one()
    assert received == 2


def test_a_protected_customer_is_its_owners_alone_and_its_first_contact_is_on_record(
    server, team, laptop_factory
) -> None:
    zhang = laptop_factory("zhang", "张伟")
    customer_id = zhang.services().customers.create(name="台州汽配有限公司")
    assert zhang.sync().rejected == 0
    admin = token_of(server, "管理员")
    row = read_row(server, admin, "customer", customer_id)
    assert (
        row["owner_id"] == team["rep"] and row["protection_until"] >= (utcnow() + timedelta(days=29)).date().isoformat()
    )
    with server.engine.connect() as conn:
        events = conn.execute(
            text("SELECT kind, to_owner_id, by_user_id FROM ownership_event WHERE customer_id = :c"), {"c": customer_id}
        ).all()
    assert [tuple(e) for e in events] == [("first_contact", team["rep"], team["rep"])]

    li = token_of(server, "李娜")
    claim = op(
        "customer", customer_id, "update", {"owner_id": team["other"], "in_public_pool": False}, base=row["version"]
    )
    refused = push_one(server, li, claim)
    assert refused["status"] == "rejected" and refused["reason"]
    visit = {
        "customer_id": customer_id,
        "rep_id": team["other"],
        "owner_id": team["other"],
        "started_at": utcnow().isoformat(),
    }
    refused = push_one(server, li, op("visit", uuid7(), "insert", visit))
    assert refused["status"] == "rejected" and "another rep" in refused["reason"]
    record = {"customer_id": customer_id, "kind": "claim", "to_owner_id": team["other"], "by_user_id": team["other"]}
    refused = push_one(server, li, op("ownership_event", uuid7(), "insert", {**record, "owner_id": team["other"]}))
    assert refused["status"] == "rejected" and refused["reason"]
    after = read_row(server, admin, "customer", customer_id)
    assert (after["owner_id"], after["protection_until"], after["version"]) == (
        team["rep"],
        row["protection_until"],
        row["version"],
    )


def test_an_ownership_event_is_never_changed_nor_deleted(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    customer_id = zhang.services().customers.create(name="金华火腿有限公司")
    assert zhang.sync().rejected == 0
    with server.engine.connect() as conn:
        event_id, version = conn.execute(
            text("SELECT id, version FROM ownership_event WHERE customer_id = :c"), {"c": customer_id}
        ).one()
    for who in ("张伟", "管理员"):
        headers = token_of(server, who)
        edited = push_one(server, headers, op("ownership_event", event_id, "update", {"reason": "改写"}, base=version))
        deleted = push_one(server, headers, op("ownership_event", event_id, "delete", {}, base=version))
        assert [edited["status"], deleted["status"]] == ["rejected", "rejected"], (who, edited, deleted)
        assert "never changed" in edited["reason"] and "never changed" in deleted["reason"]
    row = read_row(server, token_of(server, "管理员"), "ownership_event", event_id)
    assert (row["reason"], row["deleted"], row["version"]) == ("", False, version)


def test_head_office_sets_the_protection_of_a_registration_and_a_claim_whatever_the_laptop_sent(
    server, team, laptop_factory
) -> None:
    """A modified client registers a customer with protection to 2099 and a first contact dated ahead, and claims a
    pool customer with protection to 2099: head office caps both at 30 days from their arrival, and the rep's
    laptop pulls head office's dates. (What an honest laptop sends is kept: see the first test.)"""
    zhang = laptop_factory("zhang", "张伟")
    rep = token_of(server, "张伟")
    today = RULES.day_of(utcnow())
    registered = uuid7()
    fields = {
        "name": "舟山远洋渔业有限公司",
        "owner_id": team["rep"],
        "first_contact_at": (utcnow() + timedelta(days=10)).isoformat(),
        "first_contact_by": team["rep"],
        "protection_until": "2099-12-31",
    }
    assert push_one(server, rep, op("customer", registered, "insert", fields))["status"] == "applied"
    admin = token_of(server, "管理员")
    capped = (today + timedelta(days=30)).isoformat()
    assert read_row(server, admin, "customer", registered)["protection_until"] == capped

    pool_id = (
        laptop_factory("admin", "管理员")
        .services()
        .customers.create(name="宁波公海港口物流有限公司", owner_id=None, in_public_pool=True)
    )
    laptop_factory("admin", "管理员").sync()
    base = read_row(server, admin, "customer", pool_id)["version"]
    claim = {"owner_id": team["rep"], "in_public_pool": False, "protection_until": "2099-12-31"}
    assert push_one(server, rep, op("customer", pool_id, "update", claim, base=base))["status"] == "applied"
    after = read_row(server, admin, "customer", pool_id)
    assert (after["owner_id"], after["protection_until"]) == (team["rep"], capped)

    assert zhang.sync().rejected == 0  # the rep's own laptop (same user, another device) gets head office's dates
    assert _local_until(zhang, registered) == today + timedelta(days=30)
    assert _local_until(zhang, pool_id) == today + timedelta(days=30)


def test_a_won_deal_extends_protection_from_its_arrival_and_never_shortens_it(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    services = zhang.services()
    customer_id = services.customers.create(name="嘉兴丝绸进出口有限公司")
    deal_id = services.opportunities.create(customer_id, "年度丝绸采购", amount="120000")
    assert zhang.sync().rejected == 0
    today = RULES.day_of(utcnow())
    assert _local_until(zhang, customer_id) == today + timedelta(days=30)

    services.opportunities.move(deal_id, "赢单")
    assert zhang.sync().rejected == 0
    admin = token_of(server, "管理员")
    won_until = (today + timedelta(days=RULES.won_extends_days)).isoformat()
    assert read_row(server, admin, "customer", customer_id)["protection_until"] == won_until
    assert _local_until(zhang, customer_id) == today + timedelta(days=RULES.won_extends_days)

    # Reopened and won again the same day: the protection stays where it is (never shortened, never doubled).
    services.opportunities.move(deal_id, "谈判签约")
    services.opportunities.move(deal_id, "赢单")
    assert zhang.sync().rejected == 0
    assert read_row(server, admin, "customer", customer_id)["protection_until"] == won_until

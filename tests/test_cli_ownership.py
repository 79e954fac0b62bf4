"""`fieldcrm ownership history`: a customer's changes of owner and its protection, for people and for scripts."""

from __future__ import annotations

import argparse
from datetime import timedelta

from cli_runner import Cli
from fieldcrm.cli.common import services_of
from fieldcrm.domain.protection import PoolRules
from fieldcrm.models import utcnow
from fieldcrm.services.customers import CustomerService


def test_ownership_history_shows_the_first_contact_and_the_protection(rep: Cli, customer: str) -> None:
    data = rep.json("ownership", "history", customer)
    until = (PoolRules().day_of(utcnow()) + timedelta(days=30)).isoformat()
    assert data["customer_id"] == customer
    back = (PoolRules().day_of(utcnow()) + timedelta(days=31)).isoformat()  # after 30 days without a follow-up
    assert data["protection"] == {
        "until": until,
        "protected": True,
        "days_left": 30,
        "lapsing_soon": False,
        "returns_on": back,
        "return_rule": "no_followup",
        "return_soon": False,
    }
    (event,) = data["events"]
    assert (event["kind"], event["from_owner"], event["to_owner"], event["by"], event["rule"]) == (
        "first_contact",
        None,
        "张伟",
        "张伟",
        "first_contact",
    )
    code, table, note = rep("ownership", "history", "恒泰")  # by a part of its name, as elsewhere: it says which
    assert code == 0 and customer in note
    lines = table.splitlines()
    assert lines[0] == f"Protected for 30 more day(s), until {until}"
    assert lines[1] == f"Goes back to the public pool on {back} if nothing changes (no follow-up in time)"
    assert lines[2].split() == ["when", "change", "from", "->", "to", "by", "why"]
    assert "first contact" in lines[4] and "- -> 张伟" in lines[4] and lines[4].rstrip().endswith("first_contact")


def test_ownership_history_of_an_unknown_customer_is_one_line(rep: Cli) -> None:
    assert rep.fails(1, "ownership", "history", "no-such-id").startswith("error: no customer with id or name")


def test_pool_returning_lists_the_customers_going_back_soon_and_why(rep: Cli, customer: str) -> None:
    assert rep.json("pool", "returning") == []
    assert rep.ok("pool", "returning").strip() == (
        "None of your customers goes back to the public pool within the reminder days"
    )
    when = utcnow() - timedelta(days=29)  # 30 days without a follow-up run out in two days
    with services_of(argparse.Namespace(data_dir=str(rep.folder))) as services:
        soon = CustomerService(services.store, services.user_id, clock=lambda: when).create(name="嘉兴丝绸有限公司")
    back = (PoolRules().day_of(utcnow()) + timedelta(days=2)).isoformat()
    (row,) = rep.json("pool", "returning")
    assert (row["id"], row["name"], row["returns_on"], row["return_rule"], row["days_left"]) == (
        soon,
        "嘉兴丝绸有限公司",
        back,
        "no_followup",
        2,
    )
    lines = rep.ok("pool", "returning").splitlines()
    assert lines[0].split() == ["goes", "back", "on", "days", "left", "customer", "why"]
    assert lines[2].split() == [back, "2", "嘉兴丝绸有限公司", "no", "follow-up", "in", "time"]

"""`fieldcrm ownership history`: a customer's changes of owner and its protection, for people and for scripts."""

from __future__ import annotations

from datetime import timedelta

from cli_runner import Cli
from fieldcrm.domain.protection import PoolRules
from fieldcrm.models import utcnow


def test_ownership_history_shows_the_first_contact_and_the_protection(rep: Cli, customer: str) -> None:
    data = rep.json("ownership", "history", customer)
    until = (PoolRules().day_of(utcnow()) + timedelta(days=30)).isoformat()
    assert data["customer_id"] == customer
    assert data["protection"] == {"until": until, "protected": True, "days_left": 30, "lapsing_soon": False}
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
    assert lines[1].split() == ["when", "change", "from", "->", "to", "by", "why"]
    assert "first contact" in lines[3] and "- -> 张伟" in lines[3] and lines[3].rstrip().endswith("first_contact")


def test_ownership_history_of_an_unknown_customer_is_one_line(rep: Cli) -> None:
    assert rep.fails(1, "ownership", "history", "no-such-id").startswith("error: no customer with id or name")

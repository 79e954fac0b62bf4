"""Returns to the public pool (公海) by head office's clock, on the real server (SQLite and PostgreSQL): the daily
job and the start of each pull return what is due, with the owner's data cleared and a `return_to_pool` event, and
the laptop pulls both; nothing returns before its day."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta

import pytest
from laptops import PASSWORD, local_count
from sqlalchemy import text

from fieldcrm.server.cli import main as server_main
from fieldcrm.server.pool_returns import run_returns
from fieldcrm.server.team_rules import set_team_rules

pytestmark = pytest.mark.server_threads(1)


def _on_server(server, customer_id: str) -> tuple:
    with server.engine.connect() as conn:
        row = conn.execute(
            text("SELECT owner_id, in_public_pool, protection_until, next_follow_up FROM customer WHERE id = :i"),
            {"i": customer_id},
        ).first()
    assert row is not None
    return tuple(row)


def test_a_return_at_the_start_of_a_pull_reaches_the_laptop(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    customer_id = zhang.services().customers.create(name="扬州久未跟进有限公司", next_follow_up="2030-01-01")
    assert zhang.sync().rejected == 0
    shown = zhang.cli_json("customers", "show", customer_id)
    assert shown["owner_id"] == team["rep"] and shown["protection"]["protected"]
    # 31 days on: 30 days without a follow-up, and protection ended yesterday; it waits for the offline grace
    # window (72 hours from that day's start) before it goes back.
    server.clock.advance(timedelta(days=31))
    zhang.login("张伟", PASSWORD)
    assert zhang.sync().rejected == 0
    assert _on_server(server, customer_id)[0] == team["rep"]
    server.clock.advance(timedelta(days=3))
    zhang.login("张伟", PASSWORD)  # his token expired meanwhile
    assert zhang.sync().rejected == 0
    assert _on_server(server, customer_id)[:2] in ((None, True), (None, 1))
    shown = zhang.cli_json("customers", "show", customer_id)
    assert (shown["owner_id"], shown["in_public_pool"], shown["protection_until"], shown["next_follow_up"]) == (
        None,
        True,
        None,
        None,
    )
    (back, *_) = shown["ownership"]
    assert (back["kind"], back["from_owner_id"], back["rule"]) == ("return_to_pool", team["rep"], "no_followup")
    assert customer_id in [r["id"] for r in zhang.cli_json("pool", "list")]
    # His lockout follows from the event: he cannot claim it back for 30 days.
    zhang.cli("customers", "claim", customer_id, expect=1)
    assert "you let this customer go back to the pool" in zhang.last_stderr


def test_the_daily_job_returns_only_what_is_due_and_the_dry_run_changes_nothing(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    old = zhang.services().customers.create(name="镇江到期客户有限公司")
    fresh_one = zhang.services().customers.create(name="镇江新客户有限公司")
    assert zhang.sync().rejected == 0
    later = datetime.now(UTC) + timedelta(days=34)  # its return day, and the 72 hours' grace, have passed
    with server.engine.begin() as conn:  # the fresh one was taken again yesterday (say, assigned back to him)
        conn.execute(
            text("UPDATE customer SET protection_until = :d WHERE id = :i"),
            {"d": (later + timedelta(days=5)).date(), "i": fresh_one},  # protected a while yet
        )
    dry = run_returns(server.engine, later, dry_run=True)
    assert [d.customer_id for d in dry] == [old]
    assert _on_server(server, old)[0] == team["rep"]  # a dry run changes nothing
    out = io.StringIO()
    with redirect_stdout(out):
        assert server_main(["pool-returns", "--dry-run", "--database-url", server.database_url]) == 0
    assert "0 customer(s) would go back" in out.getvalue()  # by today's clock nothing is due yet
    done = run_returns(server.engine, later)
    assert [(d.customer_id, d.due.rule) for d in done] == [
        (old, "no_followup")
    ]  # on a tie, the follow-up rule names it
    assert _on_server(server, old)[0] is None and _on_server(server, fresh_one)[0] == team["rep"]
    assert run_returns(server.engine, later) == []  # once
    assert zhang.sync().rejected == 0
    assert local_count(zhang, f"SELECT count(*) FROM customer WHERE id = '{old}' AND in_public_pool = 1") == 1
    kinds = [e["kind"] for e in zhang.cli_json("ownership", "history", old)["events"]]
    assert kinds == ["return_to_pool", "first_contact"]


def test_the_daily_job_judges_by_the_teams_own_day_counts(server, team, laptop_factory) -> None:
    own = {"protection_days": 20, "return_when_protection_ends": False, "return_without_followup_days": 50}
    # Its manufacturing pool's customers go back after 25 days without a follow-up.
    own["pools"] = [{"name": "制造业公海", "industries": ["制造业"], "rules": {"return_without_followup_days": 25}}]
    set_team_rules(server.engine, "华东一组", own)
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    customer_id = zhang.services().customers.create(name="常州慢热客户有限公司")
    factory = zhang.services().customers.create(name="常州快节奏制造有限公司", industry="制造业")
    assert zhang.sync().rejected == 0
    # Protection lapsed after 20 days; by the defaults (30 days without a follow-up, or protection's end) it would be
    # due after 34 days, but the team allows 50 without a follow-up and keeps customers past protection; the
    # factory goes by its pool's 25 days.
    done = run_returns(server.engine, datetime.now(UTC) + timedelta(days=34))
    assert [(d.customer_id, d.due.rule) for d in done] == [(factory, "no_followup")]
    done = run_returns(server.engine, datetime.now(UTC) + timedelta(days=54))
    assert [(d.customer_id, d.due.rule) for d in done] == [(customer_id, "no_followup")]

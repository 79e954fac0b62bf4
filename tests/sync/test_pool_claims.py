"""Claims from the public pool (公海) decided at head office, on the real server (SQLite and PostgreSQL): two reps
claim the same pool customer offline, the earliest claim to arrive wins, the other is told who and when and keeps
the visit they logged; head office's own counts refuse a claim over the daily limit a laptop let through."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from handmade import read_row, token_of
from laptops import local_count, pooled, server_count
from sqlalchemy import text

from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.ids import uuid7
from fieldcrm.models import utcnow
from fieldcrm.server import accounts
from server_fixtures import PASSWORD
from server_fixtures import wire_op as op

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)


def _pool_customer(laptop_factory, name: str) -> str:
    (customer_id,) = pooled(laptop_factory("admin", "管理员"), [name], phone="13912345678")
    return customer_id


def test_two_offline_claims_the_earliest_wins_and_the_other_rep_keeps_her_visit(server, team, laptop_factory) -> None:
    pool_id = _pool_customer(laptop_factory, "南通公海纺织机械有限公司")
    zhang, li = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜")
    for laptop in (zhang, li):
        laptop.sync()
        assert "南通公海纺织机械有限公司" in laptop.cli("pool", "list")
    # Both offline: she visits it and claims it; he claims it too, and reaches head office first.
    visit_id = li.cli("visits", "log", "--customer", pool_id, "--outcome", "采购经理有意向").strip()
    li.cli("customers", "claim", pool_id)
    zhang.cli("customers", "claim", pool_id)
    assert zhang.sync().rejected == 0
    late = li.sync()
    assert late.rejected >= 2  # her claim and its ownership event, refused together
    problems = [c for c in li.cli_json("conflicts", "list") if c["kind"] == "rejected"]
    claim_refusal = [p["reason"] for p in problems if p["table_name"] == "customer"]
    assert claim_refusal and claim_refusal[0].startswith("already claimed by 张伟 on "), problems
    with server.engine.connect() as conn:
        owner = conn.execute(text("SELECT owner_id FROM customer WHERE id = :i"), {"i": pool_id}).scalar()
        events = conn.execute(
            text("SELECT kind, to_owner_id FROM ownership_event WHERE customer_id = :i ORDER BY at"), {"i": pool_id}
        ).all()
    assert owner == team["rep"]
    assert [tuple(e) for e in events][-1] == ("claim", team["rep"])
    assert ("claim", team["other"]) not in [tuple(e) for e in events]
    # Her visit is not lost: head office took it (made while the customer was in the pool), attached to the
    # customer, and she still sees both.
    assert not [p for p in problems if p["table_name"] == "visit"], problems
    with server.engine.connect() as conn:
        visit = conn.execute(text("SELECT customer_id, rep_id FROM visit WHERE id = :i"), {"i": visit_id}).first()
    assert visit is not None and tuple(visit) == (pool_id, team["other"])
    li.sync()
    assert local_count(li, f"SELECT count(*) FROM visit WHERE id = '{visit_id}' AND deleted = 0") == 1
    assert local_count(li, f"SELECT count(*) FROM customer WHERE id = '{pool_id}' AND deleted = 0") == 1
    shown = li.cli_json("customers", "show", pool_id)
    assert shown["owner"] == "张伟" and [v["id"] for v in shown["visits"]] == [visit_id]
    # A visit she logs after his claim reached her is refused on her laptop already.
    with pytest.raises(PermissionDeniedError, match="another rep"):
        li.services().visits.log(pool_id, outcome="再访")


def test_a_late_visit_shown_to_its_rep_still_tells_the_pools_other_reps_the_customer_left(
    server, team, laptop_factory
) -> None:
    """Her visit made before his claim arrives after it: head office sends her the customer again. That resend must
    not take the place of the claim's news for a third rep who has not pulled since: he would keep a pool customer
    that is no longer in the pool."""
    pool_id = _pool_customer(laptop_factory, "南通公海晚到拜访有限公司")
    accounts.create_user(server.engine, "赵六", "rep", "华东一组", PASSWORD)
    zhang, li, zhao = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜"), laptop_factory("zhao", "赵六")
    for laptop in (zhang, li, zhao):
        laptop.sync()
    has = f"SELECT count(*) FROM customer WHERE id = '{pool_id}' AND deleted = 0"
    assert local_count(zhao, has) == 1
    li.cli("visits", "log", "--customer", pool_id, "--outcome", "采购经理有意向")  # offline, before his claim
    zhang.cli("customers", "claim", pool_id)
    assert zhang.sync().rejected == 0
    assert li.sync().rejected == 0  # her visit lands, and the customer is sent to her again
    assert local_count(li, has) == 1
    zhao.sync()
    assert local_count(zhao, has) == 0


def test_head_office_counts_the_daily_limit_whatever_a_laptop_let_through(server, team, laptop_factory) -> None:
    admin = laptop_factory("admin", "管理员")
    ids = pooled(admin, [f"盐城公海{i}号有限公司" for i in range(6)])
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    for customer_id in ids[:5]:
        zhang.cli("customers", "claim", customer_id)
    assert zhang.sync().rejected == 0
    # A laptop that lost its claim events (or a modified client) sends a sixth claim: head office counts its own.
    with zhang.store.transaction() as session:
        session.connection().exec_driver_sql("UPDATE ownership_event SET deleted = 1 WHERE kind = 'claim'")
    zhang.cli("customers", "claim", ids[5])
    assert zhang.sync().rejected >= 1
    problems = [c["reason"] for c in zhang.cli_json("conflicts", "list") if c["kind"] == "rejected"]
    assert any("you have claimed 5 customers today" in p for p in problems), problems


def test_a_refused_claim_is_one_line_and_exit_1(server, team, laptop_factory) -> None:
    pool_id = _pool_customer(laptop_factory, "泰州公海医药有限公司")
    zhang, li = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜")
    zhang.sync()
    zhang.cli("customers", "claim", pool_id)
    zhang.sync()
    li.sync()
    li.cli("customers", "claim", pool_id, expect=1)
    assert li.last_stderr.count("\n") == 1
    with pytest.raises(SystemExit):  # --reason is required
        zhang.cli("customers", "release", pool_id)
    zhang.cli("customers", "release", pool_id, "--reason", "客户已停业")
    assert zhang.sync().rejected == 0
    li.sync()
    li.cli("customers", "claim", pool_id)
    assert li.sync().rejected == 0


def test_six_claims_in_one_push_are_counted_one_by_one(server, team, laptop_factory) -> None:
    """The daily limit holds within a single push too: each claim is judged with the claims before it in the same
    push counted (a modified client that hides its own count sends six at once)."""
    admin = laptop_factory("admin", "管理员")
    ids = pooled(admin, [f"淮安公海{i}号有限公司" for i in range(6)])
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    for customer_id in ids[:5]:
        zhang.cli("customers", "claim", customer_id)
    with zhang.store.transaction() as session:  # hide the day's claims from the laptop's own count
        session.connection().exec_driver_sql("UPDATE ownership_event SET deleted = 1 WHERE kind = 'claim'")
    zhang.cli("customers", "claim", ids[5])
    assert zhang.sync().rejected >= 1
    held = server_count(
        server, f"SELECT count(*) FROM customer WHERE owner_id = '{team['rep']}' AND name LIKE '淮安公海%'"
    )
    assert held == 5


def test_claims_dated_back_still_count_today_by_their_arrival(server, team, laptop_factory) -> None:
    """A modified client dates its claim events to yesterday: head office counts a claim by its arrival too, so the
    sixth claim of the day is refused all the same."""
    admin = laptop_factory("admin", "管理员")
    ids = pooled(admin, [f"连云港公海{i}号有限公司" for i in range(6)])
    rep = token_of(server, "张伟")
    yesterday = (utcnow() - timedelta(days=1)).isoformat()
    answers = []
    for customer_id in ids:
        version = read_row(server, rep, "customer", customer_id)["version"]
        claim = op("customer", customer_id, "update", {"owner_id": team["rep"], "in_public_pool": False}, base=version)
        event = op(
            "ownership_event",
            uuid7(),
            "insert",
            {"customer_id": customer_id, "kind": "claim", "to_owner_id": team["rep"], "by_user_id": team["rep"]}
            | {"owner_id": team["rep"], "at": yesterday, "reason": ""},
        )
        event["group_id"], event["client_seq"] = claim["group_id"], 2
        response = httpx.post(f"{server.url}/sync/push", json={"ops": [claim, event]}, headers=rep, timeout=60)
        answers.append(response.json()["results"][0])
    assert [a["status"] for a in answers] == ["applied"] * 5 + ["rejected"], answers
    assert "you have claimed 5 customers today" in answers[5]["reason"]

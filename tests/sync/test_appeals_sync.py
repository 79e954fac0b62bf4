"""Appeals and arbitration on the real server (SQLite and PostgreSQL): two reps claim one pool customer offline, the
loser keeps her visit, is told who won and when, and appeals; the supervisor decides on his own laptop, upheld or
rejected, and after syncs both reps see the decision (the holder even once the customer is no longer his); a party
cannot decide, and a rep who lost nothing cannot appeal."""

from __future__ import annotations

import pytest
from handmade import push_one, token_of
from laptops import local_count
from sqlalchemy import text

from fieldcrm.domain.appeals import A_PARTY, NOT_LOST
from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.ids import uuid7
from fieldcrm.services.appeals import AppealService
from server_fixtures import wire_op as op

pytestmark = pytest.mark.server_threads(1)


def _lost_claim(laptop_factory) -> tuple[str, str, object, object, object]:
    """A pool customer both reps claimed offline: 张伟's claim arrived first; 李娜 visited it before."""
    admin = laptop_factory("admin", "管理员")
    pool_id = admin.services().customers.create(
        name="南通公海纺织机械有限公司", phone="13912345678", owner_id=None, in_public_pool=True
    )
    assert admin.sync().rejected == 0
    zhang, li, sup = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜"), laptop_factory("sup", "王经理")
    for laptop in (zhang, li, sup):
        laptop.sync()
    visit_id = li.cli("visits", "log", "--customer", pool_id, "--outcome", "采购经理有意向").strip()
    li.cli("customers", "claim", pool_id)
    zhang.cli("customers", "claim", pool_id)
    assert zhang.sync().rejected == 0
    assert li.sync().rejected >= 2
    li.sync()
    return pool_id, visit_id, zhang, li, sup


def _owner(server, customer_id: str) -> str:
    with server.engine.connect() as conn:
        return conn.execute(text("SELECT owner_id FROM customer WHERE id = :i"), {"i": customer_id}).scalar()


def test_the_loser_appeals_and_the_supervisor_upholds_it(server, team, laptop_factory) -> None:
    pool_id, visit_id, zhang, li, sup = _lost_claim(laptop_factory)
    # What she sees: who won and when head office accepted it; her visit stays; her refused claim is no history.
    lost = AppealService(li.store).lost(pool_id)
    assert lost is not None and lost["how"] == "claim" and lost["winner"] == "张伟" and lost["may_appeal"]
    assert lost["sentence"].startswith("张伟's claim reached head office first, accepted on 20")
    shown = li.cli_json("customers", "show", pool_id)
    assert [v["id"] for v in shown["visits"]] == [visit_id]
    assert [(e["kind"], e["to_owner"]) for e in shown["ownership"]][0] == ("claim", "张伟")
    assert ("claim", "李娜") not in [(e["kind"], e["to_owner"]) for e in shown["ownership"]]

    li.cli("appeals", "file", pool_id, "--reason", "我先拜访了采购经理")
    li.cli("appeals", "file", pool_id, "--reason", "再说一次", expect=1)  # one open appeal per case
    assert li.sync().rejected == 0
    sup.sync()
    [case] = sup.cli_json("appeals", "list", "--status", "open")
    assert (case["appellant"], case["holder"], case["lost_how"]) == ("李娜", "张伟", "claim")
    assert [v["id"] for v in case["appellant_side"]["visits"]] == [visit_id]
    assert case["holder_side"]["held_since"] is not None and case["holder_side"]["visits"] == []
    zhang.sync()
    assert [a["id"] for a in zhang.cli_json("appeals", "list")] == [case["id"]]  # the holder sees it
    # A party cannot decide: refused on the laptop, and at head office when a modified client sends it anyway.
    with pytest.raises(PermissionDeniedError, match="party"):
        AppealService(zhang.store).decide(case["id"], False, "我先到的")
    answer = push_one(
        server,
        token_of(server, "张伟"),
        op("appeal", case["id"], "action", {"status": "rejected", "decision": "我的"}, action="decide", base=1),
    )
    assert answer["status"] == "rejected" and A_PARTY in answer["reason"]

    sup.cli("appeals", "decide", case["id"], "--uphold", "--reason", "李娜的拜访记录在先，客户归李娜")
    assert sup.sync().rejected == 0
    assert _owner(server, pool_id) == team["other"]
    for laptop in (li, zhang):
        laptop.sync()
        [seen] = laptop.cli_json("appeals", "list")
        assert (seen["status"], seen["decision"], seen["decided_by"]) == (
            "upheld",
            "李娜的拜访记录在先，客户归李娜",
            "王经理",
        )
    shown = li.cli_json("customers", "show", pool_id)
    assert shown["owner"] == "李娜"
    arbitration = shown["ownership"][0]
    assert (arbitration["kind"], arbitration["from_owner"], arbitration["to_owner"], arbitration["by"]) == (
        "arbitration",
        "张伟",
        "李娜",
        "王经理",
    )
    assert arbitration["reason"] == "李娜的拜访记录在先，客户归李娜"
    assert local_count(li, f"SELECT count(*) FROM visit WHERE id = '{visit_id}' AND deleted = 0") == 1
    # Decided once: a second decision is refused.
    with pytest.raises(PermissionDeniedError, match="decided already"):
        AppealService(sup.store).decide(case["id"], False, "改主意")


def test_a_rejected_appeal_moves_nothing_and_a_rep_who_lost_nothing_cannot_appeal(server, team, laptop_factory) -> None:
    pool_id, _visit_id, zhang, li, sup = _lost_claim(laptop_factory)
    with pytest.raises(PermissionDeniedError, match="yours"):
        AppealService(zhang.store).file(pool_id, "我的")
    li.cli("appeals", "file", pool_id, "--reason", "我先拜访了")
    li.sync()
    sup.sync()
    [case] = sup.cli_json("appeals", "list")
    sup.cli("appeals", "decide", case["id"], "--reject", "--reason", "张伟的认领先到总部，按规则归张伟")
    assert sup.sync().rejected == 0
    assert _owner(server, pool_id) == team["rep"]
    li.sync()
    zhang.sync()
    for laptop in (li, zhang):
        [seen] = laptop.cli_json("appeals", "list")
        assert (seen["status"], seen["decision"]) == ("rejected", "张伟的认领先到总部，按规则归张伟")
    assert li.cli_json("customers", "show", pool_id)["owner"] == "张伟"
    # A rep who never worked on a customer cannot appeal about it, even with a hand-made push.
    admin = laptop_factory("admin2", "管理员")
    other_id = admin.services().customers.create(name="扬州无关客户有限公司", owner_id=team["rep"])
    assert admin.sync().rejected == 0
    fields = {
        "customer_id": other_id,
        "appellant_id": team["other"],
        "holder_id": team["rep"],
        "lost_how": "claim",
        "statement": "也想要",
        "filed_at": "2026-12-07T01:00:00+00:00",
        "owner_id": team["other"],
    }
    answer = push_one(server, token_of(server, "李娜"), op("appeal", uuid7(), "insert", fields))
    assert answer["status"] == "rejected" and NOT_LOST in answer["reason"]


def test_the_second_registration_of_a_company_is_told_who_came_first_and_may_appeal(
    server, team, laptop_factory
) -> None:
    """Both reps register the same new company offline (same normalised name and phone): his arrives first. Hers is
    merged into his; she sees who registered it first and when, keeps her first contact and visit on it, and may
    appeal."""
    zhang, li = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜")
    first = zhang.cli("customers", "add", "--name", "无锡精密机床有限公司", "--phone", "0510-66001122").strip()
    second = li.cli("customers", "add", "--name", "无锡精密机床(有限公司)", "--phone", "0510 6600 1122").strip()
    visit_id = li.cli("visits", "log", "--customer", second, "--outcome", "李娜先去了工厂").strip()
    assert zhang.sync().rejected == 0
    assert li.sync().rejected == 0
    li.sync()
    lost = AppealService(li.store).lost(first)
    assert lost is not None and (lost["how"], lost["winner"]) == ("registration", "张伟")
    assert lost["sentence"].startswith("张伟 registered this company first, accepted by head office on 20")
    shown = li.cli_json("customers", "show", first)
    assert [v["id"] for v in shown["visits"]] == [visit_id]
    assert ("first_contact", "李娜") in [(e["kind"], e["to_owner"]) for e in shown["ownership"]]
    li.cli("appeals", "file", first, "--reason", "我先去了工厂")
    assert li.sync().rejected == 0
    with server.engine.connect() as conn:
        filed = conn.execute(text("SELECT lost_how, holder_id FROM appeal WHERE customer_id = :c"), {"c": first}).all()
    assert [tuple(r) for r in filed] == [("registration", team["rep"])]

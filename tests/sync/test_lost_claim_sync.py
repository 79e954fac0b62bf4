"""A claim lost without a visit (issue 16, point 6), on the real server (SQLite and PostgreSQL): two reps claim one
pool customer offline and neither visits it; head office accepts his and records hers as lost (`claim_lost`), so she
keeps the customer in view, sees why in its history, and may appeal; nobody else of the team who did nothing sees
it. A laptop never sends such an event, and the same refused claim sent again records nothing more."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from handmade import push_one, token_of
from laptops import PASSWORD, local_count, pooled, server_count
from sqlalchemy import text

from fieldcrm.domain.ownership_history import LOST_BY_HEAD_OFFICE
from fieldcrm.ids import uuid7
from fieldcrm.models import utcnow
from fieldcrm.server import accounts
from fieldcrm.services.appeals import AppealService
from server_fixtures import wire_op as op

pytestmark = pytest.mark.server_threads(1)


def _pool_customer(laptop_factory, name: str) -> str:
    (customer_id,) = pooled(laptop_factory("admin", "管理员"), [name], phone="13912345678")
    return customer_id


def _has(laptop, customer_id: str) -> bool:
    return local_count(laptop, f"SELECT count(*) FROM customer WHERE id = '{customer_id}' AND deleted = 0") == 1


def _lost_events(server, customer_id: str) -> list[tuple]:
    with server.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT by_user_id, owner_id, from_owner_id, to_owner_id, rule, reason, at FROM ownership_event"
                " WHERE customer_id = :c AND kind = 'claim_lost'"
            ),
            {"c": customer_id},
        ).all()
    return [tuple(r) for r in rows]


def _utc(at: datetime | str) -> datetime:
    """A time read from head office's database (SQLite hands back text without its offset)."""
    at = at if isinstance(at, datetime) else datetime.fromisoformat(at)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _version(server, customer_id: str) -> int:
    return server_count(server, f"SELECT version FROM customer WHERE id = '{customer_id}'")


def test_a_claim_lost_without_a_visit_stays_in_view_and_is_appealed(server, team, laptop_factory) -> None:
    pool_id = _pool_customer(laptop_factory, "南通公海无拜访机械有限公司")
    accounts.create_user(server.engine, "赵六", "rep", "华东一组", PASSWORD)
    zhang, li, sup = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜"), laptop_factory("sup", "王经理")
    zhao = laptop_factory("zhao", "赵六")
    for laptop in (zhang, li, sup, zhao):
        laptop.sync()
    assert _has(zhao, pool_id)  # in the pool, everyone sees it
    # Both offline, neither visits: she claims it, he claims it too and reaches head office first.
    li.cli("customers", "claim", pool_id)
    with li.store.engine.connect() as conn:
        (made_at,) = conn.exec_driver_sql(f"SELECT at FROM ownership_event WHERE customer_id = '{pool_id}'"
                                          " AND kind = 'claim'").one()  # fmt: skip
    zhang.cli("customers", "claim", pool_id)
    assert zhang.sync().rejected == 0
    assert li.sync().rejected >= 2
    refused = [c for c in li.cli_json("conflicts", "list") if c["kind"] == "rejected" and c["table_name"] == "customer"]
    assert refused and refused[0]["reason"].startswith("already claimed by 张伟 on "), refused
    # Head office recorded her lost claim once: hers, from and to nobody, dated when her laptop made the claim.
    [(by, owner, frm, to, rule, reason, at)] = _lost_events(server, pool_id)
    assert (by, owner, frm, to, rule) == (team["other"], team["other"], None, None, "earliest_claim")
    assert reason == refused[0]["reason"]
    assert abs((_utc(at) - _utc(made_at)).total_seconds()) < 1
    for _ in range(2):  # it stays after her sync, and after the next
        li.sync()
        assert _has(li, pool_id)
    shown = li.cli_json("customers", "show", pool_id)
    assert shown["owner"] == "张伟"
    history = [(e["kind"], e["by"], e["to_owner"]) for e in shown["ownership"]]
    assert ("claim_lost", "李娜", None) in history and ("claim", "李娜", "李娜") not in history
    history_cli = li.cli("ownership", "history", pool_id)
    assert "claim lost" in history_cli and "already claimed by 张伟" in history_cli
    lost = AppealService(li.store).lost(pool_id)
    assert lost is not None and (lost["how"], lost["winner"], lost["may_appeal"]) == ("claim", "张伟", True)
    assert lost["sentence"].startswith("张伟's claim reached head office first, accepted on 20")
    # A rep of the team who did nothing no longer sees it, once it is claimed.
    zhao.sync()
    assert not _has(zhao, pool_id)

    li.cli("appeals", "file", pool_id, "--reason", "我的认领是先做的，只是晚同步")
    assert li.sync().rejected == 0  # head office finds the same loss
    sup.sync()
    [case] = sup.cli_json("appeals", "list", "--status", "open")
    assert (case["appellant"], case["holder"], case["lost_how"]) == ("李娜", "张伟", "claim")
    sup.cli("appeals", "decide", case["id"], "--uphold", "--reason", "李娜先认领，客户归李娜")
    assert sup.sync().rejected == 0
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{pool_id}' AND owner_id = "
                        f"'{team['other']}'") == 1  # fmt: skip
    li.sync()
    assert li.cli_json("customers", "show", pool_id)["owner"] == "李娜"
    zhao.sync()
    assert not _has(zhao, pool_id)


def _claim_group(server, headers: dict, customer_id: str, rep_id: str, at: str) -> list[dict]:
    """A laptop's claim as it sends it: the customer's new owner and the claim event, one group."""
    claim = op("customer", customer_id, "update", {"owner_id": rep_id, "in_public_pool": False},
               base=_version(server, customer_id))  # fmt: skip
    fields = {"customer_id": customer_id, "kind": "claim", "to_owner_id": rep_id, "by_user_id": rep_id}
    event = op("ownership_event", uuid7(), "insert", fields | {"owner_id": rep_id, "at": at, "reason": ""})
    event["group_id"], event["client_seq"] = claim["group_id"], 2
    response = httpx.post(f"{server.url}/sync/push", json={"ops": [claim, event]}, headers=headers, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def test_a_refused_claim_sent_again_records_one_loss_and_brings_the_customer_back(server, team, laptop_factory) -> None:
    """Her laptop heard the customer left (his claim came first); her claim, made before his arrived, comes from
    another device and is refused: head office records the loss once, dated by her claim, and sends the customer
    back to her laptop, however often the claim is sent. Sent without its event, it is dated by its arrival."""
    pool_id = _pool_customer(laptop_factory, "泰州公海重复认领有限公司")
    zhang, li = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜")
    li.sync()
    zhang.sync()
    made = utcnow() - timedelta(minutes=5)
    zhang.cli("customers", "claim", pool_id)
    assert zhang.sync().rejected == 0
    li.sync()
    assert not _has(li, pool_id)
    rep = token_of(server, "李娜")
    for _ in range(2):
        answers = _claim_group(server, rep, pool_id, team["other"], made.isoformat())
        assert [a["status"] for a in answers] == ["rejected", "rejected"], answers
        assert answers[0]["reason"].startswith("already claimed by 张伟 on ")
    [lost_event] = _lost_events(server, pool_id)
    assert abs((_utc(lost_event[-1]) - made).total_seconds()) < 1
    li.sync()
    assert _has(li, pool_id)
    assert local_count(li, f"SELECT count(*) FROM ownership_event WHERE customer_id = '{pool_id}'"
                       " AND kind = 'claim_lost'") == 1  # fmt: skip
    lost = AppealService(li.store).lost(pool_id)
    assert lost is not None and (lost["how"], lost["winner"]) == ("claim", "张伟")
    # The claim alone, without its event: refused, and no second loss recorded.
    claim = op("customer", pool_id, "update", {"owner_id": team["other"], "in_public_pool": False},
               base=_version(server, pool_id))  # fmt: skip
    assert push_one(server, rep, claim)["status"] == "rejected"
    assert len(_lost_events(server, pool_id)) == 1


def test_a_claim_made_after_the_winner_arrived_is_recorded_but_not_appealable(server, team, laptop_factory) -> None:
    """A claim sent without its event is dated by its arrival, after the winner's: she sees the customer and why,
    but lost nothing she could appeal about."""
    pool_id = _pool_customer(laptop_factory, "宿迁公海迟到认领有限公司")
    zhang, li = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜")
    zhang.sync()
    zhang.cli("customers", "claim", pool_id)
    assert zhang.sync().rejected == 0
    claim = op("customer", pool_id, "update", {"owner_id": team["other"], "in_public_pool": False},
               base=_version(server, pool_id))  # fmt: skip
    assert push_one(server, token_of(server, "李娜"), claim)["status"] == "rejected"
    assert len(_lost_events(server, pool_id)) == 1
    li.sync()
    assert _has(li, pool_id)
    assert AppealService(li.store).lost(pool_id) is None


def test_no_laptop_sends_a_claim_lost(server, team, laptop_factory) -> None:
    """A hand-made `claim_lost` event (a rep making herself evidence, or her supervisor or an admin) is refused."""
    pool_id = _pool_customer(laptop_factory, "扬州公海伪造有限公司")
    for user, user_id in (("李娜", team["other"]), ("王经理", team["supervisor"]), ("管理员", team["admin"])):
        fields = {
            "customer_id": pool_id,
            "kind": "claim_lost",
            "by_user_id": user_id,
            "owner_id": user_id,
            "at": "2026-12-07T01:00:00+00:00",
            "reason": "我先认领的",
        }
        answer = push_one(server, token_of(server, user), op("ownership_event", uuid7(), "insert", fields))
        assert answer["status"] == "rejected" and LOST_BY_HEAD_OFFICE in answer["reason"], (user, answer)
    assert _lost_events(server, pool_id) == []

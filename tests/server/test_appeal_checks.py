"""Head office's own reads behind appeals (申诉) and the work a rep who lost a claim keeps, in-process on SQLite and
PostgreSQL: how the rep lost the customer by head office's records (a claim it refused as lost, her visits made
before the winner's claim arrived), one open appeal at a time, a decided one no longer counting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from fieldcrm.domain.appeals import A_PARTY, ALREADY_OPEN, NOT_AS_IT_STANDS, NOT_LOST, YOU_HOLD_IT
from fieldcrm.domain.ownership import NOT_YOURS
from fieldcrm.ids import uuid7
from fieldcrm.server import accounts
from fieldcrm.server.push import push
from server_fixtures import PASSWORD, claim_group, send, signed_in, team_signed_in

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _pool_customer(engine: Engine, admin: Any, name: str = "宁波港务有限公司") -> str:
    cid = uuid7()
    fields = {"id": cid, "name": name, "in_public_pool": True, "owner_id": None}
    assert send(engine, admin, "customer", cid, "insert", fields)[0] == "applied"
    return cid


def _claim(engine: Engine, rep: Any, cid: str, at: datetime) -> str:
    return push(engine, rep, claim_group(rep.user_id, cid, at), clock=lambda: at)[0].status


def _visit(engine: Engine, rep: Any, cid: str, started_at: datetime) -> tuple[str, str]:
    fields = {"customer_id": cid, "rep_id": rep.user_id, "owner_id": rep.user_id, "started_at": started_at.isoformat()}
    return send(engine, rep, "visit", uuid7(), "insert", {**fields, "outcome": "介绍了新产品"})


def _filing(rep: Any, cid: str, holder_id: str | None, lost_how: str = "claim") -> dict[str, Any]:
    """A new appeal by the rep about the customer, as a laptop sends it."""
    return {
        "customer_id": cid,
        "appellant_id": rep.user_id,
        "owner_id": rep.user_id,
        "holder_id": holder_id,
        "lost_how": lost_how,
        "statement": "我先拜访并认领了这家客户",
        "filed_at": NOW.isoformat(),
    }


def _appeal(engine: Engine, rep: Any, cid: str, holder_id: str | None) -> tuple[str, str]:
    """The rep files an appeal about the customer: (status, refusal)."""
    return send(engine, rep, "appeal", uuid7(), "insert", _filing(rep, cid, holder_id))


def _filed(engine: Engine, rep: Any, cid: str, holder_id: str) -> str:
    """An appeal the rep filed and head office accepted: its id."""
    appeal = uuid7()
    assert send(engine, rep, "appeal", appeal, "insert", _filing(rep, cid, holder_id)) == ("applied", "")
    return appeal


def _decide(engine: Engine, who: Any, appeal: str, why: str) -> tuple[str, str]:
    """`who` rejects the (freshly filed) appeal with the reason `why`: (status, refusal)."""
    decision = {"status": "rejected", "decision": why, "decided_at": NOW.isoformat()}
    return send(engine, who, "appeal", appeal, "action", decision, action="decide", base=1)


def _lost_race(engine: Engine) -> tuple[Any, Any, Any, Any, str]:
    """张伟's claim reaches head office first; 李娜's, made offline earlier, arrives an hour later and loses."""
    admin, boss, zhang, li = team_signed_in(engine)
    cid = _pool_customer(engine, admin)
    assert _claim(engine, zhang, cid, NOW) in ("applied", "merged")
    assert _claim(engine, li, cid, NOW - timedelta(minutes=30)) == "rejected"
    return admin, boss, zhang, li, cid


def test_a_rep_whose_claim_lost_appeals_once_while_it_is_open(server_engine, team) -> None:
    _admin, boss, zhang, li, cid = _lost_race(server_engine)
    assert _appeal(server_engine, li, cid, zhang.user_id) == ("applied", "")
    assert _appeal(server_engine, li, cid, zhang.user_id) == ("rejected", ALREADY_OPEN)
    # The holder has nothing to appeal; a rep who never worked on it lost nothing.
    assert _appeal(server_engine, zhang, cid, zhang.user_id) == ("rejected", YOU_HOLD_IT)
    accounts.create_user(server_engine, "王芳", "rep", "华东一组", PASSWORD)
    assert _appeal(server_engine, signed_in(server_engine, "王芳"), cid, zhang.user_id) == ("rejected", NOT_LOST)


def test_an_appeal_names_the_holder_as_the_customer_stands(server_engine, team) -> None:
    _admin, _boss, _zhang, li, cid = _lost_race(server_engine)
    assert _appeal(server_engine, li, cid, None) == ("rejected", NOT_AS_IT_STANDS)
    assert _appeal(server_engine, li, cid, li.user_id) == ("rejected", NOT_AS_IT_STANDS)


def test_a_decided_appeal_leaves_room_for_a_new_one(server_engine, team) -> None:
    _admin, boss, zhang, li, cid = _lost_race(server_engine)
    first = _filed(server_engine, li, cid, zhang.user_id)
    decided = _decide(server_engine, boss, first, "张伟先联系了客户")
    assert decided[0] != "rejected", decided
    assert _appeal(server_engine, li, cid, zhang.user_id) == ("applied", "")


def test_the_holder_is_a_party_and_cannot_decide(server_engine, team) -> None:
    _admin, _boss, zhang, li, cid = _lost_race(server_engine)
    appeal = _filed(server_engine, li, cid, zhang.user_id)
    assert _decide(server_engine, zhang, appeal, "我先联系了客户") == ("rejected", A_PARTY)


def test_another_customers_appeal_or_another_reps_does_not_count_as_open(server_engine, team) -> None:
    admin, _boss, zhang, li, cid = _lost_race(server_engine)
    other = _pool_customer(server_engine, admin, "温州鞋业有限公司")
    assert _claim(server_engine, zhang, other, NOW) in ("applied", "merged")
    assert _claim(server_engine, li, other, NOW - timedelta(minutes=5)) == "rejected"
    assert _appeal(server_engine, li, other, zhang.user_id) == ("applied", "")
    assert _appeal(server_engine, li, cid, zhang.user_id) == ("applied", "")


def test_a_visit_made_before_the_winning_claim_arrived_stays_one_after_is_refused(server_engine, team) -> None:
    admin, _boss, zhang, li = team_signed_in(server_engine)
    cid = _pool_customer(server_engine, admin)
    # 张伟's laptop made the claim at 07:00 (Shanghai); it reached head office later (its acceptance time is when
    # head office stored it: now, by the wall clock, after NOW).
    assert _claim(server_engine, zhang, cid, NOW - timedelta(hours=3)) in ("applied", "merged")
    # 李娜 visited the pool customer offline at 08:00, after his laptop's claim but before it arrived: the customer
    # was still in the pool for everyone, and her visit is kept.
    assert _visit(server_engine, li, cid, NOW - timedelta(hours=2)) == ("applied", "")
    # A visit dated after his claim was accepted is work on his customer: refused.
    assert _visit(server_engine, li, cid, datetime.now(UTC) + timedelta(hours=1)) == ("rejected", NOT_YOURS)
    # A customer nobody ever claimed from the pool that another rep holds: no visit of hers stays, whenever.
    held = uuid7()
    fields = {"id": held, "name": "温州鞋业有限公司", "owner_id": zhang.user_id, "in_public_pool": False}
    assert send(server_engine, admin, "customer", held, "insert", fields)[0] == "applied"
    assert _visit(server_engine, li, held, NOW - timedelta(days=30)) == ("rejected", NOT_YOURS)


def test_a_visit_before_the_winning_claim_arrived_is_a_loss_to_appeal(server_engine, team) -> None:
    """Her first visit (no claim of her own) is her evidence: made while the customer was in the pool, before his
    claim reached head office, she lost it to him and may appeal."""
    admin, _boss, zhang, li = team_signed_in(server_engine)
    cid = _pool_customer(server_engine, admin)
    assert _visit(server_engine, li, cid, NOW - timedelta(hours=2)) == ("applied", "")
    assert _claim(server_engine, zhang, cid, NOW) in ("applied", "merged")
    assert _appeal(server_engine, li, cid, zhang.user_id) == ("applied", "")
    # The same for another customer she never visited: nothing lost.
    other = _pool_customer(server_engine, admin, "温州鞋业有限公司")
    assert _claim(server_engine, zhang, other, NOW) in ("applied", "merged")
    assert _appeal(server_engine, li, other, zhang.user_id) == ("rejected", NOT_LOST)

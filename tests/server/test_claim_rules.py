"""Head office's judgement of a rep's claim from the public pool (公海), by its own records and clock, whatever a
laptop let through: who claimed first, protection, the lockout after a release, the holding cap, the daily limit
(per pool, with the pool's own settings), won customers left out of both limits, and a claim lost recorded for the
rep who lost it. In-process pushes with an injected clock, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from fieldcrm.domain.ownership import POOL_HAS_NO_OWNER
from fieldcrm.domain.pool import CLAIMED_BY, IN_PROTECTION, LOCKED_OUT, NOT_IN_POOL, OVER_CAP, OVER_DAILY
from fieldcrm.domain.team_rules import ONLY_SUPERVISOR as TEAM_SUPERVISOR_ONLY
from fieldcrm.domain.team_rules import rules_id
from fieldcrm.ids import uuid7
from fieldcrm.models import Customer, OwnershipEvent, User
from fieldcrm.server import accounts
from fieldcrm.server.push import push
from fieldcrm.sync.protocol import WireOp
from server_fixtures import PASSWORD, claim_group, send, signed_in, team_signed_in, wire_op

ACCEPTED = ("accepted", "")
#: 10:00 in Shanghai, 21:00 the day before in New York.
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _settings(engine: Engine, boss: Any, **settings: Any) -> None:
    with engine.connect() as conn:
        team_id = conn.execute(select(User.team_id).where(User.id == boss.user_id)).scalar()
    fields = {"team_id": team_id, "rules": json.dumps(settings, ensure_ascii=False), "owner_id": boss.user_id}
    assert send(engine, boss, "team_rules", rules_id(team_id), "insert", fields) == ("applied", "")


def _customer(engine: Engine, admin: Any, name: str, **fields: Any) -> str:
    """A customer the admin registers: in the pool unless `fields` give it an owner."""
    cid = uuid7()
    row = {"id": cid, "name": name, "in_public_pool": True, "owner_id": None, **fields}
    assert send(engine, admin, "customer", cid, "insert", row)[0] == "applied"
    return cid


def _claim(engine: Engine, rep: Any, cid: str, *, at: datetime = NOW, arrives: datetime = NOW) -> tuple[str, str]:
    """The rep's laptop sends its claim (made at `at`), head office's clock reading `arrives`: ACCEPTED, or
    ("rejected", the refusal)."""
    result = push(engine, rep, claim_group(rep.user_id, cid, at), clock=lambda: arrives)[0]
    return ACCEPTED if result.status in ("applied", "merged") else (result.status, result.reason or "")


def _group(*ops: dict) -> list[WireOp]:
    group = uuid7()
    return [WireOp.model_validate({**op, "group_id": group}) for op in ops]


def _release(engine: Engine, rep: Any, cid: str, at: datetime) -> None:
    event = {
        "customer_id": cid,
        "kind": "release",
        "from_owner_id": rep.user_id,
        "to_owner_id": None,
        "by_user_id": rep.user_id,
        "owner_id": rep.user_id,
        "at": at.isoformat(),
        "reason": "客户搬迁到外省",
    }
    ops = _group(
        wire_op("customer", cid, "update", {"owner_id": None, "in_public_pool": True}),
        wire_op("ownership_event", uuid7(), "insert", event),
    )
    assert [r.status for r in push(engine, rep, ops, clock=lambda: at)] != ["rejected"] * 2


def _assign(engine: Engine, boss: Any, cid: str, from_id: str, to_id: str) -> None:
    event = {
        "customer_id": cid,
        "kind": "assignment",
        "from_owner_id": from_id,
        "to_owner_id": to_id,
        "by_user_id": boss.user_id,
        "owner_id": boss.user_id,
        "at": NOW.isoformat(),
    }
    ops = _group(
        wire_op("customer", cid, "update", {"owner_id": to_id, "in_public_pool": False}),
        wire_op("ownership_event", uuid7(), "insert", event),
    )
    assert all(r.status != "rejected" for r in push(engine, boss, ops, clock=lambda: NOW))


def _won(engine: Engine, admin: Any, cid: str) -> None:
    deal = {"customer_id": cid, "title": "年度框架协议", "stage": "赢单", "owner_id": admin.user_id}
    assert send(engine, admin, "opportunity", uuid7(), "insert", deal)[0] == "applied"


def _owner(engine: Engine, cid: str) -> tuple[str | None, bool]:
    with engine.connect() as conn:
        owner, pooled = conn.execute(select(Customer.owner_id, Customer.in_public_pool).where(Customer.id == cid)).one()
    return owner, bool(pooled)


def _events(engine: Engine, cid: str, kind: str) -> list[Any]:
    with engine.connect() as conn:
        query = select(OwnershipEvent).where(OwnershipEvent.customer_id == cid, OwnershipEvent.kind == kind)
        return list(conn.execute(query).all())


def test_the_later_claim_is_told_who_claimed_first_and_when_in_the_teams_time(server_engine, team) -> None:
    admin, boss, zhang, li = team_signed_in(server_engine)
    _settings(server_engine, boss, timezone="America/New_York")
    cid = _customer(server_engine, admin, "宁波港务有限公司")
    assert _claim(server_engine, zhang, cid) == ACCEPTED
    (won,) = _events(server_engine, cid, "claim")
    # 李娜 claimed it offline half an hour before 张伟 did, but her claim reaches head office an hour after his.
    made = NOW - timedelta(minutes=30)
    status, reason = _claim(server_engine, li, cid, at=made, arrives=NOW + timedelta(hours=1))
    accepted = won.created_at.replace(tzinfo=won.created_at.tzinfo or UTC).astimezone(ZoneInfo("America/New_York"))
    assert (status, reason) == ("rejected", CLAIMED_BY.format("张伟", accepted.date(), accepted.strftime("%H:%M")))
    assert _owner(server_engine, cid) == (zhang.user_id, False)
    (lost,) = _events(server_engine, cid, "claim_lost")
    assert (lost.by_user_id, lost.owner_id, lost.reason) == (li.user_id, li.user_id, reason)
    assert lost.at.replace(tzinfo=UTC) == made


def test_a_claim_of_a_customer_its_claimer_no_longer_holds_is_no_lost_race(server_engine, team) -> None:
    """张伟 claimed it, then the supervisor gave it to 李娜: 张伟's claim again is refused by her protection (or as not
    in the pool), not as a claim that lost to hers, and no claim is recorded lost."""
    admin, boss, zhang, li = team_signed_in(server_engine)
    cid = _customer(server_engine, admin, "温州鞋业有限公司")
    assert _claim(server_engine, zhang, cid) == ACCEPTED
    _assign(server_engine, boss, cid, zhang.user_id, li.user_id)
    status, reason = _claim(server_engine, zhang, cid, arrives=NOW + timedelta(hours=1))
    with server_engine.connect() as conn:
        until = conn.execute(select(Customer.protection_until).where(Customer.id == cid)).scalar()
    assert until is not None
    assert (status, reason) == ("rejected", IN_PROTECTION.format(until))
    assert _events(server_engine, cid, "claim_lost") == []
    # Once her protection has run out it is still hers and not in the pool.
    later = datetime.combine(until + timedelta(days=1), datetime.min.time(), ZoneInfo("Asia/Shanghai"))
    assert _claim(server_engine, zhang, cid, at=later, arrives=later) == ("rejected", NOT_IN_POOL)
    assert _owner(server_engine, cid) == (li.user_id, False)


def test_another_reps_customer_is_claimed_only_from_the_pool(server_engine, team) -> None:
    admin, _boss, zhang, li = team_signed_in(server_engine)
    hers = {"owner_id": li.user_id, "in_public_pool": False}
    protected = _customer(server_engine, admin, "杭州茶叶有限公司", **hers, protection_until="2026-12-20")
    lapsed = _customer(server_engine, admin, "湖州湖笔有限公司", **hers, protection_until="2026-12-06")
    assert _claim(server_engine, zhang, protected) == ("rejected", IN_PROTECTION.format(date(2026, 12, 20)))
    # Its last protected day was yesterday (Shanghai): no longer protected, and still not in the pool.
    assert _claim(server_engine, zhang, lapsed) == ("rejected", NOT_IN_POOL)
    # Taking it by its owner alone (the pool flag not sent) is a claim too, judged the same.
    owner_only = send(server_engine, zhang, "customer", protected, "update", {"owner_id": zhang.user_id}, base=1)
    assert owner_only == ("rejected", IN_PROTECTION.format(date(2026, 12, 20)))
    assert _owner(server_engine, protected) == (li.user_id, False)
    assert _owner(server_engine, lapsed) == (li.user_id, False)
    assert _events(server_engine, protected, "claim_lost") == _events(server_engine, lapsed, "claim_lost") == []


def test_a_rep_who_released_a_customer_is_locked_out_of_claiming_it_again(server_engine, team) -> None:
    admin, boss, zhang, li = team_signed_in(server_engine)
    _settings(server_engine, boss, lockout_days=3)
    cid = _customer(server_engine, admin, "嘉兴丝绸有限公司")
    assert _claim(server_engine, zhang, cid) == ACCEPTED
    _release(server_engine, zhang, cid, NOW + timedelta(hours=1))
    assert _owner(server_engine, cid) == (None, True)
    # Released on 12-07 (Shanghai): locked out through 12-09, free on 12-10.
    refused = ("rejected", LOCKED_OUT.format(date(2026, 12, 7), date(2026, 12, 10)))
    day_3 = datetime(2026, 12, 9, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert _claim(server_engine, zhang, cid, at=day_3, arrives=day_3) == refused
    assert _owner(server_engine, cid) == (None, True)
    day_4 = datetime(2026, 12, 10, 0, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert _claim(server_engine, zhang, cid, at=day_4, arrives=day_4) == ACCEPTED
    assert _owner(server_engine, cid) == (zhang.user_id, False)


def test_the_lockout_is_its_releasers_alone(server_engine, team) -> None:
    admin, _boss, zhang, li = team_signed_in(server_engine)
    cid = _customer(server_engine, admin, "安吉竹业有限公司")
    assert _claim(server_engine, zhang, cid) == ACCEPTED
    _release(server_engine, zhang, cid, NOW + timedelta(hours=1))
    assert _claim(server_engine, li, cid, arrives=NOW + timedelta(hours=2)) == ACCEPTED


def test_the_holding_cap_leaves_won_customers_out(server_engine, team) -> None:
    admin, boss, zhang, li = team_signed_in(server_engine)
    _settings(server_engine, boss, holding_cap=5, caps={zhang.user_id: 1})
    first, second, third = (_customer(server_engine, admin, f"绍兴黄酒{i}号有限公司") for i in range(3))
    won_in_pool = _customer(server_engine, admin, "舟山渔业有限公司")
    _won(server_engine, admin, won_in_pool)
    assert _claim(server_engine, zhang, first) == ACCEPTED
    assert _claim(server_engine, zhang, second) == ("rejected", OVER_CAP.format(1, 1))
    # Another rep has the team's cap of 5.
    assert _claim(server_engine, li, second) == ACCEPTED
    # A customer with a won deal counts against no limit: claimed over the cap.
    assert _claim(server_engine, zhang, won_in_pool) == ACCEPTED
    # And once his first customer's deal is won, it no longer counts: he has room for one more.
    _won(server_engine, admin, first)
    assert _claim(server_engine, zhang, third) == ACCEPTED
    assert _owner(server_engine, third) == (zhang.user_id, False)


def test_the_daily_limit_is_counted_per_pool_with_the_pools_own_setting(server_engine, team) -> None:
    admin, boss, zhang, _li = team_signed_in(server_engine)
    pools = [{"name": "宁波公海", "regions": ["宁波"], "rules": {"claims_per_day": 1}}]
    _settings(server_engine, boss, claims_per_day=2, pools=pools)
    ningbo = [_customer(server_engine, admin, f"宁波港{i}号有限公司", region="宁波") for i in range(3)]
    other = [_customer(server_engine, admin, f"温州鞋{i}号有限公司", region="温州") for i in range(3)]
    # Head office stamps each claim's arrival by its own clock (`created_at`), and a claim counts on the day it was
    # made or arrived: this test's days are the real ones, so the next day is after those stamps.
    now = datetime.now(UTC)
    today = {"at": now, "arrives": now}
    assert _claim(server_engine, zhang, ningbo[0], **today) == ACCEPTED
    # One push each: what is counted is head office's stored claims of today, in the customer's pool.
    assert _claim(server_engine, zhang, ningbo[1], **today) == ("rejected", OVER_DAILY.format(1))
    assert _claim(server_engine, zhang, other[0], **today) == ACCEPTED
    assert _claim(server_engine, zhang, other[1], **today) == ACCEPTED
    assert _claim(server_engine, zhang, other[2], **today) == ("rejected", OVER_DAILY.format(2))
    # The team's next day (from midnight in Shanghai): each pool's count starts again.
    shanghai = ZoneInfo("Asia/Shanghai")
    midnight = datetime.combine(now.astimezone(shanghai).date() + timedelta(days=1), datetime.min.time(), shanghai)
    tomorrow = {"at": midnight, "arrives": midnight + timedelta(minutes=1)}
    assert _claim(server_engine, zhang, ningbo[1], **tomorrow) == ACCEPTED
    assert _claim(server_engine, zhang, ningbo[2], **tomorrow) == ("rejected", OVER_DAILY.format(1))
    assert _claim(server_engine, zhang, other[2], **tomorrow) == ACCEPTED


def test_a_won_customer_is_claimed_over_the_daily_limit(server_engine, team) -> None:
    admin, boss, zhang, _li = team_signed_in(server_engine)
    _settings(server_engine, boss, claims_per_day=1)
    names = ("台州模具有限公司", "丽水木业有限公司", "衢州柑橘有限公司")
    plain, won, later = (_customer(server_engine, admin, name) for name in names)
    _won(server_engine, admin, won)
    assert _claim(server_engine, zhang, won) == ACCEPTED
    # The won customer's claim is not counted either: the day's one claim is still free.
    assert _claim(server_engine, zhang, plain) == ACCEPTED
    assert _claim(server_engine, zhang, later) == ("rejected", OVER_DAILY.format(1))


def test_what_is_not_a_rep_claiming_is_not_judged_as_a_claim(server_engine, team) -> None:
    """The claim rules are a rep's: a supervisor's assignment is not held to them, nor is a rep's edit of a pool
    customer's file; a rep may not put a customer in their name and leave it in the pool."""
    admin, boss, zhang, _li = team_signed_in(server_engine)
    _settings(server_engine, boss, claims_per_day=0)
    cid = _customer(server_engine, admin, "金华火腿有限公司")
    assert _claim(server_engine, zhang, cid) == ("rejected", OVER_DAILY.format(0))
    edit = send(server_engine, zhang, "customer", cid, "update", {"phone": "057912345678"}, base=1)
    assert edit[0] != "rejected", edit
    status, reason = send(server_engine, zhang, "customer", cid, "update", {"owner_id": zhang.user_id}, base=1)
    assert status == "rejected" and reason != OVER_DAILY.format(0)
    assert _owner(server_engine, cid) == (None, True)
    _assign(server_engine, boss, cid, None, zhang.user_id)  # type: ignore[arg-type]
    assert _owner(server_engine, cid) == (zhang.user_id, False)


def test_a_teams_settings_are_set_by_its_own_supervisor(server_engine, team) -> None:
    _admin, _boss, zhang, _li = team_signed_in(server_engine)
    accounts.create_user(server_engine, "陈主管", "supervisor", "华南二组", PASSWORD)
    with server_engine.connect() as conn:
        team_id = conn.execute(select(User.team_id).where(User.id == zhang.user_id)).scalar()
    fields = {"team_id": team_id, "rules": json.dumps({"claims_per_day": 50}), "owner_id": zhang.user_id}
    for who in (signed_in(server_engine, "陈主管"), zhang):
        fields["owner_id"] = who.user_id
        assert send(server_engine, who, "team_rules", rules_id(team_id), "insert", fields) == (
            "rejected",
            TEAM_SUPERVISOR_ONLY,
        )


def test_the_settings_of_a_team_head_office_does_not_have_are_nobodys(server_engine, team) -> None:
    _admin, boss, _zhang, _li = team_signed_in(server_engine)
    fields = {"team_id": "no-such-team", "rules": json.dumps({"claims_per_day": 50}), "owner_id": boss.user_id}
    refused = ("rejected", TEAM_SUPERVISOR_ONLY)
    assert send(server_engine, boss, "team_rules", rules_id("no-such-team"), "insert", fields) == refused


def test_a_pool_by_industry_counts_its_own_claims(server_engine, team) -> None:
    admin, boss, zhang, _li = team_signed_in(server_engine)
    pools = [{"name": "渔业公海", "industries": ["渔业"], "rules": {"claims_per_day": 1}}]
    _settings(server_engine, boss, claims_per_day=5, pools=pools)
    fish = [_customer(server_engine, admin, f"舟山渔业{i}号有限公司", region="舟山", industry="渔业") for i in range(2)]
    port = _customer(server_engine, admin, "舟山港务有限公司", region="舟山", industry="物流")
    assert _claim(server_engine, zhang, fish[0]) == ACCEPTED
    assert _claim(server_engine, zhang, fish[1]) == ("rejected", OVER_DAILY.format(1))
    assert _claim(server_engine, zhang, port) == ACCEPTED


def test_no_customer_is_both_someones_and_in_the_pool(server_engine, team) -> None:
    """Pushed by hand, as an outside tester might: a customer put in the pool with its owner kept would be open to a
    teammate's claim past its owner's protection. Head office refuses every way there."""
    admin, boss, zhang, li = team_signed_in(server_engine)
    both = {"owner_id": zhang.user_id, "in_public_pool": True}
    cid = uuid7()
    assert send(server_engine, admin, "customer", cid, "insert", {"id": cid, "name": "嘉善木业有限公司", **both}) == (
        "rejected",
        POOL_HAS_NO_OWNER,
    )
    held = _customer(server_engine, admin, "杭州茶叶有限公司", owner_id=zhang.user_id, in_public_pool=False)
    for who in (boss, admin, zhang):
        refused = send(server_engine, who, "customer", held, "update", {"in_public_pool": True}, base=1)
        assert refused == ("rejected", POOL_HAS_NO_OWNER)
    assert _owner(server_engine, held) == (zhang.user_id, False)
    assert _claim(server_engine, li, held) == ("rejected", NOT_IN_POOL)

"""Head office counts a rep's claims of the day per pool, within one push too: the claims the push accepted before
are counted (they are written together at its end), in the pool of each customer, not in another's."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from fieldcrm.domain.pool import OVER_DAILY
from fieldcrm.domain.team_rules import rules_id
from fieldcrm.ids import uuid7
from fieldcrm.models import Customer, User
from fieldcrm.server.push import push
from server_fixtures import claim_group, send, signed_in

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _pool_customers(engine, admin, names_and_regions: list[tuple[str, str]]) -> list[str]:
    ids = []
    for name, region in names_and_regions:
        cid = uuid7()
        fields = {"id": cid, "name": name, "region": region, "in_public_pool": True, "owner_id": None}
        assert send(engine, admin, "customer", cid, "insert", fields)[0] == "applied"
        ids.append(cid)
    return ids


def _two_a_day_in_ningbo(engine) -> tuple:
    """A daily limit of 2 claims and a pool 宁波公海 (region 宁波) for 张伟's team: (admin, 张伟), signed in."""
    admin, boss, rep = (signed_in(engine, n) for n in ("管理员", "王经理", "张伟"))
    with engine.connect() as conn:
        team_id = conn.execute(select(User.team_id).where(User.id == rep.user_id)).scalar()
    settings = {"claims_per_day": 2, "pools": [{"name": "宁波公海", "regions": ["宁波"]}]}
    fields = {"team_id": team_id, "rules": json.dumps(settings, ensure_ascii=False), "owner_id": boss.user_id}
    assert send(engine, boss, "team_rules", rules_id(team_id), "insert", fields)[0] == "applied"
    return admin, rep


def test_claims_in_one_push_count_against_their_own_pools_daily_limit(server_engine, team) -> None:
    admin, rep = _two_a_day_in_ningbo(server_engine)
    ningbo = _pool_customers(server_engine, admin, [(f"宁波港{i}号有限公司", "宁波") for i in range(3)])
    other = _pool_customers(server_engine, admin, [(f"温州鞋{i}号有限公司", "温州") for i in range(3)])
    # Two of 宁波公海, then two of 公海, then the third of each: only the thirds are over their pool's limit.
    order = [ningbo[0], ningbo[1], other[0], other[1], ningbo[2], other[2]]
    ops = [op for cid in order for op in claim_group(rep.user_id, cid, NOW)]
    results = push(server_engine, rep, ops, clock=lambda: NOW)
    refused = [r.status == "rejected" for r in results[::2]]
    assert refused == [False, False, False, False, True, True], [r.reason for r in results]
    assert results[8].reason == OVER_DAILY.format(2) and results[10].reason == OVER_DAILY.format(2)
    with server_engine.connect() as conn:
        held = set(conn.execute(select(Customer.id).where(Customer.owner_id == rep.user_id)).scalars())
    assert held == {ningbo[0], ningbo[1], other[0], other[1]}


def test_claims_of_one_named_pool_in_one_push_are_counted_in_it(server_engine, team) -> None:
    """All three in 宁波公海, none refused before the third: the push's accepted claims (not written yet) count in
    their customers' pool, and the third is over it."""
    admin, rep = _two_a_day_in_ningbo(server_engine)
    ningbo = _pool_customers(server_engine, admin, [(f"宁波港{i}号有限公司", "宁波") for i in range(3)])
    ops = [op for cid in ningbo for op in claim_group(rep.user_id, cid, NOW)]
    results = push(server_engine, rep, ops, clock=lambda: NOW)
    assert [r.status == "rejected" for r in results[::2]] == [False, False, True]
    assert results[4].reason == OVER_DAILY.format(2)

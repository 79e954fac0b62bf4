"""A team's several public pools (公海) on the real server (SQLite and PostgreSQL): the supervisor's pools reach his
reps' laptops, which list each customer's pool; head office counts the daily limit per pool with that pool's limit,
claims of one push included."""

from __future__ import annotations

import json

import pytest
from laptops import pooled, server_count

pytestmark = pytest.mark.server_threads(1)

POOLS = [{"name": "制造业公海", "industries": ["制造业"], "rules": {"claims_per_day": 1}}]


def test_a_supervisors_pools_reach_a_rep_and_head_office_refuses_a_claim_past_that_pools_limit(
    server, team, laptop_factory, tmp_path
) -> None:
    admin = laptop_factory("admin", "管理员")
    factories = pooled(admin, [f"常州{i}号机械制造有限公司" for i in range(2)], industry="制造业")
    (shop,) = pooled(admin, ["常州百货有限公司"], industry="零售")
    boss = laptop_factory("wang", "王经理")
    boss.sync()
    pools_file = tmp_path / "pools.json"
    pools_file.write_text(json.dumps(POOLS, ensure_ascii=False), encoding="utf-8")
    assert "制造业公海: industries 制造业 (claims_per_day=1)" in boss.cli(
        "team", "rules", "set", "--pools-json", str(pools_file)
    )
    assert boss.sync().rejected == 0
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    listed = zhang.cli_json("pool", "list", "--pool", "制造业公海")
    assert sorted(r["id"] for r in listed) == sorted(factories) and {r["pool"] for r in listed} == {"制造业公海"}
    # One claim a day from the manufacturing pool, five from the default: his laptop lets two through...
    zhang.cli("customers", "claim", factories[0])
    zhang.cli("customers", "claim", shop)
    zhang.cli("customers", "claim", factories[1], expect=1)
    assert "claimed 1 customers today" in zhang.last_stderr
    # ...and a laptop that hid its claims sends the second manufacturing claim in the same push: head office counts
    # the claims of that pool, the ones of this push included, and takes the default pool's.
    with zhang.store.transaction() as session:
        session.connection().exec_driver_sql("UPDATE ownership_event SET deleted = 1 WHERE kind = 'claim'")
    zhang.cli("customers", "claim", factories[1])
    assert zhang.sync().rejected >= 1
    problems = [c["reason"] for c in zhang.cli_json("conflicts", "list") if c["kind"] == "rejected"]
    assert any("you have claimed 1 customers today" in p for p in problems), problems
    held = f"SELECT count(*) FROM customer WHERE owner_id = '{team['rep']}' AND name LIKE '常州%'"
    assert server_count(server, held) == 2
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{factories[1]}' AND in_public_pool") == 1

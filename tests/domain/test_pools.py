"""A team's several public pools (domain/pools.py, its settings in domain/team_rules.py): which pool a customer is
in (the first whose filter matches, else the default), the rules a pool works under (the team's with its overrides),
the same matching in SQL, and the settings refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import column, create_engine, select, table

from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.pools import DEFAULT_POOL, MAX_POOLS, pool_column, pool_names, pool_of, rules_for, rules_of_pool
from fieldcrm.domain.protection import NamedPool, PoolRules
from fieldcrm.domain.team_rules import dump_rules, parse_rules, parse_setting, rules_from, settings_of

SETTINGS: dict[str, Any] = {
    "claims_per_day": 4,
    "pools": [
        {"name": "杭州制造", "regions": ["杭州"], "industries": ["制造业"], "rules": {"claims_per_day": 1}},
        {"name": "制造业公海", "industries": ["制造业", " 化工 "], "rules": {"return_without_followup_days": 15}},
        {"name": "宁波", "regions": ["宁波"], "rules": {"return_without_deal_days": None, "lockout_days": 0}},
    ],
}


@pytest.fixture
def rules() -> PoolRules:
    return rules_from(SETTINGS)


@pytest.mark.parametrize(
    ("region", "industry", "pool"),
    [
        ("杭州", "制造业", "杭州制造"),  # both lists: both must match
        ("宁波", "制造业", "制造业公海"),  # the first that matches wins over 宁波
        ("杭州", "化工", "制造业公海"),  # a filter value is kept trimmed
        (" 宁波 ", "零售", "宁波"),  # the customer's value is trimmed
        ("杭州", "零售", DEFAULT_POOL),
        ("宁波市", "制造", DEFAULT_POOL),  # exact match, no substring
        (None, None, DEFAULT_POOL),
    ],
)
def test_a_customer_is_in_the_first_pool_whose_filter_matches_else_the_default(
    rules: PoolRules, region: str | None, industry: str | None, pool: str
) -> None:
    assert pool_of(rules, region, industry) == pool


def test_a_team_without_named_pools_has_the_default_alone() -> None:
    assert pool_of(PoolRules(), "杭州", "制造业") == DEFAULT_POOL
    assert pool_names(PoolRules()) == [DEFAULT_POOL]
    assert rules_of_pool(PoolRules(), DEFAULT_POOL) == PoolRules()


def test_a_pool_works_under_the_teams_rules_with_its_overrides(rules: PoolRules) -> None:
    assert pool_names(rules) == ["杭州制造", "制造业公海", "宁波", DEFAULT_POOL]
    manufacturing = rules_of_pool(rules, "制造业公海")
    assert manufacturing.return_without_followup_days == 15
    assert manufacturing.claims_per_day == 4  # not overridden: the team's
    assert rules_of_pool(rules, "杭州制造").claims_per_day == 1
    ningbo = rules_for(rules, "宁波", "零售")
    assert (ningbo.return_without_deal_days, ningbo.lockout_days) == (None, 0)  # a return rule switched off
    assert rules_of_pool(rules, DEFAULT_POOL) == rules
    assert rules_of_pool(rules, "已删除的池") == rules  # a pool the team no longer has: the team's own


def test_the_sql_expression_puts_each_customer_in_the_pool_pool_of_does(rules: PoolRules) -> None:
    customers: list[tuple[str | None, str | None]] = [("杭州", "制造业"), ("宁波", "制造业"), ("杭州", "化工")]
    customers += [(" 宁波 ", "零售"), ("杭州", "零售"), (None, None)]
    t = table("customer", column("region"), column("industry"))
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE customer (region TEXT, industry TEXT)")
        connection.execute(t.insert(), [{"region": r, "industry": i} for r, i in customers])
        rows = connection.execute(select(t.c.region, t.c.industry, pool_column(rules, t.c.region, t.c.industry)))
        assert [(r, i, p) for r, i, p in rows] == [(r, i, pool_of(rules, r, i)) for r, i in customers]


def test_pools_serialise_as_json_and_read_back_the_same(rules: PoolRules) -> None:
    text = dump_rules(rules)
    assert json.loads(text)["pools"][1] == {
        "name": "制造业公海",
        "industries": ["制造业", "化工"],
        "rules": {"return_without_followup_days": 15},
    }
    assert parse_rules(text) == rules
    assert rules_from(settings_of(rules)) == rules  # what a change of another setting starts from
    assert rules.pools[2] == NamedPool("宁波", ("宁波",), (), {"lockout_days": 0, "return_without_deal_days": None})
    assert parse_setting("pools", json.dumps(SETTINGS["pools"])) == SETTINGS["pools"]


def _one(pool: dict[str, Any]) -> dict[str, Any]:
    return {"pools": [pool]}


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"pools": {"name": "x"}}, "a list of at most 20 pools"),
        ({"pools": [{"name": f"池{i}", "regions": ["杭州"]} for i in range(MAX_POOLS + 1)]}, "at most 20"),
        ({"pools": ["杭州"]}, "each an object with a name"),
        (_one({"regions": ["杭州"]}), "each an object with a name"),
        (_one({"name": "  ", "regions": ["杭州"]}), "a name of its own"),
        (_one({"name": DEFAULT_POOL, "regions": ["杭州"]}), "a name of its own"),
        ({"pools": [{"name": "甲", "regions": ["杭州"]}, {"name": "甲 ", "regions": ["宁波"]}]}, "not repeated"),
        (_one({"name": "甲"}), "give its regions and/or industries"),
        (_one({"name": "甲", "regions": []}), "give its regions and/or industries"),
        (_one({"name": "甲", "regions": ["杭州"], "industries": []}), "give its regions and/or industries"),
        (_one({"name": "甲", "regions": "杭州"}), "give its regions and/or industries"),
        (_one({"name": "甲", "regions": ["杭州", " "]}), "give its regions and/or industries"),
        (_one({"name": "甲", "industries": [3]}), "give its regions and/or industries"),
        (_one({"name": "甲", "regions": ["杭州"], "region": ["宁波"]}), "'region' is not a pool's setting"),
        (_one({"name": "甲", "regions": ["杭州"], "rules": {"holding_cap": 3}}), "'holding_cap' is not a rule a pool"),
        (_one({"name": "甲", "regions": ["杭州"], "rules": {"timezone": "UTC"}}), "'timezone' is not a rule a pool"),
        (_one({"name": "甲", "regions": ["杭州"], "rules": {"claims_per_day": -1}}), "from 0 to 1000"),
        (_one({"name": "甲", "regions": ["杭州"], "rules": {"lockout_days": None}}), "from 0 to 3650"),
        (_one({"name": "甲", "regions": ["杭州"], "rules": [1]}), "'rules' is not a rule a pool"),
    ],
)
def test_pools_that_do_not_validate_are_refused_with_the_reason(settings: dict[str, Any], says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        rules_from(settings)


@pytest.mark.parametrize(
    ("region", "pool"),
    [
        ("Xiamen", "厦门"),
        (" Xiamen ", "厦门"),
        ("Xiamen\t", DEFAULT_POOL),  # only spaces are trimmed, as SQL's trim() does
        ("\u3000Xiamen", DEFAULT_POOL),
        (None, DEFAULT_POOL),
        ("", DEFAULT_POOL),
    ],
)
def test_only_spaces_are_trimmed_the_same_in_python_and_in_sql(region: str | None, pool: str) -> None:
    rules = rules_from({"pools": [{"name": "厦门", "regions": ["Xiamen"]}]})
    assert pool_of(rules, region, None) == pool
    t = table("customer", column("region"), column("industry"))
    with create_engine("sqlite://").begin() as connection:
        connection.exec_driver_sql("CREATE TABLE customer (region TEXT, industry TEXT)")
        connection.execute(t.insert(), [{"region": region, "industry": None}])
        assert connection.execute(select(pool_column(rules, t.c.region, t.c.industry))).scalar_one() == pool


def test_without_named_pools_sql_puts_every_customer_in_the_default_pool() -> None:
    t = table("customer", column("region"), column("industry"))
    with create_engine("sqlite://").begin() as connection:
        connection.exec_driver_sql("CREATE TABLE customer (region TEXT, industry TEXT)")
        connection.execute(t.insert(), [{"region": "杭州", "industry": "制造业"}])
        assert connection.execute(select(pool_column(PoolRules(), t.c.region, t.c.industry))).scalar_one() == "公海"

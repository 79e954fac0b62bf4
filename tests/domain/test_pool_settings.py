"""A team's pools and settings as the domain checks them, written out by hand: the exact sentence and field of each
refusal (the window and the CLI show them as they are), the edges of each limit, what a stored row a newer version
wrote keeps, and the one text the same settings are stored as."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.protection import NamedPool, PoolRules
from fieldcrm.domain.team_rules import BAD_CAPS, dump_rules, parse_rules, rules_from

FILTER = "pool {0}: give its regions and/or industries, each a list of names that are not empty"
NAME = "each pool needs a name of its own (not empty, not repeated, not the default pool's 公海)"
NOT_POOLS = "must be a list of at most 20 pools, each an object with a name"


def _refusal(settings: dict[str, Any]) -> tuple[str | None, str]:
    with pytest.raises(ValidationError) as refused:
        rules_from(settings)
    return refused.value.field, refused.value.message


def _pool(**pool: Any) -> dict[str, Any]:
    return {"pools": [pool]}


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"pools": "甲"}, NOT_POOLS),
        ({"pools": [{"name": 7, "regions": ["杭州"]}]}, NOT_POOLS),
        (_pool(name="", regions=["杭州"]), NAME),
        (_pool(name="公海", regions=["杭州"]), NAME),
        (_pool(name="甲" * 41, regions=["杭州"]), NAME),
        (_pool(name=" 甲 "), FILTER.format("甲")),
        (_pool(name="甲", regions=None, industries=None), FILTER.format("甲")),
        (_pool(name="甲", regions=["杭州", None]), FILTER.format("甲")),
        (_pool(name="甲", industries=["", "化工"]), FILTER.format("甲")),
        (_pool(name="甲", regions=["杭州"], industries="化工"), FILTER.format("甲")),
        (
            _pool(name="甲", regions=["杭州"], owner="x"),
            "pool 甲: 'owner' is not a pool's setting (name, regions, industries, rules)",
        ),
        (_pool(name="甲", regions=["杭州"], rules="快"), "pool 甲: 'rules' is not a rule a pool may set"),
        (
            _pool(name="甲", regions=["杭州"], rules={"won_stay": False}),
            "pool 甲: 'won_stay' is not a rule a pool may set",
        ),
    ],
)
def test_each_refused_pool_says_which_and_why_under_the_field_pools(settings: dict[str, Any], message: str) -> None:
    assert _refusal(settings) == ("pools", message)


def test_a_pools_override_out_of_range_names_the_setting() -> None:
    settings = _pool(name="甲", regions=["杭州"], rules={"remind_days_before": 366})
    assert _refusal(settings) == ("remind_days_before", "must be a whole number from 0 to 365")


def test_a_pool_is_read_trimmed_with_its_lists_deduplicated_and_its_overrides_sorted() -> None:
    rules = rules_from(
        {
            "pools": [
                {
                    "name": " 甲 ",
                    "regions": [" 杭州", "杭州 ", "宁波"],
                    "rules": {"lockout_days": 3, "claims_per_day": 1},
                },
                {"name": "乙" * 40, "industries": ["化工"], "rules": {}},
                {"name": "丙", "regions": ["温州"], "industries": ["制鞋"], "rules": None},
            ]
        }
    )
    assert rules.pools == (
        NamedPool("甲", ("杭州", "宁波"), (), {"claims_per_day": 1, "lockout_days": 3}),
        NamedPool("乙" * 40, (), ("化工",), {}),
        NamedPool("丙", ("温州",), ("制鞋",), {}),
    )
    assert list(rules.pools[0].rules) == ["claims_per_day", "lockout_days"]


def test_twenty_pools_are_allowed() -> None:
    pools = [{"name": f"池{i}", "regions": [f"区{i}"]} for i in range(20)]
    assert len(rules_from({"pools": pools}).pools) == 20


def test_a_stored_row_keeps_the_pools_and_overrides_this_version_knows() -> None:
    text = json.dumps(
        {
            "pools": [
                {"name": "甲", "regions": ["杭州"], "colour": "red", "rules": {"claims_per_day": 2, "quota": 9}},
            ]
        }
    )
    assert parse_rules(text, lenient=True).pools == (NamedPool("甲", ("杭州",), (), {"claims_per_day": 2}),)
    with pytest.raises(ValidationError):
        parse_rules(text)


@pytest.mark.parametrize(
    ("caps", "ok"),
    [
        ({"rep-1": 0}, True),
        ({"rep-1": 100000}, True),
        ({"rep-1": 100001}, False),
        ({"rep-1": True}, False),
        ({"rep-1": 5, "rep-2": -1}, False),
        ({"rep-1": 5.0}, False),
        ({7: 5}, False),
        ({}, True),
    ],
)
def test_caps_are_whole_numbers_within_the_holding_limit(caps: dict, ok: bool) -> None:
    if ok:
        assert rules_from({"caps": caps}).caps == caps
    else:
        assert _refusal({"caps": caps}) == ("caps", BAD_CAPS.format(100000))


def test_a_time_zone_refused_is_quoted() -> None:
    assert _refusal({"timezone": "Mars/Olympus"}) == ("timezone", "'Mars/Olympus' is not a time zone")
    assert _refusal({"timezone": 8}) == ("timezone", "'8' is not a time zone")
    assert rules_from({"timezone": "Asia/Urumqi"}).timezone == "Asia/Urumqi"


def test_the_same_settings_are_stored_as_one_text() -> None:
    rules = rules_from(
        {"won_stay": False, "claims_per_day": 3, "pools": [{"name": "华南", "regions": ["广州"]}], "timezone": "UTC"}
    )
    assert dump_rules(rules) == (
        '{"claims_per_day": 3, "pools": [{"name": "华南", "regions": ["广州"]}], "timezone": "UTC", "won_stay": false}'
    )
    assert dump_rules(PoolRules(claims_per_day=PoolRules().claims_per_day)) == "{}"


def test_a_pools_names_are_trimmed_of_spaces_only_as_the_sql_trim_that_matches_them() -> None:
    rules = rules_from({"pools": [{"name": "闽南", "regions": ["Xiamen ", " Quanzhou", "\t漳州"]}]})
    assert rules.pools[0].regions == ("Xiamen", "Quanzhou", "\t漳州")

"""A team's own settings (domain/team_rules.py): the JSON parsed into `PoolRules`, each refusal naming its field,
and who may change them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.ops import OpView
from fieldcrm.domain.protection import PoolRules
from fieldcrm.domain.team_rules import (
    ONLY_SUPERVISOR,
    WRONG_ROW,
    check_op,
    dump_rules,
    parse_assignment,
    parse_rules,
    parse_setting,
    rules_from,
    rules_id,
    team_rules,
)
from fieldcrm.models import TeamRules

TEAM = "team-1"


def test_missing_keys_take_the_defaults_and_a_row_without_text_is_the_defaults() -> None:
    assert parse_rules("") == PoolRules()
    assert parse_rules("{}") == PoolRules()
    rules = parse_rules('{"protection_days": 45, "return_without_deal_days": null}')
    assert rules == PoolRules(protection_days=45, return_without_deal_days=None)


def test_settings_serialise_back_to_what_differs_from_the_defaults() -> None:
    rules = PoolRules(protection_days=45, caps={"rep-1": 10}, timezone="Asia/Urumqi", won_stay=False)
    text = dump_rules(rules)
    assert json.loads(text) == {
        "protection_days": 45,
        "caps": {"rep-1": 10},
        "timezone": "Asia/Urumqi",
        "won_stay": False,
    }
    assert parse_rules(text) == rules
    assert dump_rules(PoolRules()) == "{}"


@pytest.mark.parametrize(
    ("settings", "field", "says"),
    [
        ({"protection_dayz": 30}, "protection_dayz", "is not a team setting"),
        ({"protection_days": -1}, "protection_days", "from 1 to 3650"),
        ({"protection_days": 0}, "protection_days", "from 1 to 3650"),
        ({"protection_days": 36500}, "protection_days", "from 1 to 3650"),
        ({"protection_days": None}, "protection_days", "from 1 to 3650"),
        ({"visit_extends_days": "15"}, "visit_extends_days", "whole number"),
        ({"won_extends_days": 2.5}, "won_extends_days", "whole number"),
        ({"claims_per_day": True}, "claims_per_day", "whole number"),
        ({"holding_cap": -3}, "holding_cap", "from 0 to 100000"),
        ({"return_without_followup_days": 0}, "return_without_followup_days", "or off"),
        ({"return_without_deal_days": 99999}, "return_without_deal_days", "or off"),
        ({"lockout_days": -30}, "lockout_days", "from 0 to 3650"),
        ({"remind_days_before": 400}, "remind_days_before", "from 0 to 365"),
        ({"offline_grace_hours": 10000}, "offline_grace_hours", "from 0 to 720"),
        ({"return_when_protection_ends": "yes"}, "return_when_protection_ends", "true or false"),
        ({"won_stay": 1}, "won_stay", "true or false"),
        ({"timezone": "Mars/Olympus"}, "timezone", "is not a time zone"),
        ({"timezone": ""}, "timezone", "is not a time zone"),
        ({"caps": [10]}, "caps", "must map rep ids"),
        ({"caps": {"rep-1": -1}}, "caps", "must map rep ids"),
        ({"caps": {"rep-1": "ten"}}, "caps", "must map rep ids"),
        ({"caps": {"": 5}}, "caps", "must map rep ids"),
    ],
)
def test_each_bad_setting_is_refused_naming_its_field(settings: dict[str, Any], field: str, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        rules_from(settings)
    assert refused.value.field == field
    assert says in refused.value.message


def test_text_that_is_no_json_object_is_refused() -> None:
    for text in ("[1, 2]", "not json", '"30"'):
        with pytest.raises(ValidationError, match="must be a JSON object"):
            parse_rules(text)


def test_the_command_lines_values() -> None:
    assert parse_setting("protection_days", "45") == 45
    assert parse_setting("return_without_deal_days", "off") is None
    assert parse_setting("won_stay", "no") is False
    assert parse_setting("caps", "rep-1:10,rep-2:20") == {"rep-1": 10, "rep-2": 20}
    assert parse_assignment("lockout-days=7") == ("lockout_days", 7)
    with pytest.raises(ValidationError, match="or off"):
        parse_setting("return_without_deal_days", "soon")
    with pytest.raises(ValidationError) as refused:
        parse_setting("lockout_days", "off")  # lockout cannot be switched off, only set to 0
    assert refused.value.field == "lockout_days"


# -- who may change them ------------------------------------------------------------------------------------------
class _Lookup:
    def supervisor_of_team(self, team_id: str) -> str | None:
        return "boss" if team_id == TEAM else "other-boss"


def _op(rules: str = '{"protection_days": 45}', team_id: str = TEAM, row_id: str | None = None) -> OpView:
    row = TeamRules(id=row_id or rules_id(team_id), team_id=team_id, rules=rules)
    return OpView("insert", "team_rules", row, changes={"rules": rules})


def test_the_teams_supervisor_and_an_admin_may_change_its_settings() -> None:
    assert check_op(Actor.of("boss", "supervisor"), _op(), _Lookup()) is None  # type: ignore[arg-type]
    assert check_op(Actor.of("root", "admin"), _op(), _Lookup()) is None  # type: ignore[arg-type]


def test_a_rep_and_another_teams_supervisor_may_not() -> None:
    assert check_op(Actor.of("rep-1", "rep"), _op(), _Lookup()) == ONLY_SUPERVISOR  # type: ignore[arg-type]
    assert check_op(Actor.of("other-boss", "supervisor"), _op(), _Lookup()) == ONLY_SUPERVISOR  # type: ignore[arg-type]


def test_a_pushed_change_is_validated_whole_and_kept_on_its_teams_row() -> None:
    boss = Actor.of("boss", "supervisor")
    refusal = check_op(boss, _op('{"protection_days": 99999}'), _Lookup())  # type: ignore[arg-type]
    assert refusal is not None and refusal.startswith("protection_days: must be a whole number")
    assert check_op(boss, _op(row_id="made-up"), _Lookup()) == WRONG_ROW  # type: ignore[arg-type]


def test_a_stored_row_a_newer_version_wrote_keeps_the_settings_this_one_knows() -> None:
    newer = {
        "protection_days": 45,
        "visit_grace_weekends": True,  # a setting this version does not know
        "pools": [
            {
                "name": "制造业公海",
                "industries": ["机械制造"],
                "colour": "blue",  # nor this
                "rules": {"claims_per_day": 3, "claim_window_hours": 8},  # nor this override
            }
        ],
    }
    text = json.dumps(newer, ensure_ascii=False)
    with pytest.raises(ValidationError):
        parse_rules(text)  # written by this version: refused, naming the key
    read = parse_rules(text, lenient=True)  # read from the store: the rest holds
    assert read.protection_days == 45
    ((pool),) = read.pools
    assert (pool.name, pool.industries, pool.rules) == ("制造业公海", ("机械制造",), {"claims_per_day": 3})
    with pytest.raises(ValidationError):
        parse_rules('{"protection_days": -1, "visit_grace_weekends": true}', lenient=True)  # known keys still checked


def test_a_teams_rules_are_read_leniently_from_its_row() -> None:
    class Stored:  # a session holding one row's text
        def __init__(self, text: str) -> None:
            self.text = text

        def execute(self, _statement: Any, /) -> Any:
            return self

        def scalar(self) -> str:
            return self.text

    assert team_rules(Stored('{"protection_days": 45, "visit_grace_weekends": true}'), TEAM).protection_days == 45
    assert team_rules(Stored('{"protection_days": -1}'), TEAM) == PoolRules()  # broken: the defaults, not a stop
    assert team_rules(Stored('{"protection_days": 45}'), None) == PoolRules()  # no team


# -- settings typed on a command line, written out by hand ----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("protection_days", " 45 ", 45),
        ("won_stay", "YES", True),
        ("won_stay", "On", True),
        ("won_stay", "1", True),
        ("won_stay", "true", True),
        ("return_when_protection_ends", "False", False),
        ("return_when_protection_ends", "0", False),
        ("return_when_protection_ends", "off", False),
        ("timezone", "  Asia/Urumqi ", "Asia/Urumqi"),
        ("return_without_followup_days", "None", None),
        ("return_without_followup_days", "OFF", None),
        ("return_without_followup_days", "  ", None),
        ("return_without_followup_days", "30", 30),
        ("caps", "", {}),
        ("caps", " rep-1 : 10 , , rep:2:5 ", {"rep-1": 10, "rep:2": 5}),  # spaces around either side
        ("caps", "rep-1:many", {"rep-1": "many"}),  # kept as typed: the whole's check names it (BAD_CAPS)
        ("pools", '[{"name": "宁波", "regions": ["宁波"]}]', [{"name": "宁波", "regions": ["宁波"]}]),
    ],
)
def test_a_setting_typed_as_text_is_read_as_the_json_holds_it(name: str, text: str, value: Any) -> None:
    assert parse_setting(name, text) == value


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("shoe_size", "42", "is not a team setting"),
        ("won_stay", "maybe", "must be true or false"),
        ("won_stay", "", "must be true or false"),
        ("pools", "[{'name': 宁波", "must be a list of at most 20 pools, each an object with a name"),
        ("protection_days", "off", "must be a whole number from 1 to 3650"),
        ("protection_days", "4.5", "must be a whole number from 1 to 3650"),
        ("return_without_deal_days", "soon", "must be a whole number from 1 to 3650, or off"),
    ],
)
def test_a_setting_typed_wrong_is_refused_naming_it(name: str, text: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_setting(name, text)
    assert (refused.value.field, refused.value.message) == (name, message)


def test_an_assignment_is_key_equals_value_with_dashes_for_underscores() -> None:
    assert parse_assignment(" remind-days-before = 5") == ("remind_days_before", 5)
    assert parse_assignment("timezone=Asia/Shanghai=x") == ("timezone", "Asia/Shanghai=x")
    with pytest.raises(ValidationError) as refused:
        parse_assignment("lockout_days 7")
    assert (refused.value.field, refused.value.message) == ("set", "write each setting as key=value")

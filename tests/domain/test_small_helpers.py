"""The small domain helpers the command line and the windows lean on, written out by hand: a pool's one line, the
pools file, the list's lapsing window, and whether a customer's page came with masked numbers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.masking import holds_masked
from fieldcrm.domain.protection import PoolRules, lapses_soon
from fieldcrm.domain.team_rules import NOT_POOLS, pool_summary, read_pools_file

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("pool", "line"),
    [
        ({"name": "宁波"}, "宁波: "),
        ({"name": "宁波", "regions": ["宁波", "舟山"]}, "宁波: regions 宁波, 舟山"),
        (
            {"name": "杭州制造", "regions": ["杭州"], "industries": ["制造业"], "rules": {"claims_per_day": 1}},
            "杭州制造: regions 杭州; industries 制造业 (claims_per_day=1)",
        ),
        (
            {"name": "化工", "industries": ["化工"], "rules": {"lockout_days": None, "remind_days_before": 5}},
            "化工: industries 化工 (lockout_days=off, remind_days_before=5)",
        ),
        ({"name": "空", "regions": [], "rules": {}}, "空: "),
    ],
)
def test_a_pool_reads_as_one_line(pool, line) -> None:
    assert pool_summary(pool) == line


def test_the_pools_file_is_read_as_json_or_refused_naming_the_field(tmp_path: Path) -> None:
    good = tmp_path / "pools.json"
    pools = [{"name": "宁波公海", "regions": ["宁波"]}]
    good.write_text(json.dumps(pools, ensure_ascii=False), encoding="utf-8")
    assert read_pools_file(str(good)) == pools
    broken = tmp_path / "broken.json"
    broken.write_text("[{'name': 宁波", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        read_pools_file(str(broken))
    assert refused.value.field == "pools" and NOT_POOLS.format(20) in str(refused.value)
    with pytest.raises(ValidationError) as missing:
        read_pools_file(str(tmp_path / "absent.json"))
    assert missing.value.field == "pools"
    assert str(tmp_path / "absent.json") in str(missing.value) and "No such file" in str(missing.value)


@pytest.mark.parametrize(
    ("days_left", "remind", "marked"),
    [
        (0, 3, True),  # its last day
        (2, 3, True),
        (3, 3, False),  # reminded 3 days ahead: days 0, 1 and 2
        (-1, 3, False),  # ended yesterday: no longer "lapsing"
        (0, 0, False),  # no reminders
        (9, 10, True),
    ],
)
def test_the_list_marks_protection_ending_within_the_reminder_days(days_left, remind, marked) -> None:
    until = date.fromordinal(TODAY.toordinal() + days_left)
    assert lapses_soon(PoolRules(remind_days_before=remind), until, TODAY) is marked


def test_no_protection_is_never_lapsing() -> None:
    assert lapses_soon(PoolRules(), None, TODAY) is False


@pytest.mark.parametrize(
    ("page", "masked"),
    [
        ({"phone": "138****1234"}, True),
        ({"phone": "13812341234", "contacts": [{"phone": None, "mobile": "139****0000"}]}, True),
        ({"phone": "13812341234", "contacts": [{"phone": "137****0000"}]}, True),
        ({"phone": "13812341234", "contacts": [{"phone": "0571-88886666", "mobile": "13912345678"}]}, False),
        ({"phone": None, "contacts": None}, False),
        ({}, False),
    ],
)
def test_a_page_holds_masked_numbers_in_its_phone_or_a_contacts(page, masked) -> None:
    assert holds_masked(page) is masked

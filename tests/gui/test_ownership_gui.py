"""The customer page's protection countdown and ownership timeline, and the list's tint for customers whose
protection lapses within the reminder days: real window, real store, customers first contacted days ago."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from fieldcrm.domain.pool import claimed_by
from fieldcrm.domain.protection import PoolRules
from fieldcrm.models import OwnershipEvent, utcnow
from fieldcrm.services import Services
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.ui.customers.model import COL_NAME, COL_PHONE
from fieldcrm.ui.customers.page import OWNERSHIP_COLUMNS
from fieldcrm.ui.theme import colours

RULES = PoolRules()


def _first_contacted(services: Services, name: str, days_ago: int, **values: str) -> str:
    when = utcnow() - timedelta(days=days_ago)
    return CustomerService(services.store, services.user_id, clock=lambda: when).create(name=name, **values)


def _cells(page, row: int) -> dict[str, str]:
    model = page.ownership
    return {c.key: model.data(model.index(row, i)) for i, c in enumerate(OWNERSHIP_COLUMNS)}


def test_the_page_counts_protection_down_and_shows_who_held_the_customer(qtbot, make_window, services, idle) -> None:
    soon = _first_contacted(services, "嘉兴丝绸有限公司", 28)  # protected through the day after tomorrow
    ended = _first_contacted(services, "湖州湖笔有限公司", 40)
    fresh = services.customers.create(name="绍兴黄酒有限公司")
    today = RULES.day_of(utcnow())
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    page = screen.page

    screen.open_customer(soon)
    idle()
    until = today + timedelta(days=2)
    assert page.protection_line.text() == f"Protected for 2 more days (until {until.isoformat()})"
    assert page.protection_line.property("tone") == "warning"  # within the 3 reminder days
    back = (today + timedelta(days=3)).isoformat()  # 30 days without a follow-up run out the day protection ends
    assert page.return_line.isVisibleTo(page)
    assert page.return_line.text() == (
        f"Goes back to the public pool on {back} (no follow-up in time): log a visit or win a deal to keep it"
    )
    assert page.return_line.property("tone") == "warning"
    assert page.ownership.rowCount() == 1
    first = _cells(page, 0)
    assert (first["kind"], first["moved"], first["by"]) == ("First contact", "→ 张伟", "张伟")
    assert first["why"] == "first contact owns the customer"

    screen.open_customer(ended)
    idle()
    assert page.protection_line.text() == f"Protection ended on {(today - timedelta(days=10)).isoformat()}"
    assert page.protection_line.property("tone") == "danger"

    screen.open_customer(fresh)
    idle()
    assert (
        page.protection_line.text() == f"Protected for 30 more days (until {(today + timedelta(days=30)).isoformat()})"
    )
    assert page.protection_line.property("tone") is None
    back = (today + timedelta(days=31)).isoformat()
    assert page.return_line.text() == (
        f"Goes back to the public pool on {back} if nothing changes (no follow-up in time)"
    )
    assert page.return_line.property("tone") == "muted"

    pool = services.customers.create(name="台州公海客户有限公司", owner_id=None, in_public_pool=True)
    screen.open_customer(pool)
    idle()
    assert page.protection_line.text() == "Not protected"
    assert not page.return_line.isVisibleTo(page)  # in the pool: nothing to go back
    assert _cells(page, 0)["moved"] == "→ public pool"


def _tints(make_window, idle) -> dict[str, object]:
    """The customer list's background behind each row's phone, by customer name, as the view paints it."""
    screen = make_window().show_screen("customers")
    idle()
    model = screen.model
    model.data(model.index(0, COL_NAME))  # the first window of rows, as the view asks
    idle()
    background = Qt.ItemDataRole.BackgroundRole
    return {
        model.data(model.index(r, COL_NAME)): model.data(model.index(r, COL_PHONE), background)
        for r in range(model.rowCount())
    }


def test_the_list_tints_customers_whose_protection_lapses_within_the_reminder_days(
    qtbot, make_window, services, idle
) -> None:
    names = {
        "嘉兴丝绸有限公司": 28,  # 2 days left: tinted
        "湖州湖笔有限公司": 27,  # 3 days left: not yet
        "舟山海产有限公司": 40,  # ended: its date is red, the row is not tinted
    }
    for name, days_ago in names.items():
        _first_contacted(services, name, days_ago)
    tints = _tints(make_window, idle)
    assert tints["嘉兴丝绸有限公司"] is not None and tints["嘉兴丝绸有限公司"].name() == colours()["hint_back"]
    assert tints["湖州湖笔有限公司"] is None and tints["舟山海产有限公司"] is None


def test_the_tint_follows_the_teams_own_reminder_days(qtbot, make_window, team_services, services, idle) -> None:
    boss = team_services["supervisor"]
    TeamRulesService(boss.store, boss.user_id).set({"remind_days_before": 10})
    _first_contacted(services, "温州鞋业有限公司", 24)  # 6 days left: tinted for a team reminded 10 days ahead
    tint = _tints(make_window, idle)["温州鞋业有限公司"]
    assert tint is not None and tint.name() == colours()["hint_back"]


def test_the_tint_follows_the_reminder_days_of_the_customers_pool(
    qtbot, make_window, team_services, services, idle
) -> None:
    boss = team_services["supervisor"]
    pool = {"name": "宁波公海", "regions": ["宁波"], "rules": {"remind_days_before": 10}}
    TeamRulesService(boss.store, boss.user_id).set({"remind_days_before": 2, "pools": [pool]})
    _first_contacted(services, "宁波港务有限公司", 24, region="宁波")  # 6 days left, its pool reminds 10 days ahead
    _first_contacted(services, "温州鞋业有限公司", 24, region="温州")  # 6 days left, the team reminds 2 days ahead
    tints = _tints(make_window, idle)
    assert tints["宁波港务有限公司"] is not None and tints["宁波港务有限公司"].name() == colours()["hint_back"]
    assert tints["温州鞋业有限公司"] is None


def test_a_claim_lost_reads_as_who_came_first_not_as_a_move(qtbot, chinese, make_window, services, idle) -> None:
    """Head office's record of the rep's claim that lost (pulled as any event): no one moved, and why is the
    refusal, in the user's language."""
    customer_id = services.customers.create(name="南通公海无拜访机械有限公司", owner_id=None, in_public_pool=True)
    accepted = utcnow() - timedelta(hours=1)
    with services.store.transaction() as session:  # as a pull writes it: head office's row, not in the outbox
        session.add(
            OwnershipEvent(
                customer_id=customer_id,
                kind="claim_lost",
                by_user_id=services.user_id,
                owner_id=services.user_id,
                reason=claimed_by("李娜", accepted, RULES),
                rule="earliest_claim",
                version=7,
            )
        )
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    screen.open_customer(customer_id)
    idle()
    lost = next(_cells(screen.page, r) for r in range(screen.page.ownership.rowCount()) if
                _cells(screen.page, r)["by"] == "张伟" and _cells(screen.page, r)["moved"] == "—")  # fmt: skip
    assert lost["kind"] == "认领未成功：其他销售的认领先到达总部"
    assert lost["why"].startswith("已被 李娜 认领（总部于 ") and lost["why"].endswith("该客户已不在公海")

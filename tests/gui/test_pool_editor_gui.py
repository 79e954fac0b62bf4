"""The team's pools (公海) edited in the Team rules dialog: the supervisor adds a pool (a region picked from the
team's customers, a rule of its own), moves it before another and saves; a pool the domain refuses stays in its
dialog with the domain's sentence and nothing is stored; a rep reads the pools. Real window, real store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldcrm.domain.pools import pool_of, rules_of_pool
from fieldcrm.domain.team_rules import POOL_FILTER, POOL_NAME
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.ui.pool.pool_dialog import split_names

MADE = [{"name": "制造业公海", "industries": ["制造业"]}]


def _open(qtbot, window, idle):
    screen = window.show_screen("pool")
    idle()
    qtbot.mouseClick(screen.team_rules, Qt.MouseButton.LeftButton)
    idle()
    dialog = screen.findChild(object, "teamRulesDialog")
    assert dialog is not None and dialog.isVisible()
    return screen, dialog


def _names(dialog) -> list[str]:
    return [row["name"] for row in dialog.pools.model.rows()]


def _stored(services):
    return TeamRulesService(services.store, services.user_id).show().rules


def test_the_supervisor_adds_a_pool_moves_it_first_and_saves(qtbot, make_window, team_services, idle, typing) -> None:
    boss = team_services["supervisor"]
    TeamRulesService(boss.store, boss.user_id).set({"pools": MADE})
    for name, region, industry in (("广州五金制造有限公司", "华南", "制造业"), ("杭州超市有限公司", "华东", "零售")):
        boss.customers.create(name=name, owner_id=None, in_public_pool=True, region=region, industry=industry)
    screen, dialog = _open(qtbot, make_window("supervisor"), idle)
    assert _names(dialog) == ["制造业公海", "公海"]
    assert dialog.pools.add.isVisible()

    qtbot.mouseClick(dialog.pools.add, Qt.MouseButton.LeftButton)
    pool = dialog.pools.findChild(object, "poolDialog")
    assert pool is not None and pool.isVisible()
    typing(pool.name, "华南公海")
    picked = {a.text(): a for a in pool.regions.menu.actions()}
    assert set(picked) == {"华东", "华南"}  # the regions the team's customers have
    picked["华南"].trigger()
    assert pool.regions.line.text() == "华南"
    assert not pool.editors["claims_per_day"].isEnabled() and pool.editors["claims_per_day"].value() == 5
    qtbot.mouseClick(pool.own["claims_per_day"], Qt.MouseButton.LeftButton)
    pool.editors["claims_per_day"].setValue(2)
    qtbot.mouseClick(pool.ok, Qt.MouseButton.LeftButton)
    assert not pool.isVisible()
    assert _names(dialog) == ["制造业公海", "华南公海", "公海"]
    assert dialog.pools.model.rows()[1]["rules"] == "Claims from the pool per day 2"

    qtbot.mouseClick(dialog.pools.up, Qt.MouseButton.LeftButton)  # the new pool is still selected
    assert _names(dialog) == ["华南公海", "制造业公海", "公海"]
    assert not dialog.pools.up.isEnabled() and dialog.pools.down.isEnabled()
    assert _stored(boss).pools[0].name == "制造业公海"  # nothing stored before Save
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    idle()
    assert not dialog.isVisible()

    rules = _stored(team_services["rep"])
    assert [p.name for p in rules.pools] == ["华南公海", "制造业公海"]
    assert pool_of(rules, "华南", "制造业") == "华南公海"  # first match wins: the move counts
    assert rules_of_pool(rules, "华南公海").claims_per_day == 2 and rules.claims_per_day == 5
    picker = screen.picker  # the screen reloads after a save: the customer is in the new pool
    qtbot.waitUntil(lambda: picker.itemText(1) == "华南公海 (1)")
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "All pools (2)",
        "华南公海 (1)",
        "制造业公海 (0)",
        "公海 (1)",
    ]


def test_a_refused_pool_shows_the_domains_sentence_and_stores_nothing(
    qtbot, make_window, team_services, idle, typing
) -> None:
    boss = team_services["supervisor"]
    TeamRulesService(boss.store, boss.user_id).set({"pools": MADE})
    before = _stored(boss)
    _screen, dialog = _open(qtbot, make_window("supervisor"), idle)
    qtbot.mouseClick(dialog.pools.add, Qt.MouseButton.LeftButton)
    pool = dialog.pools.findChild(object, "poolDialog")
    typing(pool.name, "制造业公海")
    typing(pool.industries.line, "零售")
    qtbot.mouseClick(pool.ok, Qt.MouseButton.LeftButton)
    assert pool.isVisible()
    assert pool.message.text() == POOL_NAME.format("公海")  # the domain's sentence, as the command line gives it
    pool.name.setText("零售公海")
    pool.industries.line.clear()
    qtbot.mouseClick(pool.ok, Qt.MouseButton.LeftButton)
    assert pool.isVisible()
    assert pool.message.text() == POOL_FILTER.format("零售公海")
    pool.reject()
    assert _names(dialog) == ["制造业公海", "公海"]  # nothing half-added
    assert _stored(boss) == before

    # Names typed with either comma or 、 are one list each.
    assert split_names("零售，批发、 餐饮,零售") == ["零售", "批发", "餐饮"]
    dialog.pools.list.selectRow(0)
    edit = dialog.pools.edit_selected()
    assert edit.industries.line.text() == "制造业"
    edit.industries.line.setText("制造业，批发、 餐饮")
    qtbot.mouseClick(edit.ok, Qt.MouseButton.LeftButton)
    assert dialog.pools.pools() == [{"name": "制造业公海", "industries": ["制造业", "批发", "餐饮"]}]


def test_a_rep_reads_the_pools_without_buttons(qtbot, make_window, team_services, idle) -> None:
    boss = team_services["supervisor"]
    pools = [{**MADE[0], "rules": {"return_without_followup_days": None}}]
    TeamRulesService(boss.store, boss.user_id).set({"pools": pools})
    _screen, dialog = _open(qtbot, make_window("rep"), idle)
    rows = dialog.pools.model.rows()
    assert [(r["name"], r["industries"], r["rules"]) for r in rows] == [
        ("制造业公海", "制造业", "Back to the pool without a visit after off"),
        ("公海", "", "Every other customer, under the team's rules"),
    ]
    assert not dialog.pools.buttons.isVisible() and not dialog.save.isVisible()
    view = dialog.pools.list
    view.selectRow(0)
    row = view.visualRect(view.model().index(0, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row)  # a double click's first press
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert dialog.pools.findChild(object, "poolDialog") is None

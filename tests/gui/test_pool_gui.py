"""The public pool (公海) screen: browse with masked mobiles, search, claim (the customer leaves the pool and is the
rep's), a cap refusal in plain words; release from the customer page with its reason. Real window, real store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldcrm.domain.protection import PoolRules
from fieldcrm.services import Services
from fieldcrm.services.ownership import OwnershipService
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.ui.pool.screen import POOL_COLUMNS


def _pooled(boss: Services, names: list[str]) -> list[str]:
    return [
        boss.customers.create(name=name, owner_id=None, in_public_pool=True, phone=f"1381234567{i}")
        for i, name in enumerate(names)
    ]


def _names(screen) -> list[str]:
    model = screen.customers
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def _select(qtbot, screen, name: str) -> None:
    row = _names(screen).index(name)
    rect = screen.list.visualRect(screen.customers.index(row, 0))
    qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_pool_screen_claims_a_customer(qtbot, make_window, team_services, idle, typing) -> None:
    ids = _pooled(team_services["supervisor"], ["嘉兴公海五金有限公司", "湖州公海竹业有限公司"])
    window = make_window("rep")
    screen = window.show_screen("pool")
    idle()
    assert _names(screen) == ["湖州公海竹业有限公司", "嘉兴公海五金有限公司"]  # pinyin order: hu before jia
    phones = sorted(screen.customers.data(screen.customers.index(row, 1)) for row in range(2))
    assert phones == ["138****5670", "138****5671"]  # nobody's customers: masked
    assert not screen.claim.isEnabled()
    typing(screen.search, "湖州")
    qtbot.waitUntil(lambda: _names(screen) == ["湖州公海竹业有限公司"])
    _select(qtbot, screen, "湖州公海竹业有限公司")
    qtbot.mouseClick(screen.claim, Qt.MouseButton.LeftButton)
    idle()
    assert screen.message.text().startswith("湖州公海竹业有限公司 is yours now, protected until ")
    qtbot.waitUntil(lambda: _names(screen) == [])  # it left the pool
    rep = team_services["rep"]
    shown = rep.customers.get(ids[1])
    assert (shown["owner_id"], shown["in_public_pool"]) == (rep.user_id, False)
    assert OwnershipService(rep.store, rep.user_id).history(ids[1])[0]["kind"] == "claim"


def test_a_cap_refusal_reads_in_plain_words(qtbot, make_window, team_services, idle, monkeypatch) -> None:
    monkeypatch.setattr("fieldcrm.services.pool.team_rules", lambda session, team: PoolRules(holding_cap=1))
    rep = team_services["rep"]
    rep.customers.create(name="已持有客户有限公司")
    _pooled(team_services["supervisor"], ["台州公海药业有限公司"])
    window = make_window("rep")
    screen = window.show_screen("pool")
    idle()
    _select(qtbot, screen, "台州公海药业有限公司")
    qtbot.mouseClick(screen.claim, Qt.MouseButton.LeftButton)
    idle()
    assert screen.message.text() == (
        "Not claimed: you hold 1 customers and your limit is 1; release one before claiming another"
    )
    assert screen.message.property("tone") == "danger"
    assert _names(screen) == ["台州公海药业有限公司"]  # still in the pool
    assert screen.claim.isEnabled()


def test_release_from_the_customer_page_asks_for_a_reason(qtbot, make_window, team_services, idle, typing) -> None:
    rep = team_services["rep"]
    mine = rep.customers.create(name="丽水放回测试有限公司")
    window = make_window("rep")
    customers = window.show_screen("customers")
    idle()
    customers.open_customer(mine)
    idle()
    page = customers.page
    assert page.release.isVisible()
    qtbot.mouseClick(page.release, Qt.MouseButton.LeftButton)
    dialog = page.release_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.release, Qt.MouseButton.LeftButton)
    idle()
    assert dialog.isVisible()
    assert "give a reason for releasing this customer to the public pool" in dialog.message.text()
    typing(dialog.reason, "客户暂无需求")
    qtbot.mouseClick(dialog.release, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    idle()
    assert not page.release.isVisible()
    assert page.owner_line.text() == "Owner: nobody (public pool)"
    assert rep.customers.get(mine)["ownership"][0]["reason"] == "客户暂无需求"


def test_the_pool_picker_shows_one_pool_at_a_time_with_each_pools_count(
    qtbot, make_window, team_services, idle
) -> None:
    boss = team_services["supervisor"]
    pools = [{"name": "制造业公海", "industries": ["制造业"], "rules": {"return_without_followup_days": 15}}]
    TeamRulesService(boss.store, boss.user_id).set({"pools": pools})
    made = (("绍兴纺织制造有限公司", "制造业"), ("金华五金制造有限公司", "制造业"), ("衢州超市有限公司", "零售"))
    for name, industry in made:
        boss.customers.create(name=name, owner_id=None, in_public_pool=True, industry=industry)
    window = make_window("rep")
    screen = window.show_screen("pool")
    idle()
    picker = screen.picker
    assert picker.isVisible()
    assert [picker.itemText(i) for i in range(picker.count())] == ["All pools (3)", "制造业公海 (2)", "公海 (1)"]
    assert len(_names(screen)) == 3
    model = screen.customers
    column = [c.key for c in POOL_COLUMNS].index("pool")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Pool"
    shown = {model.data(model.index(r, 0)): model.data(model.index(r, column)) for r in range(3)}
    assert shown["衢州超市有限公司"] == "公海" and shown["绍兴纺织制造有限公司"] == "制造业公海"
    picker.setCurrentIndex(1)
    picker.activated.emit(1)  # as a user's pick does
    qtbot.waitUntil(lambda: _names(screen) == ["金华五金制造有限公司", "绍兴纺织制造有限公司"])  # pinyin order
    picker.setCurrentIndex(2)
    picker.activated.emit(2)
    qtbot.waitUntil(lambda: _names(screen) == ["衢州超市有限公司"])
    screen.reload()  # a refresh keeps the pool chosen
    idle()
    assert picker.currentData() == "公海" and _names(screen) == ["衢州超市有限公司"]
    dialog_pools = screen.open_team_rules()
    idle()
    rows = dialog_pools.pools.model.rows()
    assert [(r["name"], r["industries"]) for r in rows] == [("制造业公海", "制造业"), ("公海", "")]
    dialog_pools.close()

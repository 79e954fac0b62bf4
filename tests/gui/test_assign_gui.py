"""Assigning customers from the list (分配客户): a supervisor selects several, the Assign dialog previews who gets
which in turn over three reps, and assigning says what happened in plain words; reps have no Assign button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlmodel import select

from fieldcrm.models import Customer, OwnershipEvent
from fieldcrm.services import Services
from fieldcrm.ui.customers.assign_dialog import AssignDialog
from fieldcrm.ui.customers.model import COL_NAME

NAMES = ("甲机械有限公司", "乙纺织有限公司", "丙食品有限公司", "丁电子有限公司")


def _preview(dialog: AssignDialog) -> list[tuple[str, str]]:
    model = dialog.model
    return [(model.data(model.index(r, 0)), model.data(model.index(r, 1))) for r in range(model.rowCount())]


def _pool(team_services: dict[str, Services]) -> list[str]:
    sup = team_services["supervisor"]
    sup.profile.add_user("刘洋", "rep", "华东一组")
    return [sup.customers.create(name=n, owner_id=None, in_public_pool=True) for n in NAMES]


def test_round_robin_over_three_reps_previews_then_assigns(qtbot, make_window, team_services, idle, typing) -> None:
    ids = _pool(team_services)
    window = make_window("supervisor")
    screen = window.show_screen("customers")
    idle()
    assert screen.assign_button.isVisible() and not screen.assign_button.isEnabled()
    screen.view.selectAll()
    assert screen.assign_button.isEnabled()
    qtbot.mouseClick(screen.assign_button, Qt.MouseButton.LeftButton)
    dialog = screen.assign_dialog
    assert isinstance(dialog, AssignDialog) and dialog.isVisible()
    idle()
    qtbot.waitUntil(lambda: dialog.previews_shown >= 1)
    assert dialog.windowTitle() == "Assign 4 customer(s)"
    assert dialog.strategy.currentData() == "round_robin" and not dialog.rep.isEnabled()
    # The list is in pinyin order (丙 bǐng, 丁 dīng, 甲 jiǎ, 乙 yǐ); reps take turns by pinyin: 李娜, 刘洋, 张伟.
    order = [screen.model.data(screen.model.index(r, COL_NAME)) for r in range(4)]
    assert order == ["丙食品有限公司", "丁电子有限公司", "甲机械有限公司", "乙纺织有限公司"]
    expected = list(zip(order, ["李娜", "刘洋", "张伟", "李娜"], strict=True))
    assert _preview(dialog) == expected
    assert dialog.summary.text() == "4 customer(s) will be assigned: 李娜 gets 2, 刘洋 gets 1, 张伟 gets 1."
    with team_services["supervisor"].store.session() as session:  # a preview writes nothing
        assert {session.get(Customer, i).in_public_pool for i in ids} == {True}

    typing(dialog.reason, "月初分配")
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    assert dialog.summary.text() == "4 customer(s) assigned: 李娜 gets 2, 刘洋 gets 1, 张伟 gets 1."
    assert not dialog.assign_button.isVisible()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
    users = {u.name: u.id for u in team_services["supervisor"].profile.users()}
    with team_services["supervisor"].store.session() as session:
        owners = {session.get(Customer, i).name: session.get(Customer, i).owner_id for i in ids}
        reasons = {e.reason for e in session.exec(select(OwnershipEvent).where(OwnershipEvent.kind == "assignment"))}
    assert owners == {name: users[rep] for name, rep in expected}
    assert reasons == {"月初分配"}
    dialog.close()


def test_by_hand_asks_for_the_rep_and_says_why_a_customer_stays(qtbot, make_window, team_services, idle) -> None:
    _pool(team_services)
    team_services["rep"].customers.create(name="戊化工有限公司")
    window = make_window("supervisor")
    screen = window.show_screen("customers")
    idle()
    screen.view.selectAll()
    screen.assign_selected()
    dialog = screen.assign_dialog
    idle()
    dialog.strategy.setCurrentIndex(dialog.strategy.findData("by_hand"))
    assert dialog.rep.isEnabled()
    dialog.rep.setCurrentIndex(dialog.rep.findData(team_services["rep"].user_id))
    idle()
    qtbot.waitUntil(lambda: len(_preview(dialog)) == 5)
    rows = dict(_preview(dialog))
    assert rows["戊化工有限公司"] == "Not assigned: 张伟 already holds this customer"
    assert {rows[n] for n in NAMES} == {"张伟"}
    assert dialog.summary.text().endswith("1 could not be assigned; the list says why.")
    assert dialog.rep.currentText() == "张伟 (holds 1 of 200)"
    dialog.close()


def test_a_rep_has_no_assign_button(make_window, team_services, idle) -> None:
    _pool(team_services)
    window = make_window("rep")
    screen = window.show_screen("customers")
    idle()
    assert not screen.assign_button.isVisible()


def test_the_dialog_speaks_chinese(qtbot, chinese, make_window, team_services, idle) -> None:
    _pool(team_services)
    team_services["rep"].customers.create(name="戊化工有限公司")
    window = make_window("supervisor")
    screen = window.show_screen("customers")
    idle()
    assert screen.assign_button.text() == "分配…"
    screen.view.selectAll()
    screen.assign_selected()
    dialog = screen.assign_dialog
    idle()
    dialog.strategy.setCurrentIndex(dialog.strategy.findData("by_hand"))
    dialog.rep.setCurrentIndex(dialog.rep.findData(team_services["rep"].user_id))
    idle()
    qtbot.waitUntil(lambda: len(_preview(dialog)) == 5)
    assert dialog.windowTitle() == "分配 5 个客户"
    assert dict(_preview(dialog))["戊化工有限公司"] == "未分配：张伟 已经拥有这个客户"
    assert dialog.summary.text() == "将分配 4 个客户：张伟 4 个。1 个无法分配，原因见上表。"
    dialog.close()

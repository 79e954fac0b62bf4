"""Handing customers over (客户交接) in the window: 张伟 selects two customers in the list and hands them to 李娜 with a
reason; the Handovers queue shows 李娜 what waits for her (accept) and then their supervisor (approve), each status as
a chip; declining needs a reason; the customer page offers "Hand over…" for one customer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import select

from fieldcrm.models import Customer, Handover, OwnershipEvent
from fieldcrm.services import Services
from fieldcrm.services.handover import HandoverService
from fieldcrm.ui.common.dict_model import TONE_ROLE
from fieldcrm.ui.handovers.dialog import HandoverDialog
from fieldcrm.ui.handovers.screen import STATUS_COLUMN, HandoverScreen

NAMES = ("甲精密机械有限公司", "乙纺织有限公司")


def _customers(team_services: dict[str, Services]) -> list[str]:
    return [team_services["rep"].customers.create(name=n) for n in NAMES]


def _statuses(store) -> dict[str, str]:
    with store.session() as session:
        return {h.customer_id: h.status for h in session.exec(select(Handover))}


def test_handing_two_customers_over_from_the_list(qtbot, make_window, team_services, idle, typing) -> None:
    ids = _customers(team_services)
    window = make_window("rep")
    screen = window.show_screen("customers")
    idle()
    assert screen.handover_button.isVisible() and not screen.handover_button.isEnabled()
    screen.view.selectAll()
    qtbot.mouseClick(screen.handover_button, Qt.MouseButton.LeftButton)
    dialog = screen.handover_dialog
    assert isinstance(dialog, HandoverDialog) and dialog.isVisible()
    idle()
    assert dialog.windowTitle() == "Hand over 2 customer(s)"
    assert [dialog.rep.itemText(i) for i in range(dialog.rep.count())] == ["李娜"]  # his teammates, not himself
    assert not dialog.confirm_button.isEnabled()  # a reason first
    typing(dialog.reason, "调往华南区")
    assert dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    assert dialog.message.text() == "2 customer(s) asked to go to 李娜; they accept, then your supervisor approves."
    assert not dialog.confirm_button.isVisible() and dialog.close_button.text() == "Close"
    assert _statuses(team_services["rep"].store) == dict.fromkeys(ids, "requested")
    with team_services["rep"].store.session() as session:  # nothing moves before approval
        assert {session.get(Customer, i).owner_id for i in ids} == {team_services["rep"].user_id}
    dialog.close()


def test_the_queue_accept_then_approve(qtbot, make_window, team_services, idle, typing) -> None:
    first, second = _customers(team_services)
    rep = team_services["rep"]
    HandoverService(rep.store, rep.user_id).request([first, second], team_services["other"].user_id, "调往华南区")

    window = make_window("other")  # 李娜, the receiving rep
    screen = window.show_screen("handovers")
    assert isinstance(screen, HandoverScreen)
    idle()
    assert screen.waiting.rowCount() == 2 and screen.waiting_title.text() == "Waiting for you (2)"
    assert screen.waiting.index(0, STATUS_COLUMN).data() == "Requested"
    assert screen.waiting.index(0, STATUS_COLUMN).data(TONE_ROLE) == "info"  # painted as a chip
    assert screen.accept.isEnabled() and not screen.approve.isVisible()
    assert not screen.decline.isEnabled()  # a reason first
    chosen = screen.waiting.row(0)
    qtbot.mouseClick(screen.accept, Qt.MouseButton.LeftButton)
    idle()
    assert screen.message.text() == f"You accepted {chosen['customer']}; the supervisor approves next."
    assert screen.waiting.rowCount() == 1 and screen.others.rowCount() == 1
    assert screen.others.index(0, STATUS_COLUMN).data() == "Accepted"
    typing(screen.decline_reason, "太远了")
    assert screen.decline.isEnabled()
    qtbot.mouseClick(screen.decline, Qt.MouseButton.LeftButton)
    idle()
    assert screen.waiting.rowCount() == 0 and screen.waiting_title.text() == "Waiting for you (0)"
    assert sorted(_statuses(rep.store).values()) == ["accepted", "declined"]
    window.close()

    window = make_window("supervisor")
    screen = window.show_screen("handovers")
    idle()
    assert screen.waiting.rowCount() == 1 and screen.waiting.row(0)["customer_id"] == chosen["customer_id"]
    assert screen.approve.isVisible() and screen.approve.isEnabled() and not screen.accept.isVisible()
    qtbot.mouseClick(screen.approve, Qt.MouseButton.LeftButton)
    idle()
    assert screen.message.text() == f"Approved: {chosen['customer']} is 李娜's now."
    assert {screen.others.index(r, STATUS_COLUMN).data() for r in range(2)} == {"Approved", "Declined"}
    with rep.store.session() as session:
        assert session.get(Customer, chosen["customer_id"]).owner_id == team_services["other"].user_id
        (event,) = session.exec(select(OwnershipEvent).where(OwnershipEvent.kind == "handover"))
        assert event.reason == "调往华南区"
    window.close()


def test_the_customer_page_offers_hand_over_and_its_history_shows_it(qtbot, make_window, team_services, idle) -> None:
    first, _ = _customers(team_services)
    window = make_window("rep")
    screen = window.show_screen("customers")
    idle()
    screen.open_customer(first)
    idle()
    page = screen.page
    assert page.hand_over.isVisible()
    qtbot.mouseClick(page.hand_over, Qt.MouseButton.LeftButton)
    idle()
    dialog = page.handover_dialog
    assert dialog.isVisible() and dialog.windowTitle() == f"Hand over {NAMES[0]}"
    dialog.close()
    rep, li, boss = (team_services[k] for k in ("rep", "other", "supervisor"))
    (asked,) = HandoverService(rep.store, rep.user_id).request([first], li.user_id, "调往华南区")["requested"]
    HandoverService(li.store, li.user_id).accept(asked["id"])
    HandoverService(boss.store, boss.user_id).approve(asked["id"])
    page.reload()
    idle()
    kinds = [page.ownership.index(r, 1).data() for r in range(page.ownership.rowCount())]
    assert "Handed over" in kinds
    window.close()

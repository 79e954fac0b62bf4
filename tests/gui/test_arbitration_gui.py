"""Appeals in the window: the rep who lost a customer sees why on its page and appeals (the dialog asks for a
statement); the supervisor's Arbitration screen shows both sides' evidence and decides with a written reason; the
decision then shows on the customer page and in its Ownership timeline. Real window, real store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldcrm.services import Services
from fieldcrm.services.appeals import AppealService
from fieldcrm.services.assignment import AssignmentService


def _assigned_away(team_services: dict[str, Services]) -> str:
    """张伟's customer, visited by him, that his supervisor gave to 李娜."""
    rep, boss = team_services["rep"], team_services["supervisor"]
    customer_id = rep.customers.create(name="宁波港口机械有限公司")
    rep.visits.log(customer_id, outcome="见了设备科长")
    AssignmentService(boss.store, boss.user_id).assign(
        [customer_id], "by_hand", rep_id=team_services["other"].user_id, reason="区域调整"
    )
    return customer_id


def test_the_losing_rep_sees_why_and_appeals_from_the_customer_page(
    qtbot, make_window, team_services, idle, typing
) -> None:
    customer_id = _assigned_away(team_services)
    window = make_window("rep")
    customers = window.show_screen("customers")
    idle()
    customers.open_customer(customer_id)
    idle()
    page = customers.page
    qtbot.waitUntil(page.lost.isVisible)
    assert page.lost.text().startswith("You lost this customer: assigned to 李娜 on ")
    assert page.appeal.isVisible()
    assert not page.release.isVisible()  # not his to release
    qtbot.mouseClick(page.appeal, Qt.MouseButton.LeftButton)
    dialog = page.appeal_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.file, Qt.MouseButton.LeftButton)
    idle()
    assert dialog.isVisible() and dialog.message.text() == "say why the customer should be yours"
    typing(dialog.statement, "客户是我开发的，拜访记录在先")
    qtbot.mouseClick(dialog.file, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    idle()
    qtbot.waitUntil(lambda: page.appeal_chip.status() == "open")
    assert not page.appeal.isVisible()  # one open appeal per case
    assert page.appeal_line.text().startswith("张伟's appeal against 李娜, filed ")
    [filed] = AppealService(team_services["rep"].store, team_services["rep"].user_id).appeals()
    assert (filed["statement"], filed["lost_how"], filed["status"]) == (
        "客户是我开发的，拜访记录在先",
        "assignment",
        "open",
    )


def test_the_supervisor_decides_on_the_arbitration_screen_with_a_reason(
    qtbot, make_window, team_services, idle, typing
) -> None:
    customer_id = _assigned_away(team_services)
    rep = team_services["rep"]
    AppealService(rep.store, rep.user_id).file(customer_id, "客户是我开发的")
    window = make_window("supervisor")
    screen = window.show_screen("arbitration")
    idle()
    qtbot.waitUntil(lambda: screen.appeals.rowCount() == 1)
    assert screen.current is not None and screen.status_chip.status() == "open"
    assert screen.title.text() == "宁波港口机械有限公司: 张伟 appeals against 李娜"
    appellant_heading, appellant_visits = screen.sides["appellant"]
    assert appellant_heading.text().startswith("张伟 (appellant) — first contact: ")
    assert appellant_visits.rowCount() == 1 and appellant_visits.data(appellant_visits.index(0, 1)) == "见了设备科长"
    holder_heading, holder_visits = screen.sides["holder"]
    assert holder_heading.text().startswith(
        "李娜 (holds it) — first contact: none recorded; visits: 0; holds it since "
    )
    assert holder_visits.rowCount() == 0
    qtbot.mouseClick(screen.uphold, Qt.MouseButton.LeftButton)
    idle()
    assert screen.message.text() == "write the reason for your decision; both reps will read it"
    assert rep.customers.get(customer_id)["owner_id"] == team_services["other"].user_id  # nothing moved
    typing(screen.decision, "张伟的拜访在先，客户归张伟")
    qtbot.mouseClick(screen.uphold, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: screen.message.text() == "Upheld: 宁波港口机械有限公司 now belongs to 张伟.")
    qtbot.waitUntil(lambda: screen.appeals.rowCount() == 0)  # the open queue is empty
    shown = rep.customers.get(customer_id)
    assert shown["owner_id"] == rep.user_id
    arbitration = shown["ownership"][0]
    assert (arbitration["kind"], arbitration["reason"], arbitration["by"]) == (
        "arbitration",
        "张伟的拜访在先，客户归张伟",
        "王经理",
    )
    # The decision on the customer page, and in its Ownership timeline.
    customers = window.show_screen("customers")
    idle()
    customers.open_customer(customer_id)
    idle()
    page = customers.page
    qtbot.waitUntil(lambda: page.appeal_chip.status() == "upheld")
    assert "was upheld by 王经理 on " in page.appeal_line.text()
    assert page.appeal_line.text().endswith("“张伟的拜访在先，客户归张伟”")
    row = page.ownership.row(0)
    assert (row["kind"], row["why"]) == ("arbitration", "张伟的拜访在先，客户归张伟")

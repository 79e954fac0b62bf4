"""The day of a rep: log a visit from a planned stop, submit the report; the supervisor countersigns it in the
inbox; the rep then sees it read-only with its signature check. Returning with a comment reopens it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldcrm.services import Services


def closed(dialog) -> bool:
    """Dialogs delete themselves on close."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _log_visit_from_first_stop(qtbot, window, idle, typing) -> None:
    plan = window.show_screen("today")
    idle()
    assert plan.stops.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == "logVisitDialog"
    assert "上海华东机械有限公司" in dialog.windowTitle()
    dialog.kind.setCurrentIndex(dialog.kind.findData("meeting"))
    typing(dialog.outcome, "客户同意试用")
    typing(dialog.next_step, "发送报价单")
    dialog.follow_up.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle()
    assert closed(dialog)


def test_a_day_from_plan_stop_to_countersigned_report(qtbot, make_window, team_services, idle, typing, today):
    rep: Services = team_services["rep"]
    customer_id = rep.customers.create(name="上海华东机械有限公司", phone="021-55550001")
    rep.plans.add_stop(today, customer_id, "介绍新产品")

    window = make_window("rep")
    _log_visit_from_first_stop(qtbot, window, idle, typing)
    plan = window.screens["today"]
    assert plan.stops.data(plan.stops.index(0, 4)) == "Done"
    [visit] = rep.visits.for_day(today)
    assert (visit["kind"], visit["outcome"], visit["next_step"]) == ("meeting", "客户同意试用", "发送报价单")

    reports = window.show_screen("reports")
    idle()
    assert reports.visits.rowCount() == 1
    assert reports.visits.data(reports.visits.index(0, 1)) == "上海华东机械有限公司"
    typing(reports.summary, "今天拜访一家客户，进展顺利。")
    qtbot.mouseClick(reports.submit, Qt.MouseButton.LeftButton)
    idle()
    assert reports.status_chip.text() == "Submitted" and reports.status_chip.tone() == "info"
    assert reports.summary.isReadOnly() and not reports.submit.isEnabled()
    window.close()

    boss = make_window("supervisor")
    assert "today" not in boss.screens and "inbox" in boss.screens
    inbox = boss.show_screen("inbox")
    idle()
    assert inbox.reports.rowCount() == 1
    assert inbox.reports.data(inbox.reports.index(0, 1)) == "张伟"
    inbox.list.selectRow(0)
    idle()
    assert inbox.summary.toPlainText() == "今天拜访一家客户，进展顺利。"
    assert inbox.visits.rowCount() == 1
    qtbot.mouseClick(inbox.countersign, Qt.MouseButton.LeftButton)
    idle()
    assert "Countersigned" in inbox.message.text()
    assert inbox.reports.rowCount() == 0  # the inbox holds only what waits for a decision
    boss.close()

    again = make_window("rep")
    reports = again.show_screen("reports")
    idle()
    assert "countersigned by 王经理" in reports.state.text()
    assert reports.signature.isVisible() and "Signature valid" in reports.signature.text()
    assert reports.summary.isReadOnly()
    assert not any(b.isEnabled() for b in (reports.submit, reports.save, reports.rebuild))


def test_supervisor_returns_a_report_with_a_comment_and_the_rep_resubmits(
    qtbot, make_window, team_services, idle, typing, today
):
    rep: Services = team_services["rep"]
    customer_id = rep.customers.create(name="杭州西湖茶叶有限公司")
    rep.visits.log(customer_id, outcome="初次拜访")
    rep.reports.submit(today)
    other: Services = team_services["other"]
    other_customer = other.customers.create(name="苏州园林设计院")
    other.visits.log(other_customer, outcome="电话沟通", kind="call")
    other.reports.submit(today)

    boss = make_window("supervisor")
    inbox = boss.show_screen("inbox")
    idle()
    assert inbox.reports.rowCount() == 2
    inbox.rep.setCurrentIndex(inbox.rep.findText("张伟"))
    idle()
    assert inbox.reports.rowCount() == 1
    inbox.list.selectRow(0)
    idle()
    qtbot.mouseClick(inbox.return_button, Qt.MouseButton.LeftButton)
    idle()
    assert "Comment" in inbox.message.text()  # a return needs a comment; the report stays submitted
    assert rep.reports.find(None, today)["status"] == "submitted"
    typing(inbox.comment, "请补充客户需求")
    qtbot.mouseClick(inbox.return_button, Qt.MouseButton.LeftButton)
    idle()
    assert "Returned" in inbox.message.text()
    boss.close()

    window = make_window("rep")
    reports = window.show_screen("reports")
    idle()
    assert "returned with comment: 请补充客户需求" in reports.state.text()
    assert not reports.summary.isReadOnly()
    assert reports.submit.text() == "Resubmit report"
    typing(reports.summary, "已补充需求")
    qtbot.mouseClick(reports.submit, Qt.MouseButton.LeftButton)
    idle()
    assert rep.reports.find(None, today)["times_submitted"] == 2


def test_log_visit_from_a_customer_page_needs_an_outcome(qtbot, make_window, services, idle, typing):
    customer_id = services.customers.create(name="南京华东电子科技有限公司")
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    screen.open_customer(customer_id)
    idle()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == "logVisitDialog"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle()
    assert dialog.isVisible() and "Outcome" in dialog.message.text()
    typing(dialog.outcome, "电话确认需求")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle()
    assert closed(dialog)
    assert screen.page.timeline.rowCount() == 1
    assert screen.page.timeline.data(screen.page.timeline.index(0, 3)) == "电话确认需求"

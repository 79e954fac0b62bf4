"""The supervisor reads each visit's outcome in full: long outcomes wrap inside their row instead of being cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldcrm.services import Services

LONG = (
    "客户对新产品线很感兴趣，要求下周安排技术交流，并提供三家同行业客户的案例和详细的报价单，"
    "采购部王经理将参加评审会议。"
)


def test_a_long_outcome_wraps_in_the_inbox_instead_of_being_cut(qtbot, make_window, team_services, idle, today) -> None:
    rep: Services = team_services["rep"]
    customer_id = rep.customers.create(name="上海华东机械有限公司")
    rep.visits.log(customer_id, outcome=LONG, next_step="发送报价单", kind="visit")
    rep.reports.build(today)
    rep.reports.submit(today)

    boss = make_window("supervisor")
    inbox = boss.show_screen("inbox")
    idle()
    inbox.list.selectRow(0)
    idle()
    view = inbox.visit_view
    assert inbox.visits.data(inbox.visits.index(0, 3)) == LONG
    column = view.columnWidth(3)
    metrics = view.fontMetrics()
    needed = metrics.horizontalAdvance(LONG)
    assert needed > column  # the text is wider than its column here, so it must wrap to be read
    lines = -(-needed // max(column - 8, 1))  # at least this many lines to show it whole
    assert view.rowHeight(0) >= lines * metrics.lineSpacing()
    assert view.wordWrap()
    assert inbox.visits.data(inbox.visits.index(0, 3), Qt.ItemDataRole.ToolTipRole) == LONG

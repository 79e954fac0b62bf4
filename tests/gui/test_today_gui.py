"""Today: its cards (the next stop, the follow-ups due, the report's state, what waits since the last sync) and what
each card's action opens; the two lists and their buttons: each button works on its list's selection and says so by
being enabled only when there is something to log."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from fieldcrm.models import utcnow
from fieldcrm.services import Services
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.state import set_state
from fieldcrm.sync import outbox
from fieldcrm.sync.client import SERVER_KEY
from fieldcrm.ui import theme


def test_log_buttons_follow_the_selection(qtbot, make_window, team_services, idle, today) -> None:
    rep: Services = team_services["rep"]
    done_id = rep.customers.create(name="上海华东机械有限公司")
    open_id = rep.customers.create(name="南京华东电子科技有限公司")
    done_stop = rep.plans.add_stop(today, done_id, "介绍新产品")
    rep.plans.add_stop(today, open_id, "回访")
    rep.visits.log(done_id, outcome="客户同意试用", stop_id=done_stop, kind="visit")

    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    assert screen.stops.rowCount() == 2
    assert screen.selected_stop()["status"] == "planned"  # the first stop still to do is selected
    assert screen.log_stop.isEnabled()
    screen.stop_view.selectRow(0)  # the stop already done
    assert screen.selected_stop()["status"] == "done"
    assert not screen.log_stop.isEnabled()
    assert not screen.log_visit_here()
    screen.stop_view.selectRow(1)
    assert screen.log_stop.isEnabled()
    assert not screen.log_due.isEnabled()  # no follow-up selected


def test_with_no_stops_the_stop_button_is_off(qtbot, make_window, idle) -> None:
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    assert screen.stops.rowCount() == 0
    assert screen.stops_hint.isVisible()
    assert not screen.log_stop.isEnabled()


def test_an_empty_day_offers_its_next_step(qtbot, make_window, idle) -> None:
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    assert screen.plan_button.isVisible()
    assert screen.next_card.figure.text() == "Nothing planned" and not screen.log_next.isEnabled()
    assert screen.due_card.figure.text() == "0 customer(s) to follow up" and screen.due_hint.isVisible()
    screen.plan_button.click()
    idle()
    assert window.current_key() == "plans"


def _cards_day(team_services, today) -> dict[str, str]:
    """A seeded day: one stop done and the next one planned, two follow-ups (one overdue, one due today) and the
    day's report returned by the supervisor."""
    rep: Services = team_services["rep"]
    done_id = rep.customers.create(name="上海华东机械有限公司", next_follow_up=today - timedelta(days=3))
    next_id = rep.customers.create(name="南京华东电子科技有限公司", next_follow_up=today)
    rep.customers.create(name="杭州西湖茶叶有限公司")  # no follow-up: not counted
    done_stop = rep.plans.add_stop(today, done_id, "介绍新产品")
    next_stop = rep.plans.add_stop(today, next_id, "回访")
    rep.visits.log(done_id, outcome="客户同意试用", stop_id=done_stop, kind="visit")
    report = rep.reports.submit(today)
    team_services["supervisor"].reports.return_report(report["id"], "请补充客户需求")
    return {"next_id": next_id, "next_stop": next_stop}


def test_the_cards_show_the_day(qtbot, make_window, team_services, idle, today) -> None:
    _cards_day(team_services, today)
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    assert screen.next_card.figure.text() == "南京华东电子科技有限公司"
    assert screen.next_card.line.text() == "Stop 2 of 2 · 回访"
    assert screen.log_next.isEnabled()

    assert screen.due_card.figure.text() == "2 customer(s) to follow up"
    assert screen.due_card.line.text() == "1 overdue"
    assert screen.due_card.line.property("tone") == "danger"  # the palette's red
    assert screen.due.rowCount() == 2 and screen.due_view.isVisible()  # the list below the count
    view = screen.stop_view  # the day's two stops whole, with no empty block under them
    assert view.verticalScrollBar().maximum() == 0
    assert view.height() <= view.horizontalHeader().height() + 2 * view.rowHeight(0) + 2 * view.frameWidth()

    chip = screen.report_chip
    assert (chip.status(), chip.text(), chip.tone()) == ("returned", "Returned", "attention")
    assert chip.isVisible()
    image = chip.grab().toImage()
    assert image.pixelColor(int(5 * image.devicePixelRatio()), image.height() // 2) == QColor(theme.LIGHT["attention"])
    assert screen.report_card.line.text() == "Returned: 请补充客户需求"

    rep: Services = team_services["rep"]
    with rep.store.session() as session:
        pending = outbox.pending_count(session)
    assert pending > 0
    assert screen.sync_card.isVisible()
    assert screen.sync_card.figure.text() == f"{pending} change(s)"
    assert screen.sync_card.line.text() == "Not connected: kept on this computer"


def test_the_stop_statuses_are_painted_as_chips(qtbot, make_window, team_services, idle, today) -> None:
    _cards_day(team_services, today)
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    screen.stop_view.clearSelection()  # the selection's colour would hide the chip's
    screen.stop_view.setCurrentIndex(screen.stops.index(-1, -1))
    qtbot.wait(10)
    image = screen.stop_view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()

    def painted(row: int, tone: str) -> int:
        rect = screen.stop_view.visualRect(screen.stops.index(row, 4))
        colour = QColor(theme.LIGHT[tone])
        return sum(
            1
            for x in range(int(rect.left() * ratio), int(rect.right() * ratio))
            for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio))
            if image.pixelColor(x, y) == colour
        )

    # a chip fills a block; a coloured word alone would leave a few hundred pixels at most
    assert painted(0, "success") > 600  # done
    assert painted(1, "info") > 600  # planned


def test_each_card_action_opens_what_it_says(qtbot, make_window, team_services, idle, today) -> None:
    seeded = _cards_day(team_services, today)
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    opened: list[tuple] = []
    screen.log_visit_requested.connect(lambda *args: opened.append(args))
    screen.log_next.click()
    idle()
    assert opened == [(seeded["next_id"], "南京华东电子科技有限公司", seeded["next_stop"])]
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.objectName() == "logVisitDialog"
    assert "南京华东电子科技有限公司" in dialog.windowTitle()
    dialog.reject()
    idle()

    screen.open_report.click()
    idle()
    assert window.current_key() == "reports"
    window.show_screen("today")
    idle()
    screen.open_sync.click()
    idle()
    assert window.current_key() == "sync"


def test_with_every_stop_done_there_is_no_next_stop_to_log(qtbot, make_window, team_services, idle, today) -> None:
    rep: Services = team_services["rep"]
    customer_id = rep.customers.create(name="上海华东机械有限公司")
    stop = rep.plans.add_stop(today, customer_id, "介绍新产品")
    rep.visits.log(customer_id, outcome="客户同意试用", stop_id=stop, kind="visit")
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    assert screen.next_card.figure.text() == "All stops done"
    assert not screen.log_next.isEnabled() and not screen.log_next_stop()
    assert screen.report_chip.text() == "Not started" and screen.report_card.line.text() == "1 visit(s) to report"
    assert screen.due_card.line.text() == "None overdue"


def test_a_connected_profile_says_its_changes_wait_to_sync(qtbot, make_window, team_services, idle) -> None:
    rep: Services = team_services["rep"]
    rep.customers.create(name="上海华东机械有限公司")
    with rep.store.session() as session:
        set_state(session, SERVER_KEY, "https://crm.example.com")  # what a login leaves behind
        session.commit()
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    assert screen.sync_card.line.text() == "Waiting to sync · last sync never"
    with rep.store.session() as session:
        pending = outbox.pending_count(session)
    assert screen.sync_card.figure.text() == f"{pending} change(s)"


def test_a_short_day_fits_a_small_window_without_scrolling(qtbot, make_window, team_services, idle, today) -> None:
    _cards_day(team_services, today)
    window = make_window("rep")
    window.resize(800, 600)  # the offscreen screen's size; a small laptop's window
    screen = window.show_screen("today")
    idle()
    qtbot.waitUntil(lambda: screen.due_view.height() >= 130)
    assert screen.cards_scroll.verticalScrollBar().maximum() == 0
    assert screen.due_view.verticalScrollBar().maximum() == 0  # both follow-ups in sight


def test_customers_going_back_to_the_pool_soon_have_a_card_and_a_visit_keeps_them(
    qtbot, make_window, team_services, idle
) -> None:
    rep: Services = team_services["rep"]
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    assert not screen.returns_card.isVisibleTo(window)  # nothing going back: no card
    when = utcnow() - timedelta(days=28)  # 30 days without a follow-up run out in three days
    soon = CustomerService(rep.store, rep.user_id, clock=lambda: when).create(name="嘉兴丝绸有限公司")
    rep.customers.create(name="绍兴黄酒有限公司")  # a month away: no reminder
    screen.reload()
    idle()
    assert screen.returns_card.isVisibleTo(window)
    assert screen.returns.rowCount() == 1
    row = screen.returns.row(0)
    assert (row["id"], row["name"], row["return_rule"]) == (soon, "嘉兴丝绸有限公司", "no_followup")
    assert screen.returns.data(screen.returns.index(0, 2)) == "no follow-up in time"
    assert screen.returns_card.line.text() == "The first goes back in 3 day(s): a visit keeps it"
    with qtbot.waitSignal(screen.log_visit_requested) as asked:
        screen.log_return.click()
    assert asked.args[:2] == [soon, "嘉兴丝绸有限公司"]
    rep.visits.log(soon, outcome="客户确认续约意向")
    screen.reload()
    idle()
    assert not screen.returns_card.isVisibleTo(window)  # followed up: it stays

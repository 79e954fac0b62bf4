"""Today's two lists and their buttons: each button works on its list's selection and says so by being enabled only
when there is something to log."""

from __future__ import annotations

from fieldcrm.services import Services


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
    screen.plan_button.click()
    idle()
    assert window.current_key() == "plans"

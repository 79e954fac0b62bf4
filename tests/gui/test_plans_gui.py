"""Plans: a week of stops; add from the customer picker, move up and down, to another day, cancel."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from fieldcrm.services import Services


def test_plan_a_week_add_reorder_move_and_cancel(qtbot, make_window, services: Services, idle, typing, today: date):
    first = services.customers.create(name="上海华东机械有限公司")
    second = services.customers.create(name="杭州西湖茶叶有限公司")
    services.plans.add_stop(today, first, "送样品")
    window = make_window()
    plans = window.show_screen("plans")
    idle()
    day_index = today.weekday()
    _box, model, view = plans.days[day_index]
    assert model.rowCount() == 1
    # add a second stop through the picker
    typing(plans.picker.text, "西湖")
    qtbot.waitUntil(lambda: plans.picker.searches_done >= 2 and plans.picker.choices.count() == 1)
    idle()
    assert plans.picker.choices.currentText() == "杭州西湖茶叶有限公司"
    typing(plans.purpose, "回访")
    qtbot.mouseClick(plans.add, Qt.MouseButton.LeftButton)
    idle()
    assert [r["customer_name"] for r in model.rows()] == ["上海华东机械有限公司", "杭州西湖茶叶有限公司"]
    # move the new stop up
    view.selectRow(1)
    qtbot.mouseClick(plans.up, Qt.MouseButton.LeftButton)
    idle()
    assert [r["customer_id"] for r in services.plans.day(today)] == [second, first]
    assert [r["customer_name"] for r in model.rows()] == ["杭州西湖茶叶有限公司", "上海华东机械有限公司"]
    # move it to another day, then cancel the remaining one
    view.selectRow(0)
    target = today + timedelta(days=1)
    plans.move_day.setDate(target)
    qtbot.mouseClick(plans.move_button, Qt.MouseButton.LeftButton)
    idle()
    assert [s["customer_id"] for s in services.plans.day(target)] == [second]
    view.selectRow(0)
    qtbot.mouseClick(plans.cancel, Qt.MouseButton.LeftButton)
    idle()
    assert services.plans.day(today)[0]["status"] == "cancelled"
    assert model.data(model.index(0, 1)) == "Cancelled"
    plans.move(plans.pos())  # QWidget.move, not shadowed by the "Move to day" button


def test_plan_buttons_without_a_selection_say_what_to_do(qtbot, make_window, idle):
    window = make_window()
    plans = window.show_screen("plans")
    idle()
    qtbot.mouseClick(plans.cancel, Qt.MouseButton.LeftButton)
    assert plans.message.text() == "Select a stop first."
    qtbot.mouseClick(plans.add, Qt.MouseButton.LeftButton)
    assert plans.message.text() == "Find and pick a customer first."


def test_the_week_says_its_days_the_chosen_day_stands_out_and_nothing_is_picked_for_the_user(
    qtbot, make_window, services: Services, idle, today: date
):
    services.customers.create(name="上海华东机械有限公司")
    window = make_window()
    plans = window.show_screen("plans")
    idle()
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    title = plans.week_label.text()
    assert f"{sunday.day}, {sunday.year}" in title and f" {monday.day}" in title and "(this week)" in title
    chosen = [box.property("chosen") for box, _model, _view in plans.days]
    assert chosen.count(True) == 1 and chosen[today.weekday()] is True
    # the picker lists customers, but the rep chooses: adding a stop without one says what to do
    qtbot.waitUntil(lambda: plans.picker.choices.count() == 1)
    assert plans.picker.customer_id() is None
    plans.add_stop()
    assert plans.message.text() == "Find and pick a customer first."
    # choosing another day moves the highlight
    other = (today.weekday() + 1) % 7
    plans.days[other][2].setFocus()
    plans._select_day(other)
    idle()
    chosen = [box.property("chosen") for box, _model, _view in plans.days]
    assert chosen.count(True) == 1 and chosen[other] is True
    plans.show_week(monday + timedelta(days=7))
    idle()
    assert "(this week)" not in plans.week_label.text()

"""One visual language: tones with a meaning on every screen, light or dark as the system asks."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from fieldcrm.services import Services
from fieldcrm.ui import theme


def test_the_style_sheet_is_filled_in_for_light_and_dark() -> None:
    light, dark = theme.style_sheet(dark=False), theme.style_sheet(dark=True)
    assert "$" not in light and "$" not in dark
    assert theme.LIGHT["rail"] in light and theme.DARK["rail"] in dark
    assert theme.LIGHT["rail"] not in dark


def test_follow_up_dates_and_statuses_have_their_tone(today: date) -> None:
    assert theme.due_tone(today - timedelta(days=1), today) == "danger"
    assert theme.due_tone(today.isoformat(), today) == "warning"
    assert theme.due_tone(today + timedelta(days=1), today) is None
    assert theme.due_tone(None, today) is None
    assert [theme.status_tone(s) for s in ("done", "countersigned", "returned", "planned", "draft", None)] == [
        "success", "success", "attention", "info", "muted", None
    ]  # fmt: skip


def test_today_colours_stops_by_status_and_follow_ups_by_how_late_they_are(
    qtbot, make_window, team_services, idle, today
) -> None:
    rep: Services = team_services["rep"]
    done = rep.customers.create(name="上海华东机械有限公司", next_follow_up=today - timedelta(days=2))
    planned = rep.customers.create(name="南京华东电子科技有限公司", next_follow_up=today)
    stop = rep.plans.add_stop(today, done, "送样品")
    rep.plans.add_stop(today, planned, "回访")
    rep.visits.log(done, outcome="客户同意试用", stop_id=stop, kind="visit")
    window = make_window("rep")
    screen = window.show_screen("today")
    idle()
    fg = Qt.ItemDataRole.ForegroundRole
    stops = screen.stops
    assert stops.data(stops.index(0, 4), fg) == QColor(theme.LIGHT["success"])
    assert stops.data(stops.index(1, 4), fg) == QColor(theme.LIGHT["info"])
    assert stops.data(stops.index(0, 4), Qt.ItemDataRole.FontRole).bold()
    assert stops.data(stops.index(0, 1), fg) is None  # only the status cell is coloured
    due = {screen.due.row(r)["name"]: screen.due.data(screen.due.index(r, 0), fg) for r in range(screen.due.rowCount())}
    assert due == {
        "上海华东机械有限公司": QColor(theme.LIGHT["danger"]),
        "南京华东电子科技有限公司": QColor(theme.LIGHT["warning"]),
    }


def test_a_dark_system_gets_the_dark_colours(qapp) -> None:
    before_palette, before_sheet = QGuiApplication.palette(), qapp.styleSheet()
    try:
        theme.follow_system(qapp)
        assert theme.LIGHT["rail"] in qapp.styleSheet()
        dark = QPalette()
        dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        QGuiApplication.setPalette(dark)
        assert theme.is_dark()
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.DARK["rail"] in qapp.styleSheet()
        assert theme.tone_colour("success") == QColor(theme.DARK["success"])
    finally:
        QGuiApplication.setPalette(before_palette)
        qapp.setStyleSheet(before_sheet)


def test_protection_ending_soon_or_ended_has_its_tone(today: date) -> None:
    assert theme.protection_tone(today - timedelta(days=1), today) == "danger"
    assert theme.protection_tone(today, today) == "warning"
    assert theme.protection_tone(today + timedelta(days=theme.LAPSING_DAYS), today) == "warning"
    assert theme.protection_tone(today + timedelta(days=theme.LAPSING_DAYS + 1), today) is None
    assert theme.protection_tone(None, today) is None


def test_the_customer_list_colours_overdue_follow_ups(qtbot, make_window, services, idle, today) -> None:
    services.customers.create(name="上海华东机械有限公司", next_follow_up=today - timedelta(days=3))
    services.customers.create(name="南京华东电子科技有限公司", next_follow_up=today + timedelta(days=30))
    window = make_window("rep")
    screen = window.show_screen("customers")
    idle()
    model = screen.model
    from fieldcrm.ui.customers.model import COL_FOLLOW_UP, COL_NAME

    fg = Qt.ItemDataRole.ForegroundRole
    tones = {model.data(model.index(r, COL_NAME)): model.data(model.index(r, COL_FOLLOW_UP), fg) for r in range(2)}
    assert tones == {"上海华东机械有限公司": QColor(theme.LIGHT["danger"]), "南京华东电子科技有限公司": None}

"""The window's reveal of numbers that reached the laptop masked: the customer page asks head office, shows them in
full, keeps them over a reload, and never writes them into the store."""

from __future__ import annotations

import pytest
from laptops import server_count
from PySide6.QtCore import Qt
from test_masked_feed import CONTACT_MOBILE, MOBILE, local_numbers, pool_customer

from fieldcrm.app import GuiApp
from fieldcrm.ui.workers import protect_singletons

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_the_page_reveals_through_head_office(qtbot, qapp, server, team, laptop_factory, tmp_path) -> None:
    protect_singletons()
    customer = pool_customer(laptop_factory)
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    zhang.close()
    gui = GuiApp(zhang.paths, cache_dir=tmp_path / "qm")
    gui.start()
    try:
        qtbot.waitUntil(lambda: gui.window is not None and gui.window.isVisible())
        screen = gui.window.show_screen("customers")
        screen.open_customer(customer)
        page = screen.page
        qtbot.waitUntil(lambda: page.data.get("id") == customer)
        assert page.form.inputs["phone"].text() == "138****5678"
        assert not page.masked_row.isHidden() and page.reveal.isEnabled()

        qtbot.mouseClick(page.reveal, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.form.inputs["phone"].text() == MOBILE, timeout=15_000)
        assert page.contacts.rows()[0]["mobile"] == CONTACT_MOBILE
        assert server_count(server, "SELECT count(*) FROM audit_event WHERE kind = 'reveal'") == 1
        page.reload()  # the store still holds them masked: the page keeps what head office answered
        qtbot.wait(300)
        assert page.form.inputs["phone"].text() == MOBILE
    finally:
        gui.close()
    assert local_numbers(zhang, customer) == ("138****5678", None, "139****4321")

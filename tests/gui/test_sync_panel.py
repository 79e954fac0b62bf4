"""Sync panel: the not-configured state, pending changes, login errors, and the conflict choices."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from fieldcrm.models import ConflictRecord
from fieldcrm.services import Services


def _conflict(services: Services, customer_id: str) -> str:
    record = ConflictRecord(
        table_name="customer",
        row_id=customer_id,
        field="phone",
        local_value=json.dumps("021-11111111"),
        server_value=json.dumps("021-22222222"),
        reason="both changed",
    )
    with services.store.transaction() as session:
        session.add(record)
    return record.id


def test_sync_panel_before_login_says_not_configured_and_counts_pending(qtbot, make_window, services, idle):
    services.customers.create(name="上海华东机械有限公司")
    window = make_window()
    panel = window.show_screen("sync")
    idle()
    assert panel.state.text().startswith("Sync not configured")
    assert not panel.sync_now.isEnabled() and panel.login.isEnabled()
    assert panel.pending.text() == "2 change(s) waiting to be sent"  # the customer and its first contact
    assert panel.conflict_hint.isVisible()
    # never connected: the work is kept here, nothing is "waiting"; and no idle progress bar at 0 %
    assert window.pending_label.text() == "2 change(s) kept on this computer (not connected to head office)"
    assert not panel.progress.isVisible()
    header = panel.conflict_view.horizontalHeader()
    assert min(header.sectionSize(i) for i in range(header.count())) >= 90  # no sliver columns


def test_conflict_shows_both_values_and_keep_theirs_applies_the_server_value(qtbot, make_window, services, idle):
    customer_id = services.customers.create(name="上海华东机械有限公司", phone="021-11111111")
    _conflict(services, customer_id)
    window = make_window()
    panel = window.show_screen("sync")
    idle()
    assert panel.conflicts.rowCount() == 1
    assert panel.conflicts.data(panel.conflicts.index(0, 1)) == "Phone"
    assert "021-11111111" in panel.conflicts.data(panel.conflicts.index(0, 2))
    assert "021-22222222" in panel.conflicts.data(panel.conflicts.index(0, 3))
    qtbot.mouseClick(panel.keep_theirs, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Select a conflict first."
    panel.conflict_view.selectRow(0)
    qtbot.mouseClick(panel.keep_theirs, Qt.MouseButton.LeftButton)
    idle()
    assert panel.message.text() == "Conflict resolved."
    assert services.customers.get(customer_id)["phone"] == "021-22222222"
    assert panel.conflicts.rowCount() == 0


def test_login_without_a_server_names_the_field(qtbot, make_window, idle):
    window = make_window()
    panel = window.show_screen("sync")
    idle()
    qtbot.mouseClick(panel.login, Qt.MouseButton.LeftButton)
    idle()
    assert panel.message.text().startswith("Server address: is required")


def test_keep_an_edited_value_refuses_bad_input_and_keeps_the_conflict_open(qtbot, make_window, services, idle):
    customer_id = services.customers.create(name="上海华东机械有限公司", phone="021-11111111")
    _conflict(services, customer_id)
    window = make_window()
    panel = window.show_screen("sync")
    idle()
    panel.conflict_view.selectRow(0)
    panel.edited.setText("x" * 50)  # longer than a phone may be
    qtbot.mouseClick(panel.keep_edited, Qt.MouseButton.LeftButton)
    idle()
    assert "Phone" in panel.message.text()
    assert panel.conflicts.rowCount() == 1
    panel.edited.setText("021-33333333")
    qtbot.mouseClick(panel.keep_edited, Qt.MouseButton.LeftButton)
    idle()
    assert services.customers.get(customer_id)["phone"] == "021-33333333"
    assert panel.conflicts.rowCount() == 0

"""Masked numbers and the export log in the window: a rep browsing a public-pool customer sees its mobile numbers
masked in the list and on its page until they reveal them (logged for head office); owners see them in full; a
supervisor reads the team's exports in the export log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from fieldcrm.excel import export_customers
from fieldcrm.services import Services
from fieldcrm.ui.customers.model import COL_NAME, COL_PHONE

POOL = "公海机电设备有限公司"


@pytest.fixture
def pool_customer(team_services: dict[str, Services]) -> str:
    """A public-pool customer (no owner) with a mobile number and a contact's, made by head office's admin."""
    store = team_services["rep"].store
    admin = Services.for_store(store).profile.add_user("总部管理员", "admin")
    return Services.for_store(store, admin.id).customers.create(
        name=POOL,
        phone="13812345678",
        owner_id=None,
        in_public_pool=True,
        contacts=[{"name": "施经理", "mobile": "13987654321"}],
    )


def _list_phone(qtbot, screen, name: str) -> str:
    model = screen.model
    model.data(model.index(0, COL_NAME))  # the first window of rows, as the view asks
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.row_at(0) is not None)
    [row] = [r for r in range(model.rowCount()) if model.data(model.index(r, COL_NAME)) == name]
    return model.data(model.index(row, COL_PHONE))


def _reveals(store) -> list[dict]:
    """The reveal entries waiting in the outbox (what head office will be told)."""
    with store.engine.connect() as conn:
        entries = conn.execute(text("SELECT fields FROM outbox WHERE table_name = 'audit_event'")).all()
    return [f for f in (json.loads(e[0]) for e in entries) if f.get("kind") == "reveal"]


def test_a_rep_browsing_the_pool_sees_numbers_masked_until_revealed(qtbot, make_window, services, pool_customer, idle):
    services.customers.create(name="自家五金有限公司", phone="13700001111")
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    assert _list_phone(qtbot, screen, POOL) == "138****5678"
    assert _list_phone(qtbot, screen, "自家五金有限公司") == "13700001111"  # their own: in full

    screen.open_customer(pool_customer)
    idle()
    page = screen.page
    assert page.form.inputs["phone"].text() == "138****5678"
    assert page.contacts.rows()[0]["mobile"] == "139****4321"
    assert not page.masked_row.isHidden()
    assert _reveals(services.store) == []

    qtbot.mouseClick(page.reveal, Qt.MouseButton.LeftButton)
    idle()
    assert page.form.inputs["phone"].text() == "13812345678"
    assert page.contacts.rows()[0]["mobile"] == "13987654321"
    assert page.masked_row.isHidden()
    [reveal] = _reveals(services.store)
    assert (reveal["customer_id"], reveal["owner_id"]) == (pool_customer, services.user_id)

    page.reload()  # a refresh keeps what was revealed, and logs nothing more
    idle()
    assert page.form.inputs["phone"].text() == "13812345678"
    assert len(_reveals(services.store)) == 1


def test_the_owner_and_their_supervisor_see_the_numbers_in_full(qtbot, make_window, services, idle):
    mine = services.customers.create(
        name="自家五金有限公司", phone="13700001111", contacts=[{"name": "钱经理", "mobile": "13600002222"}]
    )
    for who in ("rep", "supervisor"):
        window = make_window(who)
        screen = window.show_screen("customers")
        idle()
        assert _list_phone(qtbot, screen, "自家五金有限公司") == "13700001111", who
        screen.open_customer(mine)
        idle()
        assert screen.page.form.inputs["phone"].text() == "13700001111", who
        assert screen.page.contacts.rows()[0]["mobile"] == "13600002222", who
        assert screen.page.masked_row.isHidden(), who
        window.close()


def test_the_supervisor_reads_a_reps_export_in_the_export_log(qtbot, make_window, team_services, idle, tmp_path: Path):
    rep = team_services["rep"]
    rep.customers.create(name="自家五金有限公司", phone="13700001111")
    export_customers(rep.store, tmp_path / "我的客户.xlsx", user_id=rep.user_id)
    window = make_window("supervisor")
    inbox = window.show_screen("inbox")
    idle()
    qtbot.mouseClick(inbox.export_log, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "exportLogDialog")
    qtbot.waitUntil(lambda: dialog.loads_done > 0)
    model = dialog.exports
    shown = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [row[1:5] for row in shown] == [["张伟", "1", "我的客户.xlsx", "all customers"]]
    assert dialog.empty.isHidden()

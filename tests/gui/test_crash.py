"""An error nobody foresaw: the rep sees one dialog with an apology and a report to copy (no customer data), the
error is in the log, and the store is exactly as it was before the interrupted action."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from fieldcrm import __version__
from fieldcrm.logs import setup_logging, teardown_logging
from fieldcrm.models import Customer
from fieldcrm.services.changes import unit_of_work
from fieldcrm.ui import crash
from fieldcrm.ui.crash import CrashDialog, install_crash_reporter
from fieldcrm.ui.ops.base import Op

SECRET = "机密客户名称有限公司"  # typed by the rep: must never reach the report


@pytest.fixture
def reporter(tmp_path, qapp):
    logs = tmp_path / "logs"
    setup_logging(logs, console=False)
    made = install_crash_reporter(logs)
    yield made
    if made.dialog is not None:
        made.dialog.close()
    crash._reporter = None
    teardown_logging()


def rows(store, sql: str) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(sql).scalar_one()


def test_a_bug_in_the_middle_of_a_save_shows_the_report_and_leaves_the_store_whole(
    qtbot, worker, team_services, reporter
):
    store = team_services["rep"].store
    before = (rows(store, "SELECT count(*) FROM customer"), rows(store, "SELECT count(*) FROM outbox"))

    def save_then_fail(services) -> None:
        with unit_of_work(services.store) as uow:
            uow.insert(Customer(name=SECRET, name_norm=SECRET, owner_id=services.customers.user_id))
            uow.session.flush()  # the row is written inside the transaction...
            raise RuntimeError("a bug half-way through the save")  # ...and then the code falls over

    Op(None, worker, save_then_fail, {"customers"}).run()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog: CrashDialog = reporter.dialog
    report = dialog.report.toPlainText()
    assert f"FieldCRM {__version__}" in report and "System: " in report
    assert "RuntimeError: a bug half-way through the save" in report and "save_then_fail" in report
    assert SECRET not in report
    assert "The data you saved is safe" in dialog.findChild(QLabel, "crashApology").text()
    assert str(reporter.log_dir) in dialog.findChild(QLabel, "crashLogs").text()
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == report

    # Nothing of the interrupted action was stored: no row, no outbox entry; the store still works.
    assert (rows(store, "SELECT count(*) FROM customer"), rows(store, "SELECT count(*) FROM outbox")) == before
    assert rows(store, "PRAGMA integrity_check") == "ok"
    team_services["rep"].customers.create(name="崩溃之后的客户有限公司")
    log_text = (reporter.log_dir / "fieldcrm.log").read_text(encoding="utf-8")
    assert "a bug half-way through the save" in log_text and SECRET not in log_text


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_opens_one_dialog_and_a_second_one_adds_to_it(qtbot, reporter):
    def broken_slot() -> None:
        raise ValueError("a slot fell over")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    first = reporter.dialog
    QTimer.singleShot(0, lambda: logging.getLogger("x").info("between the errors") or broken_slot())
    qtbot.waitUntil(lambda: "in <lambda>" in first.report.toPlainText())  # the second error's traceback
    assert reporter.dialog is first
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()] == [first]
    second = first.report.toPlainText().split("-" * 40)[1]
    assert "between the errors" in second  # the newest log lines ride along with each report

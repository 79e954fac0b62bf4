"""Backups from the window: a daily one once the window is ready, "Back up now" and "Restore…" in Settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from fieldcrm.app import GuiApp
from fieldcrm.paths import resolve_paths
from fieldcrm.services import CustomerQuery, Services
from fieldcrm.ui.i18n import install_language
from fieldcrm.ui.settings_dialog import SettingsDialog


@pytest.fixture
def running_app(qapp, qtbot, tmp_path: Path):
    paths = resolve_paths().ensure()
    first = GuiApp(paths, cache_dir=tmp_path / "qm-cache")
    services = Services.for_store(first.store)
    services.profile.init_profile("张伟", "rep", "华东一组")
    services.customers.create(name="还原前的客户有限公司")
    first.close()
    app = GuiApp(paths, cache_dir=tmp_path / "qm-cache")
    app.start()
    qtbot.waitUntil(lambda: app.window is not None)
    yield app
    app.close()
    install_language("en")


def daily_backups(app: GuiApp) -> list[Path]:
    return sorted(app.paths.backups.glob("fieldcrm-daily-*.sqlite3"))


def test_the_window_takes_a_daily_backup_once_it_is_ready(qtbot, running_app: GuiApp) -> None:
    qtbot.waitUntil(lambda: len(daily_backups(running_app)) == 1)


def test_back_up_now_then_restore_brings_the_data_back_and_rebuilds_the_window(qtbot, running_app: GuiApp) -> None:
    app = running_app
    dialog = SettingsDialog(app.worker, app.settings, app, app.window)  # closes with the window
    dialog.back_up.click()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Backed up 1 customers"))
    [backup] = app.paths.backups.glob("fieldcrm-manual-*.sqlite3")

    Services.for_store(app.store).customers.create(name="备份之后的客户有限公司")
    old_window = app.window
    dialog.check_backup(backup)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "restoreConfirm") is not None)
    box = dialog.findChild(QMessageBox, "restoreConfirm")
    assert "张伟" in box.text() and "1 customers" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: app.window is not old_window and app.window is not None)
    assert app.window.statusBar().currentMessage().startswith("Restored fieldcrm-manual-")
    names = [row.name for row in Services.for_store(app.store).search.search(CustomerQuery())]
    assert names == ["还原前的客户有限公司"]
    [kept] = app.paths.backups.glob("fieldcrm-before-restore-*.sqlite3")
    assert kept.is_file()


def test_a_damaged_file_is_refused_in_words(qtbot, running_app: GuiApp, tmp_path: Path) -> None:
    app = running_app
    dialog = SettingsDialog(app.worker, app.settings, app, app.window)
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database at all")
    dialog.check_backup(junk)
    qtbot.waitUntil(lambda: "not a FieldCRM backup" in dialog.message.text())
    assert dialog.findChild(QMessageBox, "restoreConfirm") is None

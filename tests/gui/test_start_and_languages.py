"""First run, window state in the profile's QSettings, and the Chinese catalogue really reaching the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox

from fieldcrm.app import GuiApp
from fieldcrm.paths import resolve_paths
from fieldcrm.services import Services
from fieldcrm.ui.i18n import compiled_catalogue, install_language


@pytest.fixture
def gui_app(qapp, tmp_path: Path):
    apps: list[GuiApp] = []

    def start() -> GuiApp:
        app = GuiApp(resolve_paths().ensure(), cache_dir=tmp_path / "qm-cache")
        app.start()
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.close()
    install_language("en")


def test_first_run_asks_who_you_are_then_opens_an_empty_main_window(qtbot, gui_app, typing):
    app = gui_app()
    qtbot.waitUntil(lambda: app.first_run is not None and app.first_run.isVisible())
    dialog = app.first_run
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no name yet
    qtbot.waitUntil(lambda: "Name" in dialog.message.text())
    assert app.window is None
    typing(dialog.name, "张伟")
    dialog.role.setCurrentIndex(dialog.role.findData("rep"))
    typing(dialog.team, "华东一组")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.window is not None and app.window.isVisible())
    window = app.window
    qtbot.waitUntil(lambda: app.worker.pending == 0)
    assert window.current_key() == "today"
    assert [window.rail.item(i).text() for i in range(window.rail.count())] == [
        "Today",
        "Customers",
        "Plans",
        "Reports",
        "Public pool",
        "Handovers",
        "Sync",
    ]
    today = window.screens["today"]
    assert today.stops_hint.isVisible() and "Plans" in today.stops_hint.text()
    assert window.online_label.text() == "Offline (sync not configured)"
    assert window.last_sync_label.text() == "Last sync: never"
    assert Services.for_store(app.store).profile.current().name == "张伟"


def test_window_remembers_size_and_last_screen_in_the_profile_config(qtbot, gui_app, team_services):
    # team_services made the store under the test's own folder; the profile folder gets a user too
    first = gui_app()
    Services.for_store(first.store).profile.init_profile("张伟", "rep", "华东一组")
    first.close()
    app = gui_app()
    qtbot.waitUntil(lambda: app.window is not None)
    app.window.resize(700, 500)  # within the offscreen screen (800×600)
    app.window.show_screen("reports")
    app.window.close()
    ini = resolve_paths().config / "fieldcrm-ui.ini"
    assert ini.is_file()
    again = gui_app()
    qtbot.waitUntil(lambda: again.window is not None)
    assert again.window.current_key() == "reports"
    # the width is held up by the screens' minimum width; the height shows the size came back
    assert again.window.height() == 500
    assert again.window.width() == app.window.width()


def test_chinese_catalogue_is_compiled_and_shown(qtbot, gui_app, tmp_path):
    catalogue = compiled_catalogue("zh_CN", tmp_path / "cache")
    assert catalogue is not None and catalogue.stat().st_size > 1000
    first = gui_app()
    Services.for_store(first.store).profile.init_profile("张伟", "rep", "华东一组")
    first.settings.setValue("ui/language", "zh_CN")
    first.close()
    app = gui_app()
    qtbot.waitUntil(lambda: app.window is not None)
    qtbot.waitUntil(lambda: app.worker.pending == 0)
    window = app.window
    assert app.language == "zh_CN"
    assert QLocale().name() == "zh_CN"
    assert [window.rail.item(i).text() for i in range(window.rail.count())] == [
        "今日",
        "客户",
        "计划",
        "日报",
        "公海",
        "交接",
        "同步",
    ]
    customers = window.show_screen("customers")
    assert customers.new_button.text() == "新建客户"
    assert customers.model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    assert window.online_label.text() == "离线（未配置同步）"
    qtbot.waitUntil(lambda: window.pending_label.text() != "")
    assert "保存在本机" in window.pending_label.text()


def test_language_follows_the_system_locale_unless_chosen(qapp):
    from fieldcrm.ui.i18n import resolve_language

    system = QLocale.system().name()
    assert resolve_language("") == ("zh_CN" if system.startswith("zh") else "en")
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("en") == "en"
    assert QCoreApplication.translate("screens", "Today") == "Today"


def test_settings_switch_language_and_user_rebuild_the_window(qtbot, gui_app):
    from fieldcrm.ui.settings_dialog import SettingsDialog

    first = gui_app()
    profile = Services.for_store(first.store).profile
    profile.add_user("王经理", "supervisor", "华东一组")
    profile.init_profile("张伟", "rep", "华东一组")
    first.close()
    app = gui_app()
    qtbot.waitUntil(lambda: app.window is not None)
    qtbot.mouseClick(app.window.settings_button, Qt.MouseButton.LeftButton)
    dialog = app.window.findChild(SettingsDialog)
    qtbot.waitUntil(lambda: dialog.user.count() == 2)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.user.setCurrentIndex(dialog.user.findData("王经理"))
    dialog.apply()
    qtbot.waitUntil(lambda: app.window is not None and app.window.user.name == "王经理")
    window = app.window
    assert "inbox" in window.screens and "today" not in window.screens
    rail = [window.rail.item(i).text() for i in range(window.rail.count())]
    assert rail == ["客户", "待审日报", "公海", "交接", "仲裁", "公平报表", "同步"]
    assert app.settings.value("ui/language") == "zh_CN"
    assert profile.current().name == "王经理"


def test_first_run_server_login_reports_an_unreachable_server(qtbot, gui_app, typing):
    app = gui_app()
    qtbot.waitUntil(lambda: app.first_run is not None and app.first_run.isVisible())
    dialog = app.first_run
    qtbot.mouseClick(dialog.server, Qt.MouseButton.LeftButton)
    assert dialog.login_box.isVisible()
    typing(dialog.server_url, "http://127.0.0.1:9")  # nothing listens on the discard port
    typing(dialog.server_user, "zhangwei")
    typing(dialog.server_password, "secret")
    qtbot.mouseClick(dialog.login, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    assert app.window is None
    assert "Unexpected" not in dialog.message.text(), dialog.message.text()


def test_settings_choose_how_often_the_app_syncs_by_itself(qtbot, gui_app):
    from fieldcrm.ui.settings_dialog import SettingsDialog

    first = gui_app()
    Services.for_store(first.store).profile.init_profile("张伟", "rep", "华东一组")
    first.close()
    app = gui_app()
    qtbot.waitUntil(lambda: app.window is not None and app.window.auto_sync is not None)
    assert app.window.auto_sync.enabled and app.window.auto_sync.schedule.interval == 300  # the default
    qtbot.mouseClick(app.window.settings_button, Qt.MouseButton.LeftButton)
    dialog = app.window.findChild(SettingsDialog)
    assert dialog.auto_sync.currentData() == 5
    dialog.auto_sync.setCurrentIndex(dialog.auto_sync.findData(0))
    dialog.apply()
    qtbot.waitUntil(lambda: app.window is not None and app.window.auto_sync is not None)
    assert not app.window.auto_sync.enabled and not app.window.auto_sync.timer.isActive()
    assert app.settings.value("sync/auto_minutes") in (0, "0")

    qtbot.mouseClick(app.window.settings_button, Qt.MouseButton.LeftButton)
    dialog = app.window.findChild(SettingsDialog)
    assert dialog.auto_sync.currentData() == 0  # the choice is remembered
    dialog.auto_sync.setCurrentIndex(dialog.auto_sync.findData(15))
    dialog.apply()
    qtbot.waitUntil(lambda: app.window is not None and app.window.auto_sync is not None)
    assert app.window.auto_sync.enabled and app.window.auto_sync.schedule.interval == 900

"""After a while without input FieldCRM hides behind a lock that takes the user's password (their head-office
login, else the store's passphrase), checked offline; Escape and the close box do not unlock it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fieldcrm.app import GuiApp
from fieldcrm.domain.app_lock import LockRule
from fieldcrm.ids import stable_id
from fieldcrm.models import ExportPolicy
from fieldcrm.paths import resolve_paths
from fieldcrm.services import Services
from fieldcrm.services.app_lock import LOCK_VERIFIER, verifier_for
from fieldcrm.services.state import set_state
from fieldcrm.store import keys
from fieldcrm.ui.i18n import install_language

PASSPHRASE = os.environ[keys.ENV_PASSPHRASE]  # the suite's stores are opened with it (tests/conftest.py)


def _start(tmp_path: Path, login_password: str | None = None, policy_minutes: int | None = None) -> GuiApp:
    paths = resolve_paths().ensure()
    first = GuiApp(paths, cache_dir=tmp_path / "qm-cache")
    services = Services.for_store(first.store)
    services.profile.init_profile("张伟", "rep", "华东一组")
    services.customers.create(name="锁屏测试客户有限公司")
    if login_password is not None:  # what `login` keeps of the password
        with first.store.transaction() as session:
            set_state(session, LOCK_VERIFIER, verifier_for(login_password))
    if policy_minutes is not None:  # head office's lock policy for reps, as a sync brings it
        with first.store.transaction() as session:
            session.add(ExportPolicy(id=stable_id("export_policy", "rep"), role="rep", lock_minutes=policy_minutes))
    first.close()
    app = GuiApp(paths, cache_dir=tmp_path / "qm-cache")
    app.start()
    return app


@pytest.fixture
def started(qapp, qtbot, tmp_path: Path):
    apps: list[GuiApp] = []

    def start(login_password: str | None = None, policy_minutes: int | None = None) -> GuiApp:
        app = _start(tmp_path, login_password, policy_minutes)
        apps.append(app)
        qtbot.waitUntil(lambda: app.window is not None and app.window.isVisible() and app.lock is not None)
        app.lock.timer.setInterval(20)
        return app

    yield start
    for app in apps:
        app.close()
    install_language("en")


def _unlock_with(qtbot, app: GuiApp, typing, password: str) -> None:
    dialog = app.lock.dialog
    dialog.password.clear()
    typing(dialog.password, password)
    qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)


def test_idle_locks_the_window_and_only_the_passphrase_unlocks_it(qtbot, started, typing) -> None:
    app = started()
    window = app.window
    app.lock.set_idle_seconds(0.2)
    qtbot.waitUntil(lambda: app.lock.is_locked and app.lock.dialog.isVisible())
    assert not window.isVisible()
    dialog = app.lock.dialog
    dialog.reject()  # Escape
    dialog.close()  # the close box
    assert app.lock.is_locked and dialog.isVisible() and not window.isVisible()

    _unlock_with(qtbot, app, typing, "not the passphrase")
    qtbot.waitUntil(lambda: dialog.problem.text() == "That password is not right; try again.")
    assert not window.isVisible()

    _unlock_with(qtbot, app, typing, PASSPHRASE)
    qtbot.waitUntil(lambda: not app.lock.is_locked)
    assert window.isVisible()


def test_after_a_login_the_login_password_unlocks_and_the_passphrase_does_not(qtbot, started, typing) -> None:
    app = started(login_password="the login password")
    app.lock.lock()
    qtbot.waitUntil(lambda: app.lock.is_locked)
    dialog = app.lock.dialog
    _unlock_with(qtbot, app, typing, PASSPHRASE)
    qtbot.waitUntil(lambda: dialog.problem.text() == "That password is not right; try again.")
    _unlock_with(qtbot, app, typing, "the login password")
    qtbot.waitUntil(lambda: not app.lock.is_locked and app.window.isVisible())


def test_input_keeps_the_window_open_and_zero_minutes_never_locks(qtbot, started) -> None:
    app = started()
    app.lock.set_idle_seconds(0.5)
    for _ in range(8):  # someone working: a key every 0.1 s
        qtbot.keyClick(app.window, Qt.Key.Key_Shift)
        qtbot.wait(100)
    assert not app.lock.is_locked
    app.lock.set_minutes(0)
    qtbot.wait(300)
    assert not app.lock.is_locked and app.window.isVisible()


def test_head_offices_policy_caps_the_idle_time_and_the_settings_say_so(qtbot, started) -> None:
    app = started(policy_minutes=5)
    qtbot.waitUntil(lambda: app.lock.rule == LockRule(5))
    assert app.lock.idle_seconds == 5 * 60  # the user's 15 minutes, shortened
    app.lock.set_minutes(0)  # Never is not the user's to choose under a policy
    assert app.lock.idle_seconds == 5 * 60
    from fieldcrm.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(app.worker, app.settings, app)
    qtbot.addWidget(dialog)
    assert (dialog.lock_after.minimum(), dialog.lock_after.maximum(), dialog.lock_after.value()) == (1, 5, 5)
    assert not dialog.lock_policy.isHidden()
    assert "5 minutes" in dialog.lock_policy.text()

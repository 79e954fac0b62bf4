"""GUI fixtures: a real store with a team, the database worker, and main windows acting as its users."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from fieldcrm.paths import resolve_paths
from fieldcrm.services import Services
from fieldcrm.ui.i18n import install_language
from fieldcrm.ui.main_window import MainWindow
from fieldcrm.ui.settings import settings_for
from fieldcrm.ui.workers import DbWorker, GarbageCollector, SingletonGuard, protect_singletons

#: The offscreen platform plugin warns that it cannot pass size hints to a window system it does not have; that is
#: the test platform talking, not FieldCRM. Every other Qt warning still fails the test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session", autouse=True)
def _bool_headroom() -> None:
    """The app protects None/True/False against the PySide6 6.12.0 reference bug (see ui.workers); so do tests,
    whose pytest-qt helpers and qtmodeltester hit the same paths."""
    protect_singletons()


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(qapp: object) -> Iterator[None]:
    """Every window a test leaves (the app's own, rebuilt on a language switch, dialogs) is closed and deleted when
    the test ends, and the cycles it leaves are collected here, on the GUI thread: left alone, a later test's event
    loop (pytest-qt runs one after every test, GUI or not) would deliver events to them, and a collection on a server
    thread would destroy Qt objects off the GUI thread."""
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


@pytest.fixture
def chinese(qapp: object, tmp_path) -> Iterator[None]:
    """The window's texts in Simplified Chinese for this test (compiled into `tmp_path`), English again after it."""
    install_language("zh_CN", tmp_path / "qm")
    yield
    install_language("en")


@pytest.fixture
def worker(team_services: dict[str, Services], qapp: object) -> Iterator[DbWorker]:
    """The database worker acting as the rep 张伟."""
    db = DbWorker(team_services["rep"])
    guard = SingletonGuard(db)
    collector = GarbageCollector(db)  # as the app does: cycles are collected on the GUI thread only
    yield db
    db.shutdown()
    guard.stop()
    collector.stop()
    db.deleteLater()  # with its timers, on this (the GUI) thread: see `_no_window_outlives_its_test`


@pytest.fixture
def ui_settings() -> QSettings:
    return settings_for(resolve_paths().ensure())


@pytest.fixture
def make_window(
    qtbot, worker: DbWorker, team_services: dict[str, Services], ui_settings: QSettings
) -> Callable[[str], MainWindow]:
    """A shown main window acting as 'rep', 'other' or 'supervisor' (the worker switches user)."""

    def make(who: str = "rep") -> MainWindow:
        services = team_services[who]
        worker.set_services(services)
        with services.store.session() as session:
            user = services.reports.actor(session)
        info = next(u for u in services.profile.users() if u.id == user.id)
        window = MainWindow(worker, info, ui_settings, resolve_paths().ensure())
        qtbot.addWidget(window)
        window.show()
        wait_idle(qtbot, worker)
        return window

    return make


def wait_idle(qtbot, worker: DbWorker) -> None:
    """Wait until every queued database operation (and the ones their callbacks queued) has come back; in between,
    one pass of the event loop runs what those callbacks scheduled for it."""
    qtbot.waitUntil(lambda: worker.pending == 0)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: worker.pending == 0)


@pytest.fixture
def idle(qtbot, worker: DbWorker) -> Callable[[], None]:
    """`idle()` waits until the database worker has answered everything the GUI asked."""
    return lambda: wait_idle(qtbot, worker)


def type_text(widget, text: str) -> None:
    """Type like a user: Chinese arrives committed by the input method (one character per commit), as with
    Pinyin IMEs; QTest's key clicks only know ASCII."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def typing() -> Callable[[object, str], None]:
    return type_text

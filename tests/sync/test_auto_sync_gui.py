"""The window syncs by itself: a real main window (offscreen) logged in to a real server on loopback sends a local
edit shortly after it is made and brings in a colleague's change, without anyone pressing "Sync now"; a server that
goes away is reported as offline in the status bar, never as an error box, and the window keeps working.

The schedule's clock is one the test moves by hand (`ManualClock`): a sync falls due when the test says the
debounce, the retry delay or the interval has passed, never because the machine was fast or slow."""

from __future__ import annotations

import pytest
from laptops import PASSWORD, customer_with_a_nul, server_count
from proxy import CuttingProxy
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldcrm.services import CustomerQuery
from fieldcrm.ui.main_window import MainWindow
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.settings import AUTO_SYNC_MINUTES, settings_for
from fieldcrm.ui.workers import DbWorker, GarbageCollector, SingletonGuard, protect_singletons
from waiting import ManualClock

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def proxy(server):
    running = CuttingProxy(int(server.url.rsplit(":", 1)[1]))
    yield running
    running.close()


@pytest.fixture
def open_window(qtbot, qapp):
    """The rep's main window on a laptop's store, as the app builds it; closed with its worker afterwards."""
    protect_singletons()
    opened = []

    def open_(laptop, settings=None):
        services = laptop.services()
        worker = DbWorker(services)
        guards = (SingletonGuard(worker), GarbageCollector(worker))
        info = next(u for u in services.profile.users() if u.name == "张伟")
        window = MainWindow(worker, info, settings or settings_for(laptop.paths), laptop.paths)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.auto_sync is not None)
        opened.append((window, worker, guards))
        return window, worker

    yield open_
    for window, worker, guards in opened:
        window.close()
        worker.shutdown()
        guards[1].stop()


@pytest.fixture
def rep_window(team, laptop_factory, proxy, open_window):
    """The rep's window, its schedule on a clock the test moves (`window.clock`), and every status bar message it
    shows, in order (`window.messages`: a message that times out is still seen)."""
    laptop = laptop_factory("zhangwei")
    laptop.server_url = proxy.url  # the rep's laptop reaches the server through a line the test can cut
    laptop.login("张伟", PASSWORD)
    window, worker = open_window(laptop)
    schedule = window.auto_sync.schedule
    # The clock stops where the real one is: a sync already due (the one at start) stays due, one done stays done.
    window.clock = ManualClock(schedule.clock())
    schedule.clock = window.clock
    window.messages = []
    window.statusBar().messageChanged.connect(window.messages.append)
    return window, worker, laptop


def _edited(qtbot, window, worker, name: str, **fields: str) -> None:
    """A customer made in the window; returns once the schedule has taken the local change (its debounce runs)."""
    schedule = window.auto_sync.schedule
    Op(window, worker, lambda s: s.customers.create(name=name, **fields), {"customers"}).run()
    qtbot.waitUntil(lambda: schedule.seconds_left() <= schedule.debounce)


def _last_report(window) -> str:
    return [m for m in window.messages if m][-1]


def test_local_edit_goes_up_and_a_colleagues_edit_comes_down_unasked(qtbot, rep_window, server, laptop_factory):
    window, worker, laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None)  # the sync at start
    assert window.online_label.text() == f"Online: {laptop.server_url}"

    _edited(qtbot, window, worker, "苏州精密模具有限公司", phone="0512-62345678")
    assert driver.runs == 1  # the edit waits for the debounce
    window.clock.advance(driver.schedule.debounce)  # the rep's edits have settled
    qtbot.waitUntil(
        lambda: server_count(server, "SELECT count(*) FROM customer WHERE name = '苏州精密模具有限公司'") == 1
    )
    qtbot.waitUntil(lambda: window.pending_label.text() == "0 change(s) waiting to sync")
    assert _last_report(window).startswith("Synced: 2 sent")  # the customer and its first contact

    # the supervisor regrades that customer from another laptop; the rep's next scheduled sync brings it in
    boss = laptop_factory("wangjingli", "王经理")
    boss.sync()
    services = boss.services()
    found = services.search.search(CustomerQuery(text="精密模具"))
    assert len(found) == 1
    services.customers.update(found[0].id, grade="A")
    boss.sync()
    runs = driver.runs
    window.clock.advance(driver.schedule.interval)  # the periodic interval comes round
    qtbot.waitUntil(lambda: driver.runs > runs and driver.running is None)
    assert laptop.services().customers.get(found[0].id)["grade"] == "A"
    assert _last_report(window).startswith("Synced: 0 sent, 1 received")


def test_server_gone_is_offline_in_the_status_bar_and_retried_with_backoff(qtbot, rep_window, server, proxy):
    window, worker, _laptop = rep_window
    driver = window.auto_sync
    schedule = driver.schedule
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None)
    proxy.down = True  # the car park has no signal
    _edited(qtbot, window, worker, "宁波港口物流有限公司")
    runs = driver.runs
    window.clock.advance(schedule.debounce)
    qtbot.waitUntil(lambda: driver.runs > runs and driver.running is None)
    assert _last_report(window) == "Offline: will sync when the server can be reached."
    assert schedule.failures == 1 and schedule.seconds_left() == pytest.approx(schedule.retry_first)  # the app's 15 s
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]  # no error box for being offline
    qtbot.waitUntil(lambda: window.online_label.text() == "Offline (server not reachable at last sync)")
    assert window.pending_label.text() == "2 change(s) waiting to sync"  # the customer and its first contact

    proxy.down = False  # back in range: the retry sends the waiting change
    runs = driver.runs
    window.clock.advance(schedule.retry_first)
    qtbot.waitUntil(
        lambda: server_count(server, "SELECT count(*) FROM customer WHERE name = '宁波港口物流有限公司'") == 1
    )
    qtbot.waitUntil(lambda: driver.runs > runs and schedule.failures == 0 and driver.running is None)


def test_a_background_sync_shows_in_the_sync_panel_and_can_be_cancelled(qtbot, rep_window, proxy):
    window, _worker, _laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None)
    panel = window.show_screen("sync")
    proxy.stall = True  # the sync will wait for the server's answer until the test lets it go
    window.clock.advance(driver.schedule.interval)
    qtbot.waitUntil(lambda: driver.running is not None and proxy.held >= 1)
    assert panel.background and panel.cancel.isEnabled() and not panel.sync_now.isEnabled()
    assert panel.message.text() == "Syncing in the background…"
    assert window.statusBar().currentMessage() == "Syncing in the background…"
    panel.cancel.click()
    proxy.release()  # the held request fails; the sync sees it was cancelled instead of retrying
    qtbot.waitUntil(lambda: driver.running is None)
    assert panel.message.text() == "Background sync cancelled."
    assert not panel.background and not panel.cancel.isEnabled()
    qtbot.waitUntil(panel.sync_now.isEnabled)


def test_a_silent_server_never_holds_up_a_search(qtbot, rep_window, proxy):
    window, worker, _laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None)
    proxy.stall = True  # connections are accepted and then nothing comes back
    window.clock.advance(driver.schedule.interval)
    qtbot.waitUntil(lambda: driver.running is not None and proxy.held >= 1)  # waiting for an answer that never comes
    found: list[int] = []
    QueryOp(None, worker, lambda s: len(s.search.search(CustomerQuery(limit=50)))).success(found.append).run()
    qtbot.waitUntil(lambda: bool(found))
    assert driver.running is not None and proxy.held >= 1  # the search came back while the sync still waits
    proxy.release()
    qtbot.waitUntil(lambda: driver.running is None)


def test_automatic_sync_can_be_switched_off(qtbot, team, laptop_factory, open_window):
    laptop = laptop_factory("zhangwei", "张伟")
    settings = settings_for(laptop.paths)
    settings.setValue(AUTO_SYNC_MINUTES, 0)  # as the settings dialog writes it: a metered connection
    window, worker = open_window(laptop, settings)
    qtbot.waitUntil(lambda: window.online_label.text().endswith(" · automatic sync off"))
    Op(window, worker, lambda s: s.customers.create(name="嘉兴纺织有限公司"), {"customers"}).run()
    qtbot.waitUntil(lambda: window.pending_label.text() == "2 change(s) waiting to sync")  # with its first contact
    # Nothing ticks, so nothing syncs however long the rep waits: the schedule is never asked.
    assert not window.auto_sync.timer.isActive()
    assert window.auto_sync.runs == 0


def test_a_refused_change_shows_in_the_status_bar_the_list_and_the_sync_panel_without_a_box(qtbot, rep_window, server):
    window, worker, laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None)
    me = next(u for u in laptop.services().profile.users() if u.name == "张伟")
    customer_id, _contact = customer_with_a_nul(laptop, me.id)  # stored by an older version, refused by the server
    runs = driver.runs
    driver.sync_now()
    qtbot.waitUntil(lambda: driver.runs > runs and driver.running is None)
    assert "2 change(s) not accepted by head office" in _last_report(window)
    qtbot.waitUntil(lambda: window.refused_label.isVisible())
    assert window.refused_label.text() == "2 change(s) not accepted by head office (see Sync)"
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]

    customers = window.show_screen("customers")
    qtbot.waitUntil(lambda: customers.model.rowCount() == 1 and customers.model.row_at(0) is not None)
    index = customers.model.index(0, 0)
    assert customers.model.data(index).startswith("⚠ ")
    assert "NUL" in customers.model.data(index, Qt.ItemDataRole.ToolTipRole)

    panel = window.show_screen("sync")
    qtbot.waitUntil(lambda: panel.refused.isVisible() and panel.conflicts.rowCount() == 2)
    assert panel.refused.text().startswith("2 change(s) not accepted by head office")
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer_id}'") == 0

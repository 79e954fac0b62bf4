"""The window syncs by itself: a real main window (offscreen) logged in to a real server on loopback sends a local
edit shortly after it is made and brings in a colleague's change, without anyone pressing "Sync now"; a server that
goes away is reported as offline in the status bar, never as an error box, and the window keeps working."""

from __future__ import annotations

import threading

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
        qtbot.waitUntil(lambda: window.auto_sync is not None, timeout=10_000)
        opened.append((window, worker, guards))
        return window, worker

    yield open_
    for window, worker, guards in opened:
        window.close()
        worker.shutdown()
        guards[1].stop()


@pytest.fixture
def rep_window(team, laptop_factory, proxy, open_window):
    laptop = laptop_factory("zhangwei")
    laptop.server_url = proxy.url  # the rep's laptop reaches the server through a line the test can cut
    laptop.login("张伟", PASSWORD)
    window, worker = open_window(laptop)
    window.auto_sync.schedule.debounce = 0.2  # seconds instead of the app's 10, so the test need not wait
    return window, worker, laptop


def test_local_edit_goes_up_and_a_colleagues_edit_comes_down_unasked(qtbot, rep_window, server, laptop_factory):
    window, worker, laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None, timeout=15_000)  # the sync at start
    assert window.online_label.text() == f"Online: {laptop.server_url}"

    Op(
        window, worker, lambda s: s.customers.create(name="苏州精密模具有限公司", phone="0512-62345678"), {"customers"}
    ).run()
    qtbot.waitUntil(
        lambda: server_count(server, "SELECT count(*) FROM customer WHERE name = '苏州精密模具有限公司'") == 1,
        timeout=15_000,
    )
    qtbot.waitUntil(lambda: window.pending_label.text() == "0 change(s) waiting to sync", timeout=10_000)
    assert window.statusBar().currentMessage().startswith("Synced: 1 sent")

    # the supervisor regrades that customer from another laptop; the rep's next scheduled sync brings it in
    boss = laptop_factory("wangjingli", "王经理")
    boss.sync()
    services = boss.services()
    found = services.search.search(CustomerQuery(text="精密模具"))
    assert len(found) == 1
    services.customers.update(found[0].id, grade="A")
    boss.sync()
    runs = driver.runs
    driver.schedule.next_at = driver.schedule.clock()  # as when the periodic interval comes round
    qtbot.waitUntil(lambda: driver.runs > runs and driver.running is None, timeout=15_000)
    assert laptop.services().customers.get(found[0].id)["grade"] == "A"
    assert window.statusBar().currentMessage().startswith("Synced: 0 sent, 1 received")


def test_server_gone_is_offline_in_the_status_bar_and_retried_with_backoff(qtbot, rep_window, server, proxy):
    window, worker, _laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None, timeout=15_000)
    driver.schedule.retry_first = 2.0  # the app waits 15 s before its first retry
    proxy.down = True  # the car park has no signal
    Op(window, worker, lambda s: s.customers.create(name="宁波港口物流有限公司"), {"customers"}).run()
    runs = driver.runs
    qtbot.waitUntil(lambda: driver.runs > runs and driver.running is None, timeout=30_000)
    assert window.statusBar().currentMessage() == "Offline: will sync when the server can be reached."
    assert driver.schedule.failures == 1 and 0 < driver.schedule.seconds_left() <= driver.schedule.retry_first
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]  # no error box for being offline
    qtbot.waitUntil(lambda: window.online_label.text() == "Offline (server not reachable at last sync)")
    assert window.pending_label.text() == "1 change(s) waiting to sync"

    proxy.down = False  # back in range: the retry sends the waiting change
    qtbot.waitUntil(
        lambda: server_count(server, "SELECT count(*) FROM customer WHERE name = '宁波港口物流有限公司'") == 1,
        timeout=30_000,
    )
    qtbot.waitUntil(lambda: driver.schedule.failures == 0 and driver.running is None, timeout=10_000)


def test_a_background_sync_shows_in_the_sync_panel_and_can_be_cancelled(qtbot, rep_window):
    window, worker, _laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None, timeout=15_000)
    panel = window.show_screen("sync")
    gate = threading.Event()
    QueryOp(None, worker, lambda _s: gate.wait(10)).run()  # the worker is busy with something else for now
    driver.schedule.next_at = driver.schedule.clock()
    qtbot.waitUntil(lambda: driver.running is not None, timeout=5_000)
    assert panel.background and panel.cancel.isEnabled() and not panel.sync_now.isEnabled()
    assert panel.message.text() == "Syncing in the background…"
    assert window.statusBar().currentMessage() == "Syncing in the background…"
    panel.cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: driver.running is None, timeout=15_000)
    assert panel.message.text() == "Background sync cancelled."
    assert not panel.background and not panel.cancel.isEnabled()
    qtbot.waitUntil(panel.sync_now.isEnabled, timeout=5_000)


def test_a_silent_server_never_holds_up_a_search(qtbot, rep_window, proxy):
    window, worker, _laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None, timeout=15_000)
    proxy.stall = True  # connections are accepted and then nothing comes back
    driver.schedule.next_at = driver.schedule.clock()
    qtbot.waitUntil(lambda: driver.running is not None, timeout=5_000)
    qtbot.wait(300)  # the sync is now waiting for an answer that does not come
    found: list[int] = []
    QueryOp(None, worker, lambda s: len(s.search.search(CustomerQuery(limit=50)))).success(found.append).run()
    qtbot.waitUntil(lambda: bool(found), timeout=2_000)  # the store's queue is not behind the network
    assert driver.running is not None  # …while the sync still waits
    proxy.release()
    qtbot.waitUntil(lambda: driver.running is None, timeout=30_000)


def test_automatic_sync_can_be_switched_off(qtbot, team, laptop_factory, open_window):
    laptop = laptop_factory("zhangwei", "张伟")
    settings = settings_for(laptop.paths)
    settings.setValue(AUTO_SYNC_MINUTES, 0)  # as the settings dialog writes it: a metered connection
    window, worker = open_window(laptop, settings)
    qtbot.waitUntil(lambda: window.online_label.text().endswith(" · automatic sync off"), timeout=10_000)
    Op(window, worker, lambda s: s.customers.create(name="嘉兴纺织有限公司"), {"customers"}).run()
    qtbot.wait(1500)  # more than the driver's tick
    assert window.auto_sync.runs == 0
    assert window.pending_label.text() == "1 change(s) waiting to sync"


def test_a_refused_change_shows_in_the_status_bar_the_list_and_the_sync_panel_without_a_box(qtbot, rep_window, server):
    window, worker, laptop = rep_window
    driver = window.auto_sync
    qtbot.waitUntil(lambda: driver.runs >= 1 and driver.running is None, timeout=15_000)
    me = next(u for u in laptop.services().profile.users() if u.name == "张伟")
    customer_id, _contact = customer_with_a_nul(laptop, me.id)  # stored by an older version, refused by the server
    runs = driver.runs
    driver.sync_now()
    qtbot.waitUntil(lambda: driver.runs > runs and driver.running is None, timeout=15_000)
    assert "2 change(s) not accepted by head office" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.refused_label.isVisible(), timeout=10_000)
    assert window.refused_label.text() == "2 change(s) not accepted by head office (see Sync)"
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]

    customers = window.show_screen("customers")
    qtbot.waitUntil(lambda: customers.model.rowCount() == 1 and customers.model.row_at(0) is not None)
    index = customers.model.index(0, 0)
    assert customers.model.data(index).startswith("⚠ ")
    assert "NUL" in customers.model.data(index, Qt.ItemDataRole.ToolTipRole)

    panel = window.show_screen("sync")
    qtbot.waitUntil(lambda: panel.refused.isVisible() and panel.conflicts.rowCount() == 2, timeout=10_000)
    assert panel.refused.text().startswith("2 change(s) not accepted by head office")
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer_id}'") == 0

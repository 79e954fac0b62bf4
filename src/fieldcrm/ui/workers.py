"""The database worker: one thread runs every store operation the GUI asks for and hands back plain data."""

from __future__ import annotations

import ctypes
import gc
import itertools
import logging
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

if TYPE_CHECKING:
    from fieldcrm.services import Services

log = logging.getLogger(__name__)


#: PySide6 6.12.0 drops references it does not own: to True/False on every emit of a Python-declared Signal, and
#: to None on every event delivered to a Python QObject subclass. When such a singleton's count reaches zero the
#: interpreter aborts ("bool_dealloc", "none_dealloc"), at the latest while it shuts down. The worker's frequent
#: notifications therefore use posted events and plain listener lists, and `protect_singletons()` adds permanent
#: references to the three singletons whenever their count runs low (they are never freed anyway; from Python
#: 3.12 they are immortal and need nothing). Remove once PySide6 is fixed.
_RESULT_EVENT = QEvent.Type(QEvent.registerEventType())
_FLOOR = 1_000_000
_TOP_UP = 10_000_000


def protect_singletons() -> None:
    """Raise the reference count of None, True and False by `_TOP_UP` whenever it falls below `_FLOOR`."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < _FLOOR:
            # CPython <= 3.11 object header: ob_refcnt is the first field. Costs no memory, unlike a list of refs.
            ctypes.c_ssize_t.from_address(id(singleton)).value += _TOP_UP


class SingletonGuard(QObject):
    """Runs `protect_singletons` every second while the GUI is up."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        protect_singletons()
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(protect_singletons)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


class GarbageCollector(QObject):
    """Python's cycle collector runs on whichever thread happens to allocate; collecting a widget on the database
    thread destroys it there, which Qt forbids (crash). So automatic collection is off and this timer collects on
    the GUI thread instead (qutebrowser's habit)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        gc.disable()
        self._ticks = 0
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        self._ticks += 1
        gc.collect(2 if self._ticks % 30 == 0 else 0)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
        gc.collect()


class _ResultEvent(QEvent):
    def __init__(self, ticket: int) -> None:
        super().__init__(_RESULT_EVENT)
        self.ticket = ticket


class Listeners:
    """Callbacks owned by widgets; a callback whose widget was deleted is dropped, never called."""

    def __init__(self) -> None:
        self._items: list[tuple[QObject, Callable[..., None]]] = []

    def connect(self, owner: QObject, callback: Callable[..., None]) -> None:
        self._items.append((owner, callback))

    def emit(self, *args: Any) -> None:
        self._items = [(o, c) for o, c in self._items if shiboken6.isValid(o)]
        for owner, callback in list(self._items):
            if shiboken6.isValid(owner):
                callback(*args)


class DbWorker(QObject):
    """Owns the thread that touches the local store for the GUI: one thread, so the window's own writes never
    meet each other (no 'database is locked', no locks). Work that waits on the network (sync, login) runs on a
    second thread of its own (`network=True`): a slow or silent server never holds up a search or an edit, and
    its short write transactions meet the window's at SQLite's busy timeout.

    Work functions get the Services of the acting user and return plain data; the result comes back to the GUI
    thread as a posted event. `changed` announces which nouns an operation changed, so each screen decides
    whether to refresh (Anki's OpChanges); `busy_changed` tells the status bar.
    """

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldcrm-db")
        self._network_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldcrm-sync")
        self.changed = Listeners()  # callback(frozenset[str])
        self.busy_changed = Listeners()  # callback(int): 1 busy, 0 idle
        # callback(WipeOrdered): head office ordered this laptop's data erased (a sync learnt it); the app closes
        # the store this worker uses and carries the order out (`GuiApp.wipe`)
        self.wipe_ordered = Listeners()
        self.pending = 0
        self._closed = False
        self._tickets = itertools.count(1)
        self._jobs: dict[int, tuple[Any, Any, Any, Services]] = {}
        self._outcomes: dict[int, tuple[bool, Any, str]] = {}

    @property
    def services(self) -> Services:
        return self._services

    def set_services(self, services: Services) -> None:
        """Act for another user from now on (queued work keeps the services it was given)."""
        self._services = services

    def submit(
        self,
        work: Callable[[Services], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        *,
        network: bool = False,
    ) -> None:
        """Queue `work` (on the network thread if `network`). The callbacks stay on the GUI thread, and so do the
        last references to anything the work function holds: a widget released on the worker thread would be
        destroyed there (Qt forbids that)."""
        if self._closed:
            return
        ticket = next(self._tickets)
        self._jobs[ticket] = (work, on_done, on_error, self._services)
        self.pending += 1
        if self.pending == 1:
            self.busy_changed.emit(1)
        (self._network_pool if network else self._pool).submit(self._run, ticket)

    def hold(self) -> Callable[[], None]:
        """Count as busy (`pending`) until the returned function is called (once more calls do nothing): for work
        the GUI has promised but not queued yet, so "idle" still means everything asked for has come back."""
        self.pending += 1
        if self.pending == 1:
            self.busy_changed.emit(1)
        held = [True]

        def release(*_args: object) -> None:
            if not held:
                return  # released already
            held.clear()
            self.pending -= 1
            if self.pending == 0:
                self.busy_changed.emit(0)

        return release

    def _run(self, ticket: int) -> None:
        """On the worker thread: run the job, park its outcome, and tell the GUI thread."""
        job = self._jobs[ticket]
        try:
            outcome: tuple[bool, Any, str] = (True, job[0](job[3]), "")
        except BaseException as exc:  # every failure is handed to the GUI, never swallowed
            outcome = (False, exc, traceback.format_exc())
        del job
        self._outcomes[ticket] = outcome
        del outcome
        QCoreApplication.postEvent(self, _ResultEvent(ticket))

    def customEvent(self, event: QEvent) -> None:
        if event.type() != _RESULT_EVENT:
            return
        ticket = event.ticket  # type: ignore[attr-defined]
        _work, on_done, on_error, _services = self._jobs.pop(ticket)
        ok, value, details = self._outcomes.pop(ticket)
        self.pending -= 1
        try:
            if ok:
                on_done(value)
            else:
                on_error(value, details)
        finally:
            if self.pending == 0:
                self.busy_changed.emit(0)

    def announce(self, nouns: frozenset[str]) -> None:
        if nouns:
            self.changed.emit(nouns)

    def shutdown(self) -> None:
        """Finish the operation under way (it holds a transaction) and drop the queued ones."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._network_pool.shutdown(wait=True, cancel_futures=True)

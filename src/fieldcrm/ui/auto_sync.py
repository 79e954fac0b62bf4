"""`AutoSyncDriver`: the window's background sync. Every few minutes, shortly after local changes (debounced), and
with backoff after a failed attempt (the schedule is `fieldcrm.sync.auto.AutoSync`); the sync itself runs on the
worker's network thread, so neither the window nor its searches and edits wait for the server. Offline is a
normal state: it shows in the status bar, never as an error box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from fieldcrm.paths import AppPaths
from fieldcrm.ui.ops.base import Progress
from fieldcrm.ui.sync.outcome import sync_outcome
from fieldcrm.ui.workers import DbWorker

if TYPE_CHECKING:
    from fieldcrm.sync.auto import AutoSync

#: How often the window asks the schedule whether a sync is due (cheap: no I/O unless one is).
TICK_MS = 1000


class AutoSyncDriver(QObject):
    """Starts a sync whenever the schedule says so and the profile is logged in to a server."""

    def __init__(self, worker: DbWorker, paths: AppPaths, parent: QObject | None = None, minutes: int = 5) -> None:
        """`minutes` between syncs (local changes bring the next one forward); 0: never by itself."""
        super().__init__(parent)
        from fieldcrm.sync.auto import AutoSync  # loads the sync client: only after the first paint

        self.worker = worker
        self.paths = paths
        self.enabled = minutes > 0
        self.schedule: AutoSync = AutoSync(interval=max(1, minutes) * 60.0)
        self.logged_in = False
        self.running: Progress | None = None
        self.runs = 0
        self.manual_running: Any = lambda: False  # the sync panel's own "Sync now" is under way
        self.on_start: Any = lambda _progress: None  # shows a sync's progress (and cancel) where the user looks
        # (one line for the status bar, whether it is a problem); a plain callback: PySide6 6.12 signals mishandle
        # the reference counts of True and False (see ui.workers)
        self.on_report: Any = lambda _text, _problem: None
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        worker.changed.connect(self, self._on_changed)

    def start(self) -> None:
        if self.enabled:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.running is not None:
            self.running.cancel.set()

    def set_status(self, status: dict[str, Any]) -> None:
        """From the status bar's refresh: a fresh login (or re-login) starts syncing again at once."""
        logged_in = bool(status.get("logged_in"))
        if logged_in and not self.logged_in:
            self.schedule.resume()
        self.logged_in = logged_in

    def _on_changed(self, nouns: frozenset[str]) -> None:
        if "sync" in nouns or nouns <= {"profile"}:
            return  # a sync (or login) changed the store: that is not a local edit waiting to go up
        self.schedule.local_change()

    def tick(self) -> None:
        if self.running is not None or not self.logged_in or self.manual_running():
            return
        if self.schedule.due():
            self.sync_now()

    def sync_now(self) -> None:
        from fieldcrm.ui.ops.sync import background_sync

        progress = self.running = Progress()
        self.runs += 1
        self.on_start(progress)
        op = background_sync(self.parent(), self.worker, self.paths, progress)  # type: ignore[arg-type]
        op.success(self._done).failure(self._failed).run()

    def _done(self, outcome: tuple[Any, int]) -> None:
        result, pending = outcome
        self.running = None
        self.schedule.finished(result, pending)
        if result.offline:
            self.on_report(self.tr("Offline: will sync when the server can be reached."), False)
        elif result.cancelled:
            self.on_report(self.tr("Background sync cancelled."), False)
        else:
            text = sync_outcome(result)
            self.on_report(text, bool(result.conflicts or result.rejected))

    def _failed(self, exc: BaseException, message: str) -> None:
        self.running = None
        self.schedule.finished(None, 1, exc)  # changes may be waiting: retry with backoff (or pause if refused)
        if self.schedule.paused:
            message = self.tr("Background sync paused: {0}").format(message)
        self.on_report(message, True)

"""When the app syncs by itself: every few minutes, shortly after local changes (debounced), and — after a failed
attempt — again with backoff for as long as changes are waiting. A failed upload is retried on its own; it never
waits for the next local write (the stalled-queue bug of other sync engines). Qt-free: the window's timer asks
`due()`, runs `SyncClient.sync_once` in its worker and reports back with `finished()`; `run()` does the same in a
plain thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from fieldcrm.sync.client import SyncResult
from fieldcrm.sync.transport import SyncError


class AutoSync:
    def __init__(
        self,
        *,
        interval: float = 300.0,
        debounce: float = 10.0,
        retry_first: float = 15.0,
        retry_max: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self.debounce = debounce
        self.retry_first = retry_first
        self.retry_max = retry_max
        self.clock = clock
        self.next_at = clock()  # the first sync right away
        self.failures = 0
        self.paused = False  # refused (logged out, app too old): only a user action starts it again

    def local_change(self) -> None:
        """A local write: sync soon, but let a burst of edits settle first."""
        self.next_at = min(self.next_at, self.clock() + self.debounce)

    def due(self) -> bool:
        return not self.paused and self.clock() >= self.next_at

    def seconds_left(self) -> float:
        return max(0.0, self.next_at - self.clock())

    def finished(self, result: SyncResult | None, pending: int, error: BaseException | None = None) -> None:
        """After an attempt. Offline, cancelled or failed with changes still waiting: retry with backoff."""
        now = self.clock()
        if isinstance(error, SyncError):
            self.paused = True
            return
        failed = error is not None or result is None or result.offline or result.cancelled
        if failed and pending:
            delay = min(self.retry_max, self.retry_first * 2**self.failures)
            self.failures += 1
            self.next_at = now + delay
        else:
            self.failures = 0 if not failed else self.failures
            self.next_at = now + self.interval

    def resume(self) -> None:
        self.paused = False
        self.failures = 0
        self.next_at = self.clock()

    def run(
        self, sync: Callable[[], SyncResult], pending: Callable[[], int], stop: threading.Event, tick: float = 0.5
    ) -> None:
        """Loop in a thread until `stop` is set: sync whenever due."""
        while not stop.is_set():
            if self.due():
                result, error = None, None
                try:
                    result = sync()
                except Exception as exc:  # noqa: BLE001 - any failure is retried later, the loop keeps going
                    error = exc
                self.finished(result, pending(), error)
            stop.wait(min(tick, self.seconds_left()) or tick)

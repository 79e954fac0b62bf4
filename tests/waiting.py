"""Time in tests: wait for a state, never for a length of time; where code under test asks a clock, give it one the
test moves by hand. The only real clock here is a guard against hangs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

#: How long a test waits for something that must happen before it calls it a hang, in seconds. Far above what any
#: step takes on a busy machine: it turns a hang into a failure that says what never happened, and is no speed
#: requirement (pytest-timeout's 600 s per test is the last resort).
HANG_GUARD = 120.0


def wait_for(condition: Callable[[], object], what: str, timeout: float = HANG_GUARD) -> None:
    """Poll `condition` until it holds; fail naming `what` only if it never does within the hang guard."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened (hang guard of {timeout:.0f} s): {what}")
        time.sleep(0.01)


class ManualClock:
    """A clock that stands still until the test moves it (`advance`) or sets it (`now`): monotonic seconds by
    default, or aware datetimes when started at one (the services' clocks). Schedules and day counts built on it
    fall due exactly when the test says so, however slow the machine. Readable from any thread."""

    def __init__(self, start: Any = 1000.0) -> None:
        self.now = start

    def __call__(self) -> Any:
        return self.now

    def advance(self, step: Any) -> None:
        """Seconds for a monotonic clock, a timedelta for a datetime one."""
        self.now += step

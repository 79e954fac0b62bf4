"""The login throttle's bucket that every server process shares, in the database (SQLite and PostgreSQL): takers
racing for an address's last tokens, each as its own process would (its own throttle), get exactly as many as there
are; and a bucket that is full again is forgotten."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import Engine, select

from fieldcrm.models import utcnow
from fieldcrm.server.auth import AuthError
from fieldcrm.server.login_throttle import SWEEP_EVERY, SharedThrottle
from fieldcrm.server.tables import login_throttle
from waiting import HANG_GUARD, ManualClock

TAKERS = 16


def race(throttles: list[SharedThrottle], address: str) -> list[int]:
    """Every throttle takes a token for `address` from its own thread, all released together: the statuses (200
    for a token)."""
    start = threading.Barrier(len(throttles))
    answers: list[int] = []

    def take(throttle: SharedThrottle) -> None:
        start.wait(HANG_GUARD)
        try:
            throttle.take(address)
        except AuthError as exc:
            answers.append(exc.status)
        else:
            answers.append(200)

    threads = [threading.Thread(target=take, args=(throttle,)) for throttle in throttles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_GUARD)
    assert len(answers) == len(throttles)
    return answers


def test_takers_racing_for_the_last_tokens_get_exactly_as_many_as_there_are(server_engine: Engine) -> None:
    clock = ManualClock(utcnow())  # stands still: no token comes back while they race
    throttles = [SharedThrottle(server_engine, 5, 6, clock) for _ in range(TAKERS)]
    address = "203.0.113.7"

    # A new address: the racers also race to make its row.
    assert sorted(race(throttles, address)) == [200] * 5 + [429] * (TAKERS - 5)
    clock.advance(timedelta(seconds=20))  # two tokens back (six a minute)
    assert sorted(race(throttles, address)) == [200] * 2 + [429] * (TAKERS - 2)


def test_a_bucket_full_again_is_forgotten(server_engine: Engine) -> None:
    clock = ManualClock(utcnow())
    throttle = SharedThrottle(server_engine, 2, 60, clock)  # full again two seconds after it is spent
    throttle.take("203.0.113.7")  # the first take sweeps (nothing yet), and the next sweep is a while off
    throttle.take("203.0.113.7")
    clock.advance(timedelta(microseconds=SWEEP_EVERY))
    throttle.take("198.51.100.20")  # sweeps, after taking

    def addresses() -> set[str]:
        with server_engine.connect() as conn:
            return set(conn.execute(select(login_throttle.c.address_key)).scalars())

    assert addresses() == {"198.51.100.20"}
    throttle.take("203.0.113.7")  # forgotten is full: two at once again
    throttle.take("203.0.113.7")
    assert addresses() == {"198.51.100.20", "203.0.113.7"}

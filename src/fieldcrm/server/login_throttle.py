"""The login throttle's bucket per client address that every process of one server shares, kept in the head office's
database (table `login_throttle`): with `serve --workers N`, or several servers on one database, an address gets one
burst and one rate, not one per process. Each process's in-memory bucket (`login_guard.AddressThrottle`) stays in
front of it, so a flood is refused without a database round trip."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Engine, Float, case, delete, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from fieldcrm.models import utcnow
from fieldcrm.server.login_guard import Clock, address_key, too_many_logins
from fieldcrm.server.tables import login_throttle

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MINUTE = 60_000_000  # microseconds, the unit of `updated_at`
#: How often one process forgets the buckets that are full again (microseconds of its clock).
SWEEP_EVERY = 60_000_000

_t = login_throttle.c


def microseconds(moment: datetime) -> int:
    """`moment` as the table holds it: microseconds since 1970, exactly (a float of seconds would lose the last
    one, and a token due after ten seconds would come a microsecond late)."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


class SharedThrottle:
    """A token bucket per client address in the database: `burst` logins at once, then `per_minute`. Taking a token
    is one statement (INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING) in which the database holds the address's
    row while it refills and takes, so two processes racing for the last token cannot both get it (PostgreSQL locks
    the row; SQLite runs one writer at a time). A refusal changes nothing. Blocking, two short round trips: run it
    where login's other database work runs, in the hashing pool, never on a thread that serves sync."""

    def __init__(self, engine: Engine, burst: int, per_minute: float, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.burst = float(burst)
        self.per_minute = float(per_minute)
        self.clock = clock
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        self._lock = threading.Lock()
        self._next_sweep: int | None = None

    def _refilled(self, now: int) -> ColumnElement[float]:
        """The tokens the row's bucket holds at `now` (microseconds), at most `burst`. A clock set back adds none."""
        elapsed = case((_t.updated_at < now, now - _t.updated_at), else_=0)
        tokens = _t.tokens + elapsed * literal(self.per_minute, Float) / literal(_MINUTE, Float)
        return case((tokens > self.burst, literal(self.burst, Float)), else_=tokens)

    def take(self, host: str | None) -> None:
        """Take a token for this address, or raise 429 saying how many seconds until the next one."""
        key = address_key(host)
        now = microseconds(self.clock())
        refilled = self._refilled(now)
        take = (
            self._insert(login_throttle)
            .values(address_key=key, tokens=self.burst - 1.0, updated_at=now)
            .on_conflict_do_update(
                index_elements=[_t.address_key],
                # Never moved back: a process whose clock runs behind another's must not count the same time twice.
                set_={"tokens": refilled - 1.0, "updated_at": case((_t.updated_at < now, now), else_=_t.updated_at)},
                where=refilled >= 1.0,
            )
            .returning(_t.tokens)
        )
        with self.engine.begin() as conn:
            if conn.execute(take).first() is not None:
                left = None
            else:  # the WHERE held it back: no row updated, none returned
                left = conn.execute(select(refilled).where(_t.address_key == key)).scalar_one()
        if left is not None:
            raise too_many_logins(left, self.per_minute / 60.0)
        self._sweep(now)

    def _sweep(self, now: int) -> None:
        """Forget the buckets that are full again (a missing row means just that), at most once every SWEEP_EVERY
        in each process: the table holds only the addresses that logged in within the last `burst / per_minute`."""
        with self._lock:
            if self._next_sweep is not None and now < self._next_sweep:
                return
            self._next_sweep = now + SWEEP_EVERY
        with self.engine.begin() as conn:
            conn.execute(delete(login_throttle).where(self._refilled(now) >= self.burst))

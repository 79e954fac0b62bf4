"""Login's guards against guessing and flooding: a token bucket per client address, checked before any password
hashing (in memory here, then the one all server processes share: `login_throttle`), and a small pool of threads
of its own for Argon2, so logins never take the workers that serve sync."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import math
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from fieldcrm.models import utcnow
from fieldcrm.server.auth import AuthError

T = TypeVar("T")
Clock = Callable[[], datetime]

ENV_LOGIN_BURST = "FIELDCRM_LOGIN_BURST"
ENV_LOGIN_PER_MINUTE = "FIELDCRM_LOGIN_PER_MINUTE"
ENV_HASH_SLOTS = "FIELDCRM_HASH_SLOTS"
ENV_HASH_QUEUE = "FIELDCRM_HASH_QUEUE"
ENV_REFUSAL_DELAY = "FIELDCRM_LOGIN_REFUSAL_DELAY"
#: Addresses remembered at once: past this, the least recently seen are forgotten (they start with a full bucket).
MAX_ADDRESSES = 100_000
BUSY_RETRY_AFTER = 1  # seconds: the hashing pool drains in a fraction of that


@dataclass(frozen=True)
class LoginLimits:
    """How much login the server takes: its processes share each address's bucket, and each has a hashing pool of
    its own. Logins are rare (a token lasts 30 days), so the defaults are far above what a team behind one office
    address needs and far below what guessing needs."""

    burst: int = 10  # logins one client address may make at once …
    per_minute: float = 10.0  # … and then this many a minute
    hash_slots: int = 2  # Argon2 checks running at once
    hash_queue: int = 8  # logins waiting for a slot; more are refused (429) at once
    #: Seconds a refused login (429) waits before its answer, on the event loop (a tarpit): a flooding client that
    #: waits for each answer sends one login a second instead of hundreds, and the server answers that many less.
    refusal_delay: float = 1.0

    @classmethod
    def from_env(cls) -> LoginLimits:
        def number(name: str, default: float) -> float:
            value = os.environ.get(name)
            return float(value) if value else default

        d = cls()
        return cls(
            burst=int(number(ENV_LOGIN_BURST, d.burst)),
            per_minute=number(ENV_LOGIN_PER_MINUTE, d.per_minute),
            hash_slots=int(number(ENV_HASH_SLOTS, d.hash_slots)),
            hash_queue=int(number(ENV_HASH_QUEUE, d.hash_queue)),
            refusal_delay=number(ENV_REFUSAL_DELAY, d.refusal_delay),
        )


def address_key(host: str | None) -> str:
    """The bucket an address draws from: an IPv6 client holds a whole /64, so it is one bucket, not 2**64."""
    if not host:
        return "?"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class AddressThrottle:
    """A token bucket per client address in this process's memory: `burst` logins at once, then `per_minute`. Every
    login attempt takes a token, whether the user exists or not, before any password is hashed. The first gate: it
    refuses a flood without a database round trip; the bucket all processes share (`login_throttle`) comes next."""

    def __init__(self, burst: int, per_minute: float, clock: Clock = utcnow) -> None:
        self.burst = burst
        self.rate = per_minute / 60.0  # tokens a second
        self.clock = clock
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, tuple[float, datetime]] = OrderedDict()

    def take(self, host: str | None) -> None:
        """Take a token for this address, or raise 429 saying how many seconds until the next one."""
        key = address_key(host)
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.pop(key, (float(self.burst), now))
            elapsed = max(0.0, (now - then).total_seconds())  # a clock set back never adds tokens
            tokens = min(float(self.burst), tokens + elapsed * self.rate)
            took = tokens >= 1.0
            if took:
                tokens -= 1.0
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > MAX_ADDRESSES:
                self._buckets.popitem(last=False)
        if not took:
            raise too_many_logins(tokens, self.rate)


def too_many_logins(tokens: float, rate: float) -> AuthError:
    """The refusal of an address whose bucket holds `tokens` (fewer than one), refilled at `rate` a second: how many
    seconds until its next token."""
    seconds = math.ceil((1.0 - tokens) / rate) if rate > 0 else 3600
    return AuthError(f"too many logins from this address; try again in {seconds} seconds", 429, seconds)


#: How much lower than the rest of the server the hashing threads run (Linux nice levels): a busy CPU serves sync
#: first. Argon2's own threads (one per lane) inherit it.
HASHING_NICENESS = 10


def _lower_priority() -> None:
    """Linux gives each thread its own nice value (POSIX says a process has one: there, and where setting it is
    not allowed, the pool runs at the server's priority)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


class HashingPool:
    """The threads that check passwords (Argon2 and the account's database rows around it): `slots` of them, and
    at most `queue` logins waiting. Beyond that a login is refused at once (429) instead of queueing without end,
    and sync requests never wait behind password hashing for a worker thread."""

    def __init__(self, slots: int, queue: int) -> None:
        self.limit = max(1, slots) + max(0, queue)
        self._executor = ThreadPoolExecutor(max(1, slots), "fieldcrm-login", _lower_priority)
        self._lock = threading.Lock()
        self._admitted = 0

    async def run(self, work: Callable[[], T]) -> T:
        with self._lock:
            if self._admitted >= self.limit:
                raise AuthError("the server is busy with other logins; try again in a moment", 429, BUSY_RETRY_AFTER)
            self._admitted += 1
        try:
            future = self._executor.submit(work)
        except BaseException:
            self._release()
            raise
        # Counted out when the work ends, not when the request does: a client that hangs up leaves its hashing
        # running, and it still holds its place.
        future.add_done_callback(lambda _f: self._release())
        return await asyncio.wrap_future(future)

    @property
    def admitted(self) -> int:
        """Logins checking a password or waiting for a slot."""
        with self._lock:
            return self._admitted

    def _release(self) -> None:
        with self._lock:
            self._admitted -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

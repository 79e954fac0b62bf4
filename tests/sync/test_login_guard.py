"""Login under attack, on a real server: guesses sent all at once are counted before any is checked, so no more
are checked than the lock allows; each client address has its own token bucket, taken before any hashing, the
same for unknown names as for real ones; and password checks wait in a small pool of their own, so a flood of
logins neither queues without end nor takes the threads a rep's sync needs."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
import pytest
from argon2 import PasswordHasher
from laptops import PASSWORD
from sqlalchemy import select, update

from fieldcrm.ids import uuid7
from fieldcrm.server.auth import FREE_FAILURES
from fieldcrm.server.login_guard import LoginLimits
from fieldcrm.server.tables import credential
from fieldcrm.sync.protocol import PROTOCOL_HEADER
from waiting import HANG_GUARD, wait_for

GUESSES = 24


def login(server, user: str, password: str = PASSWORD, address: str | None = None) -> httpx.Response:
    # The test server trusts X-Forwarded-For from 127.0.0.1 (uvicorn's default), as behind a local proxy.
    headers = {"X-Forwarded-For": address} if address else None
    body = {"user": user, "password": password, "device_id": uuid7()}
    return httpx.post(f"{server.url}/auth/login", json=body, headers=headers, timeout=HANG_GUARD)


def failures_of(server, user_id: str) -> tuple[int, object]:
    with server.engine.connect() as conn:
        row = conn.execute(
            select(credential.c.failed_logins, credential.c.locked_until).where(credential.c.user_id == user_id)
        ).one()
    return row[0], row[1]


def all_at_once(count: int, send) -> list[httpx.Response]:  # noqa: ANN001 - send(i) -> response
    """`count` requests from as many threads, released together."""
    start = threading.Barrier(count)
    answers: list[httpx.Response | None] = [None] * count

    def one(i: int) -> None:
        start.wait(HANG_GUARD)
        answers[i] = send(i)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_GUARD)
    assert all(answer is not None for answer in answers)
    return answers  # type: ignore[return-value]


@pytest.mark.login_limits(LoginLimits(burst=1000, per_minute=1000, hash_slots=GUESSES, hash_queue=GUESSES))
def test_guesses_sent_at_once_are_checked_no_more_than_the_lock_allows(server, team) -> None:
    # A real Argon2 hash that takes a while to check (as in production), so every guess is in flight at once;
    # and room for every guess in the hashing pool, so only the count in the database holds them back.
    slow = PasswordHasher(time_cost=20, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with server.engine.begin() as conn:
        conn.execute(update(credential).where(credential.c.user_id == team["rep"]), {"password_hash": slow})
    server.clock.freeze()

    answers = all_at_once(GUESSES, lambda i: login(server, "张伟", f"guess-{i:02d}", f"198.51.100.{i}"))

    statuses = Counter(answer.status_code for answer in answers)
    assert statuses == {401: FREE_FAILURES, 429: GUESSES - FREE_FAILURES}, statuses  # 401: checked, and wrong
    failed, locked_until = failures_of(server, team["rep"])
    assert failed == FREE_FAILURES and locked_until is not None
    refused = login(server, "张伟")  # the lock holds, even for the right password
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    server.clock.advance(timedelta(seconds=1))
    assert login(server, "张伟").status_code == 200


@pytest.mark.login_limits(LoginLimits(burst=3, per_minute=6, hash_slots=2, hash_queue=8))
def test_each_address_has_a_token_bucket_taken_before_any_hashing(server, team) -> None:
    server.clock.freeze()
    here, there = "203.0.113.7", "198.51.100.20"
    assert login(server, "张伟", address=here).status_code == 200
    assert login(server, "张伟", "wrong-password", address=here).status_code == 401
    assert login(server, "nobody-here", "wrong-password", address=here).status_code == 401
    # The bucket is empty: refused before the account is even looked at, the same for a real name as for none.
    answers = [login(server, name, password, here) for name, password in (("张伟", "wrong"), ("nobody", "x" * 9))]
    for answer in answers:
        assert answer.status_code == 429
        assert answer.headers["Retry-After"] == "10"  # six a minute: one every ten seconds
        assert answer.json()["detail"] == "too many logins from this address; try again in 10 seconds"
    assert failures_of(server, team["rep"])[0] == 1  # the refused guess was never counted, so never checked
    assert login(server, "张伟", address=there).status_code == 200  # another address has its own bucket
    server.clock.advance(timedelta(seconds=9.5))
    assert login(server, "张伟", address=here).headers["Retry-After"] == "1"
    server.clock.advance(timedelta(seconds=0.5))
    assert login(server, "张伟", address=here).status_code == 200  # one token back …
    assert login(server, "张伟", address=here).status_code == 429  # … and only one


@contextmanager
def account_rows_held(server, user_id: str) -> Iterator[None]:
    """Hold the write lock on the account's credential row, so logins for it wait in the hashing pool."""
    with server.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(select(credential).where(credential.c.user_id == user_id).with_for_update())
        try:
            yield
        finally:
            conn.rollback()


@pytest.mark.server_threads(2)
@pytest.mark.login_limits(LoginLimits(burst=1000, per_minute=1000, hash_slots=2, hash_queue=2))
def test_logins_wait_in_a_bounded_pool_of_their_own_while_sync_goes_on(server, team) -> None:
    token = login(server, "李娜").json()["token"]
    headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"}
    pool = server.app.state.hashing
    waiting: list[threading.Thread] = []
    answers: list[int] = []
    with account_rows_held(server, team["rep"]):
        for i in range(4):  # two checking, two queued: as many as the server's request threads, and more
            thread = threading.Thread(
                target=lambda i=i: answers.append(login(server, "张伟", f"wrong-{i}").status_code)
            )
            thread.start()
            waiting.append(thread)
        wait_for(lambda: pool.admitted == 4, "four logins are in the hashing pool")
        busy = login(server, "张伟")
        assert busy.status_code == 429 and busy.headers["Retry-After"] == "1"
        assert "busy with other logins" in busy.json()["detail"]
        # A rep's sync is served meanwhile: the logins hold none of its threads.
        pulled = httpx.get(f"{server.url}/sync/pull", params={"after": 0}, headers=headers, timeout=HANG_GUARD)
        assert pulled.status_code == 200
    for thread in waiting:
        thread.join(HANG_GUARD)
    assert sorted(answers) == [401] * 4
    wait_for(lambda: pool.admitted == 0, "the pool empties")
    assert login(server, "张伟").status_code == 200


@pytest.mark.login_limits(LoginLimits(burst=1, per_minute=1, refusal_delay=0.5))
def test_a_refused_login_is_answered_only_after_the_tarpit_delay(server, team) -> None:
    """A flooding client that waits for each answer is slowed to one try per delay: the 429 comes after it (a
    lower bound only: a slow machine answers later, never sooner)."""
    assert login(server, "张伟", address="198.51.100.7").status_code == 200
    started = time.monotonic()
    refused = login(server, "nobody", address="198.51.100.7")
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    assert time.monotonic() - started >= 0.5

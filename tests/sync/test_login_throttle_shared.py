"""The login throttle across server processes: two `fieldcrm-server serve` processes on one database (SQLite and
PostgreSQL), one address's logins spread over both, draw from one bucket: past the burst the next is refused
whichever process answers, though each process's own bucket would still let it in."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from laptops import free_port

from fieldcrm.ids import uuid7
from fieldcrm.server.login_guard import ENV_LOGIN_BURST, ENV_LOGIN_PER_MINUTE, ENV_REFUSAL_DELAY
from server_fixtures import PASSWORD
from waiting import HANG_GUARD, wait_for

BURST = 2
PER_MINUTE = 6  # one token every ten seconds: the test's logins take far less, and it waits for one only once
TOKEN_SECONDS = 60 / PER_MINUTE


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=HANG_GUARD).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def two_servers(database_url: str, team) -> Iterator[list[str]]:  # noqa: ANN001 - team: the accounts
    """Two server processes on the test's database, each on a port of its own (so the test says which answers)."""
    # No tarpit: a refusal answered at once keeps the test's clock on the bucket, not on the delay.
    env = {**os.environ, ENV_LOGIN_BURST: str(BURST), ENV_LOGIN_PER_MINUTE: str(PER_MINUTE), ENV_REFUSAL_DELAY: "0"}
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fieldcrm.server.cli",
                "serve",
                "--database-url",
                database_url,
                "--port",
                str(port),
                "--access-log",
                "off",
            ],
            stdout=subprocess.DEVNULL,
            env=env,
        )  # fmt: skip
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url, process in zip(urls, processes, strict=True):
            wait_for(lambda url=url, process=process: _healthy(url) or process.poll() is not None, "a server starts")
            assert process.poll() is None, "a server process exited at start"
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(HANG_GUARD)


def login(url: str, address: str) -> httpx.Response:
    # The servers trust X-Forwarded-For from 127.0.0.1 (uvicorn's default), as behind a local proxy.
    body = {"user": "张伟", "password": PASSWORD, "device_id": uuid7()}
    return httpx.post(f"{url}/auth/login", json=body, headers={"X-Forwarded-For": address}, timeout=HANG_GUARD)


def test_one_address_has_one_bucket_whichever_process_answers(two_servers: list[str]) -> None:
    first, second = two_servers
    here, there = "203.0.113.7", "198.51.100.20"
    assert login(first, here).status_code == 200
    assert login(second, here).status_code == 200  # the burst is spent, one login through each process
    for server in (first, second):  # each process's own bucket still holds a token: the shared one refuses
        refused = login(server, here)
        refused_at = time.monotonic()
        assert refused.status_code == 429
        wait = int(refused.headers["Retry-After"])
        assert 1 <= wait <= TOKEN_SECONDS
        assert refused.json()["detail"] == f"too many logins from this address; try again in {wait} seconds"
    assert login(first, there).status_code == 200  # another address has a bucket of its own
    assert login(second, there).status_code == 200
    # Until the last refusal's Retry-After: one token back in the shared bucket (and in each process's own), the
    # next one a whole TOKEN_SECONDS later, whatever the logins before took on a busy machine.
    time.sleep(max(0.0, refused_at + wait + 0.2 - time.monotonic()))
    assert login(second, here).status_code == 200
    assert login(first, here).status_code == 429  # only one, though this process's own bucket has one again

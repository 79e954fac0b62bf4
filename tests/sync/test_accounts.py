"""Account lifecycle on a real server, on the server's clock (injected, so locks and expiry need no waiting): a
disabled account is refused everywhere, a token expires, and the login lock escalates up to its cap."""

from __future__ import annotations

import contextlib
import io
from datetime import timedelta

import httpx
import pytest
from laptops import PASSWORD, local_count

from fieldcrm.ids import uuid7
from fieldcrm.server.cli import main as server_main
from fieldcrm.sync.protocol import PROTOCOL_HEADER
from waiting import HANG_GUARD

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)

HEADERS = {PROTOCOL_HEADER: "1"}
#: docs/sync.md, Accounts: after five failed logins the account waits 1 s, then 2 s, 4 s … up to 15 minutes.
LOCKS = [timedelta(seconds=2**n) for n in range(10)] + [timedelta(minutes=15)] * 3
TICK = timedelta(milliseconds=1)


def login(server, user: str, password: str = PASSWORD) -> httpx.Response:
    login = {"user": user, "password": password, "device_id": uuid7()}
    return httpx.post(f"{server.url}/auth/login", json=login, timeout=HANG_GUARD)


def bearer(server, user: str) -> dict[str, str]:
    response = login(server, user)
    assert response.status_code == 200, response.text
    return {**HEADERS, "Authorization": f"Bearer {response.json()['token']}"}


def pull(server, headers: dict[str, str]) -> httpx.Response:
    return httpx.get(f"{server.url}/sync/pull", params={"after": 0}, headers=headers, timeout=HANG_GUARD)


def push(server, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{server.url}/sync/push", json={"ops": []}, headers=headers, timeout=HANG_GUARD)


def server_cli(server, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert server_main([*args, "--database-url", server.database_url]) == 0
    return out.getvalue()


def test_a_disabled_account_is_refused_on_push_pull_and_login(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    zhang.cli("customers", "add", "--name", "停用前客户有限公司")
    zhang.cli("sync")
    headers = bearer(server, "张伟")  # a token from another device of his, as well
    assert pull(server, headers).status_code == 200

    assert "disabled 张伟" in server_cli(server, "disable-user", "--name", "张伟")
    assert "张伟\trep\t华东一组" in server_cli(server, "list-users")

    for answer in (push(server, headers), pull(server, headers), login(server, "张伟")):
        assert answer.status_code == 403, answer.text
        assert "disabled" in answer.json()["detail"]
    # His laptop is told why, and keeps what it has not sent.
    zhang.cli("customers", "add", "--name", "停用后客户有限公司")
    zhang.cli("sync", expect=2)
    assert "disabled" in zhang.last_stderr
    assert local_count(zhang, "SELECT count(*) FROM outbox") == 2  # the customer and its first contact
    assert local_count(zhang, "SELECT count(*) FROM customer") == 2
    # A wrong password says no more than for anyone else; other accounts are untouched.
    assert login(server, "张伟", "wrong-password").status_code == 401
    li = bearer(server, "李娜")
    assert pull(server, li).status_code == 200 and push(server, li).status_code == 200


def test_a_token_expires_after_thirty_days_on_the_servers_clock(server, team) -> None:
    server.clock.freeze()
    headers = bearer(server, "张伟")
    server.clock.advance(timedelta(days=30) - TICK)
    assert pull(server, headers).status_code == 200
    server.clock.advance(TICK)
    for answer in (pull(server, headers), push(server, headers)):
        assert answer.status_code == 401 and "expired" in answer.json()["detail"]
    assert pull(server, bearer(server, "张伟")).status_code == 200  # logging in again helps


def test_the_login_lock_escalates_up_to_its_cap(server, team) -> None:
    server.clock.freeze()
    for _ in range(4):  # the first four failures cost nothing but the answer
        assert login(server, "张伟", "wrong-password").status_code == 401
    assert login(server, "李娜", "wrong-password").status_code == 401  # another account's failures are its own
    for lock in LOCKS:
        assert login(server, "张伟", "wrong-password").status_code == 401  # the failure that locks
        server.clock.advance(lock - TICK)
        for password in (PASSWORD, "wrong-password"):  # refused unchecked while locked, and not counted
            answer = login(server, "张伟", password)
            assert answer.status_code == 429, (lock, answer.text)
            assert answer.json()["detail"] == "too many failed logins; try again in 1 seconds"
        server.clock.advance(TICK)
    assert login(server, "李娜").status_code == 200  # never locked
    assert login(server, "张伟").status_code == 200  # the lock has passed
    # A login that succeeds starts the count again: four failures are free once more.
    for _ in range(4):
        assert login(server, "张伟", "wrong-password").status_code == 401
    assert login(server, "张伟").status_code == 200


def test_the_lock_says_how_long_to_wait(server, team) -> None:
    server.clock.freeze()
    for _ in range(8):  # locks of 1, 2, 4 and 8 s, each waited out
        assert login(server, "张伟", "wrong-password").status_code == 401
        server.clock.advance(timedelta(seconds=8))
    assert login(server, "张伟", "wrong-password").status_code == 401  # now locked for 16 s
    for step, left in ((0, 16), (0.5, 16), (0.5, 15), (14.999, 1)):
        server.clock.advance(timedelta(seconds=step))
        answer = login(server, "张伟")
        assert answer.status_code == 429
        assert answer.json()["detail"] == f"too many failed logins; try again in {left} seconds"
    server.clock.advance(TICK)
    assert login(server, "张伟").status_code == 200

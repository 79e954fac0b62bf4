"""Hand-made ops pushed straight to the server, as a laptop without the client's checks (or a forger) would; reads
and pulls made by hand; and a second team of accounts."""

from __future__ import annotations

from typing import Any

import httpx
from laptops import PASSWORD, ServerHandle

from fieldcrm.ids import uuid7
from fieldcrm.server import accounts
from fieldcrm.sync.protocol import PROTOCOL_HEADER
from fieldcrm.sync.transport import tls_context
from waiting import HANG_GUARD

#: The process's one TLS context, for every hand-made request: without it httpx reads the CA bundle again for each
#: call (~40 ms on a busy machine; two thirds of the visibility oracle's time went there).
TLS = tls_context()


def token_of(server: ServerHandle, user: str, password: str = PASSWORD) -> dict[str, str]:
    """Request headers of a fresh login of `user` on a device of its own."""
    login = {"user": user, "password": password, "device_id": uuid7()}
    response = httpx.post(f"{server.url}/auth/login", json=login, timeout=HANG_GUARD, verify=TLS)
    assert response.status_code == 200, response.text
    return {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {response.json()['token']}"}


def push_one(server: ServerHandle, headers: dict[str, str], one: dict) -> dict:
    """Push one op; returns its result (status and reason)."""
    body = {"ops": [one]}
    response = httpx.post(f"{server.url}/sync/push", json=body, headers=headers, timeout=HANG_GUARD, verify=TLS)
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    return result


def server_row(server: ServerHandle, headers: dict[str, str], table: str, row_id: str) -> dict:
    response = httpx.get(f"{server.url}/rows/{table}/{row_id}", headers=headers, timeout=HANG_GUARD, verify=TLS)
    assert response.status_code == 200, response.text
    return response.json()


def read_row(server: ServerHandle, headers: dict[str, str], table: str, row_id: str) -> dict[str, Any] | None:
    """`GET /rows/…`: the row if this user may see it, None on 404."""
    response = httpx.get(f"{server.url}/rows/{table}/{row_id}", headers=headers, timeout=HANG_GUARD, verify=TLS)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    return response.json()


def pull_all(server: ServerHandle, headers: dict[str, str], after: int = 0) -> list[dict[str, Any]]:
    """Every change of the feed after `after`, page by page (small pages, to cross page limits)."""
    changes: list[dict[str, Any]] = []
    while True:
        params = {"after": after, "limit": 7}
        url = f"{server.url}/sync/pull"
        answer = httpx.get(url, params=params, headers=headers, timeout=HANG_GUARD, verify=TLS).json()
        changes += answer["changes"]
        after = answer["next_after"]
        if not answer["has_more"]:
            return changes


def add_second_team(server: ServerHandle) -> dict[str, str]:
    """华南二组: supervisor 陈主管 with reps 赵强 and 孙丽 (beside the `team` fixture's 华东一组). Their ids by name."""
    return {
        name: accounts.create_user(server.engine, name, role, "华南二组", PASSWORD).id
        for name, role in (("陈主管", "supervisor"), ("赵强", "rep"), ("孙丽", "rep"))
    }

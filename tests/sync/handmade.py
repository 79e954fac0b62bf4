"""Hand-made ops pushed straight to the server, as a laptop without the client's checks (or a forger) would."""

from __future__ import annotations

import httpx
from laptops import PASSWORD, ServerHandle

from fieldcrm.ids import uuid7
from fieldcrm.sync.protocol import PROTOCOL_HEADER


def token_of(server: ServerHandle, user: str, password: str = PASSWORD) -> dict[str, str]:
    """Request headers of a fresh login of `user` on a device of its own."""
    response = httpx.post(f"{server.url}/auth/login", json={"user": user, "password": password, "device_id": uuid7()})
    assert response.status_code == 200, response.text
    return {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {response.json()['token']}"}


def op(table: str, row_id: str, kind: str, fields: dict, *, action: str | None = None, base: int = 0) -> dict:
    """One op of its own group; a fresh op id, so the server never answers it from a stored result."""
    return {
        "op_id": uuid7(),
        "client_seq": 1,
        "group_id": uuid7(),
        "table": table,
        "row_id": row_id,
        "op": kind,
        "action": action,
        "fields": fields,
        "base_version": base,
    }


def push_one(server: ServerHandle, headers: dict[str, str], one: dict) -> dict:
    """Push one op; returns its result (status and reason)."""
    response = httpx.post(f"{server.url}/sync/push", json={"ops": [one]}, headers=headers)
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    return result


def server_row(server: ServerHandle, headers: dict[str, str], table: str, row_id: str) -> dict:
    response = httpx.get(f"{server.url}/rows/{table}/{row_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()

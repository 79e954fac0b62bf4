"""Requests a modified client could send, made by hand (ops, pushes, reads), and a second team of accounts."""

from __future__ import annotations

from typing import Any

import httpx
from laptops import PASSWORD, ServerHandle

from fieldcrm.ids import uuid7
from fieldcrm.server import accounts
from fieldcrm.sync.protocol import PROTOCOL_HEADER

HEADERS = {PROTOCOL_HEADER: "1"}


def add_second_team(server: ServerHandle) -> dict[str, str]:
    """华南二组: supervisor 陈主管 with reps 赵强 and 孙丽 (beside the `team` fixture's 华东一组). Their ids by name."""
    return {
        name: accounts.create_user(server.engine, name, role, "华南二组", PASSWORD).id
        for name, role in (("陈主管", "supervisor"), ("赵强", "rep"), ("孙丽", "rep"))
    }


def token_of(server: ServerHandle, user: str) -> dict[str, str]:
    """Request headers with a fresh token of `user` (a device of their own)."""
    answer = httpx.post(f"{server.url}/auth/login", json={"user": user, "password": PASSWORD, "device_id": uuid7()})
    assert answer.status_code == 200, answer.text
    return {**HEADERS, "Authorization": f"Bearer {answer.json()['token']}"}


def op(table: str, row_id: str, kind: str, fields: dict, *, base: int = 0) -> dict[str, Any]:
    return {
        "op_id": uuid7(),
        "client_seq": 1,
        "group_id": uuid7(),
        "table": table,
        "row_id": row_id,
        "op": kind,
        "action": None,
        "fields": fields,
        "base_version": base,
    }


def push_one(server: ServerHandle, headers: dict[str, str], one: dict[str, Any]) -> dict[str, Any]:
    """Push one op; its result (status, reason)."""
    answer = httpx.post(f"{server.url}/sync/push", json={"ops": [one]}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"][0]


def read_row(server: ServerHandle, headers: dict[str, str], table: str, row_id: str) -> dict[str, Any] | None:
    """`GET /rows/…`: the row if this user may see it, None on 404."""
    answer = httpx.get(f"{server.url}/rows/{table}/{row_id}", headers=headers)
    if answer.status_code == 404:
        return None
    assert answer.status_code == 200, answer.text
    return answer.json()


def pull_all(server: ServerHandle, headers: dict[str, str], after: int = 0, **params: Any) -> list[dict[str, Any]]:
    """Every change of the feed after `after`, page by page (small pages, to cross page limits)."""
    changes: list[dict[str, Any]] = []
    while True:
        answer = httpx.get(
            f"{server.url}/sync/pull", params={"after": after, "limit": 7, **params}, headers=headers
        ).json()
        changes += answer["changes"]
        after = answer["next_after"]
        if not answer["has_more"]:
            return changes

"""Security: every endpoint checks the token, the role and the visibility of the rows it touches."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest
from laptops import PASSWORD
from sqlalchemy import update

from fieldcrm.ids import uuid7
from fieldcrm.models import utcnow
from fieldcrm.server.tables import auth_token
from fieldcrm.sync.protocol import PROTOCOL_HEADER
from server_fixtures import wire_op as op

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)

HEADERS = {PROTOCOL_HEADER: "1"}


def login(server, user: str, password: str = PASSWORD) -> httpx.Response:
    return httpx.post(f"{server.url}/auth/login", json={"user": user, "password": password, "device_id": uuid7()})


def token_of(server, user: str) -> dict[str, str]:
    response = login(server, user)
    assert response.status_code == 200, response.text
    return {**HEADERS, "Authorization": f"Bearer {response.json()['token']}"}


def push(server, headers, *ops: dict) -> httpx.Response:
    return post_json(f"{server.url}/sync/push", {"ops": list(ops)}, headers)


def post_json(url: str, body: dict, headers: dict[str, str] | None = None) -> httpx.Response:
    """JSON with non-ASCII text as \\u escapes, as many encoders write it (and so with any lone surrogate intact)."""
    return httpx.post(
        url, content=json.dumps(body).encode(), headers={**(headers or {}), "Content-Type": "application/json"}
    )


@pytest.fixture
def private_customer(server, team, laptop_factory) -> str:
    """李娜's own customer, synced to the server."""
    li = laptop_factory("li", "李娜")
    customer_id = li.cli("customers", "add", "--name", "杭州李氏贸易有限公司", "--phone", "0571-88888888").strip()
    li.cli("sync")
    return customer_id


def test_a_rep_cannot_read_another_reps_customer(server, private_customer) -> None:
    zhang = token_of(server, "张伟")
    assert httpx.get(f"{server.url}/rows/customer/{private_customer}", headers=zhang).status_code == 404
    pulled = httpx.get(f"{server.url}/sync/pull", params={"after": 0}, headers=zhang).json()
    assert private_customer not in {c["id"] for c in pulled["changes"]}
    li = token_of(server, "李娜")
    assert httpx.get(f"{server.url}/rows/customer/{private_customer}", headers=li).json()["id"] == private_customer
    sup = token_of(server, "王经理")
    assert httpx.get(f"{server.url}/rows/customer/{private_customer}", headers=sup).status_code == 200


def test_a_rep_cannot_change_another_reps_customer(server, private_customer) -> None:
    zhang = token_of(server, "张伟")
    answer = push(server, zhang, op("customer", private_customer, "update", {"phone": "110"}, base=1)).json()
    assert answer["results"][0]["status"] == "rejected"
    assert "another rep" in answer["results"][0]["reason"]
    li = token_of(server, "李娜")
    assert httpx.get(f"{server.url}/rows/customer/{private_customer}", headers=li).json()["phone"] == "0571-88888888"


def test_a_rep_cannot_push_rows_for_another_owner(server, team) -> None:
    zhang = token_of(server, "张伟")
    row_id = uuid7()
    fields = {
        "id": row_id,
        "name": "冒名客户",
        "owner_id": team["other"],
        "created_at": utcnow().isoformat(),
        "updated_at": utcnow().isoformat(),
    }
    answer = push(server, zhang, op("customer", row_id, "insert", fields)).json()
    assert answer["results"][0]["status"] == "rejected"
    assert httpx.get(f"{server.url}/rows/customer/{row_id}", headers=token_of(server, "李娜")).status_code == 404
    answer = push(server, zhang, op("app_user", team["rep"], "update", {"role": "admin"}, base=1)).json()
    assert answer["results"][0]["status"] == "rejected"


def test_a_rep_cannot_countersign(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    zhang.cli("report", "edit", "--summary", "拜访了三家客户")
    zhang.cli("report", "submit")
    zhang.cli("sync")
    report = zhang.cli_json("report", "show")
    li = token_of(server, "李娜")
    for who in (li, token_of(server, "张伟")):
        answer = push(
            server,
            who,
            op(
                "daily_report",
                report["id"],
                "action",
                {"status": "countersigned", "signature": "0" * 64},
                action="countersign",
                base=report["version"] + 10,
            ),
        ).json()
        assert answer["results"][0]["status"] == "rejected"
        assert "supervisor" in answer["results"][0]["reason"]
    sup = token_of(server, "王经理")
    assert httpx.get(f"{server.url}/rows/daily_report/{report['id']}", headers=sup).json()["status"] == "submitted"


def test_expired_revoked_and_missing_tokens_are_refused(server, team) -> None:
    headers = token_of(server, "张伟")
    assert httpx.get(f"{server.url}/sync/pull", headers=headers).status_code == 200
    with server.engine.begin() as conn:
        conn.execute(update(auth_token).where(auth_token.c.user_id == team["rep"]), {"expires_at": utcnow()})
    answer = httpx.get(f"{server.url}/sync/pull", headers=headers)
    assert answer.status_code == 401 and "expired" in answer.json()["detail"]

    headers = token_of(server, "张伟")
    assert httpx.post(f"{server.url}/auth/logout", headers=headers).status_code == 204
    answer = httpx.get(f"{server.url}/sync/pull", headers=headers)
    assert answer.status_code == 401 and "revoked" in answer.json()["detail"]
    answer = httpx.post(f"{server.url}/sync/push", json={"ops": []}, headers=headers)
    assert answer.status_code == 401 and "revoked" in answer.json()["detail"]

    assert httpx.get(f"{server.url}/sync/pull", headers=HEADERS).status_code == 401
    bad = {**HEADERS, "Authorization": "Bearer not-a-token"}
    assert httpx.get(f"{server.url}/sync/pull", headers=bad).status_code == 401
    assert httpx.post(f"{server.url}/sync/push", json={"ops": []}, headers=bad).status_code == 401
    # Without a token the body is not even looked at.
    answer = httpx.post(f"{server.url}/sync/push", content=b"{not json", headers=HEADERS)
    assert answer.status_code == 401 and "log in" in answer.json()["detail"]


def test_logins_are_throttled_after_repeated_failures(server, team) -> None:
    server.clock.freeze()  # the lock is 1 s: on a slow machine real time could pass it between two requests
    for _ in range(5):
        assert login(server, "张伟", "wrong-password").status_code == 401
    answer = login(server, "张伟", PASSWORD)
    assert answer.status_code == 429 and "try again" in answer.json()["detail"]
    assert login(server, "nobody", PASSWORD).status_code == 401
    server.clock.advance(timedelta(seconds=1))
    assert login(server, "张伟", PASSWORD).status_code == 200


def test_an_old_client_is_told_to_update(server, team) -> None:
    headers = {**token_of(server, "张伟"), PROTOCOL_HEADER: "0"}
    answer = httpx.get(f"{server.url}/sync/pull", headers=headers)
    assert answer.status_code == 426 and "update" in answer.json()["detail"]
    answer = httpx.post(
        f"{server.url}/auth/login", json={"user": "张伟", "password": PASSWORD, "device_id": uuid7(), "protocol": 0}
    )
    assert answer.status_code == 426


MALFORMED_BODIES = [b"not json", b"[]", b'{"ops": "x"}', b'{"ops": [{"op_id": 1}]}', b'{"ops": [], "extra": 1}']
BAD_OPS = [
    ("no_such_table", "insert", {"name": "x"}),
    ("customer", "insert", {"name": "x", "no_such_field": 1}),
    ("customer", "insert", {"name": None}),
    ("customer", "insert", {"name": "x" * 5000}),
    ("customer", "insert", {"name": "x", "next_follow_up": "not a date"}),
    ("customer", "insert", {"name": "x", "first_contact_at": 12}),
    ("customer", "insert", {"name": "x", "in_public_pool": "maybe"}),
    ("customer", "insert", {"name": "\ud800半个代理对"}),  # sent as a \u escape: not valid Unicode
    ("customer", "insert", {"name": "有\x00空字符"}),  # PostgreSQL cannot store it; SQLite must refuse it too
    ("visit", "insert", {"customer_id": "missing", "rep_id": "x", "started_at": "2026-01-01T00:00:00+00:00"}),
    ("customer", "update", {"name": "x"}),
    ("sync_conflict", "update", {"status": "resolved"}),
]


def test_malformed_bodies_get_4xx_and_bad_ops_are_rejected(server, team) -> None:
    headers = {**token_of(server, "张伟"), "Content-Type": "application/json"}
    for body in MALFORMED_BODIES:
        answer = httpx.post(f"{server.url}/sync/push", content=body, headers=headers)
        assert 400 <= answer.status_code < 500, (body, answer.text)
    bad_id = op("customer", "\udc00", "insert", {"name": "x"})  # no field check looks at ids
    assert push(server, headers, bad_id).status_code == 400
    login = {"user": "\ud800", "password": "x", "device_id": uuid7()}
    assert post_json(f"{server.url}/auth/login", login).status_code == 400
    for table, kind, fields in BAD_OPS:
        answer = push(server, headers, op(table, uuid7(), kind, fields))
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"][0]["status"] == "rejected", (table, fields)


def test_pull_parameters_are_checked(server, team) -> None:
    headers = token_of(server, "张伟")
    for params in ({"after": -1}, {"after": "x"}, {"limit": 0}, {"limit": 10**6}):
        assert httpx.get(f"{server.url}/sync/pull", params=params, headers=headers).status_code == 422

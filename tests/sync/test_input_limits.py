"""Malformed or oversized input gets a 4xx, never a 500 or an exhausted server: one test per failure an outside
tester found (empty table on pull, numbers past 64 bits, NUL characters, 65,535+ ids in one push, unbounded bodies,
echoed input, unbounded text and pull pages)."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import httpx
import pytest

from fieldcrm.ids import uuid7
from fieldcrm.server.limits import ENV_MAX_PAGE_BYTES, ENV_MAX_PUSH_BYTES
from fieldcrm.sync.protocol import PROTOCOL_HEADER
from server_fixtures import PASSWORD
from server_fixtures import wire_op as op
from waiting import HANG_GUARD

HEADERS = {PROTOCOL_HEADER: "1"}


def token_of(server, user: str = "张伟") -> dict[str, str]:
    body = {"user": user, "password": PASSWORD, "device_id": uuid7()}
    response = httpx.post(f"{server.url}/auth/login", json=body)
    assert response.status_code == 200, response.text
    return {**HEADERS, "Authorization": f"Bearer {response.json()['token']}"}


def raw_exchange(server, head: str, body: bytes = b"") -> tuple[int, bytes]:
    """Send a request's head (and some body) on a socket, then read the answer without sending the rest: a server
    that waits for the whole body never answers (and the hang guard fails the test)."""
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=HANG_GUARD) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < _length(answer):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer.split(b"\r\n\r\n", 1)[1]


def _length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


def test_an_empty_table_on_pull_is_refused(server, team) -> None:
    answer = httpx.get(f"{server.url}/sync/pull", params={"table": ""}, headers=token_of(server))
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["query", "table"]


def test_cursors_and_client_seqs_past_64_bits_are_refused(server, team) -> None:
    headers = token_of(server)
    for after in (2**63, 2**64):
        answer = httpx.get(f"{server.url}/sync/pull", params={"after": after}, headers=headers)
        assert answer.status_code == 422, (after, answer.text)
    assert httpx.get(f"{server.url}/sync/pull", params={"after": 2**63 - 1}, headers=headers).status_code == 200
    for field in ("client_seq", "base_version"):
        ops = [{**op("customer", uuid7(), "insert", {"name": "大数客户"}), field: 2**64}]
        answer = httpx.post(f"{server.url}/sync/push", json={"ops": ops}, headers=headers)
        assert answer.status_code == 422, (field, answer.text)
        assert answer.json()["detail"][0]["loc"] == ["body", "ops", 0, field]


@pytest.mark.parametrize("field", ["op_id", "group_id", "row_id", "table"])
def test_nul_characters_in_pushed_ids_are_refused(server, team, field: str) -> None:
    ops = [{**op("customer", uuid7(), "insert", {"name": "空字符客户"}), field: "a\x00b"}]
    answer = httpx.post(f"{server.url}/sync/push", json={"ops": ops}, headers=token_of(server))
    assert answer.status_code == 422, answer.text
    assert "control characters" in answer.json()["detail"][0]["msg"]


def test_nul_characters_in_login_names_device_ids_and_row_ids_are_refused(server, team) -> None:
    for body in (
        {"user": "张\x00伟", "password": PASSWORD, "device_id": uuid7()},
        {"user": "张伟", "password": PASSWORD, "device_id": "laptop\x00one"},
        {"user": "张伟\x1b", "password": PASSWORD, "device_id": uuid7()},
    ):
        answer = httpx.post(f"{server.url}/auth/login", json=body)
        assert answer.status_code == 422, (body, answer.text)
    answer = httpx.get(f"{server.url}/rows/customer/a%00b", headers=token_of(server))
    assert answer.status_code == 422, answer.text


def _without_action(wire: dict) -> dict:
    return {k: v for k, v in wire.items() if k != "action"}


def test_a_retried_push_naming_more_than_65535_ids_is_answered_from_the_first(server, team) -> None:
    """A laptop whose big push timed out retries it: the answers come from the ops' stored answers, read in chunks
    (one `IN` list of 66,000 op ids is more parameters than PostgreSQL binds in one statement)."""
    # Each its own company (one name would make them all twins of the first), no `action` (none is the default):
    # 16.0 MB, under the push limit.
    group = uuid7()
    ops = [
        {
            **_without_action(op("customer", uuid7(), "insert", {"name": f"x{n}"})),
            "group_id": group,
            "client_seq": n + 1,
        }
        for n in range(66_000)
    ]
    body = json.dumps({"ops": ops}, separators=(",", ":")).encode()
    assert len(body) < 16 * 1024 * 1024
    headers = {**token_of(server), "Content-Type": "application/json"}
    # 66,000 new customers take one push 60-130 s on a shared two-core machine: the guard against a hang is five
    # times the usual one, so the test never depends on the machine's speed.
    guard = 5 * HANG_GUARD
    first = httpx.post(f"{server.url}/sync/push", content=body, headers=headers, timeout=guard)
    assert first.status_code == 200, first.text[:300]
    again = httpx.post(f"{server.url}/sync/push", content=body, headers=headers, timeout=guard)
    assert again.status_code == 200, again.text[:300]
    assert again.json()["results"] == first.json()["results"]
    assert {r["status"] for r in again.json()["results"]} == {"applied"}


def test_a_push_without_a_token_is_refused_before_its_body_is_read(server, team) -> None:
    """300 MB announced, none sent: the 401 comes at once (the old server read the whole body first)."""
    head = f"POST /sync/push HTTP/1.1\nHost: x\n{PROTOCOL_HEADER}: 1\nContent-Type: application/json\n"
    status, body = raw_exchange(server, head + f"Content-Length: {300 * 1024 * 1024}\n")
    assert status == 401 and "log in" in json.loads(body)["detail"]
    status, body = raw_exchange(server, head + "Transfer-Encoding: chunked\n", b"1000\r\n" + b"x" * 4096 + b"\r\n")
    assert status == 401


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server (started after this fixture) with a 1 MB push limit and 200 KB pull pages, set as an admin would."""
    monkeypatch.setenv(ENV_MAX_PUSH_BYTES, "1000000")
    monkeypatch.setenv(ENV_MAX_PAGE_BYTES, "200000")


def test_a_push_over_the_limit_is_refused_while_it_streams_in(small_limits, server, team) -> None:
    token = token_of(server)
    head = (
        f"POST /sync/push HTTP/1.1\nHost: x\n{PROTOCOL_HEADER}: 1\nAuthorization: {token['Authorization']}\n"
        "Content-Type: application/json\n"
    )
    status, body = raw_exchange(server, head + "Content-Length: 1000001\n")  # refused on its announced length
    assert status == 413 and "1,000,000" in json.loads(body)["detail"]
    chunk = b'{"ops": [' + b" " * 65_000
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(16))  # 1,040,000 bytes, still open
    status, body = raw_exchange(server, head + "Transfer-Encoding: chunked\n", chunks)
    assert status == 413 and "larger than 1,000,000 bytes" in json.loads(body)["detail"]
    fits = httpx.post(f"{server.url}/sync/push", json={"ops": [op("customer", uuid7(), "insert", {"name": "甲"})]},
                      headers=token)  # fmt: skip
    assert fits.status_code == 200


def test_a_huge_login_is_refused_unread_and_a_bad_one_is_not_echoed(server, team) -> None:
    head = f"POST /auth/login HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: {50 * 1024 * 1024}\n"
    status, body = raw_exchange(server, head)
    assert status == 413, body[:300]
    name = "n" * 60_000  # a body under the login's 64 KB
    answer = httpx.post(f"{server.url}/auth/login", json={"user": name, "password": "p" * 2000, "device_id": "d"})
    assert answer.status_code == 422
    assert "nnnnnnnnnn" not in answer.text and "pppppppppp" not in answer.text
    assert len(answer.content) < 2000
    assert {e["loc"][-1] for e in answer.json()["detail"]} == {"user", "password"}


def test_text_past_its_cap_is_refused_per_op(server, team) -> None:
    headers = token_of(server)
    long_notes = op("customer", uuid7(), "insert", {"name": "长备注客户", "notes": "记" * 20_001})
    fine = op("customer", uuid7(), "insert", {"name": "短备注客户", "notes": "记" * 20_000})
    answer = httpx.post(f"{server.url}/sync/push", json={"ops": [long_notes, fine]}, headers=headers)
    assert answer.status_code == 200, answer.text[:300]
    refused, applied = answer.json()["results"]
    assert refused["status"] == "rejected"
    assert refused["reason"] == "notes: is 20,001 characters long; at most 20,000 are allowed"
    assert applied["status"] == "applied"


def test_pull_pages_are_bounded_in_bytes(small_limits, server, team) -> None:
    """30 customers of ~57 KB each (19,000 Chinese characters of notes) come in pages of at most 200 KB; a row
    bigger than a page still comes, alone."""
    headers = token_of(server)
    ids = {uuid7() for _ in range(30)}
    ops = [op("customer", i, "insert", {"name": f"客户{n}", "notes": "备" * 19_000}) for n, i in enumerate(ids)]
    for start in range(0, 30, 10):  # under the 1 MB push limit
        pushed = httpx.post(f"{server.url}/sync/push", json={"ops": ops[start : start + 10]}, headers=headers)
        assert {r["status"] for r in pushed.json()["results"]} == {"applied"}, pushed.text[:300]
    big = uuid7()
    report = {"rep_id": team["rep"], "report_date": "2026-12-01", "content": json.dumps(["访" * 90_000])}
    pushed = httpx.post(
        f"{server.url}/sync/push", json={"ops": [op("daily_report", big, "insert", report)]}, headers=headers
    )
    assert pushed.json()["results"][0]["status"] == "applied", pushed.text
    seen: list[str] = []
    after, pages = 0, 0
    while True:
        page = httpx.get(f"{server.url}/sync/pull", params={"after": after, "limit": 5000}, headers=headers)
        assert page.status_code == 200
        body = page.json()
        if big in {c["id"] for c in body["changes"]}:
            assert len(body["changes"]) == 1  # bigger than a page: alone
        else:
            assert len(page.content) <= 200_000, len(page.content)
        seen += [c["id"] for c in body["changes"]]
        after, pages = body["next_after"], pages + 1
        if not body["has_more"]:
            break
    assert ids | {big} <= set(seen)
    assert pages >= 10

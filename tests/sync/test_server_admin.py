"""The server as an admin meets it: `serve` says where it listens and on which database (no password), writes one
access-log line per request (who, what, how it ended; never a token or a body), and `doctor` checks the database,
its schema, the clocks, the disk and the accounts, one line each."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from laptops import PASSWORD, free_port
from sqlalchemy import text

from fieldcrm.server import accounts
from fieldcrm.server.cli import main as server_main
from fieldcrm.server.db import make_engine, migrate
from fieldcrm.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION


def with_password(url: str) -> str:
    """The same database with a password in its URL (trust authentication ignores it; the banner must hide it)."""
    return url.replace("postgres@", "postgres:hunter2-secret@") if "postgresql" in url else url


def wait_until(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout  # a guard against a hang, not a measure of speed
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def test_serve_says_where_and_logs_every_request_without_secrets(database_url: str, tmp_path: Path) -> None:
    engine = make_engine(database_url)
    accounts.create_user(engine, "张伟", "rep", "华东一组", PASSWORD)
    engine.dispose()
    port, access = free_port(), tmp_path / "logs" / "access.log"
    url = with_password(database_url)
    server = subprocess.Popen(
        [sys.executable, "-m", "fieldcrm.server.cli", "serve", "--database-url", url, "--port", str(port),
         "--access-log", str(access)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_until(lambda: answers(port) or server.poll() is not None, "the server to answer")
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        base = f"http://127.0.0.1:{port}"
        login = {"user": "张伟", "password": PASSWORD, "device_id": "laptop-1"}
        token = httpx.post(f"{base}/auth/login", json=login, headers=headers).json()["token"]
        httpx.post(f"{base}/auth/login", json={**login, "password": "wrong-password"}, headers=headers)
        auth = {**headers, "Authorization": f"Bearer {token}"}
        assert httpx.get(f"{base}/sync/pull", params={"after": 0}, headers=auth).status_code == 200
        wait_until(lambda: access.is_file() and "/sync/pull" in access.read_text(encoding="utf-8"), "the pull's line")
    finally:
        server.terminate()
        out, _err = server.communicate(timeout=30)
    banner = out.splitlines()[:3]
    assert banner[0].startswith("FieldCRM sync server ") and f"serving on http://127.0.0.1:{port}" in banner[0]
    assert banner[1].startswith("database: ") and "schema up to date" in banner[1]
    assert "hunter2-secret" not in out and ("***" in banner[1] or "sqlite" in banner[1])
    assert banner[2] == f"access log: {access}"
    lines = access.read_text(encoding="utf-8").splitlines()
    assert any(" POST /auth/login 200 " in line and line.endswith(" 张伟") for line in lines)
    assert any(" POST /auth/login 401 " in line and line.endswith(" -") for line in lines)
    assert any(" GET /sync/pull 200 " in line and line.endswith(" 张伟") for line in lines)
    logged = "\n".join(lines)
    assert token not in logged and PASSWORD not in logged and "wrong-password" not in logged


def doctor(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = server_main(["doctor", "--database-url", url])
    return code, capsys.readouterr().out.splitlines()


def test_doctor_on_a_healthy_server(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_engine(database_url)
    accounts.create_user(engine, "管理员", "admin", None, PASSWORD)
    engine.dispose()
    code, lines = doctor(with_password(database_url), capsys)
    assert code == 0 and lines[-1] == "all checks passed", lines
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok  database",
        "ok  schema",
        "ok  clock",
        "ok  accounts",
        "ok  disk",
    ]
    assert "hunter2-secret" not in "\n".join(lines) and "1 active (1 admin)" in lines[3]


def test_doctor_names_each_problem_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # PostgreSQL stopped (nothing listens on its port): one line saying so, and the checks that need it skipped.
    code, lines = doctor(f"postgresql+psycopg://postgres:hunter2-secret@127.0.0.1:{free_port()}/fieldcrm", capsys)
    assert code == 1 and lines[0].startswith("BAD database: cannot connect to postgresql+psycopg://postgres:***@")
    assert "refused" in lines[0].lower() and "hunter2-secret" not in "\n".join(lines)
    assert [line.split(":")[0] for line in lines[:-1]] == ["BAD database", "ok  disk"]
    assert lines[-1] == "1 problem(s) found"

    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    code, lines = doctor(empty, capsys)
    assert code == 1 and "run `fieldcrm-server migrate`" in lines[1] and lines[3].startswith("BAD accounts")

    newer = f"sqlite:///{tmp_path / 'newer.sqlite3'}"
    engine = make_engine(newer)
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 's9999_from_the_future'"))
    engine.dispose()
    code, lines = doctor(newer, capsys)
    assert code == 1 and "made by a newer server" in lines[1]

"""The server as an admin meets it: `serve` says where it listens and on which database (no password) and writes one
access-log line per request (who, what, how it ended; never a token or a body). (`doctor`: tests/server.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
from laptops import PASSWORD, free_port

from fieldcrm.server import accounts
from fieldcrm.server.db import make_engine
from fieldcrm.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from server_fixtures import with_password
from waiting import HANG_GUARD, wait_for


def answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=HANG_GUARD).status_code == 200
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
        wait_for(lambda: answers(port) or server.poll() is not None, "the server answers")
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        base = f"http://127.0.0.1:{port}"
        login = {"user": "张伟", "password": PASSWORD, "device_id": "laptop-1"}
        token = httpx.post(f"{base}/auth/login", json=login, headers=headers, timeout=HANG_GUARD).json()["token"]
        httpx.post(
            f"{base}/auth/login", json={**login, "password": "wrong-password"}, headers=headers, timeout=HANG_GUARD
        )
        auth = {**headers, "Authorization": f"Bearer {token}"}
        pulled = httpx.get(f"{base}/sync/pull", params={"after": 0}, headers=auth, timeout=HANG_GUARD)
        assert pulled.status_code == 200
        wait_for(lambda: access.is_file() and "/sync/pull" in access.read_text(encoding="utf-8"), "the pull's line")
    finally:
        server.terminate()
        out, _err = server.communicate(timeout=HANG_GUARD)
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

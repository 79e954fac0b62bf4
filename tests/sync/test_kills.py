"""Processes killed with SIGKILL: the server mid-batch (then restarted), the laptop's sync mid-pull."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from laptops import PASSWORD, Laptop, ServerHandle, add_customers, free_port, local_count, server_count

from fieldcrm.server import accounts
from fieldcrm.server.db import make_engine

pytestmark = pytest.mark.slow


def _start_server(database_url: str, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "fieldcrm.server.cli", "serve", "--database-url", database_url, "--port", str(port)],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"server did not start: {process.stderr.read().decode()[-500:]}")


@pytest.fixture
def killable(database_url: str):
    engine = make_engine(database_url)
    rep = accounts.create_user(engine, "张伟", "rep", "华东一组", PASSWORD)
    port = free_port()
    state = {"process": _start_server(database_url, port)}
    handle = ServerHandle(f"http://127.0.0.1:{port}", engine, database_url)

    def restart() -> None:
        state["process"] = _start_server(database_url, port)

    yield handle, rep.id, state, restart
    state["process"].kill()
    state["process"].wait()
    engine.dispose()


def _wait_for(condition, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def test_server_killed_mid_batch_and_restarted(killable, tmp_path) -> None:
    server, rep_id, state, restart = killable
    laptop = Laptop(tmp_path / "a", server.url)
    laptop.login("张伟", PASSWORD)
    add_customers(laptop, rep_id, 1500, groups=30, prefix="服务器被杀")
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.setdefault("r", laptop.client(retries=1).sync_once()))
    worker.start()
    assert _wait_for(lambda: server_count(server, "SELECT count(*) FROM applied_op") > 0)
    state["process"].send_signal(signal.SIGKILL)
    state["process"].wait()
    worker.join(60)
    assert outcome["r"].offline  # a dead server is "offline", not a crash
    applied_before = server_count(server, "SELECT count(*) FROM applied_op")
    assert 0 < applied_before < 1500  # killed mid-batch: some groups committed, the answer never came back
    assert local_count(laptop, "SELECT count(*) FROM outbox") >= 1500 - applied_before
    restart()
    laptop.sync()
    sql = "SELECT count(*) FROM customer WHERE name LIKE '服务器被杀%'"
    assert server_count(server, sql) == 1500 and local_count(laptop, sql) == 1500
    assert server_count(server, "SELECT count(*) FROM applied_op") == 1500
    assert local_count(laptop, "SELECT count(*) FROM outbox") == 0
    laptop.close()


def test_laptop_killed_mid_sync_resumes(killable, tmp_path) -> None:
    server, rep_id, _state, _restart = killable
    writer = Laptop(tmp_path / "writer", server.url)
    writer.login("张伟", PASSWORD)
    add_customers(writer, rep_id, 2500, groups=4, prefix="客户端被杀")
    writer.sync()
    writer.close()
    reader = Laptop(tmp_path / "reader", server.url)
    reader.login("张伟", PASSWORD)
    reader.close()
    code = "import sys; from fieldcrm.cli import main; sys.exit(main(sys.argv[1:]))"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--data-dir", str(reader.folder), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = reader.paths.database

    def pulled_some() -> bool:
        import sqlite3

        with sqlite3.connect(database, timeout=5) as conn:
            row = conn.execute("SELECT value FROM sync_state WHERE key = 'pull_cursor'").fetchone()
        return row is not None and int(row[0]) > 0

    assert _wait_for(pulled_some)
    process.send_signal(signal.SIGKILL)
    process.wait()
    sql = "SELECT count(*) FROM customer WHERE name LIKE '客户端被杀%'"
    assert local_count(reader, sql) <= 2500
    reader.sync()
    assert local_count(reader, sql) == 2500
    assert local_count(reader, "SELECT count(DISTINCT id) FROM customer WHERE name LIKE '客户端被杀%'") == 2500
    top = server_count(server, "SELECT value FROM sync_counter")
    assert reader.client().status()["cursor"] == top
    reader.close()

"""Processes killed with SIGKILL: the server mid-batch (then restarted), the laptop's sync mid-pull.

Each kill lands at a known point, not whenever a poller happens to look: the process runs the real code with one
seam watched (`PAUSED_AT`), and at that seam, inside an open transaction, it says so and waits to be killed."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading

import httpx
import pytest
from laptops import PASSWORD, Laptop, ServerHandle, add_customers, free_port, local_count, server_count

from fieldcrm.server import accounts, auth
from fieldcrm.server.db import make_engine
from fieldcrm.server.pull import pull
from fieldcrm.store import cipher
from fieldcrm.sync.protocol import MAX_OPS_PER_PUSH, PAGE_SIZE
from waiting import HANG_GUARD, wait_for

pytestmark = pytest.mark.slow

#: Runs `main(argv[3:])` of the module named by argv[1]. The function named by argv[2] (module.function) is wrapped:
#: the PAUSED_AT-th call runs it, then prints "paused" and blocks inside the transaction it was called in.
PAUSED_AT = r"""
import importlib, os, sys, threading

program, seam, pause_at = sys.argv[1], sys.argv[2], int(os.environ["PAUSED_AT"])
module_name, name = seam.rsplit(".", 1)
module = importlib.import_module(module_name)
real, calls = getattr(module, name), []

def watched(*args, **kwargs):
    result = real(*args, **kwargs)
    calls.append(1)
    if len(calls) == pause_at:
        print("paused", flush=True)
        threading.Event().wait()
    return result

setattr(module, name, watched)
sys.exit(importlib.import_module(program).main(sys.argv[3:]))
"""


def _paused(process: subprocess.Popen) -> None:
    """Wait until the process says it stopped at its seam (past what else it prints first, such as the server's
    banner); fail with what it printed if it ended instead."""
    said = []
    while not said or said[-1] not in (b"paused\n", b""):
        ready, _, _ = select.select([process.stdout], [], [], HANG_GUARD)
        said.append(process.stdout.readline() if ready else b"")
    if said[-1] != b"paused\n":
        process.kill()
        raise AssertionError(f"the process did not stop at its seam: {said!r} {process.communicate()[1][-800:]!r}")


def _start_server(database_url: str, port: int, pause_in_push: int | None = None) -> subprocess.Popen:
    """`fieldcrm-server serve`; with `pause_in_push`, that push (counting from 1) stops just before it commits: its
    rows, answers and sequence numbers are written, in a transaction still open."""
    serve = ["serve", "--database-url", database_url, "--port", str(port), "--access-log", "off"]
    if pause_in_push is None:
        command = [sys.executable, "-m", "fieldcrm.server.cli", *serve]
    else:  # fieldcrm.server.push._finish: the last step of a push's transaction, before its commit
        command = [sys.executable, "-c", PAUSED_AT, "fieldcrm.server.cli", "fieldcrm.server.push._finish", *serve]
    process = subprocess.Popen(
        command,
        env={**os.environ, "PAUSED_AT": str(pause_in_push or 0)},
        stdout=subprocess.DEVNULL if pause_in_push is None else subprocess.PIPE,  # the banner, then "paused"
        stderr=subprocess.PIPE,
        bufsize=0,  # unbuffered: `_paused` reads no further than the line it waits for
    )

    def healthy() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"server did not start: {process.stderr.read().decode()[-500:]}")
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=HANG_GUARD).status_code == 200
        except httpx.TransportError:
            return False

    wait_for(healthy, "the server answers /health")
    return process


@pytest.fixture
def killable(database_url: str):
    """A rep's account at head office and `start(pause_in_push=None)`, which starts `fieldcrm-server serve` on one
    port for this test (again after a kill); every process started is killed at the end."""
    engine = make_engine(database_url)
    rep = accounts.create_user(engine, "张伟", "rep", "华东一组", PASSWORD)
    port = free_port()
    started: list[subprocess.Popen] = []

    def start(pause_in_push: int | None = None) -> subprocess.Popen:
        started.append(_start_server(database_url, port, pause_in_push))
        return started[-1]

    yield ServerHandle(f"http://127.0.0.1:{port}", engine, database_url), rep.id, start
    for process in started:
        process.kill()
        process.wait()
    engine.dispose()


def test_server_killed_mid_batch_and_restarted(killable, tmp_path) -> None:
    server, rep_id, start = killable
    process = start(pause_in_push=2)
    laptop = Laptop(tmp_path / "a", server.url)
    laptop.login("张伟", PASSWORD)
    add_customers(laptop, rep_id, 1500, groups=30, prefix="服务器被杀")  # three pushes of ten groups each
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.setdefault("r", laptop.client(retries=1).sync_once()))
    worker.start()
    _paused(process)  # the first push is committed and answered; the second is written, not committed
    process.send_signal(signal.SIGKILL)
    process.wait()
    worker.join(HANG_GUARD)
    assert not worker.is_alive(), "the sync never came back from the dead server"
    assert outcome["r"].offline  # a dead server is "offline", not a crash
    assert server_count(server, "SELECT count(*) FROM applied_op") == MAX_OPS_PER_PUSH  # the second died whole
    sql = "SELECT count(*) FROM customer WHERE name LIKE '服务器被杀%'"
    assert server_count(server, sql) == MAX_OPS_PER_PUSH
    assert local_count(laptop, "SELECT count(*) FROM outbox") == 1500 - MAX_OPS_PER_PUSH  # only the answered left
    start()
    laptop.sync()
    assert server_count(server, sql) == 1500 and local_count(laptop, sql) == 1500
    assert server_count(server, "SELECT count(*) FROM applied_op") == 1500
    assert local_count(laptop, "SELECT count(*) FROM outbox") == 0
    laptop.close()


def test_laptop_killed_mid_sync_resumes(killable, tmp_path) -> None:
    server, rep_id, start = killable
    start()
    writer = Laptop(tmp_path / "writer", server.url)
    writer.login("张伟", PASSWORD)
    add_customers(writer, rep_id, 2500, groups=4, prefix="客户端被杀")
    writer.sync()
    writer.close()
    reader = Laptop(tmp_path / "reader", server.url)
    reader.login("张伟", PASSWORD)
    reader.close()
    # `fieldcrm sync`, stopping in the second page's transaction (fieldcrm.sync.apply.apply_changes: the page's
    # rows are written, the cursor not yet moved, nothing committed).
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_AT, "fieldcrm.cli", "fieldcrm.sync.apply.apply_changes"]
        + ["--data-dir", str(reader.folder), "sync"],
        env={**os.environ, "PAUSED_AT": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    sql = "SELECT count(*) FROM customer WHERE name LIKE '客户端被杀%'"
    cursor_sql = "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'pull_cursor'), 0)"
    try:
        _paused(process)
        with cipher.connect_any(reader.paths.database) as conn:  # what the laptop has committed: the first page
            first_page = conn.execute(sql).fetchone()[0], conn.execute(cursor_sql).fetchone()[0]
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    token, *_ = auth.login(server.engine, "张伟", PASSWORD, "test")
    with server.engine.connect() as conn:  # the first page as head office serves it
        page = pull(conn, auth.authenticate(conn, token), 0, PAGE_SIZE, False)
    assert first_page == (sum(1 for c in page.changes if c.table == "customer"), page.next_after)
    assert 0 < first_page[0] < 2500
    # Killed: the second page is gone whole, the first kept with its cursor.
    assert (local_count(reader, sql), local_count(reader, cursor_sql)) == first_page
    reader.sync()
    assert local_count(reader, sql) == 2500
    assert local_count(reader, "SELECT count(DISTINCT id) FROM customer WHERE name LIKE '客户端被杀%'") == 2500
    top = server_count(server, "SELECT value FROM sync_counter")
    assert reader.client().status()["cursor"] == top
    reader.close()

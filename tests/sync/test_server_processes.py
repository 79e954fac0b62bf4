"""`fieldcrm-server serve --workers N`: N processes, each with its own listening socket on the one port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from laptops import free_port

from waiting import HANG_GUARD, wait_for

pytestmark = pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="SO_REUSEPORT is Linux/BSD only")


def _serve(database: Path, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "fieldcrm.server.cli", "serve", "--database-url", f"sqlite:///{database}",
         "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(p) for p in (task / "children").read_text().split())
    return found


def _workers(pid: int) -> set[int]:
    """The serving children (multiprocessing's resource tracker does not listen)."""
    out = set()
    for child in _children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes() and _listens(child):
                out.add(child)
        except OSError:
            pass
    return out


def _listens(pid: int) -> bool:
    return any(os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:") for fd in os.listdir(f"/proc/{pid}/fd"))


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=HANG_GUARD).status_code == 200
    except httpx.TransportError:
        return False


def test_workers_serve_one_port_are_restarted_and_stop_together(tmp_path) -> None:
    port = free_port()
    server = _serve(tmp_path / "server.sqlite3", port, "--workers", "2", "--threads", "1")
    try:
        wait_for(lambda: _healthy(port) and len(_workers(server.pid)) == 2, "two workers serve")
        first = _workers(server.pid)
        # Fresh connections, answered whichever worker the kernel gives them to.
        assert all(_healthy(port) for _ in range(20))
        victim = sorted(first)[0]
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: len(_workers(server.pid) - {victim}) == 2, "a new worker replaces the killed one")
        assert _healthy(port)
        workers = _workers(server.pid)
        server.send_signal(signal.SIGTERM)
        assert server.wait(HANG_GUARD) == 0
        wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), "the workers stop with the server")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_workers_stop_when_their_supervisor_is_killed(tmp_path) -> None:
    port = free_port()
    server = _serve(tmp_path / "server.sqlite3", port, "--workers", "2")
    try:
        wait_for(lambda: _healthy(port) and len(_workers(server.pid)) == 2, "two workers serve")
        workers = _workers(server.pid)
    finally:
        server.kill()
        server.wait()
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), "the orphaned workers stop")
    assert not _healthy(port)


def test_a_taken_port_is_refused_with_one_sentence(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = _serve(tmp_path / "server.sqlite3", port, "--workers", "2")
        _, err = server.communicate(timeout=HANG_GUARD)
    assert server.returncode == 2
    assert err.decode().strip().splitlines()[-1] == f"error: cannot listen on 127.0.0.1:{port}: Address already in use"

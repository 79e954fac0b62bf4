"""Sync fixtures: a real uvicorn server on a loopback port over the head office's database (SQLite or PostgreSQL,
from server_fixtures), and laptops with real stores."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from laptops import Laptop, ServerClock, ServerHandle, free_port
from sqlalchemy import Engine

from fieldcrm.server.app import create_app
from fieldcrm.server.login_guard import LoginLimits
from server_fixtures import PASSWORD
from waiting import HANG_GUARD, wait_for

#: Every laptop of a test logs in from 127.0.0.1, many times a second: the per-address throttle would refuse them.
#: Tests of the throttle itself ask for real limits with `@pytest.mark.login_limits(LoginLimits(...))`.
UNTHROTTLED = LoginLimits(burst=1_000_000, per_minute=1_000_000, hash_slots=4, hash_queue=1_000)


class ThreadedServer:
    """uvicorn serving the real app in a thread of this process, on a free loopback port."""

    def __init__(self, engine: Engine, threads: int | None = None, login_limits: LoginLimits | None = None) -> None:
        self.engine = engine
        self.port = free_port()
        self.clock = ServerClock()
        self.app = app = create_app(self.engine, threads, self.clock, login_limits=login_limits or UNTHROTTLED)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ThreadedServer:
        self.thread.start()
        wait_for(lambda: self.server.started or not self.thread.is_alive(), "the test server starts")
        if not self.server.started:
            raise RuntimeError("the test server did not start")
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(HANG_GUARD)


@pytest.fixture
def server(server_engine: Engine, database_url: str, request: pytest.FixtureRequest) -> Iterator[ServerHandle]:
    threads = request.node.get_closest_marker("server_threads")
    limits = request.node.get_closest_marker("login_limits")
    running = ThreadedServer(server_engine, threads.args[0] if threads else None, limits and limits.args[0]).start()
    yield ServerHandle(f"http://127.0.0.1:{running.port}", server_engine, database_url, running.clock, running.app)
    running.stop()


@pytest.fixture
def laptop_factory(tmp_path: Path, server: ServerHandle, _template_store: Path) -> Iterator:
    made: list[Laptop] = []

    def make(name: str, user: str | None = None) -> Laptop:
        laptop = Laptop(tmp_path / "laptops" / name, server.url, _template_store)
        made.append(laptop)
        if user:
            laptop.login(user, PASSWORD)
        return laptop

    yield make
    for laptop in made:
        laptop.close()

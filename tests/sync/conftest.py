"""Sync fixtures: a real uvicorn server on a loopback port over SQLite or PostgreSQL, and laptops with real stores."""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import uvicorn

os.environ.setdefault("FIELDCRM_ARGON2_PROFILE", "cheapest")  # before the server modules make their hasher

from laptops import PASSWORD, Laptop, ServerClock, ServerHandle, feed_mismatches, free_port  # noqa: E402

from fieldcrm.server import accounts  # noqa: E402
from fieldcrm.server.app import create_app  # noqa: E402
from fieldcrm.server.db import make_engine, migrate  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _postgres_available() -> str | None:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """A migrated PostgreSQL database of this run, copied per test (CREATE DATABASE … TEMPLATE)."""
    problem = _postgres_available()
    if problem is not None:
        if os.environ.get("FIELDCRM_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required (FIELDCRM_REQUIRE_POSTGRES=1) but unreachable: {problem}")
        yield None
        return
    name = f"fieldcrm_test_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    migrate(engine)
    engine.dispose()
    yield name
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("server-template") / "server.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """A fresh, migrated server database: a SQLite file, or a PostgreSQL database dropped after the test."""
    if request.param == "sqlite":
        target = tmp_path / "server.sqlite3"
        shutil.copy(sqlite_template, target)
        yield f"sqlite:///{target}"
        return
    template = request.getfixturevalue("pg_template")
    if template is None:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    name = f"{template}_{secrets.token_hex(3)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ThreadedServer:
    """uvicorn serving the real app in a thread of this process, on a free loopback port."""

    def __init__(self, database_url: str, threads: int | None = None) -> None:
        self.engine = make_engine(database_url)
        migrate(self.engine)
        self.port = free_port()
        self.clock = ServerClock()
        app = create_app(self.engine, threads, self.clock)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ThreadedServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.engine.dispose()


@pytest.fixture
def server(database_url: str, request: pytest.FixtureRequest) -> Iterator[ServerHandle]:
    threads = request.node.get_closest_marker("server_threads")
    running = ThreadedServer(database_url, threads.args[0] if threads else None).start()
    handle = ServerHandle(f"http://127.0.0.1:{running.port}", running.engine, database_url, running.clock)
    yield handle
    try:
        # Whatever the test did through the server, the pull's shortcut picks the rows the full rule picks.
        wrong = feed_mismatches(running.engine)
        assert not wrong, f"the pull's filter disagrees with the visibility rule (missed, extra seqs): {wrong}"
    finally:
        running.stop()


@pytest.fixture
def team(server: ServerHandle) -> dict[str, str]:
    """Accounts on the server: supervisor 王经理 leading 华东一组 with reps 张伟 and 李娜; an admin."""
    ids = {}
    for key, name, role, team_name in (
        ("supervisor", "王经理", "supervisor", "华东一组"),
        ("rep", "张伟", "rep", "华东一组"),
        ("other", "李娜", "rep", "华东一组"),
        ("admin", "管理员", "admin", None),
    ):
        ids[key] = accounts.create_user(server.engine, name, role, team_name, PASSWORD).id
    return ids


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

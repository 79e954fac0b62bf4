"""The head office in tests: its database as fixtures (a SQLite file, or a PostgreSQL database on 127.0.0.1:5432),
the team's accounts, and helpers that read it or speak its wire format. A pytest plugin (tests/conftest.py loads it)
and a plain module: tests import its helpers from here, never from a conftest."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine

from waiting import HANG_GUARD

os.environ.setdefault("FIELDCRM_ARGON2_PROFILE", "cheapest")  # before the server modules make their hasher

from fieldcrm.ids import uuid7  # noqa: E402
from fieldcrm.server import accounts, auth  # noqa: E402
from fieldcrm.server.db import make_engine, migrate  # noqa: E402
from fieldcrm.server.push import push  # noqa: E402
from fieldcrm.sync.protocol import WireOp  # noqa: E402

#: The password of every account the tests create.
PASSWORD = "secret-pass-1"

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _postgres_available() -> str | None:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=int(HANG_GUARD)):
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


@pytest.fixture(params=["sqlite", "postgres"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes empty databases of one kind, never migrated, and gives their URLs: new SQLite files, or new PostgreSQL
    databases dropped after the test (skipped without PostgreSQL, failed where CI requires it)."""
    if request.param == "postgres":
        problem = _postgres_available()
        if problem is not None:
            if os.environ.get("FIELDCRM_REQUIRE_POSTGRES"):
                pytest.fail(f"PostgreSQL is required (FIELDCRM_REQUIRE_POSTGRES=1) but unreachable: {problem}")
            pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    made: list[str] = []

    def make() -> str:
        made.append(f"fieldcrm_test_{secrets.token_hex(4)}")
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / made[-1]}.sqlite3"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{made[-1]}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{made[-1]}"

    yield make
    if request.param == "sqlite":
        return
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server_engine(database_url: str) -> Iterator[Engine]:
    """The head office's database engine (what the server runs on). Afterwards, whatever the test did, the pull's
    shortcut picks the rows the full visibility rule picks."""
    engine = make_engine(database_url)
    try:
        yield engine
        wrong = feed_mismatches(engine)
        assert not wrong, f"the pull's filter disagrees with the visibility rule (missed, extra seqs): {wrong}"
    finally:
        engine.dispose()


@pytest.fixture
def team(server_engine: Engine) -> dict[str, str]:
    """Accounts at head office: supervisor 王经理 leading 华东一组 with reps 张伟 and 李娜; an admin. Their ids by
    'supervisor', 'rep', 'other' and 'admin'; every password is PASSWORD."""
    ids = {}
    for key, name, role, team_name in (
        ("supervisor", "王经理", "supervisor", "华东一组"),
        ("rep", "张伟", "rep", "华东一组"),
        ("other", "李娜", "rep", "华东一组"),
        ("admin", "管理员", "admin", None),
    ):
        ids[key] = accounts.create_user(server_engine, name, role, team_name, PASSWORD).id
    return ids


def with_password(url: str) -> str:
    """The same database with a password in its URL (trust authentication ignores it; what the server shows of the
    URL must hide it)."""
    return url.replace("postgres@", "postgres:hunter2-secret@") if "postgresql" in url else url


def wire_op(table: str, row_id: str, kind: str, fields: dict, *, action: str | None = None, base: int = 0) -> dict:
    """One op of a push, as JSON, the way a laptop sends it."""
    return {
        "op_id": uuid7(),
        "client_seq": 1,
        "group_id": uuid7(),
        "table": table,
        "row_id": row_id,
        "op": kind,
        "action": action,
        "fields": fields,
        "base_version": base,
    }


def feed_mismatches(engine: Engine) -> dict[str, tuple[set[int], set[int]]]:
    """For each account: the feed rows the pull's query (`server.feed.feed_rows`: on PostgreSQL a union of index
    walks, with the `shared` shortcut everywhere) picks wrongly, against the plain definition (visible now, or
    visible before the latest change, probing every row). Also checks the query's `visible` column.

    Returns {user name: (missed seqs, extra seqs)} for the accounts where they differ; empty when all agree."""
    from sqlalchemy import func, or_, select
    from sqlmodel import Session

    from fieldcrm.models import User
    from fieldcrm.server.auth import Principal
    from fieldcrm.server.feed import feed_rows
    from fieldcrm.server.tables import row_seq
    from fieldcrm.server.visibility import row_visible, viewer_for, was_visible

    rs = row_seq.c
    wrong: dict[str, Any] = {}
    with Session(engine) as session:
        top = int(session.execute(select(func.coalesce(func.max(rs.seq), 0))).scalar_one())
        for user in session.execute(select(User)).scalars():
            viewer = viewer_for(session, Principal(user.id, user.name, user.role, user.team_id, "device", "hash"))
            now = row_visible(viewer, rs.table_name, rs.owner_id, rs.customer_id, rs.party_id)
            plain = or_(now, was_visible(viewer, rs.prev_owner_id, rs.prev_public))
            expected = set(session.execute(select(rs.seq).where(plain)).scalars())
            visible = set(session.execute(select(rs.seq).where(now)).scalars())
            rows = feed_rows(session, viewer, 0, top, top + 1)
            got = {seq for _name, _id, seq, _visible in rows}
            seen = {seq for _name, _id, seq, is_visible in rows if is_visible}
            if got != expected or seen != visible & got:
                wrong[user.name] = (expected - got, (got - expected) | (seen ^ (visible & got)))
    return wrong


def signed_in(engine: Engine, name: str) -> Any:
    """A login on a device of its own (edits from two logins are concurrent to each other): its principal."""
    token, *_ = auth.login(engine, name, PASSWORD, uuid7())
    return auth.authenticate(engine, token)


def team_signed_in(engine: Engine) -> tuple[Any, Any, Any, Any]:
    """The `team` fixture's admin, supervisor 王经理, rep 张伟 and rep 李娜, each signed in on a device of their own."""
    admin, boss, zhang, li = (signed_in(engine, name) for name in ("管理员", "王经理", "张伟", "李娜"))
    return admin, boss, zhang, li


def claim_group(rep_id: str, customer_id: str, at: datetime) -> list[WireOp]:
    """A laptop's claim of a pool customer, one group: the customer taken out of the pool to the rep, and the claim's
    ownership event made at `at` (the laptop's time)."""
    group = uuid7()
    event = {
        "customer_id": customer_id,
        "kind": "claim",
        "from_owner_id": None,
        "to_owner_id": rep_id,
        "by_user_id": rep_id,
        "owner_id": rep_id,
        "at": at.isoformat(),
        "rule": "claim",
    }
    ops = [
        wire_op("customer", customer_id, "update", {"owner_id": rep_id, "in_public_pool": False}),
        wire_op("ownership_event", uuid7(), "insert", event),
    ]
    return [WireOp.model_validate({**o, "group_id": group}) for o in ops]


def send(engine: Engine, who: Any, table: str, row_id: str, kind: str, fields: dict, **extra: Any) -> tuple[str, str]:
    """One op pushed in-process as `who`: its status and the reason it was refused (or "")."""
    (result,) = push(engine, who, [WireOp.model_validate(wire_op(table, row_id, kind, fields, **extra))])
    return result.status, result.reason or ""

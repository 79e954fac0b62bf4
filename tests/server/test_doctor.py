"""`fieldcrm-server doctor`, called in-process: it checks the database, its schema, the clocks, the disk and the
accounts, one line each, and names each problem in one line (never a password)."""

from __future__ import annotations

from pathlib import Path

import pytest
from laptops import free_port
from sqlalchemy import text

from fieldcrm.server import accounts
from fieldcrm.server.cli import main as server_main
from fieldcrm.server.db import make_engine, migrate
from server_fixtures import PASSWORD, with_password


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

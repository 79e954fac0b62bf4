"""The server's database: engine from a URL (SQLite file by default, PostgreSQL in production), migrations."""

from __future__ import annotations

import json
import os
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, TextClause, create_engine, event, insert, text
from sqlalchemy.orm import Session

from fieldcrm.models.codec import encode_value

ENV_DATABASE_URL = "FIELDCRM_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")


def default_database_url() -> str:
    folder = Path(platformdirs.user_data_dir("FieldCRM-server", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'fieldcrm-server.sqlite3'}"


def database_url(given: str | None = None) -> str:
    return given or os.environ.get(ENV_DATABASE_URL) or default_database_url()


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # JIT off: the feed queries are cheap index scans whose cost estimate (a filtered scan under a LIMIT) crosses
    # jit_above_cost, and compiling them took ~1.3 s per pull against ~10 ms of execution.
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True, connect_args={"options": "-c jit=off"})


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (the server's own Alembic environment)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows (every column given) in one statement. On PostgreSQL as one JSON parameter that the server
    turns into rows of the table's own type: psycopg adapting each of a few hundred values one by one cost more
    than the rest of the statement."""
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    # Only dates and times are not JSON already: the encoder asks for those alone.
    session.execute(_json_insert(table.name), {"rows": json.dumps(rows, ensure_ascii=False, default=encode_value)})


@cache
def _json_insert(name: str) -> TextClause:
    return text(f'INSERT INTO "{name}" SELECT * FROM json_populate_recordset(NULL::"{name}", CAST(:rows AS json))')

"""The head office's migration history: from an empty database (SQLite and PostgreSQL) one revision at a time to
the head, each step undone and done again on the way; the head holds exactly the schema of the models and of
server/tables.py; and no migration takes its schema from them."""

from __future__ import annotations

from collections.abc import Callable

from alembic.config import Config
from sqlalchemy import text

from fieldcrm.server.db import MIGRATIONS, make_engine
from fieldcrm.server.tables import schema
from migration_history import differences_from_create_all, drift, live_code_uses, walk


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def test_each_step_goes_up_and_down_and_the_head_is_the_models(new_database: Callable[[], str]) -> None:
    engine, fresh = make_engine(new_database()), make_engine(new_database())
    try:
        walk(engine, _config())
        assert drift(engine, schema()) == []
        assert differences_from_create_all(engine, fresh, schema()) == {}
        with engine.connect() as conn:  # the commit-order counter starts at 0
            assert conn.execute(text("SELECT id, value FROM sync_counter")).all() == [(1, 0)]
    finally:
        engine.dispose()
        fresh.dispose()


def test_no_migration_takes_its_schema_from_live_code() -> None:
    assert live_code_uses(MIGRATIONS / "versions") == []

"""The laptop store's migration history: from an empty file one revision at a time to the head, each step undone
and done again on the way; the head holds exactly the models' schema (besides the search index, made by SQL); and
no migration takes its schema or its SQL from the application's live code."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import SQLModel

from fieldcrm.store import search_index
from fieldcrm.store.db import make_engine
from fieldcrm.store.migrate import MIGRATIONS, alembic_config
from migration_history import differences_from_create_all, drift, live_code_uses, walk

#: The full-text index's tables, which the store makes by SQL, not from the models.
MADE_BY_SQL = search_index.SQL_TABLES


def test_each_step_goes_up_and_down_and_the_head_is_the_models(tmp_path: Path) -> None:
    engine, fresh = make_engine(tmp_path / "store.sqlite3"), make_engine(tmp_path / "models.sqlite3")
    try:
        walk(engine, alembic_config())
        assert drift(engine, SQLModel.metadata, made_by_sql=MADE_BY_SQL) == []
        assert differences_from_create_all(engine, fresh, SQLModel.metadata, made_by_sql=MADE_BY_SQL) == {}
    finally:
        engine.dispose()
        fresh.dispose()


def test_no_migration_takes_its_schema_from_live_code() -> None:
    assert live_code_uses(MIGRATIONS / "versions") == []

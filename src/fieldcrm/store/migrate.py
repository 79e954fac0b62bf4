"""Alembic migrations of the local store: backup first, refuse a store made by a newer FieldCRM."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
KEEP_BACKUPS = 5


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_store(path: Path, backups: Path, label: str) -> Path:
    """An online copy of the store (SQLite's backup API, consistent even in WAL mode); keeps the newest five."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = backups / f"{path.stem}-{label}-{stamp}.sqlite3"
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    old = sorted(backups.glob(f"{path.stem}-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target


def upgrade_store(engine: Engine, path: Path, backups: Path, target: str = "head") -> None:
    from fieldcrm.store.db import StoreTooNewError

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    if current is not None and not _known(script, current):
        raise StoreTooNewError(
            f"The store {path} was made by a newer FieldCRM (schema {current}); please update FieldCRM to open it."
        )
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return
    if current is not None:
        backup_store(path, backups, f"before-{wanted}")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except (ResolutionError, CommandError):
        return False

"""Alembic migrations of the local store: backup first, refuse a store made by a newer FieldCRM."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

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
    """A checked online copy of the store taken before a risky step (a migration, a login's re-keying, a restore);
    the newest five of these safety copies are kept, apart from the daily and manual backups."""
    from fieldcrm.store.backups import backup_now, prune

    target = backup_now(path, backups, label)
    prune(backups, path.stem, "before", KEEP_BACKUPS)
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
        rebuild_marked_index(conn)


#: A migration that changes what the search index holds leaves this key in sync_state; migrations never run live
#: code, so the store rebuilds the index (with today's code) right after them, in their transaction.
REBUILD_MARK = "search_index_rebuild"


def rebuild_marked_index(conn: Connection) -> None:
    if conn.exec_driver_sql("SELECT 1 FROM sync_state WHERE key = ?", (REBUILD_MARK,)).first() is None:
        return
    from fieldcrm.store import search_index

    search_index.rebuild(conn)
    conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (REBUILD_MARK,))


def known_revision(revision: str) -> bool:
    """Whether this app's migrations know `revision` (a store or backup from a newer app does not)."""
    return _known(ScriptDirectory.from_config(alembic_config()), revision)


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except (ResolutionError, CommandError):
        return False

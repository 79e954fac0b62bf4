"""Opening the local SQLite store: pragmas, migrations on start, sessions that keep the search index current."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from fieldcrm.store import search_index


class StoreError(Exception):
    """A problem with the store file the user can act on (disk full, locked, damaged, too new)."""


class StoreTooNewError(StoreError):
    pass


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Store:
    """One profile's SQLite file. `Store.open()` migrates it (after a backup) before anyone reads it."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine

    @classmethod
    def open(cls, path: Path, backups: Path | None = None, *, migrate: bool = True) -> Store:
        from fieldcrm.store.migrate import upgrade_store

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(path)
        if migrate:
            try:
                upgrade_store(engine, path, backups or path.parent / "backups")
            except sqlite3.DatabaseError as exc:  # pragma: no cover - depends on the file
                engine.dispose()
                raise StoreError(f"The store {path} cannot be opened: {exc}") from exc
            except Exception:
                engine.dispose()
                raise
        return cls(path, engine)

    def session(self) -> Session:
        session = Session(self.engine, expire_on_commit=False)
        session.info[search_index.SESSION_FLAG] = True
        return session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end of the block, or rolls back whole on any error."""
        with self.session() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()

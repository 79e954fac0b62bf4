"""Opening the local SQLite store: pragmas, migrations on start, sessions that keep the search index current."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from fieldcrm.store import search_index
from fieldcrm.store.errors import StoreError, StoreTooNewError, known_store_error

__all__ = ["Store", "StoreError", "StoreTooNewError", "known_store_error", "make_engine"]


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(path: Path) -> Engine:
    # hide_parameters: an error's text (logged, shown in a crash report) never carries a customer's data
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False}, hide_parameters=True)
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
            except (sqlite3.Error, SQLAlchemyError) as exc:
                engine.dispose()
                message = known_store_error(exc)
                if message is None:
                    raise
                raise StoreError(f"{message} ({path})") from exc
            except BaseException:
                engine.dispose()
                raise
        return cls(path, engine)

    @contextmanager
    def read_connection(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection from the pool for read queries (what `reader.ReadStore` also offers)."""
        conn = self.engine.raw_connection()
        try:
            yield conn.driver_connection  # type: ignore[misc]
        finally:
            conn.close()

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

"""Opening the local SQLite store: encrypted (SQLCipher, see `cipher`), pragmas, migrations on start, sessions that
keep the search index current."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from fieldcrm.store import cipher, keys, search_index
from fieldcrm.store.errors import StoreError, StoreTooNewError, known_store_error
from fieldcrm.store.keys import StoreKey

__all__ = ["Store", "StoreError", "StoreTooNewError", "known_store_error", "make_engine"]


def _set_pragmas(dbapi_connection: cipher.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(path: Path, key: StoreKey | None = None) -> Engine:
    """SQLAlchemy's engine on the encrypted store file (`key`: the key it was or will be created with; default the
    one that opens the existing file, or a new one, see `key_to_open`). sqlcipher3 is the DB-API module, so its
    errors map to SQLAlchemy's."""
    key = key or key_to_open(path, path.parent / "backups")

    def connect() -> cipher.Connection:
        return cipher.connect(path, key=key, check_same_thread=False)

    # hide_parameters: an error's text (logged, shown in a crash report) never carries a customer's data
    engine = create_engine(f"sqlite:///{path}", module=cipher.dbapi, creator=connect, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def key_to_open(path: Path, backups: Path) -> StoreKey:
    """The key of the store at `path`: a new one for a new store; for a plain store from an older FieldCRM, a new
    one after the store (and its backups) are converted to encrypted files."""
    found = cipher.state(path)
    if found == "encrypted":
        return cipher.key_for(path)
    key = keys.new_key(path)
    if found == "plain":
        from fieldcrm.store.backups import stamp
        from fieldcrm.store.encryption import encrypt_store

        encrypt_store(path, backups, key, stamp())
    return key


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
        backups = backups or path.parent / "backups"
        engine = make_engine(path, key_to_open(path, backups))
        if migrate:
            try:
                upgrade_store(engine, path, backups)
            except (cipher.Error, SQLAlchemyError) as exc:
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
    def read_connection(self) -> Iterator[Any]:
        """A DB-API connection from the pool for read queries (what `reader.ReadStore` also offers)."""
        conn = self.engine.raw_connection()
        try:
            yield conn.driver_connection
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

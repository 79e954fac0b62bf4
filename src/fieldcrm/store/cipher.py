"""Encryption at rest: every connection to a store or backup file is a SQLCipher connection (sqlcipher3).

SQLCipher encrypts each page with AES-256 and authenticates it with HMAC-SHA512; without the key the file is noise
(the plain `sqlite3` module answers "file is not a database"). sqlcipher3 ships wheels with SQLCipher and its crypto
built in for Windows, macOS and Linux (x86-64 and ARM), FTS5 included, and is a DB-API module like `sqlite3`, so
SQLAlchemy uses it as its driver (`make_engine`). Which key opens a file is `keys`' business; this module opens
connections with it, tells plain from encrypted files, and copies one into the other (`export`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fieldcrm.store import keys
from fieldcrm.store.errors import StoreError
from fieldcrm.store.keys import StoreKey

if TYPE_CHECKING:  # sqlcipher3 has no type hints; its API is the sqlite3 module's
    import sqlite3 as dbapi
    from sqlite3 import Connection, DatabaseError, Error
else:
    from sqlcipher3 import dbapi2 as dbapi

    Connection = dbapi.Connection
    Error = dbapi.Error
    DatabaseError = dbapi.DatabaseError
#: What every plain SQLite file starts with; an encrypted file starts with its 16-byte salt instead.
PLAIN_HEADER = b"SQLite format 3\x00"

FileState = Literal["missing", "plain", "encrypted"]


def header(path: Path) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return b""


def state(path: Path) -> FileState:
    """ "missing" (no file, or an empty one SQLite would start afresh), "plain" or "encrypted"."""
    head = header(path)
    if len(head) < len(PLAIN_HEADER):
        return "missing"
    return "plain" if head == PLAIN_HEADER else "encrypted"


def _connect(path: Path, key: StoreKey | None, mode: str | None, **kwargs: Any) -> Connection:
    target, uri = (f"file:{path}?mode={mode}", True) if mode else (str(path), False)
    conn = dbapi.connect(target, uri=uri, **kwargs)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to report, not SQLCipher's log line
        if key is not None:
            conn.execute(key.pragma())
    except BaseException:
        conn.close()
        raise
    return conn


def opens(path: Path, key: StoreKey) -> bool:
    """Whether `key` decrypts the file at `path`."""
    try:
        conn = _connect(path, key, "ro")
    except DatabaseError:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except DatabaseError:
        return False
    finally:
        conn.close()


def key_for(path: Path) -> StoreKey:
    """The key of the existing encrypted file `path` (from the keys this process holds, the keyring, a passphrase)."""
    head = header(path)
    if len(head) < len(PLAIN_HEADER) or head == PLAIN_HEADER:
        raise StoreError(f"{path} is not an encrypted FieldCRM store")
    return keys.existing_key(path, head, lambda candidate: opens(path, candidate))


def connect(path: Path, *, key: StoreKey | None = None, mode: str | None = None, **kwargs: Any) -> Connection:
    """A connection to the encrypted file `path` (created with `key` if it does not exist yet). `mode` is SQLite's
    URI mode ("ro", "rw"); other keywords go to the DB-API `connect`."""
    return _connect(path, key or key_for(path), mode, **kwargs)


def connect_any(path: Path, *, mode: str | None = None, **kwargs: Any) -> Connection:
    """A connection to an existing file whether it is encrypted or plain (an old store or backup being converted
    or restored)."""
    key = key_for(path) if state(path) == "encrypted" else None
    return _connect(path, key, mode, **kwargs)


def export(source: Connection, target: Path, key: StoreKey | None) -> None:
    """Everything `source` holds, written into the new file `target`: encrypted with `key`, or plain with None
    (SQLCipher's `sqlcipher_export`: schema, rows, the FTS tables)."""
    literal = f"\"x'{key.raw.hex()}{key.salt.hex()}'\"" if key is not None else "''"
    source.execute(f"ATTACH DATABASE ? AS export_target KEY {literal}", (str(target),))
    try:
        source.execute("SELECT sqlcipher_export('export_target')").fetchall()
    finally:
        source.execute("DETACH DATABASE export_target")


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows per table (virtual tables' shadow tables included): what a conversion checks it kept."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}

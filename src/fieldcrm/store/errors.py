"""Store errors a user can act on, and the SQLite failures that are not bugs (importable without SQLAlchemy)."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the store file the user can act on (disk full, locked, damaged, too new)."""


class StoreTooNewError(StoreError):
    pass


class StoreLockedError(StoreError):
    """The store is encrypted and no key at hand opens it (no keyring entry, no or a wrong passphrase)."""


_KNOWN_SQLITE_ERRORS = (
    ("database or disk is full", "The disk is full: free some space, then try again. Nothing was saved."),
    ("database is locked", "The store is busy in another FieldCRM window or program: close it and try again."),
    ("disk i/o error", "The store could not be read or written (disk I/O error): check the disk, then try again."),
    ("file is not a database", "The store file is damaged or is not a FieldCRM store: restore it from backups/."),
    ("database disk image is malformed", "The store file is damaged: restore the newest copy from backups/."),
    ("unable to open database file", "The store file cannot be opened: check the folder exists and is writable."),
    ("attempt to write a readonly database", "The store is read-only: check the file's permissions."),
)


def known_store_error(exc: BaseException) -> str | None:
    """A message the user can act on for the SQLite failures that are not bugs (disk full, busy, damaged)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    for needle, message in _KNOWN_SQLITE_ERRORS:
        if needle in text:
            return message
    return None

"""The app lock's password check, offline: the password the user last logged in to head office with (an Argon2id
verifier kept in the encrypted store, never synced), else the passphrase that opened the store.

A profile that never logged in and whose key is in the keyring has no password to ask: it cannot lock
(`can_lock` says so, and the settings say why)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError

from fieldcrm.passwords import password_hasher
from fieldcrm.store import cipher, keys

#: sync_state key of the verifier; local to this laptop (sync_state rows are never pushed).
LOCK_VERIFIER = "lock_verifier"


def verifier_for(password: str) -> str:
    """What `login` keeps of the password: a salted Argon2id hash, made as the server makes its own."""
    return password_hasher().hash(password)


def _verifier(conn: Any) -> str | None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (LOCK_VERIFIER,)).fetchone()
    return row[0] if row else None


def can_lock(conn: Any, store_path: Path) -> bool:
    """Whether there is a password to unlock with: a login's verifier, or the store's passphrase."""
    if _verifier(conn) is not None:
        return True
    return keys.opened_with_passphrase(cipher.header(store_path))


def unlocks(conn: Any, store_path: Path, password: str) -> bool:
    """Whether `password` unlocks the app: the login password if the profile has logged in, else the store's
    passphrase. Costs one Argon2 hash (about 0.2 s): run it off the GUI thread."""
    stored = _verifier(conn)
    if stored is not None:
        try:
            return password_hasher().verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
    return bool(keys.passphrase_opens(cipher.header(store_path), password))

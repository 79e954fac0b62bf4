"""The app lock's password check, offline: the password the user last logged in to head office with (an Argon2id
verifier kept in the encrypted store, never synced), else the passphrase that opened the store.

A profile that never logged in and whose key is in the keyring has no password to ask: it cannot lock
(`can_lock` says so, and the settings say why)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argon2.exceptions import InvalidHashError, VerificationError

from fieldcrm.domain.app_lock import LockRule, cli_needs_password
from fieldcrm.passwords import password_hasher
from fieldcrm.services.userinfo import current_user
from fieldcrm.store import cipher, keys

if TYPE_CHECKING:
    from fieldcrm.store import Store
    from fieldcrm.store.reader import ReadStore

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


#: sync_state key: when the command line last took the password (or ran a command after it), ISO time, UTC.
CLI_UNLOCKED_AT = "cli_unlocked_at"


def lock_rule(conn: Any, role: str | None) -> LockRule:
    """The app lock head office set for `role`, as synced to this store (none before the first sync)."""
    if role is None:
        return LockRule()
    row = conn.execute(
        "SELECT lock_minutes, cli_lock FROM export_policy WHERE role = ? AND deleted = 0", (role,)
    ).fetchone()
    return LockRule(row[0], bool(row[1])) if row else LockRule()


def current_rule(store: Store | ReadStore) -> LockRule:
    """The app lock the profile's current user must keep."""
    user = current_user(store)
    with store.read_connection() as conn:
        return lock_rule(conn, user.role if user else None)


def cli_password_needed(store: Store, rule: LockRule, now: datetime) -> bool:
    """Whether a command that shows customer data must ask for the password now under `rule`, the user's
    (`current_rule`; `domain.app_lock`)."""
    if not rule.cli:
        return False
    with store.read_connection() as conn:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (CLI_UNLOCKED_AT,)).fetchone()
        if not can_lock(conn, store.path):
            return False  # no password to ask for (see `can_lock`): the policy cannot be kept here
    return cli_needs_password(rule, datetime.fromisoformat(row[0]) if row else None, now)


def cli_unlock(store: Store, password: str, now: datetime) -> bool:
    """Check `password` for the command line; when right, it holds for the policy's idle time from `now`."""
    with store.read_connection() as conn:
        if not unlocks(conn, store.path, password):
            return False
    remember_cli_use(store, now)
    return True


def remember_cli_use(store: Store, now: datetime) -> None:
    """A command ran unlocked at `now`: the idle time counts from here."""
    from fieldcrm.services.state import set_state  # the ORM: never on the window's light start

    with store.transaction() as session:
        set_state(session, CLI_UNLOCKED_AT, now.isoformat())

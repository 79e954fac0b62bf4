"""Upgrading a plain store (from before FieldCRM encrypted its store) and its plain backups to encrypted files.

Backup first, as for any migration, but the backup is written encrypted: after the upgrade no plain copy is left in
the profile's folders (the disk's free space may still hold the old bytes; docs/security.md says what that means).
Each copy is checked before it replaces anything: integrity, and the same number of rows in every table.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fieldcrm.store import cipher
from fieldcrm.store.errors import StoreError
from fieldcrm.store.keys import StoreKey

log = logging.getLogger(__name__)


def _export_checked(source: cipher.Connection, target: Path, key: StoreKey, expected: dict[str, int]) -> Path:
    """`source` written encrypted beside `target` (as `<target>.partial`) and checked; returns the partial file,
    which the caller moves into place once `source` is closed."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    cipher.export(source, partial, key)
    check = cipher.connect(partial, key=key, mode="ro")
    try:
        verdict = "; ".join(r[0] for r in check.execute("PRAGMA integrity_check").fetchall())
        counts = cipher.row_counts(check)
    finally:
        check.close()
    if verdict != "ok" or counts != expected:
        partial.unlink(missing_ok=True)
        raise StoreError(f"the encrypted copy of {target.name} did not match the original ({verdict}); nothing changed")
    return partial


def encrypt_store(path: Path, backups: Path, key: StoreKey, stamp: str) -> Path:
    """Replace the plain store at `path` with an encrypted copy (key `key`), after writing an encrypted backup of
    it to `backups/`; then encrypt the plain backups there. Returns the backup."""
    backups.mkdir(parents=True, exist_ok=True)
    plain = cipher.connect_any(path)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        expected = cipher.row_counts(plain)
        backup = backups / f"{path.stem}-before-encryption-{stamp}.sqlite3"
        _export_checked(plain, backup, key, expected).replace(backup)
        partial = _export_checked(plain, path.with_name(path.name + ".encrypted"), key, expected)
    except cipher.Error as exc:
        raise StoreError(f"the store {path} could not be encrypted ({exc}); it is as it was") from exc
    finally:
        plain.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(partial, path)
    log.info("encrypted the store %s (%d tables); backup %s", path, len(expected), backup.name)
    encrypt_plain_backups(backups, key)
    return backup


def encrypt_plain_backups(backups: Path, key: StoreKey) -> int:
    """Encrypt, in place, every plain backup in `backups/` with `key`; returns how many there were."""
    done = 0
    for file in sorted(backups.glob("*.sqlite3")):
        if cipher.state(file) != "plain":
            continue
        try:
            source = cipher.connect_any(file, mode="ro")
            try:
                partial = _export_checked(source, file, key, cipher.row_counts(source))
            finally:
                source.close()
        except (cipher.Error, StoreError):
            log.warning("a plain backup could not be encrypted and was left as it is: %s", file.name, exc_info=True)
            continue
        os.replace(partial, file)
        done += 1
    return done

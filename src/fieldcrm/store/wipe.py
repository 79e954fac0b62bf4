"""Erasing a profile's customer data from this laptop (remote wipe, a departed user): the store, its write-ahead log,
every backup, and the store's key in the keyring, so that a copy made earlier cannot be opened here either."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from fieldcrm.store import cipher, keys

log = logging.getLogger(__name__)

_STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass
class Erased:
    """What an erase removed (for the log and the one sentence the user sees)."""

    files: list[Path] = field(default_factory=list)
    keyring_entries: int = 0


def _overwrite_and_remove(path: Path) -> bool:
    """Overwrite a file's bytes with zeros, then remove it (on disks that write in place, the old bytes go too)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    try:
        with open(path, "r+b") as file:
            chunk = b"\0" * (1 << 20)
            left = size
            while left > 0:
                left -= file.write(chunk[: min(left, len(chunk))])
            file.flush()
    except OSError:
        log.warning("could not overwrite %s before removing it", path.name, exc_info=True)
    path.unlink(missing_ok=True)
    return True


def erase_store(database: Path, backups: Path) -> Erased:
    """Remove the store at `database`, its journal files and every file in `backups/`; forget their keys (in this
    process and in the keyring). The caller has closed every connection to the store first."""
    erased = Erased()
    salts = {cipher.header(database)} if cipher.state(database) == "encrypted" else set()
    backup_files = sorted(p for p in backups.glob("*") if p.is_file()) if backups.is_dir() else []
    salts |= {cipher.header(p) for p in backup_files if cipher.state(p) == "encrypted"}
    for suffix in _STORE_SUFFIXES:
        target = Path(f"{database}{suffix}")
        if _overwrite_and_remove(target):
            erased.files.append(target)
    for target in backup_files:
        if _overwrite_and_remove(target):
            erased.files.append(target)
    for salt in salts:
        keys.remove_from_keyring(salt)
        erased.keyring_entries += 1
    keys.forget_all()
    log.info("erased the local store: %d files, %d keys", len(erased.files), erased.keyring_entries)
    return erased

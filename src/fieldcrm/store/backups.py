"""Backups of the laptop store a user can run and trust: written with SQLite's online backup API (consistent while
the app runs), checked after writing, restored only after the current store is kept aside, never from a newer app.

Files live in the profile's `backups/` folder as `fieldcrm-<kind>-<UTC time>.sqlite3`; each kind (daily, manual,
the safety copies taken before a migration, a login or a restore) keeps its own newest N. A backup is encrypted
with the store's own key and salt (`cipher`), so what opens the store opens its backups and nothing else does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldcrm.store import cipher, keys
from fieldcrm.store.errors import StoreError, StoreLockedError
from fieldcrm.times import for_people

#: How many daily backups the app keeps unless the user chooses otherwise.
KEEP_DAILY = 7
DAILY_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds: its schema revision, when it was written, and a few counts to recognise it by."""

    path: Path
    revision: str | None
    written_at: datetime
    customers: int
    visits: int
    user: str | None

    def describe(self) -> str:
        who = f" of {self.user}" if self.user else ""
        when = for_people(self.written_at)
        return f"{self.path.name}{who}, {when}: {self.customers} customers, {self.visits} visits"


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into `target` (a consistent copy even while the app writes), encrypted
    with the source's key and salt."""
    key = cipher.key_for(source)
    src = cipher.connect(source, key=key, mode="ro")
    try:
        dest = cipher.connect(target, key=key)
        try:
            src.backup(dest)
            # The copy took the store's WAL mode with its first page: a backup is one self-contained file.
            dest.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            dest.close()
    finally:
        src.close()


def _integrity(path: Path) -> str:
    conn = cipher.connect_any(path, mode="ro")
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check").fetchall())
    finally:
        conn.close()


def prune(backups: Path, stem: str, kind: str, keep: int) -> None:
    """Keep the newest `keep` backups of one kind (the name's part after the store's stem)."""
    found = sorted(backups.glob(f"{stem}-{kind}-*.sqlite3"), key=lambda p: p.stem.rsplit("-", 1)[-1])
    for stale in found[: max(0, len(found) - keep)]:
        stale.unlink(missing_ok=True)


def write_backup(store: Path, target: Path) -> Path:
    """Copy the store to `target` (written beside it first, then renamed) and check the copy; returns `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(store, partial)
        verdict = _integrity(partial)
        if verdict != "ok":
            raise StoreError(f"the copy of the store failed its integrity check ({verdict}); nothing was kept")
        partial.replace(target)
    except cipher.Error as exc:
        raise StoreError(f"the store could not be copied to {target}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return target


def backup_now(
    store: Path, backups: Path, kind: str = "manual", keep: int | None = None, now: datetime | None = None
) -> Path:
    """A checked backup in `backups/`, named by kind and time (`now`, default the clock's); with `keep`, older ones
    of the kind are pruned."""
    target = write_backup(store, backups / f"{store.stem}-{kind}-{stamp(now)}.sqlite3")
    if keep is not None:
        prune(backups, store.stem, kind, keep)
    return target


def daily_backup(store: Path, backups: Path, keep: int = KEEP_DAILY, now: datetime | None = None) -> Path | None:
    """At start: a backup when the newest daily one is older than a day (or there is none). None if not due."""
    if not store.is_file():
        return None
    now = now or datetime.now(UTC)
    newest = max(backups.glob(f"{store.stem}-daily-*.sqlite3"), key=lambda p: p.stem.rsplit("-", 1)[-1], default=None)
    if newest is not None:
        try:
            taken = datetime.strptime(newest.stem.rsplit("-", 1)[-1], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
        except ValueError:
            taken = datetime.fromtimestamp(newest.stat().st_mtime, UTC)
        if now - taken < DAILY_EVERY:
            return None
    return backup_now(store, backups, "daily", keep, now)


def inspect_backup(path: Path) -> BackupInfo:
    """Check a file before it is restored: a readable, undamaged FieldCRM store of a schema this app knows."""
    from fieldcrm.store.migrate import known_revision

    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    try:
        verdict = _integrity(path)
        if verdict != "ok":
            raise StoreError(f"{path.name} is damaged ({verdict}); choose another backup")
        conn = cipher.connect_any(path, mode="ro")
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "customer", "sync_state"} <= tables:
                raise StoreError(f"{path.name} is not a FieldCRM backup (it has no customer store in it)")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            customers = conn.execute("SELECT count(*) FROM customer WHERE deleted = 0").fetchone()[0]
            visits = conn.execute("SELECT count(*) FROM visit WHERE deleted = 0").fetchone()[0]
            user = conn.execute(
                "SELECT u.name FROM sync_state s JOIN app_user u ON u.id = s.value WHERE s.key = 'current_user_id'"
            ).fetchone()
        finally:
            conn.close()
    except cipher.DatabaseError as exc:
        raise StoreError(f"{path.name} is not a FieldCRM backup or is damaged ({exc})") from exc
    except StoreLockedError:
        raise StoreError(
            f"{path.name} is not a FieldCRM backup, or it was encrypted on another computer or with another passphrase"
        ) from None
    rev = revision[0] if revision else None
    if rev is not None and not known_revision(rev):
        raise StoreError(
            f"{path.name} was made by a newer FieldCRM (schema {rev}); update FieldCRM before restoring it"
        )
    written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return BackupInfo(path, rev, written, int(customers), int(visits), user[0] if user else None)


def restore_backup(store: Path, backups: Path, source: Path) -> tuple[BackupInfo, Path | None]:
    """Replace the store's content with the backup's, after checking it and keeping the current store aside.

    Written through SQLite's backup API into the store file, so connections the app holds see the restored data
    (no file is swapped under them). Returns what was restored and where the previous store was kept. The caller
    migrates the store afterwards if the backup is of an older schema (`Store.open` does)."""
    from fieldcrm.store.migrate import backup_store

    info = inspect_backup(source)
    kept = backup_store(store, backups, "before-restore") if store.is_file() else None
    key = cipher.key_for(store) if cipher.state(store) == "encrypted" else keys.new_key(store)
    staged = backups / f"{source.name}.restoring"  # a plain backup (from an older FieldCRM), encrypted first
    try:
        if cipher.state(source) == "plain":
            plain = cipher.connect_any(source, mode="ro")
            try:
                staged.unlink(missing_ok=True)
                cipher.export(plain, staged, key)
            finally:
                plain.close()
            src = cipher.connect(staged, key=key, mode="ro")
        else:
            src = cipher.connect(source, mode="ro")
        try:
            dest = cipher.connect(store, key=key, timeout=10)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    except cipher.Error as exc:
        raise StoreError(f"the backup could not be restored ({exc}); the store is as it was (a copy: {kept})") from exc
    finally:
        staged.unlink(missing_ok=True)
    return info, kept

"""Backup operations on the database worker: a daily backup after start, back up now, check and restore a file.

They run on the worker that owns every write to the store, so a restore never meets a half-done save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.paths import AppPaths
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker
from fieldcrm.vocabulary import ALL_NOUNS

#: After a restore everything may be different.
EVERYTHING = set(ALL_NOUNS)  # a sync or a restore may change rows of any kind


def daily(parent: QWidget | None, worker: DbWorker, paths: AppPaths, keep: int) -> QueryOp:
    from fieldcrm.store.backups import daily_backup

    return QueryOp(parent, worker, lambda _s: daily_backup(paths.database, paths.backups, keep))


def back_up_now(parent: QWidget | None, worker: DbWorker, paths: AppPaths) -> QueryOp:
    def work(_s: Any) -> Any:
        from fieldcrm.store.backups import backup_now, inspect_backup

        return inspect_backup(backup_now(paths.database, paths.backups, "manual"))

    return QueryOp(parent, worker, work)


def inspect(parent: QWidget | None, worker: DbWorker, file: Path) -> QueryOp:
    from fieldcrm.store.backups import inspect_backup

    return QueryOp(parent, worker, lambda _s: inspect_backup(file))


def restore(parent: QWidget | None, worker: DbWorker, paths: AppPaths, file: Path) -> Op:
    """Restore `file` (the current store kept aside first), migrate it if it is of an older schema; returns the
    restored store's current user (or None)."""

    def work(s: Any) -> Any:
        from fieldcrm.services.userinfo import current_user
        from fieldcrm.store.backups import restore_backup
        from fieldcrm.store.migrate import upgrade_store

        info, kept = restore_backup(paths.database, paths.backups, file)
        upgrade_store(s.store.engine, paths.database, paths.backups)
        return info, kept, current_user(s.store)

    return Op(parent, worker, work, EVERYTHING)

"""Sync operations: status, login, one sync with progress and cancel, and resolving conflicts.

Sync and login wait on the server, so they run on the worker's network thread (see `network`), never in front of
a search or an edit; the panel polls a sync's progress with a timer and cancels cooperatively between batches.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.domain.errors import ValidationError
from fieldcrm.paths import AppPaths
from fieldcrm.services.validation import clean_customer_fields
from fieldcrm.sync import conflicts
from fieldcrm.sync.client import SyncClient
from fieldcrm.ui.ops.base import Op, Progress, QueryOp
from fieldcrm.ui.workers import DbWorker
from fieldcrm.vocabulary import ALL_NOUNS

SyncProgress = Progress  # the sync client reports (phase, done, total)

#: After a sync anything may have changed.
EVERYTHING = set(ALL_NOUNS)  # a sync or a restore may change rows of any kind


def status(parent: QWidget | None, worker: DbWorker, paths: AppPaths) -> QueryOp:
    return QueryOp(parent, worker, lambda s: SyncClient(s.store, paths).status())


def panel_state(parent: QWidget | None, worker: DbWorker, paths: AppPaths) -> QueryOp:
    def work(s: Any) -> dict[str, Any]:
        return {**SyncClient(s.store, paths).status(), "open": conflicts.list_conflicts(s.store)}

    return QueryOp(parent, worker, work)


def login(parent: QWidget | None, worker: DbWorker, paths: AppPaths, server: str, user: str, password: str) -> Op:
    def work(s: Any) -> str:
        if not server.strip():
            raise ValidationError("is required, e.g. https://crm.example.com", "server")
        if not user.strip():
            raise ValidationError("is required", "user")
        return SyncClient(s.store, paths).login(server.strip(), user.strip(), password).user.name

    return network(Op(parent, worker, work, EVERYTHING | {"profile"}))


def sync_once(parent: QWidget | None, worker: DbWorker, paths: AppPaths, progress: SyncProgress) -> Op:
    op = Op(parent, worker, lambda s: SyncClient(s.store, paths).sync_once(progress, progress.cancel), EVERYTHING)
    return network(op)


def background_sync(parent: QWidget | None, worker: DbWorker, paths: AppPaths, progress: SyncProgress) -> Op:
    """Like `sync_once`; the result comes with the count of changes still waiting (the retry schedule needs it)."""

    def work(s: Any) -> tuple[Any, int]:
        client = SyncClient(s.store, paths)
        try:
            result = client.sync_once(progress, progress.cancel)
        finally:
            pending = client.status()["pending_changes"]
        return result, pending

    return network(Op(parent, worker, work, EVERYTHING))


def network(op: Op) -> Op:
    """`op` waits on the server: it runs on the worker's network thread, never in front of a search or an edit."""
    op.network = True
    return op


def resolve(parent: QWidget | None, worker: DbWorker, conflict: dict[str, Any], choice: str, edited: str) -> Op:
    """Keep mine, keep theirs, or keep an edited value (taken as theirs, then edited like any change)."""

    def work(s: Any) -> dict[str, Any]:
        if choice != "edited":
            return conflicts.resolve(s.store, conflict["id"], choice)
        if conflict["table_name"] != "customer" or not conflict.get("field"):
            raise ValidationError("only customer fields can be edited here; keep one of the two values", "value")
        clean_customer_fields({conflict["field"]: edited}, creating=False)  # refuse bad input before changing anything
        record = conflicts.resolve(s.store, conflict["id"], "theirs")
        s.customers.update(conflict["row_id"], **{conflict["field"]: edited})
        return record

    return Op(parent, worker, work, {"customers", "sync"})

"""Export log operations (导出记录): who exported which customers, when, to which file."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.services.exports import ExportService
from fieldcrm.ui.ops.base import QueryOp
from fieldcrm.ui.workers import DbWorker

#: Most log entries the window shows (newest first), as `fieldcrm exports list` does by default.
LOG_LIMIT = 200


def export_log(parent: QWidget | None, worker: DbWorker, limit: int = LOG_LIMIT) -> QueryOp:
    """The export log this store holds: the user's own, and a supervisor's team's once synced."""

    def work(s: Any) -> list[dict[str, Any]]:
        return ExportService(s.store, s.user_id).exports(limit)

    return QueryOp(parent, worker, work)

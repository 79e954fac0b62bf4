"""Fairness report (分配公平性报表) operations: read it for a range of months, export it to Excel (on the database
worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.domain.fairness import Month
from fieldcrm.ui.ops.base import Op, Progress, QueryOp
from fieldcrm.ui.workers import DbWorker


def report(parent: QWidget | None, worker: DbWorker, first: Month, last: Month) -> QueryOp:
    """The report's months as plain data (`FairnessReport.to_json`)."""

    def work(s: Any) -> dict[str, Any]:
        from fieldcrm.services.fairness import FairnessService  # on the worker: the services load there

        return FairnessService(s.store, s.user_id).report(first, last).to_json()

    return QueryOp(parent, worker, work)


def export(
    parent: QWidget | None, worker: DbWorker, first: Month, last: Month, target: Path, lang: str, progress: Progress
) -> Op:
    """Write the report to `target` under the export policy; its log entry is the change announced."""

    def work(s: Any) -> Any:
        from fieldcrm.excel.fairness_book import export_fairness

        progress("read", 0, 0)
        return export_fairness(
            s.store,
            target,
            first,
            last,
            lang=lang,
            user_id=s.user_id,
            progress=lambda done, total: progress("write", done, total),
            cancelled=progress.cancel.is_set,
        )

    return Op(parent, worker, work, {"audit"})

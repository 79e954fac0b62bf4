"""Excel operations: the steps of an import job, the error workbook, undo, and exporting the current list.

Every step runs on the database worker; the dialogs poll a `Progress` with a timer and cancel through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from fieldcrm.excel import (
    ExportResult,
    ImportHistory,
    ImportJob,
    ImportSummary,
    MappingProposal,
    export_customers,
    write_template,
)
from fieldcrm.excel import write_error_workbook as _write_error_workbook
from fieldcrm.paths import AppPaths
from fieldcrm.services import CustomerQuery
from fieldcrm.ui.ops.base import Op, Progress, QueryOp
from fieldcrm.ui.workers import DbWorker


def new_job(worker: DbWorker, paths: AppPaths, path: Path, progress: Progress) -> ImportJob:
    """An import job for the worker's user; it touches nothing until a step runs. Cancelling `progress` cancels it."""
    services = worker.services
    return ImportJob(
        services.store, path, user_id=services.customers.user_id, config_dir=paths.config, progress=progress
    )


def read(parent: QWidget | None, worker: DbWorker, job: ImportJob, sheet: str | None = None) -> QueryOp:
    def work(_s: Any) -> MappingProposal:
        return job.read(sheet)

    return QueryOp(parent, worker, work)


def preview(
    parent: QWidget | None, worker: DbWorker, job: ImportJob, mapping: dict[int, str], policy: str, remember: bool
) -> QueryOp:
    def work(_s: Any) -> ImportSummary:
        summary = job.preview(mapping, policy)
        if remember:
            job.save_mapping(mapping)
        return summary

    return QueryOp(parent, worker, work)


def commit(parent: QWidget | None, worker: DbWorker, job: ImportJob) -> Op:
    return Op(parent, worker, lambda _s: job.commit(), {"customers"})


def write_error_workbook(parent: QWidget | None, worker: DbWorker, job: ImportJob, target: Path) -> QueryOp:
    from fieldcrm.ui.reasons import localize

    lang = "en" if QLocale().name() == "en" or QLocale().name().startswith("en_") else "zh"

    def work(_s: Any) -> int:
        headers, rows = job.failed_rows()
        _write_error_workbook(target, headers, rows, lang, localize)
        return len(rows)

    return QueryOp(parent, worker, work)


def undo(parent: QWidget | None, worker: DbWorker, import_id: str) -> Op:
    def work(s: Any) -> dict[str, Any]:
        return ImportHistory(s.store, s.customers.user_id).undo(import_id).to_json()

    return Op(parent, worker, work, {"customers"})


def history(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    return QueryOp(parent, worker, lambda s: ImportHistory(s.store, s.customers.user_id).list())


def template(parent: QWidget | None, worker: DbWorker, target: Path, lang: str) -> QueryOp:
    """A blank import template; its region list offers the regions this store already uses."""

    def work(s: Any) -> Path:
        return write_template(target, s.search.distinct_values("region") or None, lang)

    return QueryOp(parent, worker, work)


def count(parent: QWidget | None, worker: DbWorker, query: CustomerQuery) -> QueryOp:
    return QueryOp(parent, worker, lambda s: s.search.count(query))


def export(
    parent: QWidget | None, worker: DbWorker, query: CustomerQuery, target: Path, lang: str, progress: Progress
) -> QueryOp:
    def work(s: Any) -> ExportResult:
        return export_customers(
            s.store,
            target,
            query,
            lang=lang,
            progress=lambda done, total: progress("write", done, total),
            cancelled=progress.cancel.is_set,
            user_id=s.user_id,
        )

    return Op(parent, worker, work, {"audit"})  # the export's log entry

"""Daily report operations: build, edit the summary, submit, and the supervisor's countersign, return and inbox."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.domain.errors import NotFoundError
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker

REPORTS = {"reports"}


def own_report(parent: QWidget | None, worker: DbWorker, day: date) -> QueryOp:
    """The acting rep's report for the day, or a preview (not saved) built from the day's visits."""
    return QueryOp(parent, worker, lambda s: report_or_preview(s, day))


def report_or_preview(s: Any, day: date) -> dict[str, Any]:
    """On the worker: the acting rep's report for `day`, or its preview (status None) from the day's visits."""
    try:
        return s.reports.find(None, day)
    except NotFoundError:
        visits = s.visits.for_day(day)
        return {"id": None, "status": None, "summary": "", "visits": visits, "report_date": day.isoformat()}


def build(parent: QWidget | None, worker: DbWorker, day: date) -> Op:
    return Op(parent, worker, lambda s: s.reports.build(day), REPORTS)


def save_summary(parent: QWidget | None, worker: DbWorker, day: date, summary: str) -> Op:
    return Op(parent, worker, lambda s: s.reports.edit_summary(day, summary), REPORTS)


def submit(parent: QWidget | None, worker: DbWorker, day: date, summary: str) -> Op:
    """Save the summary as typed, then submit: one click for the rep (two transactions, each whole)."""

    def work(s: Any) -> dict[str, Any]:
        s.reports.edit_summary(day, summary)
        return s.reports.submit(day)

    return Op(parent, worker, work, REPORTS)


def inbox(parent: QWidget | None, worker: DbWorker, rep_id: str | None, day_from: date, day_to: date) -> QueryOp:
    def work(s: Any) -> dict[str, Any]:
        me = s.profile.current()
        team = [(u.id, u.name) for u in s.profile.users() if u.role == "rep" and me and u.team_id == me.team_id]
        return {"reports": s.reports.inbox(rep_id, day_from, day_to), "reps": team}

    return QueryOp(parent, worker, work)


def get(parent: QWidget | None, worker: DbWorker, report_id: str) -> QueryOp:
    return QueryOp(parent, worker, lambda s: s.reports.get(report_id))


def countersign(parent: QWidget | None, worker: DbWorker, report_id: str, seen: str | None) -> Op:
    return Op(parent, worker, lambda s: s.reports.countersign(report_id, seen), REPORTS)


def return_report(parent: QWidget | None, worker: DbWorker, report_id: str, comment: str, seen: str | None) -> Op:
    return Op(parent, worker, lambda s: s.reports.return_report(report_id, comment, seen), REPORTS)

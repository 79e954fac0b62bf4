"""Visit and plan operations: log a visit, the day's visits and stops, plan edits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.paths import AppPaths
from fieldcrm.services import CustomerQuery
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.ops.reports import report_or_preview
from fieldcrm.ui.workers import DbWorker

VISITS = {"visits", "plans", "customers"}
PLANS = {"plans"}


def log_visit(parent: QWidget | None, worker: DbWorker, customer_id: str, values: dict[str, Any]) -> Op:
    return Op(parent, worker, lambda s: s.visits.log(customer_id, **values), VISITS)


def today(parent: QWidget | None, worker: DbWorker, day: date, paths: AppPaths | None = None) -> QueryOp:
    """The day's stops in order, the follow-ups due on or before it, the customers going back to the pool within
    the reminder days, the day's report (or its preview) and, given the profile's `paths`, the sync state (the Today
    screen's cards)."""

    def work(s: Any) -> dict[str, Any]:
        me = s.profile.current()
        due = s.search.search(
            CustomerQuery(follow_up_due=day, owner_id=me.id if me else None, sort="next_follow_up", limit=200)
        )
        due = s.masking.customer_rows(due)  # own customers as a rule; masked like the list if not
        from fieldcrm.services.returns import ReturnsService  # on the worker: the services load there

        returning = ReturnsService(s.store, s.user_id).returning_soon() if me is not None else []
        report = report_or_preview(s, day)
        sync = None
        if paths is not None:
            from fieldcrm.sync.client import SyncClient  # on the worker: the HTTP stack stays out of start-up

            sync = SyncClient(s.store, paths).status()
        return {
            "stops": s.plans.day(day),
            "due": [r.to_json() for r in due],
            "returning": returning,
            "visits": s.visits.for_day(day),
            "report": {k: report.get(k) for k in ("id", "status", "return_comment", "submitted_at", "signed_at")},
            "sync": sync,
        }

    return QueryOp(parent, worker, work)


def week(parent: QWidget | None, worker: DbWorker, monday: date) -> QueryOp:
    return QueryOp(parent, worker, lambda s: s.plans.week(monday))


def add_stop(parent: QWidget | None, worker: DbWorker, day: date, customer_id: str, purpose: str) -> Op:
    return Op(parent, worker, lambda s: s.plans.add_stop(day, customer_id, purpose), PLANS)


def move_stop(parent: QWidget | None, worker: DbWorker, stop_id: str, offset: int) -> Op:
    return Op(parent, worker, lambda s: s.plans.move_stop(stop_id, offset), PLANS)


def reorder(parent: QWidget | None, worker: DbWorker, day: date, stop_ids: list[str]) -> Op:
    return Op(parent, worker, lambda s: s.plans.reorder(day, stop_ids), PLANS)


def move_to_day(parent: QWidget | None, worker: DbWorker, stop_id: str, day: date) -> Op:
    return Op(parent, worker, lambda s: s.plans.move_to_day(stop_id, day), PLANS)


def cancel_stop(parent: QWidget | None, worker: DbWorker, stop_id: str) -> Op:
    return Op(parent, worker, lambda s: s.plans.cancel_stop(stop_id), PLANS)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())

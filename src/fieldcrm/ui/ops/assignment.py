"""Assignment operations (分配客户): whether the user may assign, the reps to assign to, a preview, the assignment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.services.userinfo import current_actor
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker

#: An assignment changes customers (their owner) and their ownership history.
CUSTOMERS = {"customers"}


def _service(s: Any) -> Any:
    from fieldcrm.services.assignment import AssignmentService  # the ORM: never before the list has painted

    return AssignmentService(s.store, s.user_id)


def may_assign(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    """Whether the acting user assigns customers (a supervisor or an admin)."""

    def work(s: Any) -> bool:
        actor = current_actor(s.store, s.user_id)
        return actor is not None and actor.role in ("supervisor", "admin")

    return QueryOp(parent, worker, work)


def candidates(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    """The reps the user may give customers to, with their load and cap."""
    return QueryOp(parent, worker, lambda s: _service(s).candidates())


def preview(
    parent: QWidget | None, worker: DbWorker, customer_ids: Sequence[str], strategy: str, rep_id: str | None
) -> QueryOp:
    """Who would get which customer, and which cannot be placed and why; nothing is written."""
    ids = list(customer_ids)
    return QueryOp(parent, worker, lambda s: _service(s).preview(ids, strategy, rep_id))


def assign(
    parent: QWidget | None,
    worker: DbWorker,
    customer_ids: Sequence[str],
    strategy: str,
    rep_id: str | None,
    reason: str,
) -> Op:
    """Assign the customers in one action; returns who got what and what could not be placed."""
    ids = list(customer_ids)
    return Op(parent, worker, lambda s: _service(s).assign(ids, strategy, rep_id, reason), CUSTOMERS)

"""Appeal (申诉) operations on the database worker: why a customer was lost, filing, deciding, listing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker

#: An appeal shows on its customer's page; an upheld one moves the customer.
APPEALS = {"customers"}


def _appeals(s: Any) -> Any:
    from fieldcrm.services.appeals import AppealService  # on the worker: the services load there

    return AppealService(s.store, s.user_id)


def customer_case(parent: QWidget | None, worker: DbWorker, customer_id: str) -> QueryOp:
    """{"lost": why the user lost the customer or None, "appeals": the appeals about it they see}."""
    return QueryOp(
        parent,
        worker,
        lambda s: {"lost": _appeals(s).lost(customer_id), "appeals": _appeals(s).appeals(customer_id=customer_id)},
    )


def appeals(parent: QWidget | None, worker: DbWorker, status: str | None = None) -> QueryOp:
    return QueryOp(parent, worker, lambda s: _appeals(s).appeals(status))


def file_appeal(parent: QWidget | None, worker: DbWorker, customer_id: str, statement: str) -> Op:
    return Op(parent, worker, lambda s: _appeals(s).file(customer_id, statement), APPEALS)


def decide(parent: QWidget | None, worker: DbWorker, appeal_id: str, uphold: bool, reason: str) -> Op:
    return Op(parent, worker, lambda s: _appeals(s).decide(appeal_id, uphold, reason), APPEALS)

"""Handover operations (客户交接): the teammates customers may go to, asking for the handover, the handovers this
laptop holds, and their steps (on the database worker)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker

#: A handover and its steps change customers (their owner, who sees them) and their ownership history.
CUSTOMERS = {"customers"}


def _service(s: Any) -> Any:
    from fieldcrm.services.handover import HandoverService  # on the worker: the services load there

    return HandoverService(s.store, s.user_id)


def receivers(parent: QWidget | None, worker: DbWorker, customer_ids: Sequence[str]) -> QueryOp:
    ids = list(customer_ids)
    return QueryOp(parent, worker, lambda s: _service(s).receivers(ids))


def request(parent: QWidget | None, worker: DbWorker, customer_ids: Sequence[str], to_rep_id: str, reason: str) -> Op:
    """Ask for the handover of the customers in one action; returns those asked for and those refused, with why."""
    ids = list(customer_ids)
    return Op(parent, worker, lambda s: _service(s).request(ids, to_rep_id, reason), CUSTOMERS)


def handovers(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    return QueryOp(parent, worker, lambda s: _service(s).handovers())


def step(parent: QWidget | None, worker: DbWorker, handover_id: str, name: str, reason: str = "") -> Op:
    """Accept, approve or decline (with `reason`) one handover."""

    def work(s: Any) -> Any:
        service = _service(s)
        if name == "decline":
            return service.decline(handover_id, reason)
        return getattr(service, name)(handover_id)

    return Op(parent, worker, work, CUSTOMERS)

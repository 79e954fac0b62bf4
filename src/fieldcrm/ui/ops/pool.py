"""Public pool (公海) operations: browse it, claim from it, release to it (on the database worker)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker

#: What a claim or release changes: the customer's owner (lists, the page) and its ownership history.
POOL = {"customers"}


def _pool(s: Any) -> Any:
    from fieldcrm.services.pool import PoolService  # on the worker: the services load there

    return PoolService(s.store, s.user_id)


def pool_customers(parent: QWidget | None, worker: DbWorker, query: str, pool: str | None = None) -> QueryOp:
    """The pool's customers matching `query`, of the team's pool `pool` (None: all of them)."""
    return QueryOp(parent, worker, lambda s: _pool(s).pool_customers(query, pool=pool))


def pool_counts(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    """The team's pools in order, each with its customers' count."""
    return QueryOp(parent, worker, lambda s: _pool(s).pool_counts())


def claim(parent: QWidget | None, worker: DbWorker, customer_id: str) -> Op:
    return Op(parent, worker, lambda s: _pool(s).claim(customer_id), POOL)


def release(parent: QWidget | None, worker: DbWorker, customer_id: str, reason: str) -> Op:
    return Op(parent, worker, lambda s: _pool(s).release(customer_id, reason), POOL)


def _team_rules(s: Any) -> Any:
    from fieldcrm.services.team_rules import TeamRulesService  # on the worker: the services load there

    return TeamRulesService(s.store, s.user_id)


def team_rules(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    """The acting user's team's settings (`TeamRulesView`)."""
    return QueryOp(parent, worker, lambda s: _team_rules(s).show())


def set_team_rules(parent: QWidget | None, worker: DbWorker, changes: dict[str, Any]) -> Op:
    return Op(parent, worker, lambda s: _team_rules(s).set(changes), {"profile", "customers"})

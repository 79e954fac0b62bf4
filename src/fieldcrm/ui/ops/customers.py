"""Customer operations: search ids, fetch row windows, read one customer, create, update, contacts."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.services import CustomerQuery
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker

CUSTOMERS = {"customers"}


def search_ids(parent: QWidget | None, worker: DbWorker, query: CustomerQuery, is_current: Any) -> QueryOp:
    """All ids matching `query` in order; skipped if a newer search was typed meanwhile (`is_current()` false)."""

    def work(s: Any) -> list[str] | None:
        if not is_current():
            return None
        return s.search.ids(query)

    return QueryOp(parent, worker, work)


def first_page(parent: QWidget | None, worker: DbWorker, query: CustomerQuery, is_current: Any) -> QueryOp:
    """The first rows of a search (one more than asked, to know whether there are more); quick even when
    thousands match, so typing never waits for the full id list."""

    def work(s: Any) -> list[Any] | None:
        if not is_current():
            return None
        return s.search.search(query)

    return QueryOp(parent, worker, work)


def fetch_rows(parent: QWidget | None, worker: DbWorker, ids: list[str]) -> QueryOp:
    return QueryOp(parent, worker, lambda s: s.search.rows(ids))


def filter_values(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    def work(s: Any) -> dict[str, list[str]]:
        values = {col: s.search.distinct_values(col) for col in ("region", "industry")}
        values["owners"] = [(u.id, u.name) for u in s.profile.users()]
        return values

    return QueryOp(parent, worker, work)


def get_customer(parent: QWidget | None, worker: DbWorker, customer_id: str) -> QueryOp:
    return QueryOp(parent, worker, lambda s: s.customers.get(customer_id))


def check_duplicates(parent: QWidget | None, worker: DbWorker, name: str, phone: str, code: str) -> QueryOp:
    return QueryOp(parent, worker, lambda s: s.customers.check_duplicates(name or None, phone or None, code or None))


def create_customer(
    parent: QWidget | None, worker: DbWorker, fields: dict[str, Any], contacts: list[dict[str, Any]], allow: bool
) -> Op:
    return Op(
        parent,
        worker,
        lambda s: s.customers.create(allow_duplicate=allow, contacts=contacts, **fields),
        CUSTOMERS,
    )


def update_customer(parent: QWidget | None, worker: DbWorker, customer_id: str, fields: dict[str, Any]) -> Op:
    return Op(parent, worker, lambda s: s.customers.update(customer_id, **fields), CUSTOMERS)


def add_contact(parent: QWidget | None, worker: DbWorker, customer_id: str, fields: dict[str, Any]) -> Op:
    return Op(parent, worker, lambda s: s.customers.add_contact(customer_id, **fields), CUSTOMERS)

"""Customer operations: search ids, fetch row windows, read one customer, create, update, contacts; every read that
shows mobile numbers masks them for customers the user does not own (`domain/masking.py`), and `reveal_numbers`
shows them in full, logged."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldcrm.domain.masking import holds_masked
from fieldcrm.paths import AppPaths
from fieldcrm.services import CustomerQuery
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker

CUSTOMERS = {"customers"}
#: What a reveal changes: it writes an audit event, nothing a customer screen shows.
AUDIT = {"audit"}


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
        return s.masking.customer_rows(s.search.search(query))

    return QueryOp(parent, worker, work)


def fetch_rows(parent: QWidget | None, worker: DbWorker, ids: list[str]) -> QueryOp:
    """One window of the list's rows, masked as a whole: one read of the acting user per window, none per row."""

    def work(s: Any) -> dict[str, Any]:
        return {row.id: row for row in s.masking.customer_rows(s.search.rows(ids).values())}

    return QueryOp(parent, worker, work)


def filter_values(parent: QWidget | None, worker: DbWorker) -> QueryOp:
    def work(s: Any) -> dict[str, list[str]]:
        values = {col: s.search.distinct_values(col) for col in ("region", "industry")}
        values["owners"] = [(u.id, u.name) for u in s.profile.users()]
        return values

    return QueryOp(parent, worker, work)


def get_customer(parent: QWidget | None, worker: DbWorker, customer_id: str, revealed: bool = False) -> QueryOp:
    """A customer's page, its mobile numbers masked unless the user sees them in full; `numbers_masked` says whether
    any was. `revealed`: the page already revealed this customer's numbers (logged then), so they stay in full."""

    def work(s: Any) -> dict[str, Any]:
        from fieldcrm.services.exports import ExportService  # the ORM: never before the list has painted

        data = s.customers.get(customer_id)
        shown = data if revealed else ExportService(s.store, s.user_id).masked_customer(data)
        return {**shown, "numbers_masked": shown != data or holds_masked(data)}

    return QueryOp(parent, worker, work)


def reveal_numbers(parent: QWidget | None, worker: DbWorker, customer_id: str, paths: AppPaths | None = None) -> Op:
    """The customer's and its contacts' numbers in full (`ExportService.reveal`, which logs the reveal for head
    office): `{"phone": …, "contacts": {contact id: {"phone": …, "mobile": …}}}`. Numbers that reached this laptop
    masked are asked of head office (with the profile's sign-in in `paths`), so the op waits on the network thread."""

    def work(s: Any) -> dict[str, Any]:
        from fieldcrm.services.exports import ExportService  # the ORM: never before the list has painted
        from fieldcrm.sync.client import SyncClient

        fetch = (lambda cid: SyncClient(s.store, paths).reveal(cid)) if paths is not None else None
        return ExportService(s.store, s.user_id).reveal(customer_id, fetch)

    from fieldcrm.ui.ops.sync import network  # the sync client: not before the list has painted

    return network(Op(parent, worker, work, AUDIT))


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

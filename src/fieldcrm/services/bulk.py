"""Writing many rows in one action (demo data, imports): core executemany for the rows and their outbox entries."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlmodel import SQLModel

from fieldcrm.ids import uuid7
from fieldcrm.models import Contact, Customer, OutboxEntry, SyncedBase, utcnow
from fieldcrm.models.codec import encode_value
from fieldcrm.services.changes import UnitOfWork
from fieldcrm.store import search_index

CHUNK = 2000


def _static_defaults(model: type[SQLModel]) -> tuple[dict[str, Any], dict[str, Callable[[], Any]]]:
    static: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    for name, info in model.model_fields.items():
        if name not in model.__table__.columns:  # type: ignore[attr-defined]
            continue
        if info.default_factory is not None:
            factories[name] = info.default_factory  # type: ignore[assignment]
        elif not info.is_required():
            static[name] = info.default
    return static, factories


class BulkWriter:
    """Inserts plain dicts of one model per call; every row also gets its outbox entry, in the unit's group.

    Rows must hold validated values (the caller cleans them with `services.validation`). Customers and contacts
    are added to the search index in the same transaction.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self._defaults: dict[type[SQLModel], tuple[dict[str, Any], dict[str, Callable[[], Any]]]] = {}

    def _complete(self, model: type[SyncedBase], row: dict[str, Any]) -> dict[str, Any]:
        if model not in self._defaults:
            self._defaults[model] = _static_defaults(model)
        static, factories = self._defaults[model]
        full = {**static, **row}
        for name, factory in factories.items():
            if full.get(name) is None:
                full[name] = factory()
        return full

    def _processors(self, model: type[SyncedBase], columns: list[str]) -> list[Callable[[Any], Any] | None]:
        dialect = self.uow.session.connection().dialect
        table = model.__table__  # type: ignore[attr-defined]
        return [table.columns[name].type._cached_bind_processor(dialect) for name in columns]

    def insert_many(
        self,
        model: type[SyncedBase],
        rows: Iterable[dict[str, Any]],
        progress: Callable[[int], None] | None = None,
        *,
        index: bool = True,
    ) -> list[str]:
        """Insert `rows`; returns their ids. With `index=False` the caller keeps the search index current itself
        (e.g. an import that indexes each new customer once, together with its new contacts)."""
        conn = self.uow.session.connection()
        table = model.__table__  # type: ignore[attr-defined]
        columns = list(table.columns.keys())
        processors = self._processors(model, columns)
        row_sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        outbox_sql = (
            "INSERT INTO outbox (op_id, group_id, device_id, table_name, row_id, op, action, fields, base_version,"
            " created_at) VALUES (?, ?, ?, ?, ?, 'insert', NULL, ?, 0, ?)"
        )
        created = OutboxEntry.__table__.columns["created_at"].type._cached_bind_processor(conn.dialect)  # type: ignore[attr-defined]
        content = [name for name in columns if name != "version"]
        ids: list[str] = []
        batch: list[dict[str, Any]] = []
        done = 0

        def flush() -> None:
            nonlocal done
            if not batch:
                return
            conn.exec_driver_sql(
                row_sql,
                [tuple(p(r[c]) if p else r[c] for c, p in zip(columns, processors, strict=True)) for r in batch],
            )
            now = created(utcnow()) if created else utcnow()
            group, device = self.uow.group_id, self.uow.device_id
            conn.exec_driver_sql(
                outbox_sql,
                [
                    (
                        uuid7(),
                        group,
                        device,
                        table.name,
                        r["id"],
                        json.dumps({k: encode_value(r[k]) for k in content if r[k] is not None}, ensure_ascii=False),
                        now,
                    )
                    for r in batch
                ],
            )
            if index and model is Customer:
                search_index.index_new_customers(
                    conn,
                    [
                        (r["id"], search_index.customer_document(r["name"], r["phone"], r["address"], r["credit_code"]))
                        for r in batch
                    ],
                )
            elif index and model is Contact:
                search_index.reindex_customers(conn, {r["customer_id"] for r in batch})
            done += len(batch)
            if progress is not None:
                progress(done)
            batch.clear()

        for row in rows:
            full = self._complete(model, row)
            full = {name: full.get(name) for name in columns}
            ids.append(full["id"])
            batch.append(full)
            if len(batch) >= CHUNK:
                flush()
        flush()
        return ids

    def insert_customers(
        self,
        customers: list[dict[str, Any]],
        contacts: list[dict[str, Any]],
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """New customers with their new contacts; each customer is indexed once, with its contacts."""
        ids = self.insert_many(Customer, customers, progress, index=False)
        completed = [self._complete(Contact, c) for c in contacts]
        self.insert_many(Contact, completed, index=False)
        by_customer: dict[str, list[tuple[str | None, ...]]] = {}
        for c in completed:
            by_customer.setdefault(c["customer_id"], []).append((c["name"], c.get("phone"), c.get("mobile")))
        documents = [
            (
                cid,
                search_index.customer_document(
                    c["name"], c.get("phone"), c.get("address"), c.get("credit_code"), by_customer.get(cid, ())
                ),
            )
            for cid, c in zip(ids, customers, strict=True)
        ]
        conn = self.uow.session.connection()
        for start in range(0, len(documents), CHUNK):
            search_index.index_new_customers(conn, documents[start : start + CHUNK])
        return ids

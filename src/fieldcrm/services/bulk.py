"""Writing many rows in one action (demo data, imports): core executemany for the rows and their outbox entries."""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sqlmodel import SQLModel

from fieldcrm.ids import uuid7_many
from fieldcrm.models import Contact, Customer, OutboxEntry, SyncedBase, utcnow
from fieldcrm.models.codec import encode_value
from fieldcrm.services.changes import UnitOfWork
from fieldcrm.store import search_index

CHUNK = 2000
_UNSET = object()


def _json_encoder() -> Callable[[Any], str]:
    """json.dumps(…, ensure_ascii=False) of a row's fields, dates and times written as `encode_value` writes them.

    One encoder serves every row, and each date or time is written once (a batch shares its timestamps)."""
    written: dict[Any, str] = {}

    def default(value: Any) -> Any:
        try:
            return written[value]
        except (KeyError, TypeError):
            pass
        encoded = encode_value(value)
        if encoded is value:  # not a date or time: not something JSON can hold
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
        if len(written) >= 4096:
            written.clear()
        written[value] = encoded
        return encoded

    encoder = json.JSONEncoder(ensure_ascii=False, default=default)
    if c_make_encoder is None:  # pragma: no cover - CPython has the C encoder
        return encoder.encode
    # What encoder.encode does for each call, with the C encoder made once rather than per row.
    make = c_make_encoder({}, default, encode_basestring, None, ": ", ", ", False, False, True)
    return lambda row: "".join(make(row, 0))


def _static_defaults(model: type[SQLModel]) -> tuple[dict[str, Any], dict[str, Callable[[], Any]]]:
    """Every column (in table order) with its static default or None, and the columns' default factories."""
    columns = model.__table__.columns  # type: ignore[attr-defined]
    static: dict[str, Any] = dict.fromkeys(columns.keys())
    factories: dict[str, Callable[[], Any]] = {}
    for name, info in model.model_fields.items():
        if name not in columns:
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
            if full[name] is None:
                full[name] = factory()
        return full

    def _binder(self, model: type[SyncedBase], columns: list[str]) -> Callable[[dict[str, Any]], tuple]:
        """A row dict to its statement parameters: the values of `columns`, through their types' bind processors.
        A processor's last result is reused while its column holds the very same object (e.g. one `now`)."""
        dialect = self.uow.session.connection().dialect
        table = model.__table__
        get = operator.itemgetter(*columns)
        slots: list[list[Any]] = [
            [i, processor, _UNSET, None]
            for i, name in enumerate(columns)
            if (processor := table.columns[name].type._cached_bind_processor(dialect)) is not None
        ]

        def bind(row: dict[str, Any]) -> tuple:
            values = list(get(row))
            for slot in slots:
                value = values[slot[0]]
                if value is not slot[2]:
                    slot[2], slot[3] = value, slot[1](value)
                values[slot[0]] = slot[3]
            return tuple(values)

        return bind

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
        table = model.__table__
        table_name = str(table.name)  # a plain str: sqlite3 asks a str subclass how to adapt itself, per row
        columns = list(table.columns.keys())
        bind = self._binder(model, columns)
        row_sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        outbox_sql = (
            "INSERT INTO outbox (op_id, group_id, device_id, table_name, row_id, op, action, fields, base_version,"
            " created_at) VALUES (?, ?, ?, ?, ?, 'insert', NULL, ?, 0, ?)"
        )
        created = OutboxEntry.__table__.columns["created_at"].type._cached_bind_processor(conn.dialect)  # type: ignore[attr-defined]
        content = [name for name in columns if name != "version"]
        # Empty values are left out of the entries (head office fills in its defaults: the sender owns a row sent
        # without an owner), except a customer's owner: "nobody's" (a pool customer) must reach head office as such.
        kept = "owner_id" if model is Customer else None
        encode = _json_encoder()
        ids: list[str] = []
        batch: list[dict[str, Any]] = []
        done = 0

        def flush() -> None:
            nonlocal done
            if not batch:
                return
            conn.exec_driver_sql(row_sql, [bind(r) for r in batch])
            now = created(utcnow()) if created else utcnow()
            group, device = self.uow.group_id, self.uow.device_id
            self.uow.in_group += len(batch)
            conn.exec_driver_sql(
                outbox_sql,
                [
                    (
                        op_id,
                        group,
                        device,
                        table_name,
                        r["id"],
                        encode({k: v for k in content if (v := r[k]) is not None or k == kept}),
                        now,
                    )
                    for op_id, r in zip(uuid7_many(len(batch)), batch, strict=True)
                ],
            )
            if index and model is Customer:
                search_index.index_new_customers(conn, [_entry(r) for r in batch])
            elif index and model is Contact:
                search_index.reindex_customers(conn, {r["customer_id"] for r in batch})
            done += len(batch)
            if progress is not None:
                progress(done)
            batch.clear()

        for row in rows:
            full = self._complete(model, row)  # every column, and maybe other keys the caller passed
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
        contact_ids = self.insert_many(Contact, contacts, index=False)
        by_customer: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for contact_id, c in zip(contact_ids, contacts, strict=True):
            by_customer.setdefault(c["customer_id"], []).append((contact_id, c))
        conn = self.uow.session.connection()
        for start in range(0, len(ids), CHUNK):
            entries = [
                _entry({"id": cid, **c}, by_customer.get(cid, ()))
                for cid, c in zip(ids[start : start + CHUNK], customers[start : start + CHUNK], strict=True)
            ]
            search_index.index_new_customers(conn, entries)
        return ids


def _entry(customer: dict[str, Any], contacts: Iterable[tuple[str, dict[str, Any]]] = ()) -> search_index.CustomerEntry:
    """The search index's entry of a new customer with its new contacts ((id, row) pairs)."""
    from fieldcrm.pinyin import name_pinyin

    c = customer
    people = [(p.get("name"), p.get("phone"), p.get("mobile")) for _, p in contacts]
    return search_index.CustomerEntry(
        c["id"],
        search_index.customer_document(c["name"], c.get("phone"), c.get("address"), c.get("credit_code"), people),
        c["name"],
        name_pinyin(c["name"]),
        [(contact_id, name_pinyin(p["name"], person=True)) for contact_id, p in contacts],
    )

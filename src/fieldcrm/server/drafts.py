"""New rows of a push that nothing else in it refers to, built as plain objects and inserted in one statement.

Most of what a laptop pushes is new rows (customers, visits, contacts) that no other op of the same push reads
again. Building each as a SQLModel object and flushing it through the ORM cost a push over a third of its
interpreter time (with 20 new customers); a draft carries the same values, checked by the same rules, and is
written with the push's other drafts and its applied-op records in one statement (`server.db.insert_rows`).
Anything another op of the push names (by row id or in a field), or that may merge with a twin, stays an ORM
object, so the rules that read rows back see it as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table
from sqlalchemy.orm.attributes import set_committed_value

from fieldcrm.models import SYNCED_TABLES, SyncedBase
from fieldcrm.models.registry import DRAFT_TABLES, derive_customer
from fieldcrm.sync.protocol import WireOp

#: Tables whose inserts may be drafts: not the directory (head office's), not reports (their workflow rules read
#: the row as an ORM object).


class Draft:
    """A new row's values as attributes, like the model's object would hold them before its first flush."""

    def __init__(self, model: type[SyncedBase], values: dict[str, Any]) -> None:
        static, factories = _defaults(model)
        self.__dict__.update(static)
        for name, factory in factories:
            if name not in values:
                self.__dict__[name] = factory()
        self.__dict__.update(values)
        self.__dict__["model"] = model

    if TYPE_CHECKING:
        model: type[SyncedBase]

        def __getattr__(self, name: str) -> Any: ...  # the row's values
        def __setattr__(self, name: str, value: Any) -> None: ...

    @property
    def __tablename__(self) -> str:
        return self.model.__tablename__

    def values(self) -> dict[str, Any]:
        return {name: self.__dict__[name] for name in _columns(self.model)}

    def to_row(self) -> SyncedBase:
        """The ORM object with these values (for a row that turns out to need one after all)."""
        return self.model(**self.values())


@cache
def _defaults(model: type[SyncedBase]) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    static: dict[str, Any] = {}
    factories = []
    for name, field in model.model_fields.items():
        if field.default_factory is not None:
            factories.append((name, field.default_factory))
        elif not field.is_required():
            static[name] = field.default
    return static, tuple(factories)  # type: ignore[arg-type]


@cache
def _columns(model: type[SyncedBase]) -> tuple[str, ...]:
    return tuple(c.name for c in model.__table__.columns)


def lone_inserts(ops: Iterable[WireOp], existing: dict[tuple[type[SyncedBase], str], Any]) -> set[str]:
    """Op ids of inserts that may be drafts: a row the server does not have, in a draft table, that no other op of
    the push names (as its row, or in any field, such as a visit's customer_id), and, for a customer, that no other
    customer of the push could merge with (the same normalised name)."""
    ops = list(ops)
    named: dict[str, int] = defaultdict(int)
    for op in ops:
        named[op.row_id] += 1
        for value in op.fields.values():
            if isinstance(value, str) and value != op.row_id:
                named[value] += 1
    twins: dict[str, int] = defaultdict(int)
    for op in ops:
        if op.table == "customer" and op.op == "insert":
            twins[twin_key(op.fields)] += 1
    lone = set()
    for op in ops:
        model = SYNCED_TABLES.get(op.table)
        if op.op != "insert" or op.table not in DRAFT_TABLES or model is None or named[op.row_id] > 1:
            continue
        if (model, op.row_id) in existing and existing[(model, op.row_id)] is not None:
            continue
        key = twin_key(op.fields) if op.table == "customer" else ""
        if key and twins[key] > 1:
            continue
        lone.add(op.op_id)
    return lone


def twin_key(fields: dict[str, Any]) -> str:
    """The normalised name, as the customer will store it (a value of the wrong type is refused later)."""
    derived = derive_customer({"name": fields["name"]} if isinstance(fields.get("name"), str) else {})
    return derived.get("name_norm") or ""


def draft_rows(drafts: list[Draft]) -> dict[Table, list[dict[str, Any]]]:
    """The drafts' rows by table, for `server.db.insert_rows`."""
    rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
    for draft in drafts:
        rows[draft.model.__table__].append(draft.values())
    return rows


def set_version(row: SyncedBase | Draft, version: int) -> None:
    """Record a version the database already holds on the row's object (no write follows from it)."""
    if isinstance(row, Draft):
        row.__dict__["version"] = version
    else:
        set_committed_value(row, "version", version)

"""The tombstone horizon: deleted rows are kept for a while so every laptop learns of the delete, then purged.

A laptop whose pull cursor is older than the newest purged tombstone may have missed a delete; the pull answers
it 410 and the laptop fetches a fresh copy of its view (keeping and then pushing its unsent changes).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Select, and_, exists, func, not_, select
from sqlmodel import Session

from fieldcrm.models import SYNCED_TABLES, Customer, utcnow
from fieldcrm.models.registry import BY_NAME
from fieldcrm.server.tables import field_change, row_seq, sync_counter

ENV_TOMBSTONE_DAYS = "FIELDCRM_TOMBSTONE_DAYS"
DEFAULT_TOMBSTONE_DAYS = 180  # longer than the longest offline period (ARCHITECTURE.md)
#: The second row of `sync_counter` holds the horizon: the highest seq of any purged tombstone (0: none purged).
HORIZON_ROW = 2

HORIZON_MESSAGE = (
    "this laptop last synced before the server purged old deletions (sequence {horizon}); "
    "fetch a fresh copy of your data (unsent changes are kept)"
)


class HorizonPassed(Exception):
    """A pull continued from a cursor older than the horizon: it may have missed purged tombstones."""

    def __init__(self, purged: int) -> None:
        super().__init__(HORIZON_MESSAGE.format(horizon=purged))
        self.purged = purged


def tombstone_days() -> int:
    return int(os.environ.get(ENV_TOMBSTONE_DAYS) or DEFAULT_TOMBSTONE_DAYS)


_HORIZON = select(sync_counter.c.value).where(sync_counter.c.id == HORIZON_ROW)  # built once: every pull reads it


def horizon(session: Session) -> int:
    value = session.execute(_HORIZON).scalar()
    return int(value or 0)


def _references() -> dict[str, list[tuple[object, object]]]:
    """For each synced table, the (table, column) pairs of synced tables that point at it."""
    out: dict[str, list[tuple[object, object]]] = {name: [] for name in SYNCED_TABLES}
    for model in SYNCED_TABLES.values():
        table = model.__table__
        for fk in table.foreign_keys:
            target = fk.column.table.name
            if target in out:
                out[target].append((table, fk.parent))
    return out


def _purgeable_customers(cutoff: datetime, refs: dict[str, list[tuple[Any, Any]]], record: str) -> Select:
    """The customer tombstones this purge removes, but for the rows of `record` that point at them."""
    customer = Customer.__table__
    conditions = [customer.c.deleted == True, customer.c.updated_at < cutoff, customer.c.merged_into.is_(None)]  # noqa: E712
    for child, column in refs["customer"]:
        if child.name != record:
            conditions.append(not_(exists().where(column == customer.c.id)))
    return select(customer.c.id).where(and_(*conditions))


def _purge_order() -> list[str]:
    """Children before parents; a customer's own record just before the customers, once every other child that
    could keep a customer's tombstone has had its turn."""
    order = [name for name in reversed(list(SYNCED_TABLES)) if not BY_NAME[name].purged_with_customer]
    records = [name for name in SYNCED_TABLES if BY_NAME[name].purged_with_customer]
    at = order.index("customer")
    return order[:at] + records + order[at:]


def purge_tombstones(engine: Engine, older_than: timedelta | None = None) -> int:
    """Hard-delete tombstones deleted longer ago than the horizon (server time); returns how many went.

    Kept: tombstones still referenced by another row (a visit of a deleted customer), and merged customers
    (`merged_into`: ops still queued against them are redirected through that row). A customer's own record (its
    ownership history, `TableSpec.purged_with_customer`) goes with its purged tombstone, before it.
    """
    cutoff = utcnow() - (older_than if older_than is not None else timedelta(days=tombstone_days()))
    refs = _references()
    removed = 0
    top = 0
    with Session(engine) as session, session.begin():
        for name in _purge_order():  # children first, so a parent may go in the same run
            table = SYNCED_TABLES[name].__table__
            conditions = [table.c.deleted == True, table.c.updated_at < cutoff]  # noqa: E712
            spec = BY_NAME[name]
            if spec.purged_with_customer:
                conditions = [table.c[spec.customer_field or ""].in_(_purgeable_customers(cutoff, refs, name))]
            if "merged_into" in table.c:
                conditions.append(table.c.merged_into.is_(None))
            for _child, column in refs[name]:
                conditions.append(not_(exists().where(column == table.c.id)))
            ids = list(session.execute(select(table.c.id).where(and_(*conditions))).scalars())
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                in_feed = and_(row_seq.c.table_name == name, row_seq.c.row_id.in_(chunk))
                top = max(
                    top,
                    int(session.execute(select(func.coalesce(func.max(row_seq.c.seq), 0)).where(in_feed)).scalar_one()),
                )
                session.execute(row_seq.delete().where(in_feed))
                session.execute(
                    field_change.delete().where(field_change.c.table_name == name, field_change.c.row_id.in_(chunk))
                )
                session.execute(table.delete().where(table.c.id.in_(chunk)))
                removed += len(chunk)
        if top:
            updated = session.execute(
                sync_counter.update()
                .where(sync_counter.c.id == HORIZON_ROW, sync_counter.c.value < top)
                .values(value=top)
            ).rowcount  # type: ignore[attr-defined]  # an UPDATE's result is a CursorResult
            if not updated and horizon(session) < top:
                session.execute(sync_counter.insert().values(id=HORIZON_ROW, value=top))
    return removed

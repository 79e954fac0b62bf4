"""Writing a planned import in one transaction through the customer write path the services use, and the
history that lets the import be undone."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from fieldcrm.excel.planning import RowPlan
from fieldcrm.models import ImportBatch, User
from fieldcrm.models.codec import encode_value
from fieldcrm.services.changes import UnitOfWork
from fieldcrm.services.customer_writes import CustomerChange, CustomerWriter, NewCustomer, Written

CHUNK = 2000
#: SQLite's page cache while an import writes, in KiB (the store's default is 2 MB): the customer table's ten
#: indexes, the outbox and the full-text index touch pages all over the file, and pages pushed out of a small
#: cache are read back again and again. Measured on 100,000 rows: a fifth less time in SQLite for ~50 MB.
WRITE_CACHE_KIB = 64 * 1024
_ITEM_SQL = (
    "INSERT INTO import_item (batch_id, table_name, row_id, action, source_row, before, after)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _dump(values: dict[str, Any]) -> str:
    return json.dumps({k: encode_value(v) for k, v in values.items()}, ensure_ascii=False)


def write_plans(
    uow: UnitOfWork,
    actor: User,
    batch: ImportBatch,
    plans: Sequence[RowPlan],
    check: Callable[[int], None],
) -> None:
    """Write the planned rows through the customer write path (`services.customer_writes`) and record every item of
    `batch`, all inside `uow`'s transaction. New rows go in chunks, so memory holds one chunk of full rows at a time
    however long the file is."""
    session = uow.session
    session.add(batch)
    session.flush()
    conn = session.connection()
    sqlite: Any = conn.connection.driver_connection  # pragmas on the driver: they must work even after an error
    cache = sqlite.execute("PRAGMA cache_size").fetchone()[0]
    sqlite.execute(f"PRAGMA cache_size = {-WRITE_CACHE_KIB}")
    writer = CustomerWriter(uow, actor.id)
    try:
        new = [p for p in plans if p.status == "new"]
        for start in range(0, len(new), CHUNK):
            chunk = new[start : start + CHUNK]
            written = [w for p in chunk if p.target_id for w in writer.revive(p.target_id, _new_customer(p))]
            written += writer.create_many([_new_customer(p) for p in chunk if not p.target_id])
            _record(conn, batch.id, written)
            check(min(start + CHUNK, len(new)))
        updates = [p for p in plans if p.status == "update"]
        written = []
        for done, plan in enumerate(updates, 1):
            if done % 500 == 0:
                check(len(new) + done)
            written += writer.change(_change(plan))
        _record(conn, batch.id, written)
    finally:
        sqlite.execute(f"PRAGMA cache_size = {int(cache)}")


def _new_customer(plan: RowPlan) -> NewCustomer:
    derived = {"name_norm": plan.name_norm, "phone_norm": plan.phone_norm}  # worked out once while planning
    return NewCustomer(plan.row.customer, plan.row.contact, plan.row.row, None if plan.target_id else derived)


def _change(plan: RowPlan) -> CustomerChange:
    assert plan.target_id is not None
    return CustomerChange(
        plan.target_id, plan.changes, plan.contact_id, plan.contact_changes, plan.contact_insert, plan.row.row
    )


def _record(conn: Any, batch_id: str, written: Sequence[Written]) -> None:
    """The import's history: which rows it inserted or changed, from which file row, with the values it replaced."""
    items = [
        (batch_id, w.table, w.row_id, w.action, w.source_row, _dump(w.before) if w.before is not None else None,
         _dump(w.after) if w.after is not None else None)
        for w in written
    ]  # fmt: skip
    if items:
        conn.exec_driver_sql(_ITEM_SQL, items)

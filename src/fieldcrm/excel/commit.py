"""Writing a planned import in one transaction: new rows through BulkWriter, updates through the UnitOfWork,
and the history that lets the import be undone."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlmodel import select

from fieldcrm.excel.planning import RowPlan
from fieldcrm.ids import uuid7_many
from fieldcrm.models import Contact, Customer, ImportBatch, User, utcnow
from fieldcrm.models.codec import encode_value
from fieldcrm.models.registry import derive_customer
from fieldcrm.services.bulk import BulkWriter
from fieldcrm.services.changes import UnitOfWork
from fieldcrm.services.customers import customer_id_for

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
    """Insert the new rows, apply the updates and record every item of `batch`, all inside `uow`'s transaction.

    New rows go in chunks, so memory holds one chunk of full rows at a time however long the file is."""
    session = uow.session
    session.add(batch)
    session.flush()
    conn = session.connection()
    sqlite = conn.connection.driver_connection  # pragmas on the driver: they must work even after an error
    cache = sqlite.execute("PRAGMA cache_size").fetchone()[0]
    sqlite.execute(f"PRAGMA cache_size = {-WRITE_CACHE_KIB}")
    try:
        writer = BulkWriter(uow)
        new = [p for p in plans if p.status == "new"]
        for start in range(0, len(new), CHUNK):
            _write_new(uow, writer, actor, batch.id, new[start : start + CHUNK])
            check(min(start + CHUNK, len(new)))
        updates = [p for p in plans if p.status == "update"]
        items: list[tuple] = []
        for done, plan in enumerate(updates, 1):
            if done % 500 == 0:
                check(len(new) + done)
            items.extend(_apply_update(uow, batch.id, plan))
        if items:
            conn.exec_driver_sql(_ITEM_SQL, items)
    finally:
        sqlite.execute(f"PRAGMA cache_size = {int(cache)}")


def _write_new(uow: UnitOfWork, writer: BulkWriter, actor: User, batch_id: str, plans: Sequence[RowPlan]) -> None:
    now = utcnow()
    owner = actor.id
    customers: list[dict[str, Any]] = []
    contacts: list[dict[str, Any]] = []
    items: list[tuple] = []
    fresh = [plan for plan in plans if not plan.target_id]
    ids = iter(uuid7_many(len(fresh) * 2))
    for plan in plans:
        if plan.target_id:
            items.extend(_revive(uow, actor, batch_id, plan))
            continue
        fields = plan.row.customer
        customer_id = customer_id_for(fields.get("credit_code")) or next(ids)
        customers.append(
            {
                **fields,
                "name_norm": plan.name_norm,  # derive_customer(fields), worked out once while planning
                "phone_norm": plan.phone_norm,
                "id": customer_id,
                "owner_id": owner,
                "first_contact_at": now,
                "first_contact_by": owner,
                "created_at": now,
                "updated_at": now,
                "tags": fields.get("tags") or "",
                "notes": fields.get("notes") or "",
            }
        )
        items.append((batch_id, "customer", customer_id, "insert", plan.row.row, None, None))
        if plan.row.contact:
            contacts.append(
                {**plan.row.contact, "id": next(ids), "customer_id": customer_id, "owner_id": owner,
                 "is_primary": True, "created_at": now, "updated_at": now}
            )  # fmt: skip
    writer.insert_customers(customers, contacts)  # rows, outbox entries and one search document per customer
    if items:
        uow.session.connection().exec_driver_sql(_ITEM_SQL, items)


def _apply_update(uow: UnitOfWork, batch_id: str, plan: RowPlan) -> list[tuple]:
    session = uow.session
    items: list[tuple] = []
    if plan.changes:
        customer = session.get(Customer, plan.target_id)
        assert customer is not None
        wanted = {**plan.changes, **derive_customer(plan.changes)}
        before = {k: getattr(customer, k) for k in wanted}
        changed = uow.update(customer, wanted)
        if changed:
            before = {k: before[k] for k in changed}
            items.append((batch_id, "customer", customer.id, "update", plan.row.row, _dump(before), _dump(changed)))
    if plan.contact_insert:
        contact = Contact(customer_id=plan.target_id, owner_id=_owner(uow, plan.target_id), **plan.contact_changes)
        uow.insert(contact)
        items.append((batch_id, "contact", contact.id, "insert", plan.row.row, None, None))
    elif plan.contact_changes and plan.contact_id:
        contact = session.get(Contact, plan.contact_id)
        assert contact is not None
        before = {k: getattr(contact, k) for k in plan.contact_changes}
        changed = uow.update(contact, plan.contact_changes)
        if changed:
            before = {k: before[k] for k in changed}
            items.append((batch_id, "contact", contact.id, "update", plan.row.row, _dump(before), _dump(changed)))
    return items


def _revive(uow: UnitOfWork, actor: User, batch_id: str, plan: RowPlan) -> list[tuple]:
    """A deleted customer with the row's credit code is brought back with the row's values."""
    customer = uow.session.get(Customer, plan.target_id)
    assert customer is not None
    fields = plan.row.customer
    uow.update(customer, {**fields, **derive_customer(fields), "deleted": False, "owner_id": actor.id})
    items = [(batch_id, "customer", customer.id, "insert", plan.row.row, None, None)]
    if plan.row.contact:
        contact = Contact(customer_id=customer.id, owner_id=actor.id, is_primary=True, **plan.row.contact)
        uow.insert(contact)
        items.append((batch_id, "contact", contact.id, "insert", plan.row.row, None, None))
    return items


def _owner(uow: UnitOfWork, customer_id: str | None) -> str | None:
    return uow.session.exec(select(Customer.owner_id).where(Customer.id == customer_id)).first()

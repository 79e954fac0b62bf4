"""Applying pulled rows to the laptop store: direct writes (no outbox echo), local pending edits kept on top.

Rows are written with core SQL on one connection with foreign keys off for the page: the server is the judge
of references, and a child may arrive a page before its parent's newest version.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.dialects.sqlite import insert

from fieldcrm.models import SYNCED_TABLES, ConflictRecord, OutboxEntry, SyncState
from fieldcrm.models.codec import decode_value
from fieldcrm.store import Store
from fieldcrm.store.search_index import reindex_customers
from fieldcrm.sync.protocol import CONFLICT_TABLE, RowChange, TableChecksum

CURSOR_KEY = "pull_cursor"
_outbox = OutboxEntry.__table__  # type: ignore[attr-defined]
_conflict = ConflictRecord.__table__  # type: ignore[attr-defined]
_state = SyncState.__table__  # type: ignore[attr-defined]
_ORDER = list(SYNCED_TABLES)


def _decode_row(model: Any, row: dict[str, Any]) -> dict[str, Any]:
    columns = model.__table__.columns
    return {k: decode_value(model, k, v) for k, v in row.items() if k in columns}


def pending_fields(conn: Connection, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Unacknowledged local edits of these rows, folded in outbox order: they stay on top of pulled values."""
    out: dict[str, dict[str, Any]] = {}
    if conn.execute(select(_outbox.c.client_seq).limit(1)).first() is None:
        return out  # nothing unsent (always so on a first sync): no lookups page after page
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            select(_outbox.c.row_id, _outbox.c.op, _outbox.c.fields)
            .where(_outbox.c.table_name == table, _outbox.c.row_id.in_(chunk))
            .order_by(_outbox.c.client_seq)
        )
        for row_id, op, fields in conn.execute(query):
            values = out.setdefault(row_id, {})
            values.update(json.loads(fields or "{}"))
            if op == "delete":
                values["deleted"] = True
    return out


def set_state(conn: Connection, key: str, value: str) -> None:
    stmt = insert(_state).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}))


def get_state(conn: Connection, key: str) -> str | None:
    return conn.execute(select(_state.c.value).where(_state.c.key == key)).scalar()


def _upsert(conn: Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    model = SYNCED_TABLES[table_name]
    table = model.__table__
    pending = pending_fields(conn, table_name, [r["id"] for r in rows])
    names = [c.name for c in table.columns]
    values = []
    for row in rows:
        local = pending.get(row["id"])
        merged = {**row, **{k: v for k, v in local.items() if k != "version"}} if local else row
        decoded = _decode_row(model, merged)
        # Every column in every row (one executemany); the server sends whole rows, so this rarely copies.
        values.append(decoded if len(decoded) == len(names) else {n: decoded.get(n) for n in names})
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["id"],
        set_={n: stmt.excluded[n] for n in names if n != "id"},
        # Reads never go backwards: an older copy of a row (a late page, a repeated page) changes nothing.
        where=table.c.version <= stmt.excluded.version,
    )
    for start in range(0, len(values), 500):
        conn.execute(stmt, values[start : start + 500])


def _conflicts(conn: Connection, rows: list[dict[str, Any]], device_id: str) -> None:
    values = []
    for r in rows:
        mine_offered = r.get("offered_by_device") == device_id
        local, server = (r["offered_value"], r["kept_value"]) if mine_offered else (r["kept_value"], r["offered_value"])
        values.append(
            {
                "id": r["id"],
                "kind": r["kind"],
                "table_name": r["table_name"],
                "row_id": r["row_id"],
                "field": r.get("field"),
                "local_value": local,
                "server_value": server,
                "reason": r.get("reason"),
                "status": r["status"],
                "resolution": r.get("resolution"),
                "created_at": decode_value(ConflictRecord, "created_at", r["created_at"]),
                "resolved_at": decode_value(ConflictRecord, "resolved_at", r.get("resolved_at")),
            }
        )
    if values:
        stmt = insert(_conflict)
        keep = ("status", "resolution", "resolved_at")
        conn.execute(
            stmt.on_conflict_do_update(index_elements=["id"], set_={k: stmt.excluded[k] for k in keep}), values
        )


def _remove(conn: Connection, table_name: str, ids: list[str]) -> set[str]:
    """The rows left this user's view: removed from the laptop, not deleted anywhere. Returns the customers whose
    search entries held them (the customers themselves, or the customers of removed contacts)."""
    table = SYNCED_TABLES[table_name].__table__
    chosen = table.c.id.in_(bindparam("ids", expanding=True))
    touched = set(ids) if table_name == "customer" else set()
    if table_name == "contact":
        touched = set(conn.execute(select(table.c.customer_id).where(chosen), {"ids": ids}).scalars())
    conn.execute(table.delete().where(chosen), {"ids": ids})
    return touched


def apply_changes(conn: Connection, changes: Iterable[RowChange], device_id: str) -> set[str]:
    """Write one page; returns the customer ids whose search entries must be recomputed."""
    upserts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    gone: dict[str, list[str]] = defaultdict(list)
    conflicts = []
    for change in changes:
        if change.table == CONFLICT_TABLE:
            if change.row is not None:
                conflicts.append(change.row)
        elif change.table in SYNCED_TABLES:
            if change.gone:
                gone[change.table].append(change.id)
            elif change.row is not None:
                upserts[change.table].append(change.row)
    touched = {r["id"] for r in upserts.get("customer", [])}
    touched |= {r["customer_id"] for r in upserts.get("contact", [])}
    for name in _ORDER:
        if upserts.get(name):
            _upsert(conn, name, upserts[name])
    for name in reversed(_ORDER):
        if gone.get(name):
            touched |= _remove(conn, name, gone[name])
    _conflicts(conn, conflicts, device_id)
    return touched


def apply_page(store: Store, changes: list[RowChange], device_id: str, cursor: int | None) -> None:
    """One page and the new cursor in one SQLite transaction: an interrupted pull resumes exactly here."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            with conn.begin():
                touched = apply_changes(conn, changes, device_id)
                if touched:
                    reindex_customers(conn, touched)
                if cursor is not None:
                    set_state(conn, CURSOR_KEY, str(cursor))
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def local_checksums(store: Store) -> dict[str, TableChecksum]:
    out = {}
    with store.engine.connect() as conn:
        for name, model in SYNCED_TABLES.items():
            table = model.__table__
            count, total = conn.execute(
                select(func.count(), func.coalesce(func.sum(table.c.version), 0)).where(
                    table.c.deleted == False, table.c.version > 0
                )
            ).one()
            out[name] = TableChecksum(count=int(count), version_sum=int(total))
    return out


def tables_with_pending(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(_outbox.c.table_name).distinct()).scalars())


def prune_table(store: Store, table_name: str, keep_ids: set[str]) -> int:
    """After a table was fetched again whole: drop synced rows the server no longer shows this user."""
    table = SYNCED_TABLES[table_name].__table__
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            with conn.begin():
                pending = set(
                    conn.execute(select(_outbox.c.row_id).where(_outbox.c.table_name == table_name)).scalars()
                )
                ids = set(conn.execute(select(table.c.id).where(table.c.version > 0)).scalars())
                stray = sorted(ids - keep_ids - pending)
                touched: set[str] = set()
                for start in range(0, len(stray), 500):
                    touched |= _remove(conn, table_name, stray[start : start + 500])
                if touched:
                    reindex_customers(conn, touched)
                return len(stray)
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()

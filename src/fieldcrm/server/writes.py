"""Recording committed changes in the feed: sequence numbers from the locked counter row, in commit order."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from fieldcrm.models import SYNCED_TABLES, Customer, SyncedBase, Visit
from fieldcrm.models.registry import BY_NAME, customer_of, party_of
from fieldcrm.server.db import json_param
from fieldcrm.server.drafts import Draft, set_version
from fieldcrm.server.pending_views import pending_showing
from fieldcrm.server.tables import field_change, row_seq, sync_counter


@dataclass
class Touched:
    """One row to put in the feed. `changes` maps field -> [old, new] (JSON values) for the merge history."""

    table: str
    row_id: str
    owner_id: str | None
    customer_id: str | None
    prev_owner_id: str | None = None
    prev_public: bool = False
    changes: dict[str, Any] = field(default_factory=dict)
    row: SyncedBase | Draft | None = None  # its version becomes the seq
    seq: int = 0
    device_id: str | None = None
    created: bool = False  # the row is new in this transaction
    party_id: str | None = None  # a second user whose side sees the row (`TableSpec.party_field`)


def scope_of(table: str, row: Any) -> str | None:
    """The customer whose visibility a row follows (see `models.registry.customer_of`)."""
    return customer_of(table, row)


def touched_row(
    row: SyncedBase | Draft,
    changes: dict[str, Any] | None = None,
    prev_owner: str | None = None,
    prev_public: bool = False,
) -> Touched:
    table = row.__tablename__
    return Touched(
        table,
        row.id,
        row.owner_id,
        scope_of(table, row),
        prev_owner or row.owner_id,
        prev_public,
        changes or {},
        row,
        party_id=party_of(table, row),
    )


def take_seqs(session: Session, count: int) -> int:
    """Reserve `count` sequence numbers; returns the last. Locks the counter row until this transaction ends."""
    stmt = update(sync_counter).where(sync_counter.c.id == 1).values(value=sync_counter.c.value + count)
    return int(session.execute(stmt.returning(sync_counter.c.value)).scalar_one())


_FEED_UPDATES = ("seq", "owner_id", "customer_id", "prev_owner_id", "prev_public", "shared", "party_id")


def _upsert(session: Session, values: list[dict[str, Any]]) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(row_seq)
    stmt = stmt.on_conflict_do_update(
        index_elements=["table_name", "row_id"],
        set_={name: stmt.excluded[name] for name in _FEED_UPDATES},
    )
    session.execute(stmt, values)


def _one_per_row(items: Sequence[Touched]) -> list[Touched]:
    """A row touched twice in one push gets one new seq; its history keeps the first old and the last new value."""
    unique: dict[tuple[str, str], Touched] = {}
    for item in items:
        key = (item.table, item.row_id)
        prev = unique.pop(key, None)
        if prev is not None:
            changes = dict(prev.changes)
            for name, (old, new) in item.changes.items():
                changes[name] = [prev.changes[name][0] if name in prev.changes else old, new]
            item.changes = changes
            item.prev_owner_id, item.prev_public = prev.prev_owner_id, prev.prev_public
            item.row = item.row or prev.row
            item.device_id = item.device_id or prev.device_id
            item.created = item.created or prev.created
        unique[key] = item
    return list(unique.values())


def record_changes(session: Session, items: Sequence[Touched]) -> Sequence[Touched]:
    """Give each touched row the next sequence number (its new version) and write the feed and history."""
    items = _one_per_row(items)
    if not items:
        return []
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        _record_in_one_statement(session, items)
    else:
        _record_in_steps(session, items)
    share(session, {i.customer_id for i in items if i.customer_id} - _private_new_customers(items))
    return items


def _private_new_customers(items: Sequence[Touched]) -> set[str]:
    """Customers created in this transaction that only their owner's side may see: not in the public pool, and every
    row recorded under them belongs to their owner and names no other party (a handover asked for in the same push
    names the receiving rep, who sees the customer while it waits). Nothing else can hang off a customer before the
    transaction that creates it commits, so these rows are all there is, and `share` need not look."""
    new = {i.row_id: i for i in items if i.table == "customer" and i.created}
    private = {cid for cid, item in new.items() if item.row is not None and not item.row.in_public_pool}  # type: ignore[union-attr]
    for item in items:
        customer = new.get(item.customer_id or "")
        if customer is not None and (
            item.owner_id != customer.owner_id or not {item.party_id, _shown_to(item)} <= {None, customer.owner_id}
        ):
            private.discard(customer.row_id)
    return private


def _shown_to(item: Touched) -> str | None:
    """The rep a row of `item` shows its customer to while it waits (`TableSpec.shown_to`), or None."""
    spec = BY_NAME.get(item.table)
    return spec.shown_to(item.row) if spec is not None and item.row is not None else None


def _record_in_steps(session: Session, items: Sequence[Touched]) -> None:
    last = take_seqs(session, len(items))
    versions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for offset, item in enumerate(items):
        item.seq = last - len(items) + 1 + offset
        if item.row is not None:
            versions[item.table].append({"rid": item.row_id, "v": item.seq})
            set_version(item.row, item.seq)
    for name, rows in versions.items():
        table = SYNCED_TABLES[name].__table__
        session.execute(update(table).where(table.c.id == bindparam("rid")).values(version=bindparam("v")), rows)
    _upsert(session, [_feed_row(i) for i in items])
    history = [_history_row(i) for i in items if i.changes]
    if history:
        session.execute(field_change.insert(), history)


_customer = Customer.__table__
_others_visit = Visit.__table__.alias("others_visit")
_others_row = row_seq.alias("others_row")
# Customers (of those given) that someone besides the owner's side may see: in the public pool, with a visit or a
# feed row of another owner, or a pending handover to another rep. Deleted visits count too: a flag raised needlessly
# costs only a probe.
_OPEN = select(_customer.c.id).where(
    _customer.c.id.in_(bindparam("ids", expanding=True)),
    or_(
        _customer.c.in_public_pool == True,
        exists().where(
            _others_visit.c.customer_id == _customer.c.id,
            _others_visit.c.owner_id.is_distinct_from(_customer.c.owner_id),
        ),
        exists().where(
            _others_row.c.customer_id == _customer.c.id,
            _others_row.c.owner_id.is_distinct_from(_customer.c.owner_id),
        ),
        *pending_showing(_customer.c.id, None),
    ),
)
_SHARE = update(row_seq).where(row_seq.c.customer_id.in_(_OPEN), row_seq.c.shared == False).values(shared=True)


def share(session: Session, customer_ids: set[str]) -> None:
    """Raise `shared` on every feed row of these customers that are open to more than their owner's side.

    The feed rows just written start lowered; this runs after them, with the counter row locked, so it sees every
    change committed before and every later writer sees it: a customer's rows are never left lowered while it is
    open. Only the customers this change touched can have opened (a customer opens through its own row or rows
    hanging off it, and each is recorded here), so no other rows need a look."""
    ids = sorted(customer_ids)
    for start in range(0, len(ids), 500):  # at most 65,535 parameters a statement (PostgreSQL)
        session.execute(_SHARE, {"ids": ids[start : start + 500]})


def _feed_row(item: Touched) -> dict[str, Any]:
    return {
        "table_name": item.table,
        "row_id": item.row_id,
        "seq": item.seq,
        "owner_id": item.owner_id,
        "customer_id": item.customer_id,
        "prev_owner_id": item.prev_owner_id,
        "prev_public": bool(item.prev_public),
        "shared": False,  # raised by `share` where the customer is open
        "party_id": item.party_id,
    }


def _history_row(item: Touched) -> dict[str, Any]:
    changes = json.dumps(item.changes, ensure_ascii=False)
    return {"table_name": item.table, "row_id": item.row_id, "seq": item.seq, "device_id": item.device_id,
            "changes": changes}  # fmt: skip


_ONE_STATEMENT: dict[tuple[str, ...], str] = {}


def _one_statement_sql(session: Session, tables: tuple[str, ...]) -> str:
    """The counter, the feed, the history and the rows' versions in one statement (data-modifying CTEs)."""
    sql = _ONE_STATEMENT.get(tables)
    if sql is not None:
        return sql
    quote = session.get_bind().dialect.identifier_preparer.quote
    versions = "".join(
        f", v{n} AS (UPDATE {quote(name)} AS r SET version = c.base + v.off FROM v CROSS JOIN c"
        f" WHERE v.versioned AND v.table_name = '{name}' AND r.id = v.row_id)"
        for n, name in enumerate(tables)
    )
    sql = (
        "WITH c AS (UPDATE sync_counter SET value = value + %(n)s WHERE id = 1 RETURNING value - %(n)s AS base),"
        " v AS (SELECT * FROM json_to_recordset(CAST(%(rows)s AS json)) AS v(table_name text, row_id text,"
        " off bigint, owner_id text, customer_id text, prev_owner_id text, prev_public boolean, device_id text,"
        " changes json, versioned boolean, party_id text)),"
        " feed AS (INSERT INTO row_seq (table_name, row_id, seq, owner_id, customer_id, prev_owner_id, prev_public,"
        " shared, party_id) SELECT v.table_name, v.row_id, c.base + v.off, v.owner_id, v.customer_id,"
        " v.prev_owner_id, v.prev_public, false, v.party_id"
        " FROM v CROSS JOIN c ON CONFLICT (table_name, row_id) DO UPDATE SET seq = excluded.seq,"
        " owner_id = excluded.owner_id, customer_id = excluded.customer_id, prev_owner_id = excluded.prev_owner_id,"
        " prev_public = excluded.prev_public, shared = false, party_id = excluded.party_id),"
        " history AS (INSERT INTO field_change (table_name, row_id, seq, device_id, changes)"
        " SELECT v.table_name, v.row_id, c.base + v.off, v.device_id, CAST(v.changes AS text) FROM v CROSS JOIN c"
        " WHERE v.changes IS NOT NULL)" + versions + " SELECT base FROM c"
    )
    _ONE_STATEMENT[tables] = sql
    return sql


def _record_in_one_statement(session: Session, items: Sequence[Touched]) -> None:
    """PostgreSQL: the counter row stays locked from this one round trip to the commit, not across several.

    With many reps pushing at once, every other push waits on that lock; each statement (and each wait for the
    interpreter between them) the holder makes inside it is paid by all of them."""
    tables = tuple(sorted({i.table for i in items if i.row is not None}))
    # One JSON parameter, not an array per column: psycopg builds arrays in Python, value by value.
    rows = [
        {
            "table_name": i.table,
            "row_id": i.row_id,
            "off": offset,
            "owner_id": i.owner_id,
            "customer_id": i.customer_id,
            "prev_owner_id": i.prev_owner_id,
            "prev_public": bool(i.prev_public),
            "device_id": i.device_id,
            "versioned": i.row is not None,
            **({"party_id": i.party_id} if i.party_id else {}),  # absent: null
            **({"changes": i.changes} if i.changes else {}),  # absent: no history row
        }
        for offset, i in enumerate(items, 1)
    ]
    params = {"n": len(items), "rows": json_param(rows)}
    base = int(session.connection().exec_driver_sql(_one_statement_sql(session, tables), params).scalar_one())
    for offset, item in enumerate(items, 1):
        item.seq = base + offset
        if item.row is not None:
            set_version(item.row, item.seq)  # written by the statement, not by a flush


def changes_since(
    session: Session, table: str, row_id: str, base_version: int, device_id: str | None = None
) -> dict[str, Any]:
    """Fields other devices changed after `base_version`, each with its value at that base (the oldest `old`).

    A device's own later changes are not concurrent to its queued edits: it made them after those edits, in order.
    """
    fc = field_change.c
    query = select(fc.changes).where(fc.table_name == table, fc.row_id == row_id, fc.seq > base_version)
    if device_id is not None:
        query = query.where(or_(fc.device_id.is_(None), fc.device_id != device_id))
    rows = session.execute(query.order_by(fc.seq)).scalars()
    base: dict[str, Any] = {}
    for text in rows:
        for name, (old, _new) in json.loads(text).items():
            base.setdefault(name, old)
    return base

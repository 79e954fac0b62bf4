"""An independent oracle for the outbox: replay a store's outbox entries onto plain dicts, as head office applies
them, and compare with the rows the store holds.

Rows are compared in their JSON form (`encode_value`), every column but the ones the server sets itself on every
write (`version`, `updated_at`). An insert starts from the model's defaults, as the server's new rows do
(`server.drafts.Draft`), so a column left out of an insert must hold its default on the laptop too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from fieldcrm.models import SYNCED_TABLES, ConflictRecord, SyncedBase
from fieldcrm.models.codec import decode_value, encode_value
from fieldcrm.store import Store
from fieldcrm.sync import outbox
from fieldcrm.sync.protocol import CONFLICT_TABLE, OpResult

#: Set by the server on every write, never carried by an op.
SERVER_SET = frozenset({"version", "updated_at"})
#: A column an insert left out that has no static default: the server would make its own value (or fail).
NOT_SENT = "<not sent: made by the server>"

Rows = dict[str, dict[str, dict[str, Any]]]  # table -> row id -> column -> JSON value


@dataclass(frozen=True)
class Entry:
    client_seq: int
    group_id: str
    table: str
    row_id: str
    op: str
    action: str | None
    fields: dict[str, Any]
    base_version: int


def synced_rows(store: Store, *, leave_out_refused: bool = False) -> Rows:
    """Every row of every synced table, in JSON form. With `leave_out_refused`: what head office holds or is
    about to receive, without the new rows it refused (they exist only on this laptop)."""
    refused: set[tuple[str, str]] = set()
    rows: Rows = {}
    with store.engine.connect() as conn:
        if leave_out_refused:
            found = conn.execute(
                text("SELECT table_name, row_id FROM conflict WHERE kind = 'rejected' AND status = 'open'")
            )
            refused = {(t, r) for t, r in found}
        for name, model in SYNCED_TABLES.items():
            table = model.__table__  # type: ignore[attr-defined]
            rows[name] = {}
            for row in conn.execute(select(table)).mappings():
                if (name, row["id"]) in refused and row["version"] == 0:
                    continue
                rows[name][row["id"]] = {column: encode_value(value) for column, value in row.items()}
    return rows


def last_client_seq(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(client_seq), 0) FROM outbox")).scalar_one())


def entries_after(store: Store, client_seq: int) -> list[Entry]:
    with store.engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT client_seq, group_id, table_name, row_id, op, action, fields, base_version FROM outbox"
                " WHERE client_seq > :seq ORDER BY client_seq"
            ),
            {"seq": client_seq},
        )
        return [Entry(s, g, t, r, o, a, json.loads(f or "{}"), b) for s, g, t, r, o, a, f, b in found]


def _defaults(model: type[SyncedBase]) -> dict[str, Any]:
    out = {}
    for name in model.__table__.columns.keys():  # type: ignore[attr-defined]
        info = model.model_fields[name]
        out[name] = NOT_SENT if info.default_factory is not None or info.is_required() else encode_value(info.default)
    return out


def _decoded(model: type[SyncedBase], entry: Entry) -> dict[str, Any]:
    columns = model.__table__.columns  # type: ignore[attr-defined]
    unknown = set(entry.fields) - set(columns.keys())
    assert not unknown, f"{entry.table} has no field {sorted(unknown)}: the server would reject {entry}"
    return {name: encode_value(decode_value(model, name, value)) for name, value in entry.fields.items()}


def replay(before: Rows, entries: list[Entry]) -> Rows:
    """`before` with the entries applied in client_seq order, as head office applies them."""
    rows = {table: {row_id: dict(values) for row_id, values in found.items()} for table, found in before.items()}
    for entry in entries:
        if entry.table == CONFLICT_TABLE:  # a conflict's resolution: no row of a synced table
            continue
        model = SYNCED_TABLES.get(entry.table)
        assert model is not None, f"an entry for {entry.table}, which is not a synced table: {entry}"
        fields = _decoded(model, entry)
        if entry.op == "insert":
            assert fields.get("id", entry.row_id) == entry.row_id, f"an insert of another row's id: {entry}"
            rows[entry.table][entry.row_id] = {**_defaults(model), **fields}
            continue
        assert entry.op in ("update", "delete", "action"), f"unknown op {entry.op}"
        row = rows[entry.table].get(entry.row_id)
        assert row is not None, f"{entry.op} of a row head office never received: {entry}"
        if entry.op == "delete":
            assert fields == {"deleted": True}, f"a delete carries only the tombstone flag: {entry}"
        row.update(fields)
    return rows


def differences(expected: Rows, stored: Rows) -> list[str]:
    """What the replayed rows and the stored rows disagree on, one line each (empty when they agree).

    A row the store holds and the replay does not is fine only as a tombstone: a refused new row discarded here,
    which head office never had."""
    out = []
    for table, rows in stored.items():
        for row_id in sorted(set(rows) | set(expected.get(table, {}))):
            mine, replayed = rows.get(row_id), expected.get(table, {}).get(row_id)
            if replayed is None:
                if mine is not None and not mine["deleted"]:
                    out.append(f"{table} {row_id}: stored, but no outbox entry sends it")
                continue
            if mine is None:
                out.append(f"{table} {row_id}: the outbox sends a row this store does not hold")
                continue
            for column in sorted(set(mine) - SERVER_SET):
                if mine[column] != replayed.get(column):
                    out.append(f"{table} {row_id} {column}: stored {mine[column]!r}, replayed {replayed.get(column)!r}")
    return out


def acknowledge_all(store: Store, refuse: set[tuple[str, str]] | frozenset = frozenset()) -> None:
    """What a sync does to the laptop's outbox, with head office answering every op `applied`, except ops on the
    (table, row id) pairs in `refuse`, answered `rejected` (recorded as sync problems, as the client records them).
    Rows of applied ops that were new here get version 1, as the pull would bring them back."""
    applied: set[tuple[str, str]] = set()
    with store.transaction() as session:
        while ops := outbox.next_batch(session):
            results = []
            for op in ops:
                refused = (op.table, op.row_id) in refuse
                if not refused:
                    applied.add((op.table, op.row_id))
                results.append(
                    OpResult(
                        op_id=op.op_id,
                        client_seq=op.client_seq,
                        status="rejected" if refused else "applied",
                        reason="refused by head office for this test" if refused else None,
                    )
                )
            outbox.acknowledge(session, ops, results)
            session.flush()
        conn = session.connection()
        for table, row_id in applied:
            if table in SYNCED_TABLES:
                conn.execute(text(f"UPDATE {table} SET version = 1 WHERE id = :id AND version = 0"), {"id": row_id})


def as_pulled(store: Store, table: str, row_id: str, **values: Any) -> None:
    """Set a row's columns as a pull from head office sets them: no outbox entry (nothing to send back)."""
    model = SYNCED_TABLES[table]
    with store.engine.begin() as conn:
        conn.execute(model.__table__.update().where(model.__table__.c.id == row_id).values(**values))  # type: ignore[attr-defined]


def open_conflict(store: Store, **values: Any) -> str:
    """A conflict record as the client stores one from a pull or a push answer; returns its id."""
    with store.transaction() as session:
        record = ConflictRecord(**values)
        session.add(record)
        session.flush()
        return record.id

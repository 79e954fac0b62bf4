"""The customer full-text index (FTS5 over bigram tokens), kept current from every session that writes customers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlmodel import Session

from fieldcrm.normalize import search_tokens

SESSION_FLAG = "fieldcrm_search_index"

CREATE_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS customer_search_key ("
    " key INTEGER PRIMARY KEY, customer_id VARCHAR(36) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
)
DROP_STATEMENTS = ("DROP TABLE IF EXISTS customer_fts", "DROP TABLE IF EXISTS customer_search_key")

_BATCH = 500


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _BATCH):
        yield ids[start : start + _BATCH]


def customer_document(
    name: str | None,
    phone: str | None,
    address: str | None,
    credit_code: str | None,
    contacts: Iterable[tuple[str | None, ...]] = (),
) -> str:
    """The indexed text of one customer: its own fields, then each contact's name, phone and mobile."""
    segments = [name, phone, address, credit_code]
    for contact in contacts:
        segments.extend(contact)
    return search_tokens(*segments)


def reindex_customers(conn: Connection, customer_ids: Iterable[str]) -> None:
    """Recompute the index rows of these customers from the tables (deleted or missing ones leave the index)."""
    ids = sorted(set(customer_ids))
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        params = tuple(chunk)
        customers = conn.exec_driver_sql(
            f"SELECT id, name, phone, address, credit_code FROM customer WHERE id IN ({marks}) AND deleted = 0"
            " AND merged_into IS NULL",
            params,
        ).all()
        contacts: dict[str, list[tuple]] = {}
        for row in conn.exec_driver_sql(
            f"SELECT customer_id, name, phone, mobile FROM contact WHERE customer_id IN ({marks}) AND deleted = 0",
            params,
        ):
            contacts.setdefault(row[0], []).append(row[1:])
        keys = dict(
            conn.exec_driver_sql(
                f"SELECT customer_id, key FROM customer_search_key WHERE customer_id IN ({marks})", params
            ).all()
        )
        if keys:
            conn.exec_driver_sql("DELETE FROM customer_fts WHERE rowid = ?", [(k,) for k in keys.values()])
        live = {row[0] for row in customers}
        gone = [(cid,) for cid in keys if cid not in live]
        if gone:
            conn.exec_driver_sql("DELETE FROM customer_search_key WHERE customer_id = ?", gone)
        documents = [
            (cid, customer_document(name, phone, address, credit_code, contacts.get(cid, ())))
            for cid, name, phone, address, credit_code in customers
        ]
        _write(conn, documents, keys)


def index_new_customers(conn: Connection, documents: list[tuple[str, str]]) -> None:
    """Index customers just inserted (no index rows yet): (customer id, search_tokens(...)) pairs."""
    _write(conn, documents, {})


def _write(conn: Connection, documents: list[tuple[str, str]], keys: dict[str, int]) -> None:
    new = [cid for cid, _ in documents if cid not in keys]
    if new:
        start = conn.exec_driver_sql("SELECT coalesce(max(key), 0) FROM customer_search_key").scalar_one()
        assigned = {cid: start + n + 1 for n, cid in enumerate(new)}
        conn.exec_driver_sql(
            "INSERT INTO customer_search_key (key, customer_id) VALUES (?, ?)", [(k, c) for c, k in assigned.items()]
        )
        keys = {**keys, **assigned}
    if documents:
        conn.exec_driver_sql(
            "INSERT INTO customer_fts (rowid, body) VALUES (?, ?)", [(keys[cid], body) for cid, body in documents]
        )


def rebuild(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM customer_fts")
    conn.exec_driver_sql("DELETE FROM customer_search_key")
    ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM customer")]
    reindex_customers(conn, ids)


def _touched_customers(session: Session) -> set[str]:
    from fieldcrm.models import Contact, Customer

    touched: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Customer):
            touched.add(obj.id)
        elif isinstance(obj, Contact):
            touched.add(obj.customer_id)
    return touched


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _context: object, _instances: object) -> None:
    if session.info.get(SESSION_FLAG):
        session.info.setdefault("fieldcrm_touched_customers", set()).update(_touched_customers(session))


@event.listens_for(Session, "after_flush")
def _reindex(session: Session, _context: object) -> None:
    touched = session.info.pop("fieldcrm_touched_customers", None)
    if touched:
        reindex_customers(session.connection(), touched)

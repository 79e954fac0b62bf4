"""The customer search index, kept current from every path that writes customers or contacts (the sessions'
flush, bulk inserts, pulled rows): the full-text index (FTS5 over bigram tokens) and the pinyin (拼音) of customer and
contact names.

The pinyin is laptop-only derived data, never synced: head office neither needs it nor has pypinyin, and a laptop
works it out from the names it stores, whoever wrote them. It lives beside the full-text index, in tables the store
makes by SQL (the shared models, and so the server, never see them):
* `customer_search_key`, one row per live customer under the full-text index's rowid (`key`), also holds the name,
  its pinyin sort key and initials; the list's name order walks its index `ix_customer_name_pinyin`, and a search
  tests the keys the full-text indexes return against that index without reading the customers;
* `contact_name_key`: each live contact's sort key and initials, under its customer;
* `customer_pinyin` (FTS5): the pinyin tokens of a customer's name and its contacts' names, for `hrwj` or `huarun`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlmodel import Session

from fieldcrm.normalize import search_tokens

if TYPE_CHECKING:
    from fieldcrm.pinyin import NamePinyin

SESSION_FLAG = "fieldcrm_search_index"

CREATE_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS customer_search_key ("
    " key INTEGER PRIMARY KEY, customer_id VARCHAR(36) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
)
DROP_STATEMENTS = ("DROP TABLE IF EXISTS customer_fts", "DROP TABLE IF EXISTS customer_search_key")
#: The customer list's name order (pinyin, then the name, then the id) walks this index instead of sorting.
PINYIN_SORT_INDEX = "ix_customer_name_pinyin"
#: Tables the store makes by SQL, not by the models (tests leave them out when comparing models and migrations).
SQL_TABLES = ("customer_search_key", "contact_name_key", "customer_fts", "customer_pinyin")

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


def reindex_customers(conn: Connection, customer_ids: Iterable[str], *, pinyin: bool = True) -> None:
    """Recompute the index rows of these customers from the tables (deleted or missing ones leave the index), the
    pinyin of their names and of their contacts' names included (`pinyin=False`: the full-text index alone, as
    the store was before migration 0005; only the migration before it asks for that)."""
    if pinyin:
        from fieldcrm.pinyin import name_pinyin
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
        people: dict[str, list[tuple[str, str]]] = {}
        for row in conn.exec_driver_sql(
            f"SELECT customer_id, name, phone, mobile, id FROM contact WHERE customer_id IN ({marks}) AND deleted = 0",
            params,
        ):
            contacts.setdefault(row[0], []).append(row[1:4])
            people.setdefault(row[0], []).append((row[4], row[1]))
        keys: dict[str, int] = dict(
            conn.exec_driver_sql(
                f"SELECT customer_id, key FROM customer_search_key WHERE customer_id IN ({marks})", params
            ).all()
        )
        tables = ("customer_fts", "customer_pinyin") if pinyin else ("customer_fts",)
        held = {table: _held(conn, table, keys.values()) for table in tables}
        if pinyin:
            conn.exec_driver_sql(f"DELETE FROM contact_name_key WHERE customer_id IN ({marks})", params)
        live = {row[0] for row in customers}
        gone = [cid for cid in keys if cid not in live]
        if gone:
            conn.exec_driver_sql("DELETE FROM customer_search_key WHERE customer_id = ?", [(cid,) for cid in gone])
            for table, texts in held.items():
                _many(
                    conn, f"DELETE FROM {table} WHERE rowid = ?", [(keys[cid],) for cid in gone if keys[cid] in texts]
                )
        entries = [
            CustomerEntry(cid, customer_document(name, phone, address, credit_code, contacts.get(cid, ())), name)
            for cid, name, phone, address, credit_code in customers
        ]
        if pinyin:
            for entry in entries:
                entry.pinyin = name_pinyin(entry.name)
                entry.contacts = [
                    (contact_id, name_pinyin(person, True)) for contact_id, person in people.get(entry.id, ())
                ]
        _write(conn, entries, {cid: key for cid, key in keys.items() if cid in live}, held)


def _held(conn: Connection, table: str, keys: Iterable[int]) -> dict[int, str]:
    """The text a full-text table holds under these keys."""
    wanted = list(keys)
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    return dict(conn.exec_driver_sql(f"SELECT rowid, body FROM {table} WHERE rowid IN ({marks})", tuple(wanted)).all())


class CustomerEntry:
    """What the index holds of one live customer: its full-text document and, from migration 0005 on, the
    pinyin of its name and of each live contact's name ((contact id, pinyin) pairs)."""

    __slots__ = ("body", "contacts", "id", "name", "pinyin")

    def __init__(
        self,
        customer_id: str,
        body: str,
        name: str,
        pinyin: NamePinyin | None = None,
        contacts: list[tuple[str, NamePinyin]] | None = None,
    ) -> None:
        self.id, self.body, self.name, self.pinyin, self.contacts = customer_id, body, name, pinyin, contacts or []

    @property
    def tokens(self) -> str:
        """The customer's pinyin tokens: its name's and its contacts' names'."""
        assert self.pinyin is not None
        return " ".join([self.pinyin.tokens, *(keys.tokens for _, keys in self.contacts)])


def index_new_customers(conn: Connection, entries: list[CustomerEntry]) -> None:
    """Index customers just inserted (no index rows yet), with their contacts."""
    _write(conn, entries, {})


def _write(
    conn: Connection, entries: list[CustomerEntry], keys: dict[str, int], held: dict[str, dict[int, str]] | None = None
) -> None:
    """Index rows for these customers under their keys (new ones get the next free keys). `held`: the text each
    full-text table holds under those keys; a row whose text is unchanged is not written again (most pulled rows,
    an edit of the grade). Before migration 0005 the entries have no pinyin and the key table no name columns."""
    held = held or {}
    pinyin = bool(entries) and entries[0].pinyin is not None
    new = [e.id for e in entries if e.id not in keys]
    if new:
        start = conn.exec_driver_sql("SELECT coalesce(max(key), 0) FROM customer_search_key").scalar_one()
        keys = {**keys, **{cid: start + n + 1 for n, cid in enumerate(new)}}
    if pinyin:
        _many(
            conn,
            "INSERT INTO customer_search_key (key, customer_id, name, name_pinyin, name_initials)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
            " name_pinyin = excluded.name_pinyin, name_initials = excluded.name_initials"
            " WHERE (name, name_pinyin, name_initials)"
            " IS NOT (excluded.name, excluded.name_pinyin, excluded.name_initials)",  # a pull rewrites few
            [(keys[e.id], e.id, e.name, e.pinyin.sort, e.pinyin.initials) for e in entries if e.pinyin],
        )
        _many(
            conn,
            "INSERT INTO contact_name_key (customer_id, contact_id, name_pinyin, name_initials) VALUES (?, ?, ?, ?)",
            [(e.id, contact_id, p.sort, p.initials) for e in entries for contact_id, p in e.contacts],
        )
        _rewrite(conn, "customer_pinyin", [(keys[e.id], e.tokens) for e in entries], held.get("customer_pinyin", {}))
    else:
        _many(conn, "INSERT INTO customer_search_key (key, customer_id) VALUES (?, ?)", [(keys[c], c) for c in new])
    _rewrite(conn, "customer_fts", [(keys[e.id], e.body) for e in entries], held.get("customer_fts", {}))


def _rewrite(conn: Connection, table: str, rows: list[tuple[int, str]], held: dict[int, str]) -> None:
    """Put these (key, text) rows into a full-text table that holds `held` under some of the keys."""
    changed = [(key, text) for key, text in rows if held.get(key) != text]
    _many(conn, f"DELETE FROM {table} WHERE rowid = ?", [(key,) for key, _ in changed if key in held])
    _many(conn, f"INSERT INTO {table} (rowid, body) VALUES (?, ?)", changed)


def _many(conn: Connection, sql: str, rows: list[tuple]) -> None:
    if rows:
        conn.exec_driver_sql(sql, rows)


def rebuild(conn: Connection, *, pinyin: bool = True) -> None:
    """The whole index afresh (`pinyin=False`: the full-text index alone; see `reindex_customers`)."""
    conn.exec_driver_sql("DELETE FROM customer_fts")
    if pinyin:
        conn.exec_driver_sql("DELETE FROM customer_pinyin")
        conn.exec_driver_sql("DELETE FROM contact_name_key")
    conn.exec_driver_sql("DELETE FROM customer_search_key")
    ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM customer")]
    reindex_customers(conn, ids, pinyin=pinyin)


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

"""customer full-text search index (bigram FTS5), built from the rows already stored; name sort index

The index's tables and the text it holds for a customer are written out here as they were at this revision, not
taken from fieldcrm.store.search_index and fieldcrm.normalize: a later change there must not change what this step
does to a store. (A later change of the indexed text rebuilds the index in a revision of its own.)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 01:05:00
"""

import operator
import re
import unicodedata

from alembic import op
from sqlalchemy.engine import Connection

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CREATE_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS customer_search_key ("
    " key INTEGER PRIMARY KEY, customer_id VARCHAR(36) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
)
_DROP_STATEMENTS = ("DROP TABLE IF EXISTS customer_fts", "DROP TABLE IF EXISTS customer_search_key")
_BATCH = 500
_NOT_ALNUM = re.compile(r"[\W_]+")


def _search_tokens(*segments: str | None) -> str:
    """The indexed text of some fields: each folded to letters and digits and written as its overlapping
    two-character tokens plus its last character ("华润万家" → "华润 润万 万家 家"), fields apart by a marker token."""
    out: list[str] = []
    for segment in segments:
        if not segment:
            continue
        chars = _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", segment).lower())
        if not chars:
            continue
        if out:
            out.append("zzsep")
        out.extend(map(operator.add, chars, chars[1:]))
        out.append(chars[-1])
    return " ".join(out)


def _index_stored_customers(conn: Connection) -> None:
    """Index every live customer (not deleted, not merged): its name, phone, address and credit code, then each
    live contact's name, phone and mobile. Keys are numbered from 1 in id order."""
    ids = sorted({row[0] for row in conn.exec_driver_sql("SELECT id FROM customer")})
    key = 0
    for start in range(0, len(ids), _BATCH):
        chunk = tuple(ids[start : start + _BATCH])
        marks = ",".join("?" * len(chunk))
        customers = conn.exec_driver_sql(
            f"SELECT id, name, phone, address, credit_code FROM customer WHERE id IN ({marks}) AND deleted = 0"
            " AND merged_into IS NULL",
            chunk,
        ).all()
        contacts: dict[str, list[str | None]] = {}
        for customer_id, *fields in conn.exec_driver_sql(
            f"SELECT customer_id, name, phone, mobile FROM contact WHERE customer_id IN ({marks}) AND deleted = 0",
            chunk,
        ):
            contacts.setdefault(customer_id, []).extend(fields)
        if not customers:
            continue
        keyed = [(key + n, customer_id, fields) for n, (customer_id, *fields) in enumerate(customers, start=1)]
        key += len(keyed)
        conn.exec_driver_sql(
            "INSERT INTO customer_search_key (key, customer_id) VALUES (?, ?)", [(k, cid) for k, cid, _ in keyed]
        )
        conn.exec_driver_sql(
            "INSERT INTO customer_fts (rowid, body) VALUES (?, ?)",
            [(k, _search_tokens(*fields, *contacts.get(cid, ()))) for k, cid, fields in keyed],
        )


def upgrade() -> None:
    for statement in _CREATE_STATEMENTS:
        op.execute(statement)
    _index_stored_customers(op.get_bind())
    op.create_index("ix_customer_name_sort", "customer", ["name_norm", "id"])


def downgrade() -> None:
    op.drop_index("ix_customer_name_sort", "customer")
    for statement in _DROP_STATEMENTS:
        op.execute(statement)

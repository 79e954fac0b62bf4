"""Server-only bookkeeping tables: credentials, tokens, the commit-order counter, change feed, ops, conflicts."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, DateTime, Index, Integer, MetaData, String, Table, Text, text, true

from fieldcrm.models.registry import DIRECTORY

metadata = MetaData()
_BIG = BigInteger().with_variant(Integer(), "sqlite")

credential = Table(
    "credential",
    metadata,
    Column("user_id", String(36), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
)

auth_token = Table(
    "auth_token",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), nullable=False, index=True),
    Column("device_id", String(36), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

#: Every laptop (device) that has logged in, under the id it sends at login (made once per laptop store), and the
#: state head office gave it: active, or marked for a remote wipe (`lost`: erase without pushing; `departed`: push
#: what is pending, then erase), then `wiped` once the laptop confirmed it erased. `server/devices.py`.
device = Table(
    "device",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("user_id", String(36), nullable=False, index=True),  # who logged in on it last
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("status", String(12), nullable=False, server_default="active"),
    Column("marked_by", String(100)),
    Column("marked_at", DateTime(timezone=True)),
    Column("wiped_at", DateTime(timezone=True)),
)

# One row (id 1). Its value is the last server sequence number handed out; the applying transaction locks it
# (UPDATE ... RETURNING), so sequence numbers become visible in commit order and a pull cursor skips nothing.
sync_counter = Table(
    "sync_counter",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("value", _BIG, nullable=False),
)

# The change feed: one row per synced row, holding the seq of its latest change and what visibility needs.
# `shared`: the row hangs off a customer that someone besides its owner's side may see (in the public pool, or
# with rows or visits of other owners). Where it is false the owner columns alone decide who sees the row, and the
# pull skips the customer probes; it is kept true for every row of such a customer (raised by `writes.share`).
row_seq = Table(
    "row_seq",
    metadata,
    Column("table_name", String(40), primary_key=True),
    Column("row_id", String(36), primary_key=True),
    Column("seq", _BIG, nullable=False, unique=True),
    Column("owner_id", String(36)),
    Column("customer_id", String(36), index=True),
    Column("prev_owner_id", String(36)),
    Column("prev_public", Boolean, nullable=False, default=False),
    Column("shared", Boolean, nullable=False, server_default=true()),
    # A second user whose side sees the row as its owner's does (`TableSpec.party_field`: an appeal's holder).
    Column("party_id", String(36)),
)

#: The directory tables as SQL literals (what `feed.DIRECTORY_ROWS` compares with).
_DIRECTORY_LIST = ", ".join(f"'{name}'" for name in DIRECTORY)

#: PostgreSQL's pull reads each viewer's part of the feed from these, in seq order (server/feed.py): their own rows,
#: rows that left an owner, rows of customers that were in the public pool, the directory, the shared rows, and rows
#: naming them as a party.
#: The partial ones hold few rows; their predicates are literals, as the feed query's conditions are.
FEED_INDEXES = (
    Index("ix_row_seq_owner_seq", row_seq.c.owner_id, row_seq.c.seq),
    Index(
        "ix_row_seq_moved",
        row_seq.c.prev_owner_id,
        row_seq.c.seq,
        postgresql_where=text("prev_owner_id IS DISTINCT FROM owner_id"),
    ),
    Index("ix_row_seq_prev_public", row_seq.c.seq, postgresql_where=text("prev_public")),
    Index("ix_row_seq_directory", row_seq.c.seq, postgresql_where=text(f"table_name IN ({_DIRECTORY_LIST})")),
    Index("ix_row_seq_shared", row_seq.c.seq, postgresql_where=text("shared")),
    Index("ix_row_seq_party", row_seq.c.party_id, row_seq.c.seq, postgresql_where=text("party_id IS NOT NULL")),
)
for _index in FEED_INDEXES:
    _index.ddl_if(dialect="postgresql")  # SQLite's smaller servers filter the feed in one walk (server/feed.py)

# Which fields each change touched, with old and new values: the merge finds the base value of a field here.
field_change = Table(
    "field_change",
    metadata,
    Column("id", _BIG, primary_key=True, autoincrement=True),
    Column("table_name", String(40), nullable=False),
    Column("row_id", String(36), nullable=False),
    Column("seq", _BIG, nullable=False),
    Column("device_id", String(36)),  # who made it: a device's own earlier changes are not concurrent to it
    Column("changes", Text, nullable=False),
    Index("ix_field_change_row", "table_name", "row_id", "seq"),
)

# Exactly once: every op ever applied (or rejected), with the result a retry gets back.
applied_op = Table(
    "applied_op",
    metadata,
    Column("op_id", String(36), primary_key=True),
    Column("device_id", String(36), nullable=False),
    Column("client_seq", _BIG, nullable=False),
    Column("user_id", String(36), nullable=False),
    Column("result", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
    Index("ix_applied_op_device", "device_id", "client_seq"),
)

sync_conflict = Table(
    "sync_conflict",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_id", String(36), nullable=False, index=True),
    Column("field", String(60)),
    Column("kept_value", Text),
    Column("offered_value", Text),
    Column("offered_by_user", String(36)),
    Column("offered_by_device", String(36)),
    Column("owner_id", String(36)),
    Column("customer_id", String(36)),
    Column("reason", Text),
    Column("status", String(12), nullable=False),
    Column("resolution", String(12)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolved_by", String(36)),
    Column("version", _BIG, nullable=False, default=0),
)

#: Indexes the server keeps on synced tables besides the models' own (the laptop has no use for them), as (name,
#: table, columns): the visibility probe "the viewer's side logged a visit to this customer" (server/visibility.py).
SYNCED_TABLE_INDEXES = (("ix_visit_customer_owner", "visit", ("customer_id", "owner_id")),)


def schema() -> tuple[MetaData, MetaData]:
    """The whole schema the server's migrations build: the synced models' tables with the indexes above (on copies of
    the tables, so the laptop's schema never gets them), and the server's own tables."""
    from fieldcrm.models import SYNCED_TABLES

    synced = MetaData()
    for model in SYNCED_TABLES.values():
        model.__table__.to_metadata(synced)
    for name, table, columns in SYNCED_TABLE_INDEXES:
        Index(name, *(synced.tables[table].c[column] for column in columns))
    return synced, metadata

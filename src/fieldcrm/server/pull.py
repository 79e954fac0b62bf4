"""The pull feed: rows changed after a cursor that this user may see, in commit order, paged; checksums."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Engine,
    Select,
    String,
    and_,
    any_,
    bindparam,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.masking import MOBILE_FIELDS, mask_row, sees_numbers
from fieldcrm.models import SYNCED_TABLES, utcnow
from fieldcrm.models.codec import _column_kind, encode_value
from fieldcrm.server.auth import Principal
from fieldcrm.server.feed import feed_rows
from fieldcrm.server.horizon import HORIZON_ROW, HorizonPassed, horizon
from fieldcrm.server.limits import Limits
from fieldcrm.server.tables import row_seq, sync_conflict, sync_counter
from fieldcrm.server.visibility import row_visible, viewer_for
from fieldcrm.sync.protocol import CONFLICT_TABLE, PullResponse, RowChange, TableChecksum

#: The bytes a page's rows may take unless the server's limits say otherwise.
PAGE_BYTES = Limits.page_bytes
#: Feed rows whose rows are loaded at once: a default page (1,000) in one go, a page of huge rows a slice at a time.
LOAD_SLICE = 1000

_TABLES: dict[str, Any] = {name: model.__table__ for name, model in SYNCED_TABLES.items()}
_TABLES[CONFLICT_TABLE] = sync_conflict
_TOP = select(sync_counter.c.value).where(sync_counter.c.id == 1)
# The counter, the horizon (row 2, there once something was purged) and sorts off, in one round trip.
_TOP_HORIZON_NO_SORT = text(
    "SELECT c.value, coalesce(h.value, 0) FROM sync_counter c CROSS JOIN set_config('enable_sort', 'off', true)"
    f" LEFT JOIN sync_counter h ON h.id = {HORIZON_ROW} WHERE c.id = 1"
)


def pull(
    bind: Engine | Connection,
    principal: Principal,
    after: int,
    limit: int,
    checksums: bool,
    table: str | None = None,
    fresh: bool = False,
    max_bytes: int = PAGE_BYTES,
) -> PullResponse:
    """One page of the feed after `after`: at most `limit` rows, and it stops before its rows pass `max_bytes` (a
    first row bigger than that goes alone). Raises `HorizonPassed` when a continuing pull (not `fresh`, not a table
    fetched again whole: those start from 0 and drop what they did not see) is older than the tombstone horizon."""
    try:
        return _page(bind, principal, after, limit, checksums, table, fresh, max_bytes)
    finally:
        if isinstance(bind, Connection) and bind.dialect.name == "postgresql":
            # The page's isolation level is its own: the caller's next transaction on this connection runs in
            # the default again (an engine's connection is reset when it goes back to the pool).
            bind.execution_options(isolation_level=bind.default_isolation_level)


def _page(
    bind: Engine | Connection,
    principal: Principal,
    after: int,
    limit: int,
    checksums: bool,
    table: str | None,
    fresh: bool,
    max_bytes: int,
) -> PullResponse:
    continuing = bool(after) and not fresh and not table
    postgres = bind.dialect.name == "postgresql"
    with Session(bind) as session:
        # Every seq up to the committed counter value belongs to a committed transaction (the counter row is
        # locked until commit), so nothing at or below `top` can still appear later.
        purged = 0
        if postgres:
            # One snapshot for the whole page (REPEATABLE READ; a read-only transaction never fails for it): the
            # horizon is read with the counter, and a purge either came before both or is not seen at all.
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            # The feed is read in seq order and stops at the limit. The planner cannot know how many rows of a
            # seq range a viewer sees, and may choose to filter the whole range and sort it (seconds for an
            # initial sync); without sorts it walks the seq index and stops after `limit` rows. Set in the same
            # round trip as the counter is read (SET LOCAL, as set_config(..., true)).
            top, purged = session.execute(_TOP_HORIZON_NO_SORT).one()
            top = int(top)
        else:
            top = int(session.execute(_TOP).scalar_one())
        viewer = viewer_for(session, principal)
        feed = feed_rows(session, viewer, after, top, limit + 1, table)
        has_more = len(feed) > limit
        feed = feed[:limit]
        changes, taken = _changes(session, feed, max_bytes, viewer.actor)
        if taken < len(feed):
            feed, has_more = feed[:taken], True
        sums = None
        if checksums and not has_more:
            sums = table_checksums(session, viewer, [table] if table else list(SYNCED_TABLES))
        next_after = feed[-1][2] if has_more else max(after, top)
        if continuing and not postgres:  # read after the page: a purge committed before it is seen here
            purged = horizon(session)
        if continuing and after < purged:
            raise HorizonPassed(int(purged))
        session.commit()  # a read, ended with a commit to keep psycopg's prepared statements (see auth.authenticate)
        return PullResponse(
            changes=changes, next_after=next_after, has_more=has_more, server_time=utcnow().isoformat(), checksums=sums
        )


def _changes(session: Session, feed: list[Any], max_bytes: int, actor: Actor) -> tuple[list[RowChange], int]:
    """The feed rows' changes, their rows loaded a slice of the feed at a time, until the next row would take the
    page past `max_bytes`; and how many feed rows they cover. A page of huge rows holds one slice in memory.
    Mobile numbers of customers `actor` does not own (or lead the owner of) leave masked (`masked_for`)."""
    changes: list[RowChange] = []
    size = 0
    for start in range(0, len(feed), LOAD_SLICE):
        part = feed[start : start + LOAD_SLICE]
        wanted: dict[str, list[str]] = defaultdict(list)
        for name, row_id, _seq, is_visible in part:
            if is_visible:
                wanted[name].append(row_id)
        rows = {(name, r["id"]): r for name, ids in wanted.items() for r in _load(session, name, ids)}
        for n, (name, row_id, seq, is_visible) in enumerate(part, start):
            row = rows.get((name, row_id))
            if is_visible and row is None:
                continue  # gone from the table (never happens: rows are only soft-deleted)
            if row is not None and name in MOBILE_FIELDS:
                row = masked_for(actor, name, row)
            size += _json_bytes(name, row)
            if size > max_bytes and changes:
                return changes, n
            changes.append(RowChange(seq=seq, table=name, id=row_id, gone=not is_visible, row=row))
    return changes, len(feed)


def masked_for(actor: Actor, name: str, row: dict[str, Any]) -> dict[str, Any]:
    """A customer's or contact's row as it may leave for `actor`: in full for its owner's side, else with its mobile
    numbers masked and the customer's normalised phone left out, so no laptop stores a number its user may not see
    (a rep browsing the public pool reveals one through head office, which logs it). A contact's owner is its
    customer's (contacts move with their customer), so a claim or an assignment sends both again in full."""
    if sees_numbers(actor, row.get("owner_id")):
        return row
    shown = mask_row(name, row)
    if "phone_norm" in shown and shown.get("phone_norm") and shown.get("phone") != row.get("phone"):
        shown["phone_norm"] = None
    return shown


def _json_bytes(name: str, row: dict[str, Any] | None) -> int:
    """About how many bytes a change takes in the page's JSON (UTF-8): its frame, its fields' names and other values
    (fixed per table) and its text, counted at 3 bytes a character unless it is ASCII (exact for Chinese; escapes
    of newlines and quotes are not counted). Cheap: `len` and `isascii` do not walk a string."""
    if row is None:
        return _FRAME
    fixed, text = _row_shape(name)
    size = fixed
    for key in text:
        value = row[key]
        if value is not None:
            size += len(value) if value.isascii() else 3 * len(value)
    return size


_FRAME = 120  # seq, table, id, gone and their punctuation


@cache
def _row_shape(name: str) -> tuple[int, tuple[str, ...]]:
    """A table's fixed share of a row's JSON size (the frame, every field's name, 24 bytes for each value that is
    not text) and its text columns."""
    columns = _TABLES[name].columns
    text = tuple(c.name for c in columns if isinstance(c.type, String) or type(c.type).__name__ == "AutoString")
    return _FRAME + sum(len(c.name) + 6 for c in columns) + 24 * (len(columns) - len(text)), text


def _load(session: Session, name: str, ids: list[str]) -> list[dict[str, Any]]:
    table = _TABLES.get(name)
    if table is None:
        return []
    temporal = _temporal_columns(name)
    postgres = session.get_bind().dialect.name == "postgresql"
    out = []
    query = _rows_query(name, postgres)
    for start in range(0, len(ids), 5000 if postgres else 1000):
        chunk = ids[start : start + (5000 if postgres else 1000)]
        # On the connection, as a Core query (the session's ORM layer has nothing to add), and each row zipped with
        # the column names instead of read through a mapping view: a fifth less CPU (5,000 customers: 53 -> 42 ms).
        result = session.connection().execute(query, {"ids": chunk})
        keys = tuple(result.keys())
        for row in result:
            values = dict(zip(keys, row, strict=True))
            for key in temporal:  # only dates and times differ between a column value and its JSON form
                if values[key] is not None:
                    values[key] = encode_value(values[key])
            out.append(values)
    return out


@cache
def _rows_query(name: str, postgres: bool) -> Select:
    """Rows of a table by id, built once (building it for every pull cost a fifth of loading 20 rows). On PostgreSQL
    the ids are one array parameter instead of a thousand: less to send, parse and plan."""
    table = _TABLES[name]
    if postgres:
        return select(table).where(table.c.id == any_(bindparam("ids", type_=ARRAY(String))))
    return select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))


@cache
def _temporal_columns(name: str) -> tuple[str, ...]:
    table = _TABLES[name]
    model = SYNCED_TABLES.get(name)
    if model is None:  # the conflict log: plain SQLAlchemy columns
        return tuple(c.name for c in table.columns if isinstance(c.type, (DateTime, Date)))
    return tuple(c.name for c in table.columns if _column_kind(model, c.name) in ("datetime", "date"))


def table_checksums(session: Session, viewer: Any, names: list[str]) -> dict[str, TableChecksum]:
    """Per table: how many live rows this user may see, and the sum of their versions (order-independent)."""
    rs = row_seq.c
    out = {}
    for name in names:
        table = _TABLES.get(name)
        if table is None or name == CONFLICT_TABLE:
            continue
        query = (
            select(func.count(), func.coalesce(func.sum(table.c.version), 0))
            .select_from(table.join(row_seq, and_(rs.table_name == name, rs.row_id == table.c.id)))
            .where(
                table.c.deleted == False,  # noqa: E712
                row_visible(viewer, rs.table_name, rs.owner_id, rs.customer_id, rs.party_id),
            )
        )
        count, total = session.execute(query).one()
        out[name] = TableChecksum(count=int(count), version_sum=int(total))
    return out

"""The feed query: the feed rows of a seq range that a viewer sees now or saw before their latest change, in seq
order, with whether the viewer sees each now."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Integer, Row, Select, String, bindparam, literal_column, select, union_all
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from fieldcrm.server.tables import row_seq
from fieldcrm.server.visibility import DIRECTORY, Viewer, in_feed, row_visible, seen_via_customer

#: The viewer a query is built for, once: its owner ids are a parameter, bound on each pull.
_ANY_VIEWER = Viewer(None, bindparam("owners", expanding=True), bindparam("teams", expanding=True))  # type: ignore[arg-type]
_EVERYONE = Viewer(None, None)  # type: ignore[arg-type]

rs = row_seq.c
#: Written with literals, as the partial indexes' predicates are (tables.py): PostgreSQL can then prove that a
#: branch's rows are in the index, also for a plan made once for any parameters.
DIRECTORY_ROWS = rs.table_name.in_([literal_column(f"'{name}'") for name in DIRECTORY])
MOVED_ROWS = rs.prev_owner_id.is_distinct_from(rs.owner_id)


def feed_rows(
    session: Session, viewer: Viewer, after: int, top: int, limit: int, table: str | None = None
) -> list[Row[str, str, int, bool]]:
    """Up to `limit` feed rows with after < seq <= top (of one table, if given), in seq order:
    (table_name, row_id, seq, visible now)."""
    params: dict[str, Any] = {"after": after, "top": top, "limit": limit}
    if table:
        params["table"] = table
    if viewer.owners is None:
        query = _scan(True, table is not None)
    else:
        params["owners"] = list(viewer.owners)
        params["teams"] = list(viewer.teams)
        if session.get_bind().dialect.name == "postgresql":
            query = _branches(len(viewer.owners), table is not None, len(viewer.teams))
            params.update({f"owner{n}": owner for n, owner in enumerate(viewer.owners)})
            params.update({f"team{n}": team for n, team in enumerate(viewer.teams)})
        else:
            query = _scan(False, table is not None)
    return list(session.execute(query, params).all())


def _range(query: Select, one_table: bool) -> Select:
    query = query.where(rs.seq > bindparam("after", type_=rs.seq.type), rs.seq <= bindparam("top", type_=rs.seq.type))
    if one_table:
        query = query.where(rs.table_name == bindparam("table", type_=rs.table_name.type))
    return query.order_by(rs.seq).limit(bindparam("limit", type_=Integer()))


@cache
def _scan(everyone: bool, one_table: bool) -> Select:
    """The range walked in seq order, each row filtered: for admins (who see everything) and on SQLite (small
    servers). Parameters: after, top, limit, owners (not for admins), table."""
    viewer = _EVERYONE if everyone else _ANY_VIEWER
    visible = row_visible(viewer, rs.table_name, rs.owner_id, rs.customer_id, rs.party_id)
    wanted = in_feed(
        viewer, rs.table_name, rs.owner_id, rs.customer_id, rs.prev_owner_id, rs.prev_public, rs.shared, rs.party_id
    )
    return _range(select(rs.table_name, rs.row_id, rs.seq, visible.label("visible")).where(wanted), one_table)


@cache
def _branches(owners: int, one_table: bool, teams: int = 0) -> Select:
    """PostgreSQL: the feed as the union of what each index holds for the viewer, merged in seq order.

    A pull then reads the viewer's own rows, the rows that left an owner, the rows naming them as a party, the rows
    of public-pool customers, the directory, and the shared rows (probed), each from its index in seq order and
    stopping at the limit, instead of every row of the range: in a busy hour most of those are other reps' private
    rows. One branch per owner (a supervisor's team), as an index walked for a list of owners does not come out in
    seq order.
    Parameters: after, top, limit, owner0..owner{n-1} and owners (the same ids, for the probes), team0..team{m-1}
    and teams (the teams whose settings rows they see), table."""
    ids = [bindparam(f"owner{n}", type_=String(36)) for n in range(owners)]
    ids_of_teams = [bindparam(f"team{n}", type_=String(36)) for n in range(teams)]
    parts = [_range(select(row_seq).where(rs.owner_id == owner), one_table) for owner in ids]
    parts += [_range(select(row_seq).where(rs.prev_owner_id == owner, MOVED_ROWS), one_table) for owner in ids]
    parts += [_range(select(row_seq).where(rs.party_id == owner), one_table) for owner in ids + ids_of_teams]
    parts += [
        _range(select(row_seq).where(rs.prev_public == True), one_table),  # noqa: E712
        _range(select(row_seq).where(DIRECTORY_ROWS), one_table),
        _range(select(row_seq).where(rs.shared == True, seen_via_customer(_ANY_VIEWER, rs.customer_id)), one_table),  # noqa: E712
    ]
    feed = union_all(*parts).subquery("feed")
    visible = row_visible(_ANY_VIEWER, feed.c.table_name, feed.c.owner_id, feed.c.customer_id, feed.c.party_id)
    return (
        select(feed.c.table_name, feed.c.row_id, feed.c.seq, visible.label("visible"))
        .ext(distinct_on(feed.c.seq))  # a row can be in more than one branch
        .order_by(feed.c.seq)
        .limit(bindparam("limit", type_=Integer()))
    )

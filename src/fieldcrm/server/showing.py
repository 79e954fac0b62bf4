"""Customers a pending row shows to someone besides its owner's side (a handover's receiving rep, see
`TableSpec.shows_customer_to` and `server/visibility.py`): when such a row arrives, its customer and what hangs off
it are sent to that user; when it stops waiting without giving them the customer, they hear that all of it left
their view."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldcrm.models import Customer, SyncedBase
from fieldcrm.models.registry import TableSpec, party_of
from fieldcrm.server.tables import row_seq
from fieldcrm.server.writes import Touched, touched_row

Dependants = Callable[[str], Iterator[tuple[str, SyncedBase]]]


def is_pending(spec: TableSpec, row: Any) -> bool:
    return spec.shown_to(row) is not None


def _customer_rows(session: Session, spec: TableSpec, row: Any, dependants: Dependants) -> Iterable[Touched]:
    """The row's customer and everything hanging off it, as feed entries (their owners unchanged)."""
    return customer_rows(session, getattr(row, spec.customer_field or ""), dependants)


def customer_rows(session: Session, customer_id: str, dependants: Dependants) -> list[Touched]:
    """A customer and everything hanging off it, as feed entries (their owners unchanged): sent again to someone
    who newly sees it (their cursor is past them), keeping who hears they left (`keep_leavers`)."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return []
    found = [touched_row(customer, {})]
    found += [
        Touched(table, dep.id, dep.owner_id, customer.id, dep.owner_id, party_id=party_of(table, dep))
        for table, dep in dependants(customer.id)
    ]
    return keep_leavers(session, customer_id, found)


def keep_leavers(session: Session, customer_id: str, rows: list[Touched]) -> list[Touched]:
    """Rows sent again unchanged keep who hears they left: the feed holds one entry per row, and its latest change
    (say the claim that took the customer out of the pool) tells those who saw it before that it left. Replacing it
    with a plain resend would leave the pool's other reps, who have not pulled since, holding the customer."""
    feed = row_seq.c
    before = {
        (r.table_name, r.row_id): (r.prev_owner_id, bool(r.prev_public))
        for r in session.execute(
            select(feed.table_name, feed.row_id, feed.prev_owner_id, feed.prev_public).where(
                feed.customer_id == customer_id
            )
        )
    }
    for item in rows:
        if (item.table, item.row_id) in before:
            item.prev_owner_id, item.prev_public = before[(item.table, item.row_id)]
    return rows


def show(session: Session, spec: TableSpec, row: Any, touched: list[Touched], dependants: Dependants) -> None:
    """A new pending row: send its customer, and what hangs off it, again (they are older than its user's cursor)."""
    if not is_pending(spec, row):
        return
    seen = {(t.table, t.row_id) for t in touched}
    touched += [t for t in _customer_rows(session, spec, row, dependants) if (t.table, t.row_id) not in seen]


def unshow(session: Session, spec: TableSpec, row: Any, touched: list[Touched], dependants: Dependants) -> None:
    """A row that stopped waiting (declined; or approved without the customer moving in its group): its user saw
    the customer, what hangs off it and the row itself, and now hears they left (unless they still see them: their
    own visits, or the customer now theirs). Rows this group already recorded are marked, not recorded again."""
    user = getattr(row, spec.shows_customer_to or "")
    customer = session.get(Customer, getattr(row, spec.customer_field or ""))
    if customer is None or customer.owner_id == user:
        return
    entries = [touched_row(row, {}), *_customer_rows(session, spec, row, dependants)]
    recorded = {(t.table, t.row_id): t for t in touched}
    for entry in entries:
        earlier = recorded.get((entry.table, entry.row_id))
        if earlier is None:
            entry.prev_owner_id = user
            touched.append(entry)
        elif earlier.prev_owner_id == earlier.owner_id:  # recorded without a move: the user is who saw it before
            earlier.prev_owner_id = user

"""The SQL test "a pending row shows this customer to one of these users" (a handover to its receiving rep: see
`TableSpec.shows_customer_to`), shared by the visibility predicate and the feed's `shared` flag."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Exists, literal, select

from fieldcrm.models.registry import SHOWING

#: Rows that show their customer to a user while pending (a handover to its receiving rep): the alias, the column
#: naming the user, the column naming the customer, and the pending statuses.
_SHOWING = tuple(
    (
        s.model.__table__.alias(f"vis_{s.name}"),
        s.shows_customer_to or "",
        s.customer_field or "",
        sorted(s.pending_statuses),
    )
    for s in SHOWING
)


def pending_showing(customer_id: ColumnElement, users: Any) -> list[Exists]:
    """For each table whose pending rows show their customer to someone: such a row of this customer exists (for
    one of `users`, if given: a viewer's owners; else for anyone)."""
    found = []
    for t, user_field, customer_field, statuses in _SHOWING:
        where = [t.c[customer_field] == customer_id, t.c.status.in_(statuses), t.c.deleted == False]  # noqa: E712
        if users is not None:
            where.append(t.c[user_field].in_(users))
        found.append(select(literal(1)).where(*where).offset(0).exists())
    return found

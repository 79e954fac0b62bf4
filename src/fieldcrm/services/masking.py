"""The customer list's rows as the acting user may see them (号码脱敏), on the light read path: the window's list
masks the rows it has already read, a window at a time, without the ORM (the rule is `domain/masking.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from fieldcrm.domain.masking import MOBILE_FIELDS, mask_row, sees_numbers
from fieldcrm.services.userinfo import current_actor

if TYPE_CHECKING:
    from fieldcrm.services.search import CustomerRow
    from fieldcrm.store import Store
    from fieldcrm.store.reader import ReadStore

_CUSTOMER_FIELDS = MOBILE_FIELDS["customer"]


class NumberMask:
    """Masks the rows of one store for one user (None: the profile's current user). The acting user is read once
    per call, not cached: a sync may bring a supervisor a new team member, whose customers then show in full."""

    def __init__(self, store: Store | ReadStore, user_id: str | None = None) -> None:
        self.store = store
        self.user_id = user_id

    def customer_rows(self, rows: Iterable[CustomerRow]) -> list[CustomerRow]:
        """`rows` with the mobile numbers masked on customers the acting user does not own (or lead the owner of);
        with no user in the store, every customer's."""
        actor = current_actor(self.store, self.user_id)
        return [
            row
            if actor is not None and sees_numbers(actor, row.owner_id)
            else replace(row, **mask_row("customer", {f: getattr(row, f) for f in _CUSTOMER_FIELDS}))
            for row in rows
        ]

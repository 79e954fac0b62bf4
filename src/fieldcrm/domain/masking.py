"""Masked numbers (号码脱敏): who sees a customer's mobile numbers in full, and how the others see them. Pure and
light (no ORM): the laptop's list masks its rows with it before the ORM loads; exports, the CLI, the window and the
server's row read all call these same functions."""

from __future__ import annotations

import re

from fieldcrm.domain.actors import Actor

_MOBILE = re.compile(r"^(\+?86[\s-]?)?(1\d{2})[\s-]?(\d{4})[\s-]?(\d{4})$")


def sees_numbers(actor: Actor, owner_id: str | None) -> bool:
    """Owners, their supervisor (whose side they are on) and admins see a customer's mobile numbers in full; others
    who may see the customer (a rep browsing the public pool) see them masked."""
    return actor.covers(owner_id)


#: A reveal on a laptop that holds only the masked numbers (they left head office masked) and cannot reach it.
KEPT_AT_HEAD_OFFICE = (
    "this customer's numbers are kept at head office for its owner; connect to the server and reveal them again"
)


def is_masked(value: str | None) -> bool:
    """Whether `value` is a number as `mask_mobile` left it."""
    return bool(value) and "****" in str(value)


def mask_mobile(value: str | None) -> str | None:
    """A mainland mobile number with its middle four digits hidden (138****1234); any other value (a landline, a
    blank) as it is."""
    if not value:
        return value
    found = _MOBILE.match(value.strip())
    if found is None:
        return value
    return f"{found.group(2)}****{found.group(4)}"


#: The fields of each table that may hold a mobile number.
MOBILE_FIELDS: dict[str, tuple[str, ...]] = {"customer": ("phone",), "contact": ("phone", "mobile")}


def mask_row(table: str, row: dict) -> dict:
    """`row` (a table's fields) with its mobile numbers masked; rows of other tables as they are."""
    fields = MOBILE_FIELDS.get(table, ())
    return {k: mask_mobile(v) if k in fields else v for k, v in row.items()} if fields else row


def holds_masked(customer: dict) -> bool:
    """Whether a customer's page (its `phone` and its `contacts`) holds a number that came masked."""
    contacts = customer.get("contacts") or ()
    return is_masked(customer.get("phone")) or any(
        is_masked(c.get(f)) for c in contacts for f in MOBILE_FIELDS["contact"]
    )


def with_numbers(customer: dict, numbers: dict) -> dict:
    """A customer's page with the numbers a reveal returned (`{"phone": …, "contacts": {id: {…}}}`) put in."""
    contacts = [{**c, **numbers["contacts"].get(c["id"], {})} for c in customer.get("contacts") or ()]
    return {**customer, "phone": numbers["phone"], "contacts": contacts}

"""How long each text field of a synced row may be: the column's own length where it has one, else a cap by the
kind of text (free notes, a short answer, a built report). The laptop's validation and the server's push checks
both read them here, so a rep hears of a too-long note before it is synced."""

from __future__ import annotations

from functools import cache

from sqlmodel import SQLModel

#: Text columns without a length of their own, by field name.
LONG_TEXT: dict[str, int] = {
    "notes": 20_000,  # a customer's or a visit's free notes
    "summary": 10_000,  # a day's report, in the rep's words
    "content": 1_000_000,  # a report's snapshot of the day's visits (built, never typed)
    "outcome": 2_000,
    "next_step": 500,
    "note": 2_000,
    "purpose": 2_000,
    "return_comment": 2_000,
    "lost_reason": 2_000,
}
#: Any other text column without a length.
OTHER_TEXT = 2_000


def text_limit(model: type[SQLModel], field: str) -> int | None:
    """The most characters `field` of `model` may hold; None for a field that is not text (or not a column)."""
    return text_limits(model).get(field)


@cache  # read for every text field of every op a server receives: worked out once per table
def text_limits(model: type[SQLModel]) -> dict[str, int]:
    """The cap of each text column of `model`, by column name."""
    return {
        column.name: getattr(column.type, "length", None) or LONG_TEXT.get(column.name, OTHER_TEXT)
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if column.type.__class__.__name__ in ("AutoString", "String", "Text")
    }


def too_long(model: type[SQLModel], field: str, value: object) -> str | None:
    """The refusal for a value longer than its field takes (None when it fits), naming both lengths."""
    return over_limit(text_limit(model, field), value)


def over_limit(limit: int | None, value: object) -> str | None:
    """`too_long` for a field whose cap is known already (None: not a text field)."""
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        return None
    return f"is {len(value):,} characters long; at most {limit:,} are allowed"

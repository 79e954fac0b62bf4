"""Times as people read them: this laptop's wall clock, "2026-12-06 16:39", the one format every command and
message shows. Stored times are UTC; scripts get them as the store's codec writes them (`models.codec.encode_value`:
ISO 8601 with its offset); `stored_utc` reads one back as an aware time (SQLite drops the offset)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload

#: How a time is shown to people everywhere: minutes are enough, seconds are noise.
PEOPLE_FORMAT = "%Y-%m-%d %H:%M"


@overload
def stored_utc(value: datetime) -> datetime: ...
@overload
def stored_utc(value: None) -> None: ...
def stored_utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware one: the stores keep UTC, and SQLite gives it back without its offset."""
    return value if value is None or value.tzinfo is not None else value.replace(tzinfo=UTC)


def _moment(value: datetime | str) -> datetime:
    return stored_utc(datetime.fromisoformat(value) if isinstance(value, str) else value)


def for_people(value: datetime | str | None) -> str | None:
    """A stored time (aware, naive UTC, or ISO text) in this laptop's time zone: "2026-12-06 16:39"."""
    if value is None or value == "":
        return None
    return _moment(value).astimezone().strftime(PEOPLE_FORMAT)

"""Times as people read them: this laptop's wall clock, "2026-12-06 16:39", the one format every command and
message shows. Stored times are UTC; scripts get them as the store's codec writes them (`models.codec.encode_value`:
ISO 8601 with its offset)."""

from __future__ import annotations

from datetime import UTC, datetime

#: How a time is shown to people everywhere: minutes are enough, seconds are noise.
PEOPLE_FORMAT = "%Y-%m-%d %H:%M"


def _moment(value: datetime | str) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # a naive stored time is UTC


def for_people(value: datetime | str | None) -> str | None:
    """A stored time (aware, naive UTC, or ISO text) in this laptop's time zone: "2026-12-06 16:39"."""
    if value is None or value == "":
        return None
    return _moment(value).astimezone().strftime(PEOPLE_FORMAT)

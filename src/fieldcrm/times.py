"""Times as people read them (this laptop's wall clock, "2026-12-06 16:39") and as scripts read them (ISO 8601
with its offset): the one place every command, message and export takes them from. Stored times are UTC."""

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


def for_scripts(value: datetime | str | None) -> str | None:
    """A stored time as ISO 8601 with its offset, in UTC as stored: "2026-12-06T08:39:00+00:00"."""
    if value is None or value == "":
        return None
    return _moment(value).astimezone(UTC).isoformat()

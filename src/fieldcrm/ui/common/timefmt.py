"""UTC times from the store shown in local time."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def local_time(value: Any) -> str:
    """An ISO UTC timestamp as local 'YYYY-MM-DD HH:MM'; '' for nothing."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def local_clock(value: Any) -> str:
    text = local_time(value)
    return text[11:] if text else ""

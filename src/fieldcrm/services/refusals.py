"""Records head office refused: which ones, and why. They stay on the laptop, marked, until the user edits them
(they are sent again) or discards them; screens and commands show the mark beside the record.

Plain SQL on a DB-API connection (sqlite3, or SQLAlchemy's `exec_driver_sql`), so the light reader can ask too."""

from __future__ import annotations

from typing import Any

_OPEN = "kind = 'rejected' AND status = 'open'"


def refused_reasons(execute: Any, table: str, ids: list[str]) -> dict[str, str]:
    """{row id: the newest reason} for the rows of `table` among `ids` with an open refusal. `execute(sql, params)`
    runs a statement with `?` marks: `sqlite3.Connection.execute` or SQLAlchemy's `Connection.exec_driver_sql`."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = execute(
            f"SELECT row_id, reason FROM conflict WHERE table_name = ? AND {_OPEN} AND row_id IN ({marks})"
            " ORDER BY created_at",
            (table, *chunk),
        )
        for row_id, reason in rows:
            found[row_id] = reason or "refused by head office"
    return found


def refused_count(execute: Any) -> int:
    """How many refused changes are open: what the status bar and `fieldcrm sync status` show."""
    return int(next(iter(execute(f"SELECT count(*) FROM conflict WHERE {_OPEN}", ())))[0])

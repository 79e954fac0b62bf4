"""The plain description of a user, and reading the profile's current user without the ORM (the GUI's start)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldcrm.store import Store
    from fieldcrm.store.reader import ReadStore

#: sync_state key of the profile's current user (as in services.state).
CURRENT_USER = "current_user_id"


@dataclass(frozen=True)
class UserInfo:
    id: str
    name: str
    role: str
    team_id: str | None
    team_name: str | None


def current_user(store: Store | ReadStore) -> UserInfo | None:
    """The profile's current user, read with plain sqlite3 (what `ProfileService.current()` answers)."""
    with store.read_connection() as conn:
        row = conn.execute(
            "SELECT u.id, u.name, u.role, u.team_id, t.name FROM sync_state s JOIN app_user u ON u.id = s.value"
            " LEFT JOIN team t ON t.id = u.team_id WHERE s.key = ?",
            (CURRENT_USER,),
        ).fetchone()
    return UserInfo(*row) if row else None

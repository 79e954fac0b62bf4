"""The plain description of a user, and reading the profile's current user without the ORM (the GUI's start)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldcrm.domain.actors import Actor

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


def current_actor(store: Store | ReadStore, user_id: str | None = None) -> Actor | None:
    """The acting user (`user_id`, else the profile's current one) as the domain rules see them, read with plain
    sqlite3: what `services.base.actor_of` answers, for the list that paints before the ORM loads."""
    with store.read_connection() as conn:
        if user_id is None:
            found = conn.execute("SELECT value FROM sync_state WHERE key = ?", (CURRENT_USER,)).fetchone()
            user_id = found[0] if found else None
        role = conn.execute("SELECT role FROM app_user WHERE id = ?", (user_id,)).fetchone() if user_id else None
        if user_id is None or role is None:
            return None
        members: list[str] = []
        if role[0] == "supervisor":
            members = [
                r[0]
                for r in conn.execute(
                    "SELECT u.id FROM app_user u JOIN team t ON t.id = u.team_id WHERE t.supervisor_id = ?", (user_id,)
                )
            ]
    return Actor.of(user_id, role[0], members)

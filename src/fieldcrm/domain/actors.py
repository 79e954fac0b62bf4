"""Who acts: a user's id and role, and the side of the company whose rows they act for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """`side` holds the users whose rows this actor works on: a rep themselves, a supervisor their teams' members
    and themselves; None for an admin, who works on everyone's."""

    id: str
    role: str
    side: frozenset[str] | None

    @classmethod
    def of(cls, user_id: str, role: str, team_members: Iterable[str] = ()) -> Actor:
        """The actor a user is: `team_members` are the members of the teams a supervisor leads."""
        if role == "admin":
            return cls(user_id, role, None)
        side = {user_id}
        if role == "supervisor":
            side.update(team_members)
        return cls(user_id, role, frozenset(side))

    def covers(self, owner_id: str | None) -> bool:
        """Whether a row owned by `owner_id` is on this actor's side."""
        return self.side is None or owner_id in self.side

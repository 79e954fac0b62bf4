"""Users and teams; supervisors lead teams."""

from __future__ import annotations

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase
from fieldcrm.vocabulary import ROLES

__all__ = ["ROLES", "Team", "User"]


class Team(SyncedBase, table=True):
    __tablename__ = "team"

    name: str = Field(max_length=100, index=True)
    supervisor_id: str | None = Field(default=None, max_length=36)


class User(SyncedBase, table=True):
    __tablename__ = "app_user"

    name: str = Field(max_length=100, index=True)
    role: str = Field(default="rep", max_length=12)
    team_id: str | None = Field(default=None, max_length=36, index=True)
    active: bool = Field(default=True)

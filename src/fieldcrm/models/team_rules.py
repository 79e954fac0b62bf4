"""A team's own ownership settings (团队规则): one synced row per team, set by its supervisor or an admin."""

from __future__ import annotations

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase


class TeamRules(SyncedBase, table=True):
    """The settings of one team as JSON (`domain/team_rules.py` parses and validates it; keys left out take the
    defaults). Its id is `ids.stable_id("team_rules", team_id)`, so a supervisor and an admin setting them offline
    change the same row. Its owner is the team's supervisor; every member of the team sees it."""

    __tablename__ = "team_rules"

    team_id: str = Field(max_length=36, index=True)
    rules: str = Field(default="{}", max_length=8000)

"""A team's own ownership settings set by an admin at head office (`fieldcrm-server team-rules`): the same synced
row the team's supervisor sets from a laptop, validated by the same domain rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, or_, select

from fieldcrm.domain.errors import NotFoundError
from fieldcrm.domain.protection import PoolRules
from fieldcrm.domain.team_rules import dump_rules, rules_from, rules_id, settings_of, team_rules
from fieldcrm.models import Team, TeamRules, utcnow
from fieldcrm.server.writes import record_changes, touched_row


def find_team(session: Session, name_or_id: str) -> Team:
    team = session.exec(
        select(Team).where(or_(col(Team.name) == name_or_id, col(Team.id) == name_or_id), col(Team.deleted) == False)  # noqa: E712
    ).first()
    if team is None:
        raise NotFoundError(f"no team named {name_or_id}")
    return team


def show_team_rules(engine: Engine, name_or_id: str) -> tuple[Team, PoolRules]:
    with Session(engine) as session:
        team = find_team(session, name_or_id)
        return team, team_rules(session, team.id)


def set_team_rules(engine: Engine, name_or_id: str, changes: Mapping[str, Any]) -> PoolRules:
    """Change some of the team's settings (the rest stay): validated whole, recorded for the feed, so the team's
    laptops follow them from their next sync. A new row is owned by the team's supervisor."""
    with Session(engine) as session, session.begin():
        team = find_team(session, name_or_id)
        rules = rules_from({**settings_of(team_rules(session, team.id)), **changes})
        text = dump_rules(rules)
        row = session.get(TeamRules, rules_id(team.id))
        if row is None:
            row = TeamRules(id=rules_id(team.id), team_id=team.id, rules=text, owner_id=team.supervisor_id)
            diff: dict[str, Any] = {}
        else:
            diff = {"rules": [row.rules, text]} if row.rules != text else {}
            row.rules, row.deleted, row.updated_at = text, False, utcnow()
        session.add(row)
        session.flush()
        record_changes(session, [touched_row(row, diff)])
        return rules

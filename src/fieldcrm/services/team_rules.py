"""A team's own ownership settings on the laptop (团队规则): shown to its members, set by its supervisor (an admin
too) and sent to head office, which checks them again (`domain/team_rules.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from fieldcrm.domain.errors import NotFoundError, PermissionDeniedError
from fieldcrm.domain.protection import PoolRules
from fieldcrm.domain.team_rules import dump_rules, refuse_change, rules_from, rules_id, settings_of, team_rules
from fieldcrm.models import Team, TeamRules, User
from fieldcrm.services.base import BaseService
from fieldcrm.services.changes import unit_of_work

NO_TEAM = "you are in no team; a team's settings are set by its supervisor"


@dataclass(frozen=True)
class TeamRulesView:
    """A team's settings as a screen or the CLI shows them, and whether the acting user may change them."""

    team_id: str
    team_name: str
    rules: PoolRules
    can_edit: bool

    def settings(self) -> dict[str, Any]:
        return settings_of(self.rules)


class TeamRulesService(BaseService):
    def _team(self, session: Session, user: User, team_id: str | None) -> Team:
        """The team asked for, else the one the user leads, else their own."""
        if team_id is None:
            led = session.exec(select(Team).where(Team.supervisor_id == user.id, Team.deleted == False)).first()  # noqa: E712
            team_id = led.id if led is not None else user.team_id
        if team_id is None:
            raise NotFoundError(NO_TEAM)
        team = session.get(Team, team_id)
        if team is None or team.deleted:
            raise NotFoundError(f"no team with id {team_id}")
        return team

    def show(self, team_id: str | None = None) -> TeamRulesView:
        """The settings the team works under (the defaults where it has set none)."""
        with self.store.session() as session:
            user = self.actor(session)
            team = self._team(session, user, team_id)
            editable = refuse_change(self.acting(session), team.supervisor_id) is None
            return TeamRulesView(team.id, team.name, team_rules(session, team.id), editable)

    def set(self, changes: Mapping[str, Any], team_id: str | None = None) -> PoolRules:
        """Change some of the team's settings (the rest stay as they are): the whole validated by the domain
        rules, written with its outbox entry. Only the team's supervisor or an admin may."""
        with unit_of_work(self.store) as uow:
            session = uow.session
            user = self.actor(session)
            team = self._team(session, user, team_id)
            refusal = refuse_change(self.acting(session), team.supervisor_id)
            if refusal:
                raise PermissionDeniedError(refusal)
            rules = rules_from({**settings_of(team_rules(session, team.id)), **changes})
            text = dump_rules(rules)
            row = session.get(TeamRules, rules_id(team.id))
            if row is None:
                uow.insert(TeamRules(id=rules_id(team.id), team_id=team.id, rules=text, owner_id=user.id))
            else:
                uow.update(row, {"rules": text, "deleted": False})
            return rules

"""The local profile: who uses this laptop, and the users and teams it knows of."""

from __future__ import annotations

from sqlmodel import Session, select

from fieldcrm.domain.errors import NotFoundError, ValidationError
from fieldcrm.ids import stable_id
from fieldcrm.models import ROLES, Team, User
from fieldcrm.services.state import CURRENT_USER, device_id, get_state, set_state
from fieldcrm.services.userinfo import UserInfo
from fieldcrm.services.validation import clean_text
from fieldcrm.store import Store

__all__ = ["ProfileService", "UserInfo"]


def _info(session: Session, user: User) -> UserInfo:
    team = session.get(Team, user.team_id) if user.team_id else None
    return UserInfo(user.id, user.name, user.role, user.team_id, team.name if team else None)


class ProfileService:
    """Users and teams are managed by head office; locally they are created by `init` or arrive by sync."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def ensure_team(self, session: Session, name: str) -> Team:
        team = session.get(Team, stable_id("team", name))
        if team is None:
            team = Team(id=stable_id("team", name), name=name)
            session.add(team)
            session.flush()
        return team

    def add_user(self, name: str, role: str, team: str | None = None, *, make_current: bool = False) -> UserInfo:
        clean_name = clean_text("name", name, 100, required=True)
        if role not in ROLES:
            raise ValidationError(f"'{role}' is not a role; use one of {', '.join(ROLES)}", "role")
        with self.store.transaction() as session:
            device_id(session)
            existing = session.exec(select(User).where(User.name == clean_name, User.deleted == False)).first()
            team_row = self.ensure_team(session, team) if team else None
            if existing is None:
                user = User(name=clean_name, role=role, team_id=team_row.id if team_row else None)
            else:
                user = existing
                user.role = role
                user.team_id = team_row.id if team_row else user.team_id
            user.owner_id = user.id
            session.add(user)
            if team_row is not None and role == "supervisor":
                team_row.supervisor_id = user.id
                session.add(team_row)
            if make_current:
                set_state(session, CURRENT_USER, user.id)
            session.flush()
            return _info(session, user)

    def init_profile(self, name: str, role: str, team: str | None = None) -> UserInfo:
        return self.add_user(name, role, team, make_current=True)

    def current(self) -> UserInfo | None:
        with self.store.session() as session:
            user_id = get_state(session, CURRENT_USER)
            user = session.get(User, user_id) if user_id else None
            return _info(session, user) if user else None

    def switch_to(self, name: str) -> UserInfo:
        with self.store.transaction() as session:
            user = self.find_user(session, name)
            set_state(session, CURRENT_USER, user.id)
            return _info(session, user)

    @staticmethod
    def find_user(session: Session, name: str) -> User:
        user = session.exec(select(User).where(User.name == name, User.deleted == False)).first()
        if user is None:
            raise NotFoundError(f"no user named '{name}' in this store", "rep")
        return user

    def users(self) -> list[UserInfo]:
        with self.store.session() as session:
            return [
                _info(session, u) for u in session.exec(select(User).where(User.deleted == False).order_by(User.name))
            ]

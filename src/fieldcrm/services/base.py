"""What every service shares: the store, the acting user, and lookups that raise a clear error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session, col, select

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import NotFoundError, PermissionDeniedError
from fieldcrm.models import SyncedBase, Team, User, spec_of, utcnow
from fieldcrm.services.state import CURRENT_USER, get_state
from fieldcrm.store import Store

T = TypeVar("T", bound=SyncedBase)


class BaseService:
    """A service acts for one user: the one given, or else the profile's current user."""

    def __init__(self, store: Store, user_id: str | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = store
        self._user_id = user_id
        #: The time the service stamps on what it records (submitted, signed): the wall clock, or a test's or the
        #: demo's (whose reports were submitted on their own evenings).
        self.clock = clock

    @property
    def user_id(self) -> str | None:
        """The user this service was given, or None when it acts for the profile's current user."""
        return self._user_id

    def acting(self, session: Session) -> Actor:
        """The acting user as the domain rules see them: their side of the company (`domain.actors.Actor`)."""
        return actor_of(session, self.actor(session))

    def actor(self, session: Session) -> User:
        user_id = self._user_id or get_state(session, CURRENT_USER)
        if user_id is None:
            raise PermissionDeniedError("no local profile yet; run `fieldcrm init` or log in to a server first")
        user = session.get(User, user_id)
        if user is None:
            raise PermissionDeniedError(f"the current user {user_id} is not in this store")
        return user


def actor_of(session: Session, user: User) -> Actor:
    """`user` with the members of the teams they lead (a supervisor's side), as the server's viewer has them."""
    members: list[str] = []
    if user.role == "supervisor":
        teams = select(Team.id).where(Team.supervisor_id == user.id)
        members = list(session.exec(select(User.id).where(col(User.team_id).in_(teams))))
    return Actor.of(user.id, user.role, members)


def get_live(session: Session, model: type[T], row_id: str) -> T:
    """The row with this id that is not deleted, or a NotFoundError naming what was looked for."""
    row = session.get(model, row_id)
    if row is None or row.deleted:
        spec = spec_of(model)
        noun = spec.noun if spec is not None else model.__tablename__
        raise NotFoundError(f"no {noun} with id {row_id}")
    return row

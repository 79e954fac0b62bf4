"""Server accounts: users and teams (the shared tables) with Argon2 password hashes, created by the admin CLI."""

from __future__ import annotations

from sqlalchemy import Engine, update
from sqlmodel import Session, select

from fieldcrm.domain.errors import NotFoundError, ValidationError
from fieldcrm.ids import stable_id
from fieldcrm.models import ROLES, Team, User
from fieldcrm.passwords import password_hasher
from fieldcrm.server import devices
from fieldcrm.server.tables import auth_token, credential, device
from fieldcrm.server.writes import record_changes, touched_row

hasher = password_hasher()


def create_user(engine: Engine, name: str, role: str, team: str | None, password: str) -> User:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("is required", "name")
    if role not in ROLES:
        raise ValidationError(f"'{role}' is not a role; use one of {', '.join(ROLES)}", "role")
    if len(password) < 8:
        raise ValidationError("must be at least 8 characters", "password")
    with Session(engine) as session, session.begin():
        if session.exec(select(User).where(User.name == name)).first() is not None:
            raise ValidationError(f"a user named '{name}' exists already", "name")
        touched: list[Team | User] = []
        team_row = None
        if team:
            team_row = session.get(Team, stable_id("team", team))
            if team_row is None:
                team_row = Team(id=stable_id("team", team), name=team)
                session.add(team_row)
            touched.append(team_row)
        user = User(name=name, role=role, team_id=team_row.id if team_row else None)
        user.owner_id = user.id
        session.add(user)
        touched.append(user)
        if team_row is not None and role == "supervisor":
            team_row.supervisor_id = user.id
        session.flush()
        session.execute(credential.insert().values(user_id=user.id, password_hash=hasher.hash(password)))
        record_changes(session, [touched_row(row) for row in touched])
        session.expunge(user)
        return user


def list_users(engine: Engine) -> list[dict]:
    with Session(engine) as session:
        teams: dict[str | None, str] = {t.id: t.name for t in session.exec(select(Team))}
        users = session.exec(select(User).order_by(User.name))
        return [
            {"id": u.id, "name": u.name, "role": u.role, "team": teams.get(u.team_id), "active": u.active}
            for u in users
        ]


def disable_user(engine: Engine, name: str, wipe: bool = False, by: str = "") -> int:
    """Disable a user and revoke every token they hold (their laptops keep their data, but cannot sync).

    With `wipe`, every laptop they logged in on last is marked departed instead (`devices`): its tokens answer the
    wipe order, take the laptop's last push, then are revoked when it confirms the wipe. Returns how many laptops
    were marked."""
    from fieldcrm.models import utcnow

    with Session(engine) as session, session.begin():
        user = session.exec(select(User).where(User.name == name)).first()
        if user is None:
            raise NotFoundError(f"no user named '{name}'", "name")
        now = utcnow()
        user.active = False
        marked = devices.mark_departed(session, user.id, by, now) if wipe else 0
        departed = select(device.c.device_id).where(device.c.user_id == user.id, device.c.status == devices.DEPARTED)
        revoke = update(auth_token).where(auth_token.c.user_id == user.id, auth_token.c.revoked_at.is_(None))
        if wipe:
            revoke = revoke.where(auth_token.c.device_id.not_in(departed))
        session.execute(revoke, {"revoked_at": now})
        record_changes(session, [touched_row(user, {"active": [True, False]})])
        return marked

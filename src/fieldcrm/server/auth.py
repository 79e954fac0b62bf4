"""Login with Argon2 passwords (throttled after repeated failures) and revocable, expiring bearer tokens."""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlmodel import Session

from fieldcrm.models import Team, User, utcnow
from fieldcrm.server.accounts import hasher
from fieldcrm.server.tables import auth_token, credential

TOKEN_TTL = timedelta(days=30)
FREE_FAILURES = 5
MAX_LOCK = timedelta(minutes=15)

#: What the account rules read the time from (login locks, token expiry): the real UTC time unless a test gives
#: the app another clock.
Clock = Callable[[], datetime]


class AuthError(Exception):
    """Refused: `status` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Principal:
    """The user a request acts for, and the device it comes from (one token per device)."""

    user_id: str
    name: str
    role: str
    team_id: str | None
    device_id: str
    token_hash: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def login(
    engine: Engine, name: str, password: str, device_id: str, clock: Clock = utcnow
) -> tuple[str, datetime, User, Team | None]:
    """A new token for this user and device. After five failures in a row the account waits, doubling each time."""
    now = clock()
    with Session(engine) as session, session.begin():
        user = session.execute(select(User).where(User.name == name)).scalars().first()  # type: ignore[arg-type]
        cred = session.execute(select(credential).where(credential.c.user_id == user.id)).first() if user else None
        if user is None or cred is None:
            hasher.hash(password)  # same work as a real check, so timing does not reveal which names exist
            raise AuthError("wrong user name or password")
        locked = _aware(cred.locked_until)
        if locked is not None and locked > now:
            wait = math.ceil((locked - now).total_seconds())
            raise AuthError(f"too many failed logins; try again in {wait} seconds", 429)
        try:
            hasher.verify(cred.password_hash, password)
        except (VerificationError, InvalidHashError):
            failures = cred.failed_logins + 1
            lock = None
            if failures >= FREE_FAILURES:
                lock = now + min(MAX_LOCK, timedelta(seconds=2 ** (failures - FREE_FAILURES)))
            failed: tuple[str, int, datetime | None] | None = (user.id, failures, lock)
        else:
            failed = None
        if failed is None:
            return _issue(session, user, device_id, now)
    with engine.begin() as conn:
        conn.execute(
            update(credential).where(credential.c.user_id == failed[0]),
            {"failed_logins": failed[1], "locked_until": failed[2]},
        )
    raise AuthError("wrong user name or password")


def _issue(session: Session, user: User, device_id: str, now: datetime) -> tuple[str, datetime, User, Team | None]:
    if not user.active:
        raise AuthError("this account is disabled; ask head office", 403)
    session.execute(
        update(credential).where(credential.c.user_id == user.id), {"failed_logins": 0, "locked_until": None}
    )
    token = secrets.token_urlsafe(32)
    expires = now + TOKEN_TTL
    session.execute(
        auth_token.insert().values(
            token_hash=_hash(token), user_id=user.id, device_id=device_id, created_at=now, expires_at=expires
        )
    )
    team = session.get(Team, user.team_id) if user.team_id else None
    session.expunge_all()
    return token, expires, user, team


_users = User.__table__
# Built once: every request runs it, and building it again each time cost more than the lookup itself.
_TOKEN_QUERY = (
    select(auth_token.c.device_id, auth_token.c.token_hash, auth_token.c.revoked_at, auth_token.c.expires_at)
    .add_columns(_users.c.id, _users.c.name, _users.c.role, _users.c.team_id, _users.c.active)
    .select_from(auth_token.outerjoin(_users, _users.c.id == auth_token.c.user_id))
    .where(auth_token.c.token_hash == bindparam("token_hash"))
)


def authenticate(bind: Engine | Connection, token: str, clock: Clock = utcnow) -> Principal:
    """The principal a bearer token stands for. On a connection (outside a transaction), the lookup's read is
    ended before returning, so the request's own work begins its transaction on the same connection."""
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            return authenticate(conn, token, clock)
    now = clock()
    # One indexed lookup per request: the token by its hash, with its user (no password hashing here).
    row = bind.execute(_TOKEN_QUERY, {"token_hash": _hash(token)}).first()
    # Ended with a commit, not a rollback: at each rollback psycopg forgets the statements it has prepared, and a
    # request's statements would be planned afresh every time.
    bind.commit()
    if row is None:
        raise AuthError("unknown token; log in again")
    # Before the token's own state: disabling revokes every token, and "log in again" would send the user to a
    # login that is refused too.
    if row.id is None or not row.active:
        raise AuthError("this account is disabled; ask head office", 403)
    if row.revoked_at is not None:
        raise AuthError("this token was revoked; log in again")
    if _aware(row.expires_at) <= now:  # type: ignore[operator]  # expires_at is NOT NULL
        raise AuthError("this token has expired; log in again")
    return Principal(row.id, row.name, row.role, row.team_id, row.device_id, row.token_hash)


def revoke(engine: Engine, principal: Principal, clock: Clock = utcnow) -> None:
    with engine.begin() as conn:
        conn.execute(update(auth_token).where(auth_token.c.token_hash == principal.token_hash), {"revoked_at": clock()})

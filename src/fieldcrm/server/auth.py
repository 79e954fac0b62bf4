"""Login with Argon2 passwords (throttled after repeated failures) and revocable, expiring bearer tokens."""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, bindparam, or_, select, update
from sqlmodel import Session

from fieldcrm.models import Team, User, utcnow
from fieldcrm.server import devices
from fieldcrm.server.accounts import hasher
from fieldcrm.server.tables import auth_token, credential, device
from fieldcrm.times import stored_utc

_users = User.__table__

TOKEN_TTL = timedelta(days=30)
FREE_FAILURES = 5
MAX_LOCK = timedelta(minutes=15)

#: What the account rules read the time from (login locks, token expiry): the real UTC time unless a test gives
#: the app another clock.
Clock = Callable[[], datetime]


class AuthError(Exception):
    """Refused: `status` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int = 401, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after  # seconds, for a 429's Retry-After


class WipeOrder(AuthError):
    """The token's device is marked for a remote wipe: answered 410 with `kind` (lost or departed) and why."""

    def __init__(self, kind: str) -> None:
        super().__init__(devices.REASONS[kind], 410)
        self.kind = kind


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


def login(
    engine: Engine, name: str, password: str, device_id: str, clock: Clock = utcnow
) -> tuple[str, datetime, User, Team | None]:
    """A new token for this user and device. After five failures in a row the account waits, doubling each time.

    Each attempt is counted (and the account locked when the count reaches five) in the database before its password
    is checked: however many guesses arrive at once, only as many are checked as the count lets through."""
    now = clock()
    with engine.connect() as conn:
        user_id = conn.execute(select(_users.c.id).where(_users.c.name == name)).scalar()
    claimed = _claim_attempt(engine, user_id, now) if user_id is not None else None
    if user_id is None or claimed is _NO_CREDENTIAL:
        hasher.hash(password)  # same work as a real check, so timing does not reveal which names exist
        raise AuthError("wrong user name or password")
    if claimed is None:
        with engine.connect() as conn:
            locked = stored_utc(
                conn.execute(select(credential.c.locked_until).where(credential.c.user_id == user_id)).scalar()
            )
        wait = max(1, math.ceil((locked - now).total_seconds())) if locked is not None else 1
        raise AuthError(f"too many failed logins; try again in {wait} seconds", 429, wait)
    try:
        hasher.verify(claimed, password)
    except (VerificationError, InvalidHashError):
        raise AuthError("wrong user name or password") from None
    with Session(engine) as session, session.begin():
        user = session.get(User, user_id)
        if user is None:  # removed between the check and now
            raise AuthError("wrong user name or password")
        return _issue(session, user, device_id, now)


_NO_CREDENTIAL = ""


def _claim_attempt(engine: Engine, user_id: str, now: datetime) -> str | None:
    """Count a login attempt unless the account is locked, and lock it when this attempt is the fifth failure in a
    row (a success resets both). One transaction, opened by the counting UPDATE: PostgreSQL holds the row's lock,
    SQLite its write lock, until the lock time is set, and PostgreSQL re-reads a row changed meanwhile before
    testing the lock. Returns the password hash to check, None when locked, `_NO_CREDENTIAL` for no password."""
    c = credential.c
    with engine.begin() as conn:
        row = conn.execute(
            update(credential)
            .where(c.user_id == user_id, or_(c.locked_until.is_(None), c.locked_until <= now))
            .values(failed_logins=c.failed_logins + 1)
            .returning(c.failed_logins, c.password_hash)
        ).first()
        if row is None:
            exists = conn.execute(select(c.user_id).where(c.user_id == user_id)).first() is not None
            return None if exists else _NO_CREDENTIAL
        failures, password_hash = row
        if failures >= FREE_FAILURES:
            lock = now + min(MAX_LOCK, timedelta(seconds=2 ** min(failures - FREE_FAILURES, 20)))
            conn.execute(update(credential).where(c.user_id == user_id), {"locked_until": lock})
        return password_hash


def _issue(session: Session, user: User, device_id: str, now: datetime) -> tuple[str, datetime, User, Team | None]:
    if not user.active:
        raise AuthError("this account is disabled; ask head office", 403)
    session.execute(
        update(credential).where(credential.c.user_id == user.id), {"failed_logins": 0, "locked_until": None}
    )
    token = secrets.token_urlsafe(32)
    expires = now + TOKEN_TTL
    devices.seen(session, device_id, user.id, now)
    session.execute(
        auth_token.insert().values(
            token_hash=_hash(token), user_id=user.id, device_id=device_id, created_at=now, expires_at=expires
        )
    )
    team = session.get(Team, user.team_id) if user.team_id else None
    session.expunge_all()
    return token, expires, user, team


# Built once: every request runs it, and building it again each time cost more than the lookup itself.
_TOKEN_QUERY = (
    select(auth_token.c.device_id, auth_token.c.token_hash, auth_token.c.revoked_at, auth_token.c.expires_at)
    .add_columns(_users.c.id, _users.c.name, _users.c.role, _users.c.team_id, _users.c.active, device.c.status)
    .select_from(
        auth_token.outerjoin(_users, _users.c.id == auth_token.c.user_id).outerjoin(
            device, device.c.device_id == auth_token.c.device_id
        )
    )
    .where(auth_token.c.token_hash == bindparam("token_hash"))
)


def authenticate(
    bind: Engine | Connection, token: str, clock: Clock = utcnow, allow: frozenset[str] = frozenset()
) -> Principal:
    """The principal a bearer token stands for. On a connection (outside a transaction), the lookup's read is
    ended before returning, so the request's own work begins its transaction on the same connection.

    A token of a device marked for a remote wipe is answered with the order (`WipeOrder`), whatever else holds,
    unless the route `allow`s the device's state: the push allows `departed` (its last push is applied, even for a
    disabled account), the wipe's confirmation allows every mark."""
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            return authenticate(conn, token, clock, allow)
    now = clock()
    # One indexed lookup per request: the token by its hash, with its user (no password hashing here).
    row = bind.execute(_TOKEN_QUERY, {"token_hash": _hash(token)}).first()
    # Ended with a commit, not a rollback: at each rollback psycopg forgets the statements it has prepared, and a
    # request's statements would be planned afresh every time.
    bind.commit()
    if row is None:
        raise AuthError("unknown token; log in again")
    order = devices.order_for(row.status)
    if order is not None:
        if row.status not in allow or row.id is None:
            raise WipeOrder(order)
        return Principal(row.id, row.name, row.role, row.team_id, row.device_id, row.token_hash)
    # Before the token's own state: disabling revokes every token, and "log in again" would send the user to a
    # login that is refused too.
    if row.id is None or not row.active:
        raise AuthError("this account is disabled; ask head office", 403)
    if row.revoked_at is not None:
        raise AuthError("this token was revoked; log in again")
    expires = stored_utc(row.expires_at)
    if expires is None or expires <= now:
        raise AuthError("this token has expired; log in again")
    return Principal(row.id, row.name, row.role, row.team_id, row.device_id, row.token_hash)


def revoke(engine: Engine, principal: Principal, clock: Clock = utcnow) -> None:
    with engine.begin() as conn:
        conn.execute(update(auth_token).where(auth_token.c.token_hash == principal.token_hash), {"revoked_at": clock()})

"""Laptops (devices) as head office knows them, and remote wipe: an admin marks a device lost or its user departed;
at its next contact the laptop is told to erase its store (`auth.authenticate` answers the order), confirms, and
the device is then `wiped` with every token of it revoked.

Lost: the laptop erases without pushing (its unsent changes may come from whoever holds it now). Departed: it
pushes what is pending first (the company keeps the work), then erases.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from fieldcrm.domain.errors import NotFoundError, ValidationError
from fieldcrm.models import User
from fieldcrm.server.tables import auth_token, device

ACTIVE, LOST, DEPARTED, WIPED = "active", "lost", "departed", "wiped"
#: The marks an admin gives, each the kind of wipe the laptop is told to carry out.
WIPE_KINDS = (LOST, DEPARTED)

#: Why, in one sentence, sent with the order (the laptop says its own sentence in the user's language).
REASONS = {
    LOST: "head office reported this laptop lost: erase its FieldCRM data without sending anything",
    DEPARTED: "head office ended this user's work on this laptop: send what is pending, then erase its FieldCRM data",
}

_users = User.__table__


def order_for(status: str | None) -> str | None:
    """The wipe a device in `status` is told to carry out, or None for an active (or unrecorded) one. A device
    that confirmed its wipe is told again, as lost: a copy of its store that comes back must not push."""
    if status in WIPE_KINDS:
        return status
    return LOST if status == WIPED else None


def seen(session: Session, device_id: str, user_id: str, now: datetime) -> None:
    """Record a login from `device_id` by `user_id` (first seen once, last seen each time). Its mark, if any, is
    kept: logging in again never takes a wipe order back."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert(device) if dialect == "postgresql" else sqlite.insert(device)
    session.execute(
        insert.values(
            device_id=device_id, user_id=user_id, first_seen=now, last_seen=now, status=ACTIVE
        ).on_conflict_do_update(index_elements=[device.c.device_id], set_={"user_id": user_id, "last_seen": now})
    )


def list_devices(engine: Engine) -> list[dict[str, Any]]:
    """Every device, most recently seen first, with its user's name."""
    d = device.c
    query = (
        select(d.device_id, _users.c.name, d.first_seen, d.last_seen, d.status, d.marked_by, d.marked_at, d.wiped_at)
        .select_from(device.outerjoin(_users, _users.c.id == d.user_id))
        .order_by(d.last_seen.desc(), d.device_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "device_id": r.device_id,
            "user": r.name,
            "first_seen": _iso(r.first_seen),
            "last_seen": _iso(r.last_seen),
            "status": r.status,
            "marked_by": r.marked_by,
            "marked_at": _iso(r.marked_at),
            "wiped_at": _iso(r.wiped_at),
        }
        for r in rows
    ]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def mark(engine: Engine, device_id: str, kind: str, by: str, now: datetime) -> None:
    """Mark one device lost or departed. Its tokens answer the wipe order from now on (a departed one may still
    push); they are revoked when the laptop confirms. A device already wiped stays wiped."""
    if kind not in WIPE_KINDS:
        raise ValidationError(f"'{kind}' is not a wipe; use one of {', '.join(WIPE_KINDS)}", "kind")
    with engine.begin() as conn:
        status = conn.execute(select(device.c.status).where(device.c.device_id == device_id)).scalar()
        if status is None:
            raise NotFoundError(f"no device {device_id} (see `fieldcrm-server devices list`)", "device")
        if status == WIPED:
            raise ValidationError(f"device {device_id} was wiped already", "device")
        conn.execute(
            update(device).where(device.c.device_id == device_id),
            {"status": kind, "marked_by": by, "marked_at": now},
        )


def mark_departed(session: Session, user_id: str, by: str, now: datetime) -> int:
    """Mark every device the user logged in on last, and not wiped, departed; returns how many."""
    result: CursorResult = session.execute(  # type: ignore[assignment]
        update(device).where(device.c.user_id == user_id, device.c.status != WIPED),
        {"status": DEPARTED, "marked_by": by, "marked_at": now},
    )
    return int(result.rowcount or 0)


def confirm_wiped(engine: Engine, device_id: str, now: datetime) -> None:
    """The laptop says it is erasing now: the device is wiped, and every token of it revoked."""
    with engine.begin() as conn:
        status = conn.execute(select(device.c.status).where(device.c.device_id == device_id)).scalar()
        if order_for(status) is None:
            raise NotWiping("this device was not asked to erase its data")
        if status != WIPED:
            conn.execute(update(device).where(device.c.device_id == device_id), {"status": WIPED, "wiped_at": now})
        conn.execute(
            update(auth_token).where(auth_token.c.device_id == device_id, auth_token.c.revoked_at.is_(None)),
            {"revoked_at": now},
        )


class NotWiping(Exception):
    """A wipe confirmed by a device that was never marked (answered 409)."""

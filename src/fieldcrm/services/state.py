"""Small facts of this store kept in sync_state: device id, current user, cursors."""

from __future__ import annotations

from sqlmodel import Session

from fieldcrm.ids import uuid7
from fieldcrm.models import SyncState

DEVICE_ID = "device_id"
CURRENT_USER = "current_user_id"


def get_state(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row is not None else default


def set_state(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def device_id(session: Session) -> str:
    """This store's device id, made once when first asked for."""
    value = get_state(session, DEVICE_ID)
    if value is None:
        value = uuid7()
        set_state(session, DEVICE_ID, value)
        session.flush()
    return value

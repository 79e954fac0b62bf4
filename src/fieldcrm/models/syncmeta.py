"""Sync bookkeeping kept on the laptop: the outbox, key/value state, and the conflict and problem log."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from fieldcrm.ids import uuid7
from fieldcrm.models.base import utcnow


class OutboxEntry(SQLModel, table=True):
    """One recorded change waiting for the server. `client_seq` is an AUTOINCREMENT key: it never goes back."""

    __tablename__ = "outbox"
    __table_args__ = {"sqlite_autoincrement": True}

    client_seq: int | None = Field(default=None, primary_key=True)
    op_id: str = Field(default_factory=uuid7, unique=True, max_length=36)
    group_id: str = Field(index=True, max_length=36)
    device_id: str = Field(max_length=36)
    table_name: str = Field(max_length=40)
    row_id: str = Field(index=True, max_length=36)
    op: str = Field(max_length=12, description="insert | update | delete | action")
    action: str | None = Field(default=None, max_length=30, description="workflow step, e.g. submit, countersign")
    fields: str = Field(default="{}", description="JSON of the changed fields and their new values")
    base_version: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow)


class SyncState(SQLModel, table=True):
    """Small key/value facts of this store: device id, current user, pull cursor, last sync."""

    __tablename__ = "sync_state"

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(default="")


class ConflictRecord(SQLModel, table=True):
    """A field two sides changed, a rejected op, or a merge case: kept until the user resolves it."""

    __tablename__ = "conflict"

    id: str = Field(default_factory=uuid7, primary_key=True, max_length=36)
    kind: str = Field(default="field", max_length=20, description="field | rejected | merged | lost_value")
    table_name: str = Field(max_length=40)
    row_id: str = Field(index=True, max_length=36)
    field: str | None = Field(default=None, max_length=60)
    local_value: str | None = None
    server_value: str | None = None
    reason: str | None = None
    op: str | None = Field(default=None, max_length=12, description="a refused op's kind: insert|update|delete|action")
    action: str | None = Field(default=None, max_length=30, description="a refused workflow step, e.g. submit")
    status: str = Field(default="open", max_length=12, description="open | resolved")
    resolution: str | None = Field(default=None, max_length=12)
    created_at: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None

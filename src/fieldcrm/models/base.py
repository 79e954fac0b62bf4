"""The columns every synced table shares, and the UTC clock the store uses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlmodel import Field, SQLModel

if TYPE_CHECKING:
    from sqlalchemy import Table

from fieldcrm.ids import uuid7


def utcnow() -> datetime:
    """Aware UTC time: the store holds UTC throughout and the UI converts to local time for display."""
    return datetime.now(UTC)


class SyncedBase(SQLModel):
    """Mixin for synced tables: device-made UUIDv7 id, UTC timestamps, server version, tombstone, owner."""

    id: str = Field(default_factory=uuid7, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)
    version: int = Field(default=0, nullable=False, description="server revision of the row; 0 = never synced")
    deleted: bool = Field(default=False, nullable=False)
    owner_id: str | None = Field(default=None, index=True, max_length=36)

    if TYPE_CHECKING:
        # What SQLAlchemy gives each table class; SQLModel's stubs leave out the one and allow a callable for the other.
        __table__: ClassVar[Table]
        __tablename__: ClassVar[str]


#: Fields of the mixin that are bookkeeping, not content a user edits.
BOOKKEEPING_FIELDS = frozenset({"id", "created_at", "updated_at", "version", "deleted", "owner_id"})

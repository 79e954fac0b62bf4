"""Import history (导入记录): one batch per import and one item per row it created or changed, so it can be undone."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from fieldcrm.ids import uuid7
from fieldcrm.models.base import utcnow


class ImportBatch(SQLModel, table=True):
    """One committed import. Local bookkeeping, not synced: the rows it wrote are synced through the outbox."""

    __tablename__ = "import_batch"

    id: str = Field(default_factory=uuid7, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    user_id: str | None = Field(default=None, max_length=36)
    file_name: str = Field(default="", max_length=260)
    sheet: str | None = Field(default=None, max_length=100)
    on_duplicate: str = Field(default="skip", max_length=10)
    new_count: int = Field(default=0)
    update_count: int = Field(default=0)
    duplicate_count: int = Field(default=0)
    skipped_count: int = Field(default=0)
    error_count: int = Field(default=0)
    status: str = Field(default="done", max_length=10, description="done | undone")
    undone_at: datetime | None = None


class ImportItem(SQLModel, table=True):
    """A row an import inserted or updated; `before`/`after` hold the JSON of the changed fields for updates."""

    __tablename__ = "import_item"

    id: int | None = Field(default=None, primary_key=True)
    batch_id: str = Field(foreign_key="import_batch.id", index=True, max_length=36)
    table_name: str = Field(max_length=40)
    row_id: str = Field(max_length=36)
    action: str = Field(max_length=10, description="insert | update")
    source_row: int | None = None
    before: str | None = None
    after: str | None = None

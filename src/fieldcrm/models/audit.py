"""Export control (导出管控): head office's policy per role (exports, the app lock), and the audit trail of exports and
reveals."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase, utcnow

#: What a role may export: nothing, the customers on their side ("own"), or every customer they see.
EXPORT_SCOPES = ("none", "own", "visible")
#: What an audit event records: a customer list leaving the app, or a masked number shown in full.
AUDIT_KINDS = ("export", "reveal")


class ExportPolicy(SyncedBase, table=True):
    """One row per role, set by an admin at head office (`fieldcrm-server export-policy`); laptops only read it.
    Its id is `ids.stable_id("export_policy", role)`, so setting a role twice changes the same row."""

    __tablename__ = "export_policy"

    role: str = Field(max_length=12)
    scope: str = Field(default="own", max_length=10)
    row_cap: int | None = Field(default=None, description="most rows one export may hold; None: no cap")
    #: The app lock head office asks of this role (`fieldcrm-server lock-policy`): the window locks after at most
    #: this many idle minutes (None: as the user sets it, Never included), and with `cli_lock` the commands that
    #: show customer data ask for the password (again after that many minutes, 15 when unset).
    lock_minutes: int | None = Field(default=None)
    cli_lock: bool = Field(default=False, nullable=False)


class AuditEvent(SyncedBase, table=True):
    """Something a user did with customer data that head office wants to know of: an export (with its filter, row
    count and file name, never the folder) or the reveal of a masked number. The owner is the user who did it;
    events are written once and never changed."""

    __tablename__ = "audit_event"

    kind: str = Field(max_length=10)
    at: datetime = Field(default_factory=utcnow, nullable=False)
    filter_text: str = Field(default="", max_length=500)
    row_count: int = Field(default=0)
    file_name: str = Field(default="", max_length=255)
    customer_id: str | None = Field(default=None, max_length=36)

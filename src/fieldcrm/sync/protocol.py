"""Sync wire types (pydantic), shared by the laptop client and the head-office server; versioned."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: The protocol this code speaks, and the oldest client protocol the server still serves.
PROTOCOL_VERSION = 1
MIN_CLIENT_PROTOCOL = 1
PROTOCOL_HEADER = "X-FieldCRM-Protocol"

#: Tables a push may touch besides the synced model tables: resolving a conflict is an action on one.
CONFLICT_TABLE = "sync_conflict"
PAGE_SIZE = 1000
MAX_PAGE_SIZE = 5000
MAX_OPS_PER_PUSH = 500
#: What the server accepts in one push: a single user action (an import) may be far bigger than a batch.
MAX_OPS_ACCEPTED = 100_000
#: A push the laptop sends stops adding groups past this many bytes of fields (a single bigger group goes alone):
#: well under the server's request limit (16 MiB by default).
MAX_PUSH_FIELD_BYTES = 4 * 1024 * 1024
#: The largest number every database column of the protocol holds (signed 64-bit).
MAX_INT64 = 2**63 - 1
#: Names and ids on the wire: text without control characters (NUL above all: PostgreSQL cannot store it).
NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"

OpKind = Literal["insert", "update", "delete", "action"]
OpStatus = Literal["applied", "merged", "conflict", "rejected"]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(Wire):
    user: str = Field(min_length=1, max_length=100, pattern=NO_CONTROL)
    password: str = Field(min_length=1, max_length=1000)
    device_id: str = Field(min_length=1, max_length=36, pattern=NO_CONTROL)
    protocol: int = Field(default=PROTOCOL_VERSION, ge=0, le=MAX_INT64)


class UserInfo(Wire):
    id: str
    name: str
    role: str
    team_id: str | None = None
    team_name: str | None = None


class LoginResponse(Wire):
    token: str
    expires_at: str
    user: UserInfo
    server_time: str


class WireOp(Wire):
    """One outbox entry on the wire. Ops of one `group_id` are one user action: applied whole or not at all."""

    op_id: str = Field(min_length=1, max_length=36, pattern=NO_CONTROL)
    client_seq: int = Field(ge=1, le=MAX_INT64)
    group_id: str = Field(min_length=1, max_length=36, pattern=NO_CONTROL)
    table: str = Field(min_length=1, max_length=40, pattern=NO_CONTROL)
    row_id: str = Field(min_length=1, max_length=36, pattern=NO_CONTROL)
    op: OpKind
    action: str | None = Field(default=None, max_length=30, pattern=NO_CONTROL)
    fields: dict[str, Any] = Field(default_factory=dict)
    base_version: int = Field(default=0, ge=0, le=MAX_INT64)


class PushRequest(Wire):
    ops: list[WireOp] = Field(max_length=MAX_OPS_ACCEPTED)


class OpResult(Wire):
    op_id: str
    client_seq: int
    status: OpStatus
    reason: str | None = None
    conflict_ids: list[str] = Field(default_factory=list)
    row_id: str | None = None  # where the op landed, when a merge redirected it


class PushResponse(Wire):
    results: list[OpResult]
    server_time: str


class RowChange(Wire):
    """A row as the server holds it (`row`), or `gone`: the row left this user's view (remove it, not deleted)."""

    seq: int
    table: str
    id: str
    gone: bool = False
    row: dict[str, Any] | None = None


class TableChecksum(Wire):
    count: int
    version_sum: int


class PullResponse(Wire):
    changes: list[RowChange]
    next_after: int
    has_more: bool
    server_time: str
    checksums: dict[str, TableChecksum] | None = None


class ErrorBody(Wire):
    detail: str


WipeKind = Literal["lost", "departed"]


class GoneBody(ErrorBody):
    """A 410: the pull's cursor is older than the tombstone horizon (`wipe` absent), or this device is marked for a
    remote wipe: `lost`, erase without pushing; `departed`, push what is pending, then erase (`reason` says why)."""

    wipe: WipeKind | None = None
    reason: str | None = None

"""Handovers (客户交接): a customer handed from one rep to a teammate, step by step, as a synced record."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase, utcnow

#: The fields only the handover's steps set (accept, approve, decline): who took each step, when, and why not.
HANDOVER_WORKFLOW = frozenset(
    {"status", "accepted_by", "accepted_at", "approved_by", "approved_at", "declined_by", "declined_at"}
    | {"decline_reason"}
)


class Handover(SyncedBase, table=True):
    """One customer handed from `from_rep_id` to `to_rep_id`, with why. The row is its requester's (the rep who
    hands it over, or their supervisor: `requested_by`, also the owner); its status moves requested → accepted (by
    the receiving rep) → approved (by the supervisor of both), or → declined, with who and when for each step.
    Handovers asked for together (a rep leaving hands over all their customers) share a `batch_id`."""

    __tablename__ = "handover"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    from_rep_id: str = Field(max_length=36)
    to_rep_id: str = Field(index=True, max_length=36)
    reason: str = Field(max_length=500)
    status: str = Field(default="requested", max_length=10)
    batch_id: str | None = Field(default=None, max_length=36)
    requested_by: str = Field(max_length=36)
    requested_at: datetime = Field(default_factory=utcnow, nullable=False)
    accepted_by: str | None = Field(default=None, max_length=36)
    accepted_at: datetime | None = None
    approved_by: str | None = Field(default=None, max_length=36)
    approved_at: datetime | None = None
    declined_by: str | None = Field(default=None, max_length=36)
    declined_at: datetime | None = None
    decline_reason: str | None = Field(default=None, max_length=500)

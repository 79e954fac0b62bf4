"""Appeals (申诉): a rep who lost a customer asks the supervisor to decide who should hold it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase

#: An appeal is open until the supervisor upholds it (the customer goes to the appellant) or rejects it.
APPEAL_STATUSES = ("open", "upheld", "rejected")
#: How the appellant lost the customer: another rep's claim or registration reached head office first, or it was
#: returned to the pool, assigned, handed over or arbitrated away from them.
LOSSES = ("claim", "registration", "return_to_pool", "assignment", "handover", "arbitration")


class Appeal(SyncedBase, table=True):
    """One rep's appeal about one customer: their statement and evidence, and the supervisor's written decision.
    The row is the appellant's (`owner_id`); the rep holding the customer when it was filed (`holder_id`) and the
    supervisor of both see it too."""

    __tablename__ = "appeal"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    appellant_id: str = Field(max_length=36)
    holder_id: str | None = Field(default=None, max_length=36, description="who held the customer when filed")
    lost_how: str = Field(max_length=16)
    statement: str = Field(max_length=1000)
    first_contact_at: datetime | None = Field(default=None, description="the appellant's first contact, UTC")
    visit_ids: str = Field(default="", max_length=2000, description="comma-separated ids of the appellant's visits")
    filed_at: datetime = Field(nullable=False, description="UTC time of filing")
    status: str = Field(default="open", max_length=10)
    decision: str = Field(default="", max_length=1000)
    decided_by: str | None = Field(default=None, max_length=36)
    decided_at: datetime | None = None

"""Ownership history (客户归属记录): every change of a customer's owner, as a synced record written once."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase, utcnow

#: A rep's claim head office refused because another rep's claim reached it first (认领未成功): recorded by head
#: office, for the losing rep (her evidence for an appeal, and the customer stays in her view). No change of owner.
CLAIM_LOST = "claim_lost"
#: The ways a customer changes hands: its first contact, a claim from the public pool (公海), a release to it, a
#: return to it by head office's rules, a supervisor's assignment, a handover between reps, an arbitration; and a
#: claim lost (`CLAIM_LOST`), which changes nothing.
OWNERSHIP_KINDS = (
    "first_contact",
    "claim",
    "release",
    "return_to_pool",
    "assignment",
    "handover",
    "arbitration",
    CLAIM_LOST,
)


class OwnershipEvent(SyncedBase, table=True):
    """One change of a customer's owner: who made it (`by_user_id`, also the row's owner), from whom, to whom, when,
    why and under which rule; or a claim lost (`CLAIM_LOST`: by and for the losing rep, from and to nobody). Events
    are written once and never changed or deleted."""

    __tablename__ = "ownership_event"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    kind: str = Field(max_length=16)
    from_owner_id: str | None = Field(default=None, max_length=36)
    to_owner_id: str | None = Field(default=None, max_length=36)
    by_user_id: str = Field(max_length=36)
    at: datetime = Field(default_factory=utcnow, nullable=False, description="UTC time of the change")
    reason: str = Field(default="", max_length=500)
    rule: str | None = Field(default=None, max_length=40, description="the rule that decided it, e.g. no_followup")

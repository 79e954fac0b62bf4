"""Visit plans with their ordered stops, and the visits reps log (the interaction history)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase

VISIT_KINDS = ("visit", "call", "meeting", "email")
STOP_STATUSES = ("planned", "done", "cancelled")


class VisitPlan(SyncedBase, table=True):
    """One rep's plan for one day; its id is stable per (rep, day) so two laptops agree on it."""

    __tablename__ = "visit_plan"

    rep_id: str = Field(index=True, max_length=36)
    plan_date: date = Field(index=True)
    note: str = Field(default="")


class PlannedStop(SyncedBase, table=True):
    __tablename__ = "planned_stop"

    plan_id: str = Field(foreign_key="visit_plan.id", index=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    position: int = Field(default=0)
    purpose: str = Field(default="")
    status: str = Field(default="planned", max_length=10)
    visit_id: str | None = Field(default=None, max_length=36)


class Visit(SyncedBase, table=True):
    __tablename__ = "visit"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    rep_id: str = Field(index=True, max_length=36)
    stop_id: str | None = Field(default=None, max_length=36)
    kind: str = Field(default="visit", max_length=10)
    started_at: datetime = Field(index=True, description="UTC time the rep claims")
    ended_at: datetime | None = None
    received_at: datetime | None = Field(default=None, description="UTC time the server received it")
    outcome: str = Field(default="")
    notes: str = Field(default="")
    next_step: str | None = None
    next_date: date | None = None

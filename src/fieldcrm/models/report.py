"""Daily visit reports (销售日报) and their countersignature."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from fieldcrm.models.base import SyncedBase

REPORT_STATUSES = ("draft", "submitted", "countersigned", "returned")


class DailyReport(SyncedBase, table=True):
    """A rep's report for one day; its id is stable per (rep, day). `content` is the canonical JSON of its visits."""

    __tablename__ = "daily_report"

    rep_id: str = Field(index=True, max_length=36)
    report_date: date = Field(index=True)
    summary: str = Field(default="")
    content: str = Field(default="[]", description="JSON snapshot of the day's visits, built, never retyped")
    status: str = Field(default="draft", max_length=15)
    submitted_at: datetime | None = None
    times_submitted: int = Field(default=0)
    signed_by: str | None = Field(default=None, max_length=36)
    signed_at: datetime | None = None
    signature: str | None = Field(default=None, max_length=64, description="SHA-256 of the canonical content")
    return_comment: str | None = None
    returned_by: str | None = Field(default=None, max_length=36)

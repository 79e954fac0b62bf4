"""Sales opportunities moving through the funnel."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Integer
from sqlmodel import Field

from fieldcrm.models.base import SyncedBase

#: Open stages in funnel order, then the two closed ones (won, lost).
OPEN_STAGES = ("潜在客户", "意向客户", "需求确认", "方案提供", "谈判签约")
CLOSED_STAGES = ("赢单", "输单")
OPPORTUNITY_STAGES = OPEN_STAGES + CLOSED_STAGES
WON_STAGE = CLOSED_STAGES[0]

#: Amounts in 分 outgrow 32 bits at about ¥21.4M: BIGINT on PostgreSQL. SQLite's INTEGER is 64-bit already, so the
#: laptop's store and the server's SQLite option keep the INTEGER column their first migrations made.
_CENTS = BigInteger().with_variant(Integer(), "sqlite")


class Opportunity(SyncedBase, table=True):
    __tablename__ = "opportunity"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    title: str = Field(max_length=200)
    stage: str = Field(default="潜在客户", max_length=10)
    amount_cents: int = Field(default=0, sa_type=_CENTS, description="expected amount in 分 (CNY cents)")
    expected_close: date | None = None
    closed_at: datetime | None = None
    lost_reason: str | None = None

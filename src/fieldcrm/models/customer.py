"""Customer files (客户档案) and their contacts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from fieldcrm.models.base import SyncedBase
from fieldcrm.vocabulary import GRADES, STAGES

__all__ = ["GRADES", "STAGES", "Contact", "Customer"]


class Customer(SyncedBase, table=True):
    __tablename__ = "customer"
    __table_args__ = (
        Index(
            "ix_customer_credit_code",
            "credit_code",
            unique=True,
            sqlite_where=text("credit_code IS NOT NULL"),
            postgresql_where=text("credit_code IS NOT NULL"),
        ),
        # Names in code point order. The laptop's customer list orders by pinyin instead, through a table and an
        # index of its own beside the search index (fieldcrm.store.search_index), which the server never has.
        Index("ix_customer_name_sort", "name_norm", "id"),
    )

    name: str = Field(max_length=200, nullable=False)
    name_norm: str = Field(default="", index=True, max_length=200)
    credit_code: str | None = Field(default=None, max_length=18)
    phone: str | None = Field(default=None, max_length=40)
    phone_norm: str | None = Field(default=None, index=True, max_length=40)
    address: str | None = Field(default=None, max_length=300)
    region: str | None = Field(default=None, index=True, max_length=40)
    industry: str | None = Field(default=None, index=True, max_length=60)
    size: str | None = Field(default=None, max_length=40)
    grade: str | None = Field(default=None, index=True, max_length=1)
    stage: str | None = Field(default=None, index=True, max_length=10)
    source: str | None = Field(default=None, max_length=60)
    first_contact_at: datetime | None = None
    first_contact_by: str | None = Field(default=None, max_length=36)
    protection_until: date | None = None
    in_public_pool: bool = Field(default=False, nullable=False)
    tags: str = Field(default="", max_length=500, description="comma-separated")
    notes: str = Field(default="")
    next_follow_up: date | None = Field(default=None, index=True)
    merged_into: str | None = Field(default=None, max_length=36)


class Contact(SyncedBase, table=True):
    __tablename__ = "contact"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    name: str = Field(max_length=100)
    title: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=40)
    mobile: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)
    wechat: str | None = Field(default=None, max_length=100)
    is_primary: bool = Field(default=False, nullable=False)

"""Ownership events: the synced history of every change of a customer's owner (first contact, claim, release,
return to the pool, assignment, handover, arbitration), customer-scoped and written once.

Revision ID: s0008_ownership_events
Revises: s0007_amount_bigint
"""

import sqlalchemy as sa
from alembic import op

revision = "s0008_ownership_events"
down_revision = "s0007_amount_bigint"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ownership_event",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("from_owner_id", sa.String(36), nullable=True),
        sa.Column("to_owner_id", sa.String(36), nullable=True),
        sa.Column("by_user_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("rule", sa.String(40), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ownership_event_owner_id", "ownership_event", ["owner_id"])
    op.create_index("ix_ownership_event_customer_id", "ownership_event", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_ownership_event_customer_id", table_name="ownership_event")
    op.drop_index("ix_ownership_event_owner_id", table_name="ownership_event")
    op.drop_table("ownership_event")

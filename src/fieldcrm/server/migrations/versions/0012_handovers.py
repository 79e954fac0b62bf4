"""Handovers: a customer handed from one rep to a teammate (requested, accepted, approved or declined),
customer-scoped; the receiving rep sees the customer while it is pending (server/visibility.py).

Revision ID: s0012_handovers
Revises: s0011_login_throttle
"""

import sqlalchemy as sa
from alembic import op

revision = "s0012_handovers"
down_revision = "s0011_login_throttle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("from_rep_id", sa.String(36), nullable=False),
        sa.Column("to_rep_id", sa.String(36), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("batch_id", sa.String(36), nullable=True),
        sa.Column("requested_by", sa.String(36), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_by", sa.String(36), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by", sa.String(36), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("declined_by", sa.String(36), nullable=True),
        sa.Column("declined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decline_reason", sa.String(500), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_handover_owner_id", "handover", ["owner_id"])
    op.create_index("ix_handover_customer_id", "handover", ["customer_id"])
    op.create_index("ix_handover_to_rep_id", "handover", ["to_rep_id"])


def downgrade() -> None:
    op.drop_index("ix_handover_to_rep_id", table_name="handover")
    op.drop_index("ix_handover_customer_id", table_name="handover")
    op.drop_index("ix_handover_owner_id", table_name="handover")
    op.drop_table("handover")

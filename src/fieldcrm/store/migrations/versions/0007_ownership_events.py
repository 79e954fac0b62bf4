"""ownership events: the synced history of every change of a customer's owner (first contact, claim, release, …)

Revision ID: 0007_ownership_events
Revises: 0006_export_control
Create Date: 2026-12-07 03:00:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007_ownership_events"
down_revision = "0006_export_control"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ownership_event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("from_owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("to_owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("by_user_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ownership_event", schema=None) as batch_op:
        batch_op.create_index("ix_ownership_event_customer_id", ["customer_id"], unique=False)
        batch_op.create_index("ix_ownership_event_owner_id", ["owner_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ownership_event", schema=None) as batch_op:
        batch_op.drop_index("ix_ownership_event_owner_id")
        batch_op.drop_index("ix_ownership_event_customer_id")
    op.drop_table("ownership_event")

"""appeals: a rep's appeal about a customer they lost, and the supervisor's written decision

Revision ID: 0009_appeals
Revises: 0008_lock_policy
Create Date: 2026-12-07 06:00:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0009_appeals"
down_revision = "0008_lock_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appeal",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("appellant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("holder_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("lost_how", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("statement", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("first_contact_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("visit_ids", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("filed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.create_index("ix_appeal_customer_id", ["customer_id"], unique=False)
        batch_op.create_index("ix_appeal_owner_id", ["owner_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_index("ix_appeal_owner_id")
        batch_op.drop_index("ix_appeal_customer_id")
    op.drop_table("appeal")

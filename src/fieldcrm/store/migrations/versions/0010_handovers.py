"""handovers: a customer handed from one rep to a teammate (requested, accepted, approved or declined)

Revision ID: 0010_handovers
Revises: 0009_appeals
Create Date: 2026-12-07 05:40:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0010_handovers"
down_revision = "0009_appeals"
branch_labels = None
depends_on = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", _text(36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", _text(36), nullable=True),
        sa.Column("customer_id", _text(36), nullable=False),
        sa.Column("from_rep_id", _text(36), nullable=False),
        sa.Column("to_rep_id", _text(36), nullable=False),
        sa.Column("reason", _text(500), nullable=False),
        sa.Column("status", _text(10), nullable=False),
        sa.Column("batch_id", _text(36), nullable=True),
        sa.Column("requested_by", _text(36), nullable=False),
        sa.Column("requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("accepted_by", _text(36), nullable=True),
        sa.Column("accepted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("approved_by", _text(36), nullable=True),
        sa.Column("approved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("declined_by", _text(36), nullable=True),
        sa.Column("declined_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("decline_reason", _text(500), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.create_index("ix_handover_customer_id", ["customer_id"], unique=False)
        batch_op.create_index("ix_handover_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_handover_to_rep_id", ["to_rep_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.drop_index("ix_handover_to_rep_id")
        batch_op.drop_index("ix_handover_owner_id")
        batch_op.drop_index("ix_handover_customer_id")
    op.drop_table("handover")

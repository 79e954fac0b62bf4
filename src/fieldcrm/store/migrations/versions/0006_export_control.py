"""export control: head office's export policy per role (read only here) and the audit trail of exports and reveals

Revision ID: 0006_export_control
Revises: 0005_pinyin
Create Date: 2026-12-08 09:00:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0006_export_control"
down_revision = "0005_pinyin"
branch_labels = None
depends_on = None


def _bookkeeping() -> list[sa.Column]:
    """The columns every synced table starts with."""
    return [
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "export_policy",
        *_bookkeeping(),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("row_cap", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_export_policy_owner_id", "export_policy", ["owner_id"], unique=False)
    op.create_table(
        "audit_event",
        *_bookkeeping(),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("filter_text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_event_owner_id", "audit_event", ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_event_owner_id", table_name="audit_event")
    op.drop_table("audit_event")
    op.drop_index("ix_export_policy_owner_id", table_name="export_policy")
    op.drop_table("export_policy")

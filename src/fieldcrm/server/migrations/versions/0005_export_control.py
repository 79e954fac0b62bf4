"""Export control: head office's export policy per role, the audit trail of exports and reveals, and the feed's
directory index widened to the policy (a directory table every signed-in user reads).

Revision ID: s0005_export_control
Revises: s0004_feed_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "s0005_export_control"
down_revision = "s0004_feed_indexes"
branch_labels = None
depends_on = None

_DIRECTORY_BEFORE = "table_name IN ('team', 'app_user')"
_DIRECTORY_AFTER = "table_name IN ('team', 'app_user', 'export_policy')"


def _synced_table(name: str, *columns: sa.Column) -> None:
    """A synced table: the bookkeeping columns every one starts with, then its own; an index on owner_id."""
    op.create_table(
        name,
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        *columns,
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(f"ix_{name}_owner_id", name, ["owner_id"])


def _directory_index(predicate: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_row_seq_directory", table_name="row_seq")
    op.create_index("ix_row_seq_directory", "row_seq", ["seq"], postgresql_where=sa.text(predicate))


def upgrade() -> None:
    _synced_table(
        "export_policy",
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("row_cap", sa.Integer(), nullable=True),
    )
    _synced_table(
        "audit_event",
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("filter_text", sa.String(500), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=True),
    )
    _directory_index(_DIRECTORY_AFTER)


def downgrade() -> None:
    _directory_index(_DIRECTORY_BEFORE)
    for name in ("audit_event", "export_policy"):
        op.drop_index(f"ix_{name}_owner_id", table_name=name)
        op.drop_table(name)

"""lock policy: head office's app lock per role, kept with its export policy (read only here)

Revision ID: 0008_lock_policy
Revises: 0007_ownership_events
Create Date: 2026-12-07 03:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_lock_policy"
down_revision = "0007_ownership_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("export_policy") as batch:
        batch.add_column(sa.Column("lock_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("cli_lock", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("export_policy") as batch:  # the default filled the rows there were; the model has none
        batch.alter_column("cli_lock", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("export_policy") as batch:
        batch.drop_column("cli_lock")
        batch.drop_column("lock_minutes")

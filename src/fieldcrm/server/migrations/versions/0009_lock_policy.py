"""Lock policy: head office's app lock per role, kept with its export policy.

Revision ID: s0009_lock_policy
Revises: s0008_ownership_events
"""

import sqlalchemy as sa
from alembic import op

revision = "s0009_lock_policy"
down_revision = "s0008_ownership_events"
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

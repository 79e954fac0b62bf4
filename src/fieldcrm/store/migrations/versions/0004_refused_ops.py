"""refused ops remember what they were (insert, update, delete or a workflow step), so "keep mine" can send them again

Revision ID: 0004_refused_ops
Revises: 0003_import_history
Create Date: 2026-12-06 18:00:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004_refused_ops"
down_revision = "0003_import_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conflict") as batch:
        batch.add_column(sa.Column("op", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True))
        batch.add_column(sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conflict") as batch:
        batch.drop_column("action")
        batch.drop_column("op")

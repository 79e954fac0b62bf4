"""team rules: each team's own ownership settings (JSON), set by its supervisor or an admin

Revision ID: 0011_team_rules
Revises: 0010_handovers
Create Date: 2026-12-07 08:30:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011_team_rules"
down_revision = "0010_handovers"
branch_labels = None
depends_on = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "team_rules",
        sa.Column("id", _text(36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", _text(36), nullable=True),
        sa.Column("team_id", _text(36), nullable=False),
        sa.Column("rules", _text(8000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_team_rules_owner_id", "team_rules", ["owner_id"], unique=False)
    op.create_index("ix_team_rules_team_id", "team_rules", ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_team_rules_team_id", table_name="team_rules")
    op.drop_index("ix_team_rules_owner_id", table_name="team_rules")
    op.drop_table("team_rules")

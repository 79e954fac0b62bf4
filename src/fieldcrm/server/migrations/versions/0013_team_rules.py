"""Team rules: each team's own ownership settings (JSON), set by its supervisor or an admin; the team's members see
them (the feed keeps the team as the row's party, server/visibility.py).

Revision ID: s0013_team_rules
Revises: s0012_handovers
"""

import sqlalchemy as sa
from alembic import op

revision = "s0013_team_rules"
down_revision = "s0012_handovers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_rules",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("team_id", sa.String(36), nullable=False),
        sa.Column("rules", sa.String(8000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_team_rules_owner_id", "team_rules", ["owner_id"])
    op.create_index("ix_team_rules_team_id", "team_rules", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_team_rules_team_id", table_name="team_rules")
    op.drop_index("ix_team_rules_owner_id", table_name="team_rules")
    op.drop_table("team_rules")

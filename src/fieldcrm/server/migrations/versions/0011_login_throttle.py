"""Table `login_throttle`: the login throttle's token bucket per client address, shared by every server process.

Revision ID: s0011_login_throttle
Revises: s0010_appeals
"""

import sqlalchemy as sa
from alembic import op

revision = "s0011_login_throttle"
down_revision = "s0010_appeals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("address_key", sa.Text(), primary_key=True),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("login_throttle")

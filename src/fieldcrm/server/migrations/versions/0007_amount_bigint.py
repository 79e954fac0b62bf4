"""`opportunity.amount_cents` as BIGINT: in 分, a 32-bit column refuses deals above about ¥21.4M.

PostgreSQL only: SQLite's INTEGER is 64-bit already. The ALTER rewrites the table under an exclusive lock, once.

Revision ID: s0007_amount_bigint
Revises: s0006_devices
"""

import sqlalchemy as sa
from alembic import op

revision = "s0007_amount_bigint"
down_revision = "s0006_devices"
branch_labels = None
depends_on = None


def _retype(new: sa.types.TypeEngine, old: sa.types.TypeEngine) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column("opportunity", "amount_cents", type_=new, existing_type=old, existing_nullable=False)


def upgrade() -> None:
    _retype(sa.BigInteger(), sa.Integer())


def downgrade() -> None:
    """Back to 32 bits; fails (and changes nothing) while a row holds an amount that does not fit."""
    _retype(sa.Integer(), sa.BigInteger())

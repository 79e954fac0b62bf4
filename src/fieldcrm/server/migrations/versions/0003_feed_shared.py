"""Feed flag `row_seq.shared`: the row's customer may be seen by more than its owner's side.

The pull probes customers and visits only for shared rows; for the rest the owner columns decide. Existing rows
are marked from the data: lowered where the customer is private to its owner's side (not in the public pool, and
every visit and feed row under it belongs to the customer's owner), raised everywhere else.

Revision ID: s0003_feed_shared
Revises: s0002_visibility_index
"""

import sqlalchemy as sa
from alembic import op

revision = "s0003_feed_shared"
down_revision = "s0002_visibility_index"
branch_labels = None
depends_on = None

_row_seq = sa.table("row_seq", sa.column("customer_id"), sa.column("owner_id"), sa.column("shared"))
_others = _row_seq.alias("others")
_customer = sa.table("customer", sa.column("id"), sa.column("owner_id"), sa.column("in_public_pool"))
_visit = sa.table("visit", sa.column("customer_id"), sa.column("owner_id"))


def upgrade() -> None:
    op.add_column("row_seq", sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.true()))
    private = sa.select(_customer.c.id).where(
        _customer.c.in_public_pool == sa.false(),
        ~sa.exists().where(
            _visit.c.customer_id == _customer.c.id, _visit.c.owner_id.is_distinct_from(_customer.c.owner_id)
        ),
        ~sa.exists().where(
            _others.c.customer_id == _customer.c.id, _others.c.owner_id.is_distinct_from(_customer.c.owner_id)
        ),
    )
    op.execute(
        _row_seq.update()
        .where(sa.or_(_row_seq.c.customer_id.is_(None), _row_seq.c.customer_id.in_(private)))
        .values(shared=False)
    )


def downgrade() -> None:
    with op.batch_alter_table("row_seq") as batch:
        batch.drop_column("shared")

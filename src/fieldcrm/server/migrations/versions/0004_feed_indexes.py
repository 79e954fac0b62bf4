"""Indexes the PostgreSQL pull reads a viewer's part of the feed from, in seq order (server/feed.py).

SQLite's smaller servers filter the feed in one walk and get none of them.

Revision ID: s0004_feed_indexes
Revises: s0003_feed_shared
"""

import sqlalchemy as sa
from alembic import op

revision = "s0004_feed_indexes"
down_revision = "s0003_feed_shared"
branch_labels = None
depends_on = None

#: (name, columns, predicate of a partial index or None)
_INDEXES = (
    ("ix_row_seq_owner_seq", ["owner_id", "seq"], None),
    ("ix_row_seq_moved", ["prev_owner_id", "seq"], "prev_owner_id IS DISTINCT FROM owner_id"),
    ("ix_row_seq_prev_public", ["seq"], "prev_public"),
    ("ix_row_seq_directory", ["seq"], "table_name IN ('team', 'app_user')"),
    ("ix_row_seq_shared", ["seq"], "shared"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, columns, where in _INDEXES:
        op.create_index(name, "row_seq", columns, postgresql_where=None if where is None else sa.text(where))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _columns, _where in reversed(_INDEXES):
        op.drop_index(name, table_name="row_seq")

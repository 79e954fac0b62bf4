"""Indexes the PostgreSQL pull reads a viewer's part of the feed from, in seq order (server/feed.py).

Revision ID: s0004_feed_indexes
Revises: s0003_feed_shared
"""

import sqlalchemy as sa
from alembic import op

from fieldcrm.server.tables import FEED_INDEXES

revision = "s0004_feed_indexes"
down_revision = "s0003_feed_shared"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # s0001 builds the server tables from the current definitions, so a new database has them already.
    present = {index["name"] for index in sa.inspect(bind).get_indexes("row_seq")}
    for index in FEED_INDEXES:
        if index.name not in present:
            index.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for index in FEED_INDEXES:
        index.drop(bind, checkfirst=True)

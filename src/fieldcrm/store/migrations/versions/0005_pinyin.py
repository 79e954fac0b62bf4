"""pinyin (拼音) of customer and contact names, laptop-only beside the search index: sort keys and initials, the
index the customer list's name order walks, and the pinyin search tokens; filled in for every row already stored

Revision ID: 0005_pinyin
Revises: 0004_refused_ops
Create Date: 2026-12-07 09:00:00
"""

from alembic import op

from fieldcrm.store import search_index

revision = "0005_pinyin"
down_revision = "0004_refused_ops"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in search_index.PINYIN_CREATE_STATEMENTS:
        op.execute(statement)
    bind = op.get_bind()
    search_index.reindex_customers(bind, [row[0] for row in bind.exec_driver_sql("SELECT id FROM customer")])


def downgrade() -> None:
    for statement in search_index.PINYIN_DROP_STATEMENTS:
        op.execute(statement)

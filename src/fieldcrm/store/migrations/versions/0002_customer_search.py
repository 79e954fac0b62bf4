"""customer full-text search index (bigram FTS5), built from the rows already stored; name sort index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 01:05:00
"""

from alembic import op

from fieldcrm.store import search_index

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in search_index.CREATE_STATEMENTS:
        op.execute(statement)
    search_index.rebuild(op.get_bind(), pinyin=False)  # the pinyin came with 0005
    op.create_index("ix_customer_name_sort", "customer", ["name_norm", "id"])


def downgrade() -> None:
    op.drop_index("ix_customer_name_sort", "customer")
    for statement in search_index.DROP_STATEMENTS:
        op.execute(statement)

"""pinyin (拼音) of customer and contact names, laptop-only beside the search index: sort keys and initials, the
index the customer list's name order walks, and the pinyin search tokens. The tables are made here; filling them
needs the pinyin of every stored name, which the live code works out: the store does it right after migrating
(`store.migrate.upgrade_store`, on the marker this step leaves), in the same transaction.

Revision ID: 0005_pinyin
Revises: 0004_refused_ops
Create Date: 2026-12-07 09:00:00
"""

from alembic import op

revision = "0005_pinyin"
down_revision = "0004_refused_ops"
branch_labels = None
depends_on = None

_CREATE = (
    "ALTER TABLE customer_search_key ADD COLUMN name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE customer_search_key ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE customer_search_key ADD COLUMN name_initials TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX ix_customer_name_pinyin ON customer_search_key (name_pinyin, name, customer_id)",
    # keyed by customer first: a customer's contacts are replaced together, and looked up with their customer
    "CREATE TABLE contact_name_key (customer_id VARCHAR(36) NOT NULL, contact_id VARCHAR(36) NOT NULL,"
    " name_pinyin TEXT NOT NULL, name_initials TEXT NOT NULL, PRIMARY KEY (customer_id, contact_id)) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE customer_pinyin USING fts5(body,"
    " tokenize = 'unicode61 remove_diacritics 0', detail = none, columnsize = 0, prefix = '2 3')",
)
_DROP = (
    "DROP TABLE IF EXISTS customer_pinyin",
    "DROP TABLE IF EXISTS contact_name_key",
    "DROP INDEX IF EXISTS ix_customer_name_pinyin",
    "ALTER TABLE customer_search_key DROP COLUMN name_initials",
    "ALTER TABLE customer_search_key DROP COLUMN name_pinyin",
    "ALTER TABLE customer_search_key DROP COLUMN name",
)
#: Left for the store: rebuild the search index with the pinyin once this migration has run.
_MARK = "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('search_index_rebuild', '0005_pinyin')"


def upgrade() -> None:
    for statement in _CREATE:
        op.execute(statement)
    op.execute(_MARK)


def downgrade() -> None:
    for statement in _DROP:
        op.execute(statement)
    op.execute("DELETE FROM sync_state WHERE key = 'search_index_rebuild'")

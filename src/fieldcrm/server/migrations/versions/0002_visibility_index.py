"""Index for the visibility check "the viewer's side logged a visit to this customer": one probe per feed row.

Without it PostgreSQL answers the probe by combining the customer index with the owner index, and for a rep with
hundreds of thousands of visits each probe read all of them.

Revision ID: s0002_visibility_index
Revises: s0001_server_schema
"""

from alembic import op

revision = "s0002_visibility_index"
down_revision = "s0001_server_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_visit_customer_owner", "visit", ["customer_id", "owner_id"])


def downgrade() -> None:
    op.drop_index("ix_visit_customer_owner", table_name="visit")

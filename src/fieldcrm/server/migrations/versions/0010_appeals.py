"""Appeals: a rep's appeal about a customer they lost and the supervisor's decision (customer-scoped), and the feed's
`row_seq.party_id`: a second user whose side sees a row (an appeal's rep holding the customer), with the index the
PostgreSQL pull reads their part of the feed from.

Revision ID: s0010_appeals
Revises: s0009_lock_policy
"""

import sqlalchemy as sa
from alembic import op

revision = "s0010_appeals"
down_revision = "s0009_lock_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appeal",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("appellant_id", sa.String(36), nullable=False),
        sa.Column("holder_id", sa.String(36), nullable=True),
        sa.Column("lost_how", sa.String(16), nullable=False),
        sa.Column("statement", sa.String(1000), nullable=False),
        sa.Column("first_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("visit_ids", sa.String(2000), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("decision", sa.String(1000), nullable=False),
        sa.Column("decided_by", sa.String(36), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_appeal_owner_id", "appeal", ["owner_id"])
    op.create_index("ix_appeal_customer_id", "appeal", ["customer_id"])
    with op.batch_alter_table("row_seq") as batch:
        batch.add_column(sa.Column("party_id", sa.String(36), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_row_seq_party", "row_seq", ["party_id", "seq"], postgresql_where=sa.text("party_id IS NOT NULL")
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_row_seq_party", table_name="row_seq")
    with op.batch_alter_table("row_seq") as batch:
        batch.drop_column("party_id")
    op.drop_index("ix_appeal_customer_id", table_name="appeal")
    op.drop_index("ix_appeal_owner_id", table_name="appeal")
    op.drop_table("appeal")

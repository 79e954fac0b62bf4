"""Server schema: the synced tables and the server's bookkeeping, as they were at this revision.

Written out here, not built from the models or server/tables.py: what this step makes must never change with them.
Later changes are later revisions (the feed's `shared` flag in s0003, its PostgreSQL indexes in s0004).

Revision ID: s0001_server_schema
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "s0001_server_schema"
down_revision = None
branch_labels = None
depends_on = None

#: Integers that outgrow 32 bits on PostgreSQL; SQLite's INTEGER is 64-bit already (and an INTEGER primary key is the
#: rowid, numbered by SQLite).
_BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

#: Every table, in the order upgrade() makes them (a table after those it references); downgrade() drops them in
#: reverse.
_TABLES = (
    *("team", "app_user", "customer", "contact", "visit_plan", "planned_stop", "visit", "daily_report", "opportunity"),
    *("credential", "auth_token", "sync_counter", "row_seq", "field_change", "applied_op", "sync_conflict"),
)


def _synced_table(
    name: str, *columns: sa.Column, references: dict[str, str] | None = None, indexes: tuple[str, ...] = ()
) -> None:
    """A synced table: the bookkeeping columns every one starts with, then its own; a foreign key from each column
    in `references` to the id of the table named there; an index `ix_<table>_<column>` on owner_id and on each
    column in `indexes`."""
    fks = [sa.ForeignKeyConstraint([column], [f"{target}.id"]) for column, target in (references or {}).items()]
    op.create_table(
        name,
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        *columns,
        *fks,
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("owner_id", *indexes):
        op.create_index(f"ix_{name}_{column}", name, [column])


def upgrade() -> None:
    _synced_table(
        "team",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("supervisor_id", sa.String(36), nullable=True),
        indexes=("name",),
    )
    _synced_table(
        "app_user",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("team_id", sa.String(36), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        indexes=("name", "team_id"),
    )
    _synced_table(
        "customer",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_norm", sa.String(200), nullable=False),
        sa.Column("credit_code", sa.String(18), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("phone_norm", sa.String(40), nullable=True),
        sa.Column("address", sa.String(300), nullable=True),
        sa.Column("region", sa.String(40), nullable=True),
        sa.Column("industry", sa.String(60), nullable=True),
        sa.Column("size", sa.String(40), nullable=True),
        sa.Column("grade", sa.String(1), nullable=True),
        sa.Column("stage", sa.String(10), nullable=True),
        sa.Column("source", sa.String(60), nullable=True),
        sa.Column("first_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_contact_by", sa.String(36), nullable=True),
        sa.Column("protection_until", sa.Date(), nullable=True),
        sa.Column("in_public_pool", sa.Boolean(), nullable=False),
        sa.Column("tags", sa.String(500), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("merged_into", sa.String(36), nullable=True),
        indexes=("name_norm", "phone_norm", "region", "industry", "grade", "stage", "next_follow_up"),
    )
    op.create_index(
        "ix_customer_credit_code",
        "customer",
        ["credit_code"],
        unique=True,
        sqlite_where=sa.text("credit_code IS NOT NULL"),
        postgresql_where=sa.text("credit_code IS NOT NULL"),
    )
    op.create_index("ix_customer_name_sort", "customer", ["name_norm", "id"])
    _synced_table(
        "contact",
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("title", sa.String(100), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("mobile", sa.String(40), nullable=True),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("wechat", sa.String(100), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        references={"customer_id": "customer"},
        indexes=("customer_id",),
    )
    _synced_table(
        "visit_plan",
        sa.Column("rep_id", sa.String(36), nullable=False),
        sa.Column("plan_date", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        indexes=("rep_id", "plan_date"),
    )
    _synced_table(
        "planned_stop",
        sa.Column("plan_id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=True),
        references={"customer_id": "customer", "plan_id": "visit_plan"},
        indexes=("plan_id", "customer_id"),
    )
    _synced_table(
        "visit",
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("rep_id", sa.String(36), nullable=False),
        sa.Column("stop_id", sa.String(36), nullable=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("next_step", sa.String(), nullable=True),
        sa.Column("next_date", sa.Date(), nullable=True),
        references={"customer_id": "customer"},
        indexes=("customer_id", "rep_id", "started_at"),
    )
    _synced_table(
        "daily_report",
        sa.Column("rep_id", sa.String(36), nullable=False),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("status", sa.String(15), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("times_submitted", sa.Integer(), nullable=False),
        sa.Column("signed_by", sa.String(36), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("signature", sa.String(64), nullable=True),
        sa.Column("return_comment", sa.String(), nullable=True),
        sa.Column("returned_by", sa.String(36), nullable=True),
        indexes=("rep_id", "report_date"),
    )
    _synced_table(
        "opportunity",
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("stage", sa.String(10), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lost_reason", sa.String(), nullable=True),
        references={"customer_id": "customer"},
        indexes=("customer_id",),
    )

    op.create_table(
        "credential",
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "auth_token",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_auth_token_user_id", "auth_token", ["user_id"])
    sync_counter = op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", _BIG, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "row_seq",
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("seq", _BIG, nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("customer_id", sa.String(36), nullable=True),
        sa.Column("prev_owner_id", sa.String(36), nullable=True),
        sa.Column("prev_public", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
        sa.UniqueConstraint("seq"),
    )
    op.create_index("ix_row_seq_customer_id", "row_seq", ["customer_id"])
    op.create_table(
        "field_change",
        sa.Column("id", _BIG, autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("seq", _BIG, nullable=False),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_field_change_row", "field_change", ["table_name", "row_id", "seq"])
    op.create_table(
        "applied_op",
        sa.Column("op_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("client_seq", _BIG, nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("op_id"),
    )
    op.create_index("ix_applied_op_device", "applied_op", ["device_id", "client_seq"])
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("field", sa.String(60), nullable=True),
        sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("offered_value", sa.Text(), nullable=True),
        sa.Column("offered_by_user", sa.String(36), nullable=True),
        sa.Column("offered_by_device", sa.String(36), nullable=True),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("customer_id", sa.String(36), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("resolution", sa.String(12), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(36), nullable=True),
        sa.Column("version", _BIG, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_conflict_row_id", "sync_conflict", ["row_id"])
    op.bulk_insert(sync_counter, [{"id": 1, "value": 0}])


def downgrade() -> None:
    for name in reversed(_TABLES):
        op.drop_table(name)

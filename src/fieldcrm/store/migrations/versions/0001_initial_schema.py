"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 00:54:44.130786
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_app_user_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_app_user_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_app_user_team_id"), ["team_id"], unique=False)

    op.create_table(
        "conflict",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("table_name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("row_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("local_value", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("server_value", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("resolution", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_row_id"), ["row_id"], unique=False)

    op.create_table(
        "customer",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_norm", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("credit_code", sqlmodel.sql.sqltypes.AutoString(length=18), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("phone_norm", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("industry", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("size", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("grade", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("first_contact_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("first_contact_by", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("protection_until", sa.Date(), nullable=True),
        sa.Column("in_public_pool", sa.Boolean(), nullable=False),
        sa.Column("tags", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("merged_into", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_customer_credit_code",
            ["credit_code"],
            unique=True,
            sqlite_where=sa.text("credit_code IS NOT NULL"),
            postgresql_where=sa.text("credit_code IS NOT NULL"),
        )
        batch_op.create_index(batch_op.f("ix_customer_grade"), ["grade"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_industry"), ["industry"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_name_norm"), ["name_norm"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_next_follow_up"), ["next_follow_up"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_phone_norm"), ["phone_norm"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_region"), ["region"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_stage"), ["stage"], unique=False)

    op.create_table(
        "daily_report",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("rep_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=15), nullable=False),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("times_submitted", sa.Integer(), nullable=False),
        sa.Column("signed_by", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("signed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("signature", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("return_comment", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("returned_by", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("daily_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_daily_report_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_daily_report_rep_id"), ["rep_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_daily_report_report_date"), ["report_date"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("client_seq", sa.Integer(), nullable=False),
        sa.Column("op_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("group_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("table_name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("row_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("op", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("fields", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("client_seq"),
        sa.UniqueConstraint("op_id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_row_id"), ["row_id"], unique=False)

    op.create_table(
        "sync_state",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "team",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("supervisor_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_team_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "visit_plan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("rep_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("plan_date", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_plan_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_plan_plan_date"), ["plan_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_plan_rep_id"), ["rep_id"], unique=False)

    op.create_table(
        "contact",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("mobile", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("wechat", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "opportunity",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("lost_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opportunity_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunity_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "planned_stop",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("plan_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("visit_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["visit_plan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("planned_stop", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planned_stop_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_planned_stop_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_planned_stop_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "visit",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("rep_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("stop_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("next_step", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("next_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_rep_id"), ["rep_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_started_at"), ["started_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_started_at"))
        batch_op.drop_index(batch_op.f("ix_visit_rep_id"))
        batch_op.drop_index(batch_op.f("ix_visit_owner_id"))
        batch_op.drop_index(batch_op.f("ix_visit_customer_id"))

    op.drop_table("visit")
    with op.batch_alter_table("planned_stop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_stop_plan_id"))
        batch_op.drop_index(batch_op.f("ix_planned_stop_owner_id"))
        batch_op.drop_index(batch_op.f("ix_planned_stop_customer_id"))

    op.drop_table("planned_stop")
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_owner_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_customer_id"))

    op.drop_table("opportunity")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_owner_id"))
        batch_op.drop_index(batch_op.f("ix_contact_customer_id"))

    op.drop_table("contact")
    with op.batch_alter_table("visit_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_plan_rep_id"))
        batch_op.drop_index(batch_op.f("ix_visit_plan_plan_date"))
        batch_op.drop_index(batch_op.f("ix_visit_plan_owner_id"))

    op.drop_table("visit_plan")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_owner_id"))
        batch_op.drop_index(batch_op.f("ix_team_name"))

    op.drop_table("team")
    op.drop_table("sync_state")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_row_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_group_id"))

    op.drop_table("outbox")
    with op.batch_alter_table("daily_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_daily_report_report_date"))
        batch_op.drop_index(batch_op.f("ix_daily_report_rep_id"))
        batch_op.drop_index(batch_op.f("ix_daily_report_owner_id"))

    op.drop_table("daily_report")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_stage"))
        batch_op.drop_index(batch_op.f("ix_customer_region"))
        batch_op.drop_index(batch_op.f("ix_customer_phone_norm"))
        batch_op.drop_index(batch_op.f("ix_customer_owner_id"))
        batch_op.drop_index(batch_op.f("ix_customer_next_follow_up"))
        batch_op.drop_index(batch_op.f("ix_customer_name_norm"))
        batch_op.drop_index(batch_op.f("ix_customer_industry"))
        batch_op.drop_index(batch_op.f("ix_customer_grade"))
        batch_op.drop_index(
            "ix_customer_credit_code",
            sqlite_where=sa.text("credit_code IS NOT NULL"),
            postgresql_where=sa.text("credit_code IS NOT NULL"),
        )

    op.drop_table("customer")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_row_id"))

    op.drop_table("conflict")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_app_user_team_id"))
        batch_op.drop_index(batch_op.f("ix_app_user_owner_id"))
        batch_op.drop_index(batch_op.f("ix_app_user_name"))

    op.drop_table("app_user")

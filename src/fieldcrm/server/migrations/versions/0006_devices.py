"""Table `device`: each laptop that logged in, and whether head office marked it for a remote wipe.

Laptops that logged in before this step are recorded from their tokens: the user of the newest token, first seen
at the oldest, last seen at the newest.

Revision ID: s0006_devices
Revises: s0005_export_control
"""

import sqlalchemy as sa
from alembic import op

revision = "s0006_devices"
down_revision = "s0005_export_control"
branch_labels = None
depends_on = None

_BACKFILL = """
INSERT INTO device (device_id, user_id, first_seen, last_seen, status)
SELECT device_id, user_id, first_seen, last_seen, 'active' FROM (
    SELECT device_id, user_id, created_at AS last_seen,
           MIN(created_at) OVER (PARTITION BY device_id) AS first_seen,
           ROW_NUMBER() OVER (PARTITION BY device_id ORDER BY created_at DESC, token_hash) AS newest
    FROM auth_token
) AS tokens
WHERE newest = 1
"""


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="active"),
        sa.Column("marked_by", sa.String(100)),
        sa.Column("marked_at", sa.DateTime(timezone=True)),
        sa.Column("wiped_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_device_user_id", "device", ["user_id"])
    op.execute(sa.text(_BACKFILL))


def downgrade() -> None:
    op.drop_index("ix_device_user_id", table_name="device")
    op.drop_table("device")

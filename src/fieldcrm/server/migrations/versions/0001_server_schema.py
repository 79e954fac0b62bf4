"""Server schema: the synced tables (as the shared models define them at this revision) and server bookkeeping.

Revision ID: s0001_server_schema
Revises:
"""

from alembic import op
from sqlalchemy import MetaData

revision = "s0001_server_schema"
down_revision = None
branch_labels = None
depends_on = None


def _synced_metadata() -> MetaData:
    from fieldcrm.models import SYNCED_TABLES

    md = MetaData()
    for model in SYNCED_TABLES.values():
        model.__table__.to_metadata(md)  # type: ignore[attr-defined]
    return md


def upgrade() -> None:
    from fieldcrm.server.tables import metadata, sync_counter

    bind = op.get_bind()
    _synced_metadata().create_all(bind)
    metadata.create_all(bind)
    op.execute(sync_counter.insert().values(id=1, value=0))


def downgrade() -> None:
    from fieldcrm.server.tables import metadata

    bind = op.get_bind()
    metadata.drop_all(bind)
    _synced_metadata().drop_all(bind)

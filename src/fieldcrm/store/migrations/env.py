"""Alembic environment for the laptop store; run by fieldcrm.store.migrate with an open connection."""

from alembic import context
from sqlmodel import SQLModel

import fieldcrm.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # command-line use on a plain SQLite file (a store is encrypted: Store.open migrates it)
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///fieldcrm.sqlite3")
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""Alembic environment of the head-office server (separate from the laptop store's); PostgreSQL and SQLite."""

from alembic import context

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # command-line use: `alembic -x url=postgresql+psycopg://... upgrade head`
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True)["url"]
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=None, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()

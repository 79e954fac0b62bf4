"""Reading a pull page on the server, in-process: one snapshot, and the connection handed back as pushes need it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine, text

from fieldcrm.server import auth
from fieldcrm.server.horizon import HORIZON_ROW, HorizonPassed
from fieldcrm.server.pull import pull
from server_fixtures import PASSWORD


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_pull_page_reads_one_snapshot_and_hands_its_connection_back_read_committed(
    server_engine: Engine, database_url: str, team
) -> None:
    """On PostgreSQL a page is read in one snapshot (the horizon with the counter, before the feed): a purge that
    commits while the page is read is not half seen. Its connection is handed back, to the caller and to the pool,
    in the isolation level pushes need (READ COMMITTED: under REPEATABLE READ concurrent pushes would fail to update
    the counter)."""
    engine = create_engine(database_url, pool_size=1, max_overflow=0)
    try:
        token, *_ = auth.login(engine, "张伟", PASSWORD, "device-1")
        with engine.connect() as conn:
            me = auth.authenticate(conn, token)
            page = pull(conn, me, 0, 100, False)
            with server_engine.connect() as other:
                counter = other.execute(text("SELECT value FROM sync_counter WHERE id = 1")).scalar_one()
            assert page.next_after == counter
            assert conn.exec_driver_sql("SHOW transaction_isolation").scalar() == "read committed"
            conn.rollback()
        with engine.connect() as conn:
            isolation = conn.exec_driver_sql("SHOW transaction_isolation").scalar()
            assert isolation == "read committed"
        with server_engine.begin() as conn:  # a purge raised the horizon past this cursor
            conn.execute(text(f"INSERT INTO sync_counter (id, value) VALUES ({HORIZON_ROW}, 5)"))
        with engine.connect() as conn:
            with pytest.raises(HorizonPassed):
                pull(conn, me, 3, 100, False)
            assert pull(conn, me, 5, 100, False).has_more is False  # at the horizon: carries on
            assert pull(conn, me, 3, 100, False, fresh=True).next_after >= 5  # a fresh pull starts over
    finally:
        engine.dispose()

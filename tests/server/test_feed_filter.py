"""The pull feed's query (`feed_rows`: on PostgreSQL a union of index walks, on SQLite `in_feed`, with customer
probes only for `shared` rows) picks exactly the rows that are visible now or were visible before their latest
change, for every kind of viewer, on SQLite and PostgreSQL, page by page as at once; and `share` raises the flag
wherever the probes are needed."""

from __future__ import annotations

import itertools

from sqlalchemy import func, select
from sqlmodel import Session

from fieldcrm.ids import uuid7
from fieldcrm.models import Customer, User, Visit, utcnow
from fieldcrm.server import accounts
from fieldcrm.server.db import make_engine, migrate
from fieldcrm.server.tables import row_seq
from fieldcrm.server.writes import share
from server_fixtures import PASSWORD, feed_mismatches

FIRST = 1_000_000
REPS = ("rep", "mate", "far")


def test_in_feed_is_visible_now_or_before_for_every_viewer(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    ids = {
        key: accounts.create_user(engine, name, role, team, PASSWORD).id
        for key, name, role, team in (
            ("boss", "王经理", "supervisor", "华东一组"),
            ("rep", "张伟", "rep", "华东一组"),
            ("mate", "李娜", "rep", "华东一组"),
            ("far", "赵强", "rep", "华南一组"),
            ("admin", "管理员", "admin", None),
        )
    }
    now = utcnow()
    feed = []

    def add(table: str, customer_id: str | None, owner: str | None, prev_owner: str | None, prev_public: bool) -> None:
        feed.append(
            {
                "table_name": table,
                "row_id": uuid7(),
                "seq": FIRST + len(feed) + 1,  # above the seqs the accounts took
                "owner_id": ids[owner] if owner else None,
                "customer_id": customer_id,
                "prev_owner_id": ids[prev_owner] if prev_owner else None,
                "prev_public": prev_public,
            }
        )

    with Session(engine) as session, session.begin():
        # Customers of each rep, private and in the public pool, each visited by each rep or not at all; one set
        # with feed rows of every owner, one whose feed rows all belong to the customer's owner (the rows the
        # shortcut may skip, unless the pool or another rep's visit opens the customer).
        customers: dict[str, list[tuple[str, str]]] = {"mixed": [], "own": []}
        for kind, owner, public, visitor in itertools.product(customers, REPS, (False, True), (None, *REPS)):
            customer = Customer(id=uuid7(), name=f"客户{kind}{owner}{public}{visitor}", owner_id=ids[owner])
            customer.in_public_pool = public
            session.add(customer)
            session.flush()
            if visitor:
                session.add(Visit(customer_id=customer.id, owner_id=ids[visitor], rep_id=ids[visitor], started_at=now))
            customers[kind].append((customer.id, owner))
        session.flush()
        # Feed entries of every shape: directory rows, customers, their dependants, rows with no customer, rows
        # that left someone's view (previous owner, previously public).
        tables = ("app_user", "customer", "contact", "visit", "visit_plan")
        for table, (customer_id, _), owner, prev_owner, prev_public in itertools.product(
            tables, [(None, None), *customers["mixed"]], (None, *REPS), (None, *REPS), (False, True)
        ):
            if not ((table == "customer" and customer_id is None) or (table == "app_user" and customer_id)):
                add(table, customer_id, owner, prev_owner, prev_public)
        for table, (customer_id, owner), prev_owner, prev_public in itertools.product(
            tables[1:], customers["own"], (None, *REPS), (False, True)
        ):
            add(table, customer_id, owner, prev_owner, prev_public)
        session.execute(row_seq.insert(), feed)
    everyone = {customer_id for group in customers.values() for customer_id, _ in group}
    try:
        # As the table's default leaves them (every flag raised: probes everywhere), and as `share` marks them.
        assert feed_mismatches(engine) == {}
        with Session(engine) as session, session.begin():
            session.execute(row_seq.update().values(shared=False))
        # Not vacuous: with no flag raised the shortcut misses rows some viewer sees (through the pool, a visit,
        # a customer of a teammate).
        missing = feed_mismatches(engine)
        assert {"张伟", "李娜", "赵强", "王经理"} <= set(missing), missing
        assert all(missed and not extra for missed, extra in missing.values())
        with Session(engine) as session, session.begin():
            share(session, everyone)
        assert feed_mismatches(engine) == {}
        with Session(engine) as session:
            lowered = session.execute(select(func.count()).where(row_seq.c.shared == False)).scalar_one()
            no_customer = session.execute(select(func.count()).where(row_seq.c.customer_id.is_(None))).scalar_one()
        # Lowered: the rows of the private customers no one but their owner visited (6 of them: per rep, one not
        # visited and one visited by the owner; 4 tables x 8 rows each), and the rows with no customer.
        assert lowered == 6 * 4 * 8 + no_customer
        _assert_pages_add_up(engine)
    finally:
        engine.dispose()


def _assert_pages_add_up(engine) -> None:
    """Read page by page (the pull's way: each page after the last seq of the one before), every viewer's feed is
    the same rows in the same order as read at once: the union's branches each stop at the limit, and a row
    more than one of them holds comes once."""
    from fieldcrm.server.auth import Principal
    from fieldcrm.server.feed import feed_rows
    from fieldcrm.server.visibility import viewer_for

    with Session(engine) as session:
        top = int(session.execute(select(func.max(row_seq.c.seq))).scalar_one())
        for user in session.execute(select(User)).scalars():
            viewer = viewer_for(session, Principal(user.id, user.name, user.role, user.team_id, "device", "hash"))
            whole = [tuple(r) for r in feed_rows(session, viewer, 0, top, top + 1)]
            assert whole, user.name
            for limit in (1, 7, 50):
                pages: list[tuple] = []
                after = 0
                while True:
                    page = [tuple(r) for r in feed_rows(session, viewer, after, top, limit)]
                    pages += page
                    if len(page) < limit:
                        break
                    after = page[-1][2]
                assert pages == whole, (user.name, limit)
            one_table = [tuple(r) for r in feed_rows(session, viewer, 0, top, top + 1, "visit")]
            assert one_table == [r for r in whole if r[0] == "visit"], user.name

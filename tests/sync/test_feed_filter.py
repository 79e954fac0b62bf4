"""The pull feed's filter: `in_feed` (column tests first, customer probes last) picks exactly the rows that are
visible now or were visible before their latest change, for every kind of viewer, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import os

os.environ.setdefault("FIELDCRM_ARGON2_PROFILE", "cheapest")

from laptops import PASSWORD  # noqa: E402
from sqlalchemy import or_, select  # noqa: E402
from sqlmodel import Session  # noqa: E402

from fieldcrm.ids import uuid7  # noqa: E402
from fieldcrm.models import Customer, Visit, utcnow  # noqa: E402
from fieldcrm.server import accounts  # noqa: E402
from fieldcrm.server.auth import Principal  # noqa: E402
from fieldcrm.server.db import make_engine, migrate  # noqa: E402
from fieldcrm.server.tables import row_seq  # noqa: E402
from fieldcrm.server.visibility import in_feed, row_visible, viewer_for, was_visible  # noqa: E402

FIRST = 1_000_000


def test_in_feed_is_visible_now_or_before_for_every_viewer(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    users = {
        key: accounts.create_user(engine, name, role, team, PASSWORD)
        for key, name, role, team in (
            ("boss", "王经理", "supervisor", "华东一组"),
            ("rep", "张伟", "rep", "华东一组"),
            ("mate", "李娜", "rep", "华东一组"),
            ("far", "赵强", "rep", "华南一组"),
            ("admin", "管理员", "admin", None),
        )
    }
    ids = {key: user.id for key, user in users.items()}
    reps = ("rep", "mate", "far")
    now = utcnow()
    with Session(engine) as session, session.begin():
        # A customer of each rep, private and in the public pool; each visited by each rep, or not at all.
        customers = []
        for owner, public, visitor in itertools.product(reps, (False, True), (None, *reps)):
            customer = Customer(id=uuid7(), name=f"客户{len(customers)}", owner_id=ids[owner], in_public_pool=public)
            session.add(customer)
            session.flush()
            if visitor:
                session.add(Visit(customer_id=customer.id, owner_id=ids[visitor], rep_id=ids[visitor], started_at=now))
            customers.append(customer.id)
        session.flush()
        # Feed entries of every shape: directory rows, customers, their dependants owned by anyone, rows with no
        # customer, rows that left someone's view (previous owner, previously public).
        seq = FIRST  # above the seqs the accounts took
        feed = []
        for table, customer_id, owner, prev_owner, prev_public in itertools.product(
            ("app_user", "customer", "contact", "visit", "visit_plan"),
            (None, *customers),
            (None, *reps),
            (None, *reps),
            (False, True),
        ):
            if (table == "customer" and customer_id is None) or (table == "app_user" and customer_id is not None):
                continue
            seq += 1
            feed.append(
                {
                    "table_name": table,
                    "row_id": uuid7(),
                    "seq": seq,
                    "owner_id": ids[owner] if owner else None,
                    "customer_id": customer_id,
                    "prev_owner_id": ids[prev_owner] if prev_owner else None,
                    "prev_public": prev_public,
                }
            )
        session.execute(row_seq.insert(), feed)
    rs = row_seq.c
    try:
        with Session(engine) as session:
            for key, user in users.items():
                principal = Principal(user.id, user.name, user.role, user.team_id, "device", "hash")
                viewer = viewer_for(session, principal)
                reference = or_(
                    row_visible(viewer, rs.table_name, rs.owner_id, rs.customer_id),
                    was_visible(viewer, rs.prev_owner_id, rs.prev_public),
                )
                fast = in_feed(viewer, rs.table_name, rs.owner_id, rs.customer_id, rs.prev_owner_id, rs.prev_public)
                expected = set(session.execute(select(rs.seq).where(rs.seq > FIRST, reference)).scalars())
                got = set(session.execute(select(rs.seq).where(rs.seq > FIRST, fast)).scalars())
                assert got == expected, key
                # Not vacuous: every viewer but the admin is shown some rows and spared others.
                assert 0 < len(expected) <= len(feed)
                assert (len(expected) == len(feed)) == (key == "admin")
    finally:
        engine.dispose()

"""Upgrading a head-office database keeps its feed whole, marks the new `shared` flag from the data and builds the
pull's indexes; widening `opportunity.amount_cents` to 64 bits keeps the deals already stored."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, select, text
from sqlmodel import Session

from fieldcrm.ids import uuid7
from fieldcrm.models import Customer, Opportunity, Visit, utcnow
from fieldcrm.server import accounts, auth
from fieldcrm.server.db import MIGRATIONS, make_engine, migrate
from fieldcrm.server.push import push
from fieldcrm.server.tables import FEED_INDEXES, row_seq
from fieldcrm.sync.protocol import WireOp
from server_fixtures import PASSWORD, feed_mismatches, wire_op

BEFORE_SHARED = "s0002_visibility_index"
BEFORE_BIG_AMOUNTS = "s0006_devices"


def _downgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def test_upgrade_keeps_the_deals_and_then_takes_amounts_past_32_bits(server_engine: Engine, team: dict) -> None:
    _downgrade(server_engine, BEFORE_BIG_AMOUNTS)
    token, *_ = auth.login(server_engine, "张伟", PASSWORD, uuid7())
    rep = auth.authenticate(server_engine, token)
    customer_id, small, big = uuid7(), uuid7(), uuid7()

    def send(table: str, row_id: str, fields: dict) -> str:
        (result,) = push(server_engine, rep, [WireOp.model_validate(wire_op(table, row_id, "insert", fields))])
        return result.status

    # Stored as the older server stored them (today's push reads tables that schema does not have yet: handovers).
    with Session(server_engine) as session, session.begin():
        session.add(Customer(id=customer_id, name="升级前的大客户有限公司", owner_id=rep.user_id))
        session.flush()
        session.add(Opportunity(id=small, customer_id=customer_id, title="升级前的单子", amount_cents=2**31 - 1,
                                owner_id=rep.user_id))  # fmt: skip
    migrate(server_engine)
    big_deal = {"customer_id": customer_id, "title": "五千万的单子", "amount_cents": 5_000_000_000}
    assert send("opportunity", big, big_deal) == "applied"
    with Session(server_engine) as session:
        kept = session.get(Opportunity, small)
        assert (kept.title, kept.amount_cents) == ("升级前的单子", 2**31 - 1)
        assert session.get(Opportunity, big).amount_cents == 5_000_000_000


def test_upgrade_marks_the_rows_of_open_customers_shared(database_url: str) -> None:
    engine = make_engine(database_url)
    rep = accounts.create_user(engine, "张伟", "rep", "华东一组", PASSWORD).id
    mate = accounts.create_user(engine, "李娜", "rep", "华东一组", PASSWORD).id
    _downgrade(engine, BEFORE_SHARED)
    now = utcnow()
    kinds = {"private": (False, None), "pool": (True, None), "visited by a teammate": (False, mate)}
    customers = {}
    feed = []
    with Session(engine) as session, session.begin():
        for kind, (public, visitor) in kinds.items():
            customer = Customer(id=uuid7(), name=f"升级客户{kind}", owner_id=rep)
            customer.in_public_pool = public
            session.add(customer)
            session.flush()
            customers[kind] = customer.id
            feed.append(("customer", customer.id, rep, customer.id))
            if visitor:
                visit = Visit(customer_id=customer.id, owner_id=visitor, rep_id=visitor, started_at=now)
                session.add(visit)
                session.flush()
                feed.append(("visit", visit.id, visitor, customer.id))
            feed.append(("contact", uuid7(), rep, customer.id))
        seq = 1000
        for table, row_id, owner, customer_id in feed:
            seq += 1
            session.execute(
                text(
                    "INSERT INTO row_seq (table_name, row_id, seq, owner_id, customer_id, prev_owner_id, prev_public)"
                    " VALUES (:t, :r, :s, :o, :c, :o, false)"
                ),
                {"t": table, "r": row_id, "s": seq, "o": owner, "c": customer_id},
            )
    try:
        migrate(engine)
        with Session(engine) as session:
            flags = dict(session.execute(select(row_seq.c.row_id, row_seq.c.shared).where(row_seq.c.seq > 1000)).all())
            directory = session.execute(select(row_seq.c.shared).where(row_seq.c.customer_id.is_(None))).scalars()
            assert not any(directory)
        by_customer: dict[str, set[bool]] = {}
        for _table, row_id, _owner, customer_id in feed:
            by_customer.setdefault(customer_id, set()).add(flags[row_id])
        assert by_customer == {
            customers["private"]: {False},
            customers["pool"]: {True},
            customers["visited by a teammate"]: {True},
        }
        assert feed_mismatches(engine) == {}
        if engine.dialect.name == "postgresql":  # the pull's indexes (s0004), dropped by the downgrade, are back
            present = {index["name"] for index in inspect(engine).get_indexes("row_seq")}
            assert {index.name for index in FEED_INDEXES} <= present
    finally:
        engine.dispose()


def test_upgrade_records_the_laptops_that_logged_in_before(database_url: str) -> None:
    """s0006: each device of the tokens becomes a device row: the newest token's user, first and last seen."""
    from datetime import timedelta

    from fieldcrm.server import devices

    engine = make_engine(database_url)
    rep = accounts.create_user(engine, "张伟", "rep", "华东一组", PASSWORD).id
    mate = accounts.create_user(engine, "李娜", "rep", "华东一组", PASSWORD).id
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "s0005_export_control")
    start = utcnow()
    tokens = [("shared-laptop", rep, 0), ("shared-laptop", mate, 2), ("shared-laptop", rep, 1), ("own", rep, 3)]
    with engine.begin() as conn:
        for n, (device, user, days) in enumerate(tokens):
            conn.execute(
                text(
                    "INSERT INTO auth_token (token_hash, user_id, device_id, created_at, expires_at)"
                    " VALUES (:h, :u, :d, :c, :e)"
                ),
                {"h": f"{n:064d}", "u": user, "d": device, "c": start + timedelta(days=days), "e": start},
            )
    try:
        migrate(engine)
        rows = {row["device_id"]: row for row in devices.list_devices(engine)}
        assert {d: (r["user"], r["status"]) for d, r in rows.items()} == {
            "shared-laptop": ("李娜", "active"),
            "own": ("张伟", "active"),
        }
        shared = rows["shared-laptop"]
        assert shared["first_seen"][:10] == start.date().isoformat()
        assert shared["last_seen"][:10] == (start + timedelta(days=2)).date().isoformat()
    finally:
        engine.dispose()

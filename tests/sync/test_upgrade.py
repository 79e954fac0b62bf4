"""App upgrade with a non-empty outbox: a laptop store at an older schema revision, holding unsent changes, is
migrated by the new app (backup first) and its outbox syncs afterwards, nothing lost or doubled."""

from __future__ import annotations

import pytest
from laptops import PASSWORD, Laptop, local_count, server_count
from sqlmodel import Session, select

from fieldcrm.models import Contact, Customer, OutboxEntry, utcnow
from fieldcrm.normalize import normalise_company_name
from fieldcrm.services.changes import UnitOfWork
from fieldcrm.store import Store
from fieldcrm.store.db import make_engine
from fieldcrm.store.migrate import current_revision, head_revision, upgrade_store
from fieldcrm.sync.client import SyncClient

OLD_REVISION = "0001"  # before the customer search index and import history


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_app_upgrade_keeps_a_non_empty_outbox_and_syncs_it(server, team, tmp_path, laptop_factory) -> None:
    laptop = Laptop(tmp_path / "old-laptop", server.url)  # no template: the store is made by the old app
    engine = make_engine(laptop.paths.database)
    upgrade_store(engine, laptop.paths.database, laptop.paths.backups, target=OLD_REVISION)
    old_app = Store(laptop.paths.database, engine)  # the old app's store, not migrated further
    SyncClient(old_app, laptop.paths).login(server.url, "张伟", PASSWORD)

    # Offline work in the old app (which had no search index): rows and their outbox entries, one action each.
    names = ["升级前客户甲有限公司", "升级前客户乙有限公司"]
    ids = []
    for name in names:
        with Session(engine) as session, session.begin():
            uow = UnitOfWork(session)
            customer = Customer(
                name=name,
                name_norm=normalise_company_name(name),
                owner_id=team["rep"],
                first_contact_at=utcnow(),
                first_contact_by=team["rep"],
            )
            uow.insert(customer)
            session.flush()
            uow.insert(Contact(customer_id=customer.id, owner_id=team["rep"], name="周经理", is_primary=True))
            ids.append(customer.id)
    with Session(engine) as session, session.begin():
        uow = UnitOfWork(session)
        uow.update(session.get(Customer, ids[0]), {"notes": "升级前写的备注"})
    with Session(engine) as session:
        queued = [e.op_id for e in session.exec(select(OutboxEntry).order_by(OutboxEntry.client_seq))]
    assert len(queued) == 5
    engine.dispose()

    # The new app opens the store: migrated to the newest schema after a backup; the outbox is untouched.
    out = laptop.cli("sync")
    assert "pushed 5" in out and "rejected" not in out, out
    assert current_revision(laptop.store.engine) == head_revision() != OLD_REVISION
    assert [p.name for p in laptop.paths.backups.glob("*.sqlite3")], "no backup before the migration"
    assert local_count(laptop, "SELECT count(*) FROM outbox") == 0
    assert server_count(server, "SELECT count(*) FROM applied_op") == 5
    for customer_id in ids:
        assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer_id}'") == 1
        assert server_count(server, f"SELECT count(*) FROM contact WHERE customer_id = '{customer_id}'") == 1
    assert laptop.cli_json("customers", "show", ids[0])["notes"] == "升级前写的备注"
    found = laptop.cli_json("customers", "list", "--search", "客户乙")  # the new search index covers old rows
    assert [c["id"] for c in found] == [ids[1]]

    other = laptop_factory("other", "张伟")
    other.sync()
    assert other.cli_json("customers", "show", ids[0])["contacts"][0]["name"] == "周经理"
    assert "pushed 0" in laptop.cli("sync")
    laptop.close()

"""The transaction rule: a write and its outbox entry commit together or not at all."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from fieldcrm.domain.errors import ValidationError
from fieldcrm.models import ConflictRecord, Contact, Customer, OutboxEntry, Visit
from fieldcrm.services import CustomerQuery, Services


def _entries(services: Services) -> list[OutboxEntry]:
    with services.store.session() as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.client_seq)))


def counts(services: Services) -> tuple[int, int, int]:
    with services.store.session() as session:
        return (
            len(session.exec(select(Customer)).all()),
            len(session.exec(select(Contact)).all()),
            len(session.exec(select(OutboxEntry)).all()),
        )


def test_invalid_second_contact_leaves_neither_row_nor_entry(services: Services) -> None:
    with pytest.raises(ValidationError) as err:
        services.customers.create(name="半途失败公司", contacts=[{"name": "甲"}, {"name": "乙", "email": "bad"}])
    assert err.value.field == "email"
    assert counts(services) == (0, 0, 0)
    assert services.search.search(CustomerQuery(text="半途")) == []


def test_database_failure_half_way_rolls_back_row_and_entry(services: Services) -> None:
    services.customers.create(name="已有公司")
    before = counts(services)
    with services.store.engine.begin() as conn:  # the disk refuses the second write of the action
        conn.execute(
            text("CREATE TRIGGER fail_contact BEFORE INSERT ON contact BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        )
    with pytest.raises(IntegrityError):
        services.customers.create(name="写到一半的公司", contacts=[{"name": "甲"}])
    assert counts(services) == before
    assert services.search.search(CustomerQuery(text="写到一半")) == []


def test_failing_outbox_write_rolls_back_the_row(services: Services) -> None:
    with services.store.engine.begin() as conn:
        conn.execute(
            text("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'no room'); END")
        )
    with pytest.raises(IntegrityError):
        services.customers.create(name="没有记账的公司")
    assert counts(services) == (0, 0, 0)


def test_client_seq_only_increases_even_after_entries_leave(services: Services) -> None:
    services.customers.create(name="一号公司")
    services.customers.create(name="二号公司")
    with services.store.engine.begin() as conn:  # the server acknowledged both; they leave the outbox
        last = conn.execute(text("SELECT max(client_seq) FROM outbox")).scalar_one()
        conn.execute(text("DELETE FROM outbox"))
    services.customers.create(name="三号公司")
    with services.store.session() as session:
        entries = session.exec(select(OutboxEntry)).all()
    assert [e.table_name for e in entries] == ["customer", "ownership_event"]  # the customer and its first contact
    assert min(e.client_seq for e in entries) > last


def test_editing_a_refused_customer_sends_it_again_whole_with_its_refused_rows(services: Services) -> None:
    """Head office refused a new customer and its contact: an edit sends both again as inserts, in one action, and
    closes exactly their open refusals (not another row's, not an older closed one, not a field conflict)."""
    refused = services.customers.create(name="甲精密机械有限公司", contacts=[{"name": "钱经理"}, {"name": "孙会计"}])
    services.customers.create(name="乙纺织有限公司", contacts=[{"name": "周经理"}])
    with services.store.transaction() as session:
        contacts = {c.name: c.id for c in session.exec(select(Contact))}
        old = datetime(2027, 1, 5, tzinfo=UTC)

        def conflict(table: str, row_id: str, **values: object) -> str:
            record = ConflictRecord(table_name=table, row_id=row_id, **{"kind": "rejected", **values})
            session.add(record)
            return record.id

        mine = conflict("customer", refused, op="insert")
        its_contact = conflict("contact", contacts["钱经理"], op="insert")
        closed = conflict("customer", refused, status="resolved", resolution="discarded", resolved_at=old)
        field = conflict("customer", refused, kind="field", field="name")
        same_id_other_table = conflict("opportunity", refused, op="insert")
        others = conflict("contact", contacts["周经理"], op="insert")
    before = len(_entries(services))
    services.customers.update(refused, phone="021-6888 1234")
    sent = _entries(services)[before:]
    assert [(e.table_name, e.row_id, e.op) for e in sent] == [
        ("customer", refused, "insert"),
        ("contact", contacts["钱经理"], "insert"),  # 孙会计, not refused, waits in the outbox already
    ]
    assert len({e.group_id for e in sent}) == 1
    assert json.loads(sent[0].fields)["phone"] == "021-6888 1234"
    with services.store.session() as session:
        state = {r.id: (r.status, r.resolution, r.resolved_at) for r in session.exec(select(ConflictRecord))}
    for settled in (mine, its_contact):
        status, resolution, when = state[settled]
        assert (status, resolution) == ("resolved", "resent") and when is not None
    assert state[closed] == ("resolved", "discarded", old)
    for untouched in (field, same_id_other_table, others):
        assert state[untouched] == ("open", None, None)


def test_deleting_a_refused_customer_discards_it_and_its_refused_rows_unsent(services: Services) -> None:
    refused = services.customers.create(name="甲精密机械有限公司", contacts=[{"name": "钱经理"}])
    visit = services.visits.log(refused, outcome="初访")  # refused with it; the customer's delete leaves visits
    with services.store.transaction() as session:
        contact = session.exec(select(Contact)).one().id
        records = [
            ConflictRecord(kind="rejected", table_name=t, row_id=i, op="insert")
            for t, i in (("customer", refused), ("contact", contact), ("visit", visit))
        ]
        session.add_all(records)
        ids = [r.id for r in records]
    before = len(_entries(services))
    services.customers.delete(refused)
    assert _entries(services)[before:] == []  # head office never had them: nothing to tell it
    with services.store.session() as session:
        assert session.get(Contact, contact).deleted and session.get(Visit, visit).deleted
        for record_id in ids:
            record = session.get(ConflictRecord, record_id)
            assert (record.status, record.resolution) == ("resolved", "discarded") and record.resolved_at is not None


def test_a_unit_of_work_starts_a_new_group_once_the_current_one_holds_enough(services: Services) -> None:
    from fieldcrm.services.changes import unit_of_work

    with unit_of_work(services.store) as uow:
        actor = services.user_id
        for n in range(5):
            uow.split_group(2)
            uow.insert(Customer(name=f"客户{n}", owner_id=actor))
    groups = [e.group_id for e in uow.entries]
    assert all(groups) and groups[0] == groups[1] != groups[2] == groups[3] != groups[4]
    assert len(set(groups)) == 3

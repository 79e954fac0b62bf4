"""The transaction rule: a write and its outbox entry commit together or not at all."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from fieldcrm.domain.errors import ValidationError
from fieldcrm.models import Contact, Customer, OutboxEntry
from fieldcrm.services import CustomerQuery, Services


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

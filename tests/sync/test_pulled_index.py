"""Rows pulled from head office keep the laptop's search index right: the customer's indexed text, and the pinyin
of customer and contact names, which head office never sends (the laptop works it out from the names)."""

from __future__ import annotations

from typing import Any

from fieldcrm.models import Contact, Customer
from fieldcrm.models.codec import row_to_dict
from fieldcrm.normalize import normalise_company_name
from fieldcrm.services import CustomerQuery, Services
from fieldcrm.sync.apply import apply_page, prune_table
from fieldcrm.sync.protocol import RowChange


def _row(model: Any, **values: Any) -> RowChange:
    """A whole row as head office sends it."""
    row = model(**values)
    return RowChange(seq=0, table=model.__tablename__, id=row.id, row=row_to_dict(row))


def _customer(services: Services, name: str, version: int = 1, **values: Any) -> RowChange:
    owner = services.customers.user_id
    return _row(Customer, name=name, name_norm=normalise_company_name(name), owner_id=owner, version=version, **values)


def _contact(customer: RowChange, name: str, version: int = 1, **values: Any) -> RowChange:
    return _row(
        Contact, customer_id=customer.id, name=name, owner_id=customer.row["owner_id"], version=version, **values
    )


def _pull(services: Services, *changes: RowChange) -> None:
    apply_page(services.store, list(changes), "another-device", None)


def _found(services: Services, text: str) -> list[str]:
    return [r.name for r in services.search.search(CustomerQuery(text=text))]


def test_a_contact_that_leaves_the_laptop_leaves_its_customers_search_entry(services: Services) -> None:
    customer = _customer(services, "杭州新达科技有限公司")
    gone = _contact(customer, "欧阳娜娜")
    _pull(services, customer, gone, _contact(customer, "李明"))
    assert _found(services, "娜娜") == ["杭州新达科技有限公司"]
    _pull(services, RowChange(seq=0, table="contact", id=gone.id, gone=True))
    assert _found(services, "娜娜") == []  # the contact left this user's view, and the index
    assert _found(services, "李明") == ["杭州新达科技有限公司"]


def test_a_contact_dropped_by_a_repair_leaves_its_customers_search_entry(services: Services) -> None:
    customer = _customer(services, "杭州新达科技有限公司")
    stray = _contact(customer, "欧阳娜娜")
    _pull(services, customer, stray)
    assert prune_table(services.store, "contact", keep_ids=set()) == 1  # head office no longer shows it
    assert _found(services, "娜娜") == []
    assert _found(services, "新达") == ["杭州新达科技有限公司"]

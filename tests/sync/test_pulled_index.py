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


def test_pulled_rows_get_their_pinyin_on_the_laptop(services: Services) -> None:
    """Head office sends names only; the laptop works out their pinyin, for new rows and for changed names."""
    services.customers.create(name="北京燕山电子有限公司")
    services.customers.create(name="成都华润置地有限公司")
    bank = _customer(services, "重庆银行股份有限公司")
    person = _contact(bank, "单田芳")
    _pull(services, bank, person)
    assert _names(services) == ["北京燕山电子有限公司", "成都华润置地有限公司", "重庆银行股份有限公司"]
    assert _found(services, "cqyh") == ["重庆银行股份有限公司"]
    assert _found(services, "shantianfang") == ["重庆银行股份有限公司"]

    renamed = _customer(services, "长沙银行股份有限公司", version=2, id=bank.id)
    _pull(services, renamed, _contact(bank, "曾涛", version=3, id=person.id))
    assert _names(services) == ["北京燕山电子有限公司", "长沙银行股份有限公司", "成都华润置地有限公司"]  # cháng, chéng
    assert _found(services, "cqyh") == [] and _found(services, "shantianfang") == []
    assert _found(services, "changsha") == ["长沙银行股份有限公司"]
    assert _found(services, "zengtao") == ["长沙银行股份有限公司"]
    assert [c["name"] for c in services.customers.get(bank.id)["contacts"]] == ["曾涛"]

    _pull(services, _customer(services, "长沙银行股份有限公司", version=4, id=bank.id, deleted=True))
    assert _names(services) == ["北京燕山电子有限公司", "成都华润置地有限公司"]
    assert _found(services, "changsha") == []


def _names(services: Services) -> list[str]:
    return [services.search.rows([cid])[cid].name for cid in services.search.ids(CustomerQuery())]


def test_a_name_changed_on_one_laptop_is_found_by_its_pinyin_on_the_other(team, laptop_factory) -> None:
    """Through a real server: the rep's second laptop pulls the customer and its contact, then the new name."""
    first = laptop_factory("first", "张伟")
    second = laptop_factory("second", "张伟")
    bank = first.cli("customers", "add", "--name", "重庆银行股份有限公司", "--contact-name", "单田芳").strip()
    second.cli("customers", "add", "--name", "北京燕山电子有限公司")
    second.cli("customers", "add", "--name", "成都华润置地有限公司")
    assert first.sync().rejected == 0
    assert second.sync().rejected == 0

    def listed(*args: str) -> list[str]:
        return [row["name"] for row in second.cli_json("customers", "list", "--sort", "name", *args)]

    assert listed() == ["北京燕山电子有限公司", "成都华润置地有限公司", "重庆银行股份有限公司"]
    assert listed("--search", "cqyh") == ["重庆银行股份有限公司"]
    assert listed("--search", "shantianfang") == ["重庆银行股份有限公司"]
    first.cli("customers", "edit", bank, "--name", "长沙银行股份有限公司")
    assert first.sync().rejected == 0
    second.sync()
    assert listed("--search", "cqyh") == []
    assert listed("--search", "changsha") == ["长沙银行股份有限公司"]
    assert listed("--desc") == ["成都华润置地有限公司", "长沙银行股份有限公司", "北京燕山电子有限公司"]

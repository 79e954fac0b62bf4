"""Masked numbers through the pull feed (号码脱敏): a laptop never stores a mobile number its user may not see in
full; a reveal goes to head office, which logs it; a claim brings the numbers in full."""

from __future__ import annotations

import httpx
import pytest
from handmade import add_second_team, token_of
from laptops import local_count, server_count

from fieldcrm.domain.errors import InvalidStateError
from fieldcrm.domain.masking import KEPT_AT_HEAD_OFFICE
from fieldcrm.services.exports import ExportService

MOBILE, CONTACT_MOBILE = "13812345678", "13987654321"


def pool_customer(laptop_factory) -> str:
    """A public-pool customer with a mobile and a contact's mobile, made by the admin at head office."""
    admin = laptop_factory("admin", "管理员")
    services = admin.services()
    customer = services.customers.create(name="丙机械有限公司", phone=MOBILE, owner_id=None, in_public_pool=True)
    services.customers.add_contact(customer, name="周经理", mobile=CONTACT_MOBILE)
    assert admin.sync().rejected == 0
    return customer


def local_numbers(laptop, customer: str) -> tuple:
    with laptop.store.engine.connect() as conn:
        phone, norm = conn.exec_driver_sql("SELECT phone, phone_norm FROM customer WHERE id = ?", (customer,)).one()
        mobile = conn.exec_driver_sql("SELECT mobile FROM contact WHERE customer_id = ?", (customer,)).scalar()
    return phone, norm, mobile


def test_a_rep_browsing_the_pool_stores_the_numbers_masked_and_reveals_them_through_head_office(
    server, team, laptop_factory
) -> None:
    customer = pool_customer(laptop_factory)
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    assert local_numbers(zhang, customer) == ("138****5678", None, "139****4321")
    assert local_count(zhang, f"SELECT count(*) FROM customer WHERE phone LIKE '%{MOBILE[3:7]}%'") == 0

    shown = zhang.cli_json("customers", "show", customer, "--reveal")
    assert shown["phone"] == MOBILE
    assert [c["mobile"] for c in shown["contacts"]] == [CONTACT_MOBILE]
    assert (
        server_count(server, f"SELECT count(*) FROM audit_event WHERE kind = 'reveal' AND owner_id = '{team['rep']}'")
        == 1
    )
    assert local_numbers(zhang, customer)[0] == "138****5678"  # shown, never stored
    zhang.sync()  # the reveal head office logged comes back like any of the rep's rows
    assert local_count(zhang, "SELECT count(*) FROM audit_event WHERE kind = 'reveal'") == 1

    # Claimed: the customer and its contact (which moves with it) come again, in full.
    zhang.services().customers.update(customer, owner_id=team["rep"], in_public_pool=False)
    assert zhang.sync().rejected == 0
    assert local_numbers(zhang, customer) == (MOBILE, MOBILE, CONTACT_MOBILE)


def test_an_edit_of_a_masked_customer_leaves_head_offices_numbers_whole(server, team, laptop_factory) -> None:
    customer = pool_customer(laptop_factory)
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    zhang.services().customers.update(customer, address="上海市浦东新区张江路 88 号")
    assert zhang.sync().rejected == 0
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer}' AND phone = '{MOBILE}'") == 1
    assert server_count(server, f"SELECT count(*) FROM contact WHERE mobile = '{CONTACT_MOBILE}'") == 1


def test_the_owner_and_the_supervisor_get_the_numbers_in_full(server, team, laptop_factory) -> None:
    li = laptop_factory("li", "李娜")
    customer = li.services().customers.create(name="丁贸易有限公司", phone=MOBILE)
    assert li.sync().rejected == 0
    boss = laptop_factory("boss", "王经理")
    boss.sync()
    assert local_numbers(boss, customer)[:2] == (MOBILE, MOBILE)


def test_a_reveal_without_head_office_says_where_the_numbers_are(server, team, laptop_factory) -> None:
    customer = pool_customer(laptop_factory)
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    with pytest.raises(InvalidStateError, match="kept at head office"):
        ExportService(zhang.store).reveal(customer)
    zhang.cli("logout")
    out = zhang.cli("customers", "show", customer, "--reveal", expect=2)
    assert "138****5678" not in out
    assert KEPT_AT_HEAD_OFFICE not in out  # the sign-in is what is missing: the sentence says so
    assert "log in" in zhang.last_stderr


def test_head_office_reveals_nothing_to_who_cannot_see_the_customer(server, team, laptop_factory) -> None:
    others = add_second_team(server)
    li = laptop_factory("li", "李娜")
    customer = li.services().customers.create(name="戊科技有限公司", phone=MOBILE)
    assert li.sync().rejected == 0
    zhao = token_of(server, "赵强")
    answer = httpx.post(f"{server.url}/reveal/{customer}", headers=zhao, timeout=30)
    assert answer.status_code == 404
    assert server_count(server, f"SELECT count(*) FROM audit_event WHERE owner_id = '{others['赵强']}'") == 0
    own = httpx.post(f"{server.url}/reveal/{customer}", headers=token_of(server, "李娜"), timeout=30)
    assert own.status_code == 200 and own.json()["phone"] == MOBILE
    assert server_count(server, "SELECT count(*) FROM audit_event WHERE kind = 'reveal'") == 0  # her own: not logged

"""The public pool (公海) end to end: a pool customer and its contacts reach every rep, a claim takes it from the
others; a rep cannot claim a private customer or give one away, a supervisor cannot assign outside the team.

Laptops do what a user would (their services, as the customer screen calls them); hand-made pushes show that the
server refuses what a modified client sends."""

from __future__ import annotations

import pytest
from handmade import add_second_team, push_one, read_row, token_of
from laptops import local_count
from sqlalchemy import text

from fieldcrm.domain.errors import PermissionDeniedError
from server_fixtures import wire_op as op

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)


def _has(laptop, table: str, row_id: str) -> bool:
    return local_count(laptop, f"SELECT count(*) FROM {table} WHERE id = '{row_id}' AND deleted = 0") == 1


def _customer_and_contacts(laptop, customer_id: str, contact_ids: list[str]) -> list[bool]:
    return [_has(laptop, "customer", customer_id)] + [_has(laptop, "contact", c) for c in contact_ids]


def _contact_ids(laptop, customer_id: str) -> list[str]:
    return sorted(c["id"] for c in laptop.cli_json("customers", "show", customer_id)["contacts"])


def team_of(server) -> dict[str, str]:
    """Every account's id by name."""
    with server.engine.connect() as conn:
        return dict(conn.execute(text("SELECT name, id FROM app_user")).all())


def _on_server(server, customer_id: str) -> dict:
    return read_row(server, token_of(server, "管理员"), "customer", customer_id)


def test_a_pool_customer_reaches_everyone_and_a_claim_takes_it_from_the_others(server, team, laptop_factory) -> None:
    add_second_team(server)
    admin = laptop_factory("admin", "管理员")
    pool_id = admin.services().customers.create(
        name="苏州公海精密机械有限公司",
        phone="0512-66668888",
        owner_id=None,
        in_public_pool=True,
        contacts=[{"name": "钱经理", "mobile": "13912345678"}, {"name": "吴工", "title": "采购"}],
    )
    assert admin.sync().rejected == 0
    contacts = _contact_ids(admin, pool_id)
    people = {name: laptop_factory(name, name) for name in ("张伟", "李娜", "王经理", "赵强", "孙丽", "陈主管")}
    for name, laptop in people.items():
        laptop.sync()
        assert _customer_and_contacts(laptop, pool_id, contacts) == [True, True, True], name
        shown = laptop.cli_json("customers", "show", pool_id)
        assert shown["in_public_pool"] is True and shown["owner"] is None, name
        assert [c["name"] for c in shown["contacts"]] == ["钱经理", "吴工"], name

    # 赵强 of the other team visits it while it is in the pool; then 张伟 and 李娜 both claim it, offline.
    people["赵强"].cli("visits", "log", "--customer", pool_id, "--outcome", "了解需求")
    assert people["赵强"].sync().rejected == 0
    for name in ("张伟", "李娜"):
        me = people[name].services().profile.current().id
        people[name].services().customers.update(pool_id, owner_id=me, in_public_pool=False)
    assert people["张伟"].sync().rejected == 0  # first at the server: his
    late = people["李娜"].sync()
    assert late.rejected == 2  # hers (the claim and its event) comes too late, with the reason
    problems = [c for c in people["李娜"].cli_json("conflicts", "list") if c["kind"] == "rejected"]
    assert any(p["reason"].startswith("already claimed by 张伟 on ") for p in problems), problems

    for laptop in people.values():
        laptop.sync()
    row = _on_server(server, pool_id)
    assert row["owner_id"] == team["rep"] and row["in_public_pool"] is False and row["deleted"] is False
    # His and his supervisor's; 赵强 keeps what he visited (and so his supervisor), 李娜 what she lost a claim of
    # (head office recorded it: she may appeal); gone for the others.
    sees = {"张伟": True, "王经理": True, "赵强": True, "陈主管": True, "李娜": True, "孙丽": False}
    for name, expected in sees.items():
        assert _customer_and_contacts(people[name], pool_id, contacts) == [expected] * 3, name
    assert people["张伟"].cli_json("customers", "show", pool_id)["owner"] == "张伟"
    admin_headers = token_of(server, "管理员")
    for contact_id in contacts:  # the contacts went with the customer to its new owner
        assert read_row(server, admin_headers, "contact", contact_id)["owner_id"] == team["rep"]
    assert _has(admin, "customer", pool_id)


def test_a_released_customer_reaches_the_other_team_and_its_claim_takes_it_away(server, team, laptop_factory) -> None:
    add_second_team(server)
    zhang = laptop_factory("zhang", "张伟")
    zhao = laptop_factory("zhao", "赵强")
    customer_id = zhang.cli("customers", "add", "--name", "温州放回公海有限公司", "--contact-name", "郑经理").strip()
    zhang.sync()
    contacts = _contact_ids(zhang, customer_id)
    zhao.sync()
    assert _customer_and_contacts(zhao, customer_id, contacts) == [False, False]

    zhang.cli("customers", "release", customer_id, "--reason", "客户暂无需求")  # released to the pool
    assert zhang.sync().rejected == 0
    zhao.sync()
    assert _customer_and_contacts(zhao, customer_id, contacts) == [True, True]

    zhao.services().customers.update(customer_id, owner_id=team_of(server)["赵强"], in_public_pool=False)
    assert zhao.sync().rejected == 0
    zhang.sync()
    assert _customer_and_contacts(zhang, customer_id, contacts) == [False, False]
    assert _customer_and_contacts(zhao, customer_id, contacts) == [True, True]
    assert zhao.cli_json("customers", "show", customer_id)["owner"] == "赵强"


def test_a_contact_added_to_a_pool_customer_goes_with_it_to_the_rep_who_claims_it(server, team, laptop_factory) -> None:
    add_second_team(server)
    admin = laptop_factory("admin", "管理员")
    pool_id = admin.services().customers.create(name="丽水公海竹木有限公司", owner_id=None, in_public_pool=True)
    admin.sync()
    zhao, zhang, sun = (laptop_factory(name, name) for name in ("赵强", "张伟", "孙丽"))
    zhao.sync()
    contact_id = zhao.services().customers.add_contact(pool_id, name="蒋厂长", mobile="13800001111")
    assert zhao.sync().rejected == 0  # anyone may work a pool customer
    for laptop in (zhang, sun):
        laptop.sync()
        assert _customer_and_contacts(laptop, pool_id, [contact_id]) == [True, True]
    zhang.services().customers.update(pool_id, owner_id=team["rep"], in_public_pool=False)
    assert zhang.sync().rejected == 0
    for laptop, expected in ((zhang, True), (zhao, False), (sun, False)):
        laptop.sync()
        assert _customer_and_contacts(laptop, pool_id, [contact_id]) == [expected] * 2
    assert read_row(server, token_of(server, "管理员"), "contact", contact_id)["owner_id"] == team["rep"]


def test_a_rep_cannot_claim_a_private_customer(server, team, laptop_factory) -> None:
    add_second_team(server)
    zhang = laptop_factory("zhang", "张伟")
    customer_id = zhang.cli("customers", "add", "--name", "嘉兴私有客户有限公司", "--contact-name", "冯经理").strip()
    zhang.sync()
    ids = team_of(server)
    # A teammate and a rep of the other team, each with a client that sends the claim anyway.
    for name in ("李娜", "赵强"):
        headers = token_of(server, name)
        for fields in (
            {"owner_id": ids[name], "in_public_pool": False},
            {"owner_id": ids[name]},
            {"in_public_pool": True},  # put someone else's customer in the pool, to take it from there
        ):
            result = push_one(server, headers, op("customer", customer_id, "update", fields, base=1))
            assert result["status"] == "rejected", (name, fields)
        assert read_row(server, headers, "customer", customer_id) is None  # still not theirs to see
    row = _on_server(server, customer_id)
    assert row["owner_id"] == team["rep"] and row["in_public_pool"] is False


def test_a_rep_who_visited_another_reps_customer_still_cannot_claim_it(server, team, laptop_factory) -> None:
    """A visit keeps a customer visible to the rep who made it after someone else claimed it; visible is not
    theirs: the laptop refuses the claim, and so does the server when a client sends it anyway."""
    add_second_team(server)
    admin = laptop_factory("admin", "管理员")
    pool_id = admin.services().customers.create(name="湖州公海纺织有限公司", owner_id=None, in_public_pool=True)
    admin.sync()
    zhang, zhao = laptop_factory("zhang", "张伟"), laptop_factory("zhao", "赵强")
    zhao.sync()
    zhao.cli("visits", "log", "--customer", pool_id, "--outcome", "初次拜访")
    zhao.sync()
    zhang.sync()
    zhang.services().customers.update(pool_id, owner_id=team["rep"], in_public_pool=False)
    assert zhang.sync().rejected == 0
    zhao.sync()
    assert _has(zhao, "customer", pool_id)
    with pytest.raises(PermissionDeniedError):
        zhao.services().customers.update(pool_id, owner_id=team_of(server)["赵强"], in_public_pool=False)
    version = zhao.cli_json("customers", "show", pool_id)["version"]
    result = push_one(
        server,
        token_of(server, "赵强"),
        op("customer", pool_id, "update", {"owner_id": team_of(server)["赵强"], "in_public_pool": False}, base=version),
    )
    assert result["status"] == "rejected"
    assert _on_server(server, pool_id)["owner_id"] == team["rep"]


def test_a_rep_cannot_give_a_customer_away(server, team, laptop_factory) -> None:
    add_second_team(server)
    ids = team_of(server)
    zhang = laptop_factory("zhang", "张伟")
    li = laptop_factory("li", "李娜")
    customer_id = zhang.cli("customers", "add", "--name", "绍兴转手客户有限公司", "--contact-name", "褚经理").strip()
    zhang.sync()
    # His laptop refuses to pick another owner (the pool's way or a supervisor's only).
    for owner in (ids["李娜"], ids["赵强"]):
        with pytest.raises(PermissionDeniedError, match="head office rules"):
            zhang.services().customers.update(customer_id, owner_id=owner)
        shown = zhang.cli_json("customers", "show", customer_id)
        assert shown["owner"] == "张伟" and len(shown["contacts"]) == 1
    # Nor, by a client that sends it, through the pool with someone else named as owner, nor to nobody outside the
    # pool, nor by setting his own protection period.
    headers = token_of(server, "张伟")
    version = zhang.cli_json("customers", "show", customer_id)["version"]
    for fields in (
        {"in_public_pool": True, "owner_id": ids["李娜"]},
        {"in_public_pool": True, "owner_id": ids["赵强"]},
        {"owner_id": None},
        {"protection_until": "2099-12-31"},
    ):
        result = push_one(server, headers, op("customer", customer_id, "update", fields, base=version))
        assert result["status"] == "rejected", fields
    li.sync()
    assert not _has(li, "customer", customer_id)
    row = _on_server(server, customer_id)
    assert row["owner_id"] == team["rep"] and row["in_public_pool"] is False


def test_a_supervisor_assigns_within_the_team_only(server, team, laptop_factory) -> None:
    add_second_team(server)
    ids = team_of(server)
    admin = laptop_factory("admin", "管理员")
    pool_id = admin.services().customers.create(name="台州公海阀门有限公司", owner_id=None, in_public_pool=True)
    admin.sync()
    zhang = laptop_factory("zhang", "张伟")
    private_id = zhang.cli("customers", "add", "--name", "舟山团队客户有限公司").strip()
    zhang.sync()
    boss = laptop_factory("wang", "王经理")
    boss.sync()
    # Outside the team: to the other team's rep, to their supervisor, to nobody; refused, both customers stay.
    for customer_id in (private_id, pool_id):
        for owner in (ids["赵强"], ids["陈主管"]):
            boss.services().customers.update(customer_id, owner_id=owner, in_public_pool=False)
            assert boss.sync().rejected == 1, (customer_id, owner)
    assert _on_server(server, private_id)["owner_id"] == team["rep"]
    assert _on_server(server, pool_id)["in_public_pool"] is True
    zhao = laptop_factory("zhao", "赵强")
    zhao.sync()
    assert not _has(zhao, "customer", private_id)
    # Within the team: from one rep to another, and from the pool to a rep.
    boss.services().customers.update(private_id, owner_id=ids["李娜"])
    boss.services().customers.update(pool_id, owner_id=ids["张伟"], in_public_pool=False)
    assert boss.sync().rejected == 0
    assert _on_server(server, private_id)["owner_id"] == ids["李娜"]
    pooled = _on_server(server, pool_id)
    assert pooled["owner_id"] == ids["张伟"] and pooled["in_public_pool"] is False
    zhao.sync()
    assert not _has(zhao, "customer", pool_id)  # claimed for the team: gone from the other team

"""Export control end to end: head office's policy reaches laptops by sync and no laptop may change it; every export
is logged, reaches head office, and shows to the exporter's supervisor, not to another team."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import add_second_team, push_one, read_row, token_of
from laptops import server_count

from fieldcrm.domain.exports import MAY_NOT_EXPORT, SET_AT_HEAD_OFFICE
from fieldcrm.ids import stable_id
from fieldcrm.server.cli import main as server_main
from fieldcrm.server.policy import set_export_policy
from server_fixtures import wire_op as op

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)


def test_head_offices_policy_reaches_the_laptop_and_refuses_its_export(
    server, team, laptop_factory, tmp_path: Path, capsys
) -> None:
    zhang = laptop_factory("zhang", "张伟")
    zhang.cli("customers", "add", "--name", "甲商贸有限公司")
    zhang.cli("export", str(tmp_path / "before.xlsx"))  # the default: his own customers
    setting = ["export-policy", "--database-url", server.database_url, "--role", "rep", "--scope", "none"]
    assert server_main(setting) == 0
    assert "rep\tnone\tno cap" in capsys.readouterr().out
    zhang.sync()
    zhang.cli("export", str(tmp_path / "after.xlsx"), expect=1)
    assert zhang.last_stderr.strip() == f"error: {MAY_NOT_EXPORT}"
    assert not (tmp_path / "after.xlsx").exists()


def test_a_cap_set_at_head_office_refuses_a_bigger_export(server, team, laptop_factory, tmp_path: Path) -> None:
    set_export_policy(server.engine, "rep", "own", 1)
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    for name in ("甲商贸有限公司", "乙电子有限公司"):
        zhang.cli("customers", "add", "--name", name)
    zhang.cli("export", str(tmp_path / "two.xlsx"), expect=1)
    assert "more than the 1 your role may export" in zhang.last_stderr
    zhang.cli("export", str(tmp_path / "one.xlsx"), "--search", "甲商贸")


def test_no_laptop_may_change_the_policy_not_even_an_admins(server, team) -> None:
    set_export_policy(server.engine, "rep", "own", 2000)
    policy = stable_id("export_policy", "rep")
    for user in ("张伟", "王经理", "管理员"):
        result = push_one(server, token_of(server, user), op("export_policy", policy, "update", {"scope": "visible"}))
        assert result["status"] == "rejected" and "head office" in result["reason"], user
    assert result["reason"] == SET_AT_HEAD_OFFICE  # the admin's: what no other table's rule refuses an admin
    assert server_count(server, "SELECT count(*) FROM export_policy WHERE scope = 'own'") == 1


def test_an_export_is_logged_at_head_office_and_shows_to_the_supervisor_only(
    server, team, laptop_factory, tmp_path: Path
) -> None:
    add_second_team(server)
    zhang = laptop_factory("zhang", "张伟")
    zhang.cli("customers", "add", "--name", "甲商贸有限公司", "--grade", "A")
    zhang.cli("export", str(tmp_path / "客户名单.xlsx"), "--grade", "A")
    assert zhang.sync().rejected == 0
    assert server_count(server, "SELECT count(*) FROM audit_event WHERE kind = 'export' AND row_count = 1") == 1
    boss, stranger, teammate = (laptop_factory(n, n) for n in ("王经理", "陈主管", "李娜"))
    for laptop in (boss, stranger, teammate):
        laptop.sync()
    [logged] = boss.cli_json("exports", "list")
    assert (logged["user"], logged["rows"], logged["file"], logged["filter"]) == ("张伟", 1, "客户名单.xlsx", "grade=A")
    assert stranger.cli_json("exports", "list") == []  # another team's supervisor
    assert teammate.cli_json("exports", "list") == []  # a rep sees only their own


def test_the_servers_row_read_masks_mobiles_for_who_does_not_own_the_customer(server, team, laptop_factory) -> None:
    admin = laptop_factory("admin", "管理员")
    customer = admin.services().customers.create(
        name="丙机械有限公司", phone="13812345678", owner_id=None, in_public_pool=True
    )
    assert admin.sync().rejected == 0
    li = laptop_factory("li", "李娜")
    li.sync()
    zhang, boss = token_of(server, "张伟"), token_of(server, "王经理")
    assert read_row(server, zhang, "customer", customer)["phone"] == "138****5678"  # a rep browsing the pool
    li.services().customers.update(customer, owner_id=team["other"], in_public_pool=False)  # she claims it
    assert li.sync().rejected == 0
    assert read_row(server, token_of(server, "李娜"), "customer", customer)["phone"] == "13812345678"
    assert read_row(server, boss, "customer", customer)["phone"] == "13812345678"  # her supervisor
    assert read_row(server, token_of(server, "管理员"), "customer", customer)["phone"] == "13812345678"

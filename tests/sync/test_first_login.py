"""A rep's offline work survives the first login: it is adopted by the server's account of the same person, a
different person cannot log in over it, and a change head office refuses never makes a row vanish."""

from __future__ import annotations

import pytest
from laptops import PASSWORD, Laptop, customer_with_a_nul, local_count, server_count
from sqlalchemy import text

#: The tables a rep's demo day fills, and which of their rows belong to the rep (not users and teams).
WORK = ("customer", "contact", "opportunity", "visit_plan", "planned_stop", "visit", "daily_report")


def ids(engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text(f"SELECT id FROM {table} WHERE deleted = false")).scalars())


def offline_profile(laptop_factory, name: str = "张伟", team: str = "华东一组", customers: int = 40) -> Laptop:
    """A profile made as the first-run dialog offers: `init`, then demo work, before any login."""
    laptop = laptop_factory(f"offline-{name}-{team}")
    laptop.cli("init", "--name", name, "--role", "rep", "--team", team)
    laptop.cli("demo", "--customers", str(customers))
    return laptop


def test_first_login_adopts_the_offline_work_and_sends_all_of_it(server, team, laptop_factory) -> None:
    laptop = offline_profile(laptop_factory)
    before = {t: ids(laptop.store.engine, t) for t in WORK}
    listed = len(laptop.cli_json("customers", "list", "--limit", "1000"))
    assert listed == len(before["customer"]) == 40 and before["daily_report"] and before["planned_stop"]

    out = laptop.cli("login", "--server", server.url, "--user", "张伟", "--password-stdin", stdin=PASSWORD + "\n")
    assert "now 张伟's at head office" in out
    assert [p.name for p in laptop.paths.backups.glob("*before-login*")], "no backup before re-keying"
    out = laptop.cli("sync")
    assert "rejected" not in out, out
    assert local_count(laptop, "SELECT count(*) FROM outbox") == 0
    assert local_count(laptop, "SELECT count(*) FROM conflict") == 0

    # Nothing was lost here: every row is still on the laptop (plans and reports under the ids the server expects)
    # and owned by the server's account, so the lists show them as before; but for the demo's customers whose time
    # ran out, which head office's clock returned to the pool at this first pull (each with its event).
    for table in WORK:
        assert len(ids(laptop.store.engine, table)) == len(before[table]), table
    assert len(laptop.cli_json("customers", "list", "--limit", "1000")) == listed
    returned = local_count(
        laptop,
        f"SELECT count(*) FROM ownership_event WHERE kind = 'return_to_pool' AND from_owner_id = '{team['rep']}'",
    )
    assert (
        local_count(laptop, "SELECT count(*) FROM customer WHERE owner_id IS NULL AND in_public_pool = 1") == returned
    )
    assert local_count(laptop, f"SELECT count(*) FROM customer WHERE owner_id = '{team['rep']}'") == listed - returned
    assert local_count(laptop, f"SELECT count(*) FROM app_user WHERE name = '张伟' AND id <> '{team['rep']}'") == 0
    # The demo's pool customers, made offline, became his own at the login (only head office fills the pool): no
    # customer is both someone's and in the pool, here or at head office.
    both = "SELECT count(*) FROM customer WHERE owner_id IS NOT NULL AND in_public_pool = {}"
    assert local_count(laptop, both.format(1)) == 0
    assert server_count(server, both.format("true")) == 0
    # Everything reached head office, and a second laptop of the same rep receives all of it.
    second = laptop_factory("second", "张伟")
    second.sync()
    for table in WORK:
        mine = ids(laptop.store.engine, table)
        assert mine <= ids(server.engine, table), table
        assert ids(second.store.engine, table) == mine, table
    report = laptop.store.engine.connect().execute(text("SELECT rep_id FROM daily_report LIMIT 1")).scalar()
    assert report == team["rep"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_first_login_takes_the_team_head_office_has(server, team, laptop_factory) -> None:
    laptop = offline_profile(laptop_factory, team="华东1组", customers=5)
    laptop.login("张伟", PASSWORD)
    assert "rejected" not in laptop.cli("sync")
    me = laptop.cli_json("users", "list")
    assert [(u["name"], u["team"]) for u in me if u["name"] == "张伟"] == [("张伟", "华东一组")]
    assert local_count(laptop, "SELECT count(*) FROM team WHERE name = '华东1组'") == 0
    assert server_count(server, f"SELECT count(*) FROM customer WHERE owner_id = '{team['rep']}'") >= 4


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_another_person_cannot_log_in_over_unsent_work(server, team, laptop_factory) -> None:
    laptop = laptop_factory("shared")
    laptop.cli("init", "--name", "张伟", "--role", "rep", "--team", "华东一组")
    laptop.cli("customers", "add", "--name", "离线新客户有限公司")
    laptop.cli("login", "--server", server.url, "--user", "李娜", "--password-stdin", stdin=PASSWORD + "\n", expect=2)
    assert "belongs to 张伟" in laptop.last_stderr and "--data-dir" in laptop.last_stderr
    status = laptop.cli_json("sync", "status")
    # the customer and its first contact wait
    assert status["logged_in"] is False and status["server"] is None and status["pending_changes"] == 2
    assert laptop.cli_json("customers", "list")[0]["owner"] == "张伟"
    assert not list(laptop.paths.backups.glob("*before-login*"))
    assert server_count(server, "SELECT count(*) FROM auth_token WHERE revoked_at IS NULL") == 0

    # 李娜 logs in on a profile of her own; 张伟 on this one, and his customer goes up.
    laptop_factory("lina", "李娜")
    laptop.login("张伟", PASSWORD)
    assert "pushed 2" in laptop.cli("sync")  # the customer and its first contact


def test_a_refused_insert_stays_marked_until_edited_then_is_accepted(server, team, laptop_factory) -> None:
    laptop = laptop_factory("a", "张伟")
    customer_id, contact_id = customer_with_a_nul(laptop, team["rep"])
    out = laptop.cli("sync", expect=1)
    assert "rejected 2" in out and "refused 2 change(s)" in laptop.last_stderr
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer_id}'") == 0

    # Still here, marked with the reason, in the list and on the customer's page.
    [row] = laptop.cli_json("customers", "list", "--search", "坏字符")
    assert row["id"] == customer_id and "NUL" in row["refused"]
    shown = laptop.cli_json("customers", "show", customer_id)
    assert "NUL" in shown["refused"] and shown["contacts"][0]["refused"]
    assert "not accepted by head office" in laptop.cli("customers", "show", customer_id)
    assert laptop.cli_json("sync", "status")["refused"] == 2

    # The user fixes it: the edit sends the whole customer again, its refused contact with it.
    laptop.cli("customers", "edit", customer_id, "--notes", "从旧表格粘贴的备注")
    assert local_count(laptop, "SELECT count(*) FROM outbox WHERE op = 'insert'") == 2
    assert laptop.cli_json("sync", "status")["refused"] == 0
    assert "rejected" not in laptop.cli("sync")
    assert server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer_id}'") == 1
    assert server_count(server, f"SELECT count(*) FROM contact WHERE id = '{contact_id}'") == 1
    assert local_count(laptop, f"SELECT version FROM customer WHERE id = '{customer_id}'") > 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_keep_mine_sends_a_refused_change_again_and_keep_theirs_discards_it(server, team, laptop_factory) -> None:
    laptop = laptop_factory("a", "张伟")
    customer_id, contact_id = customer_with_a_nul(laptop, team["rep"])
    laptop.cli("sync", expect=1)
    problems = {p["row_id"]: p["id"] for p in laptop.cli_json("conflicts", "list")}
    assert set(problems) == {customer_id, contact_id}

    out = laptop.cli("conflicts", "resolve", problems[customer_id], "--keep", "mine")
    assert "sent with the next sync" in out
    assert laptop.cli_json("sync", "status")["pending_changes"] == 2  # the customer and its refused contact
    out = laptop.cli("sync", expect=1)  # the NUL is still there: refused again, and again kept
    assert "pushed 2" in out and "rejected 2" in out
    assert laptop.cli_json("customers", "show", customer_id)["refused"]

    problems = {p["row_id"]: p["id"] for p in laptop.cli_json("conflicts", "list")}
    laptop.cli("conflicts", "resolve", problems[customer_id], "--keep", "theirs")
    assert laptop.cli_json("customers", "list", "--search", "坏字符") == []
    assert laptop.cli_json("conflicts", "list") == []
    assert laptop.cli_json("sync", "status")["pending_changes"] == 0
    assert "pushed 0" in laptop.cli("sync")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_profile_holding_work_of_people_made_on_this_laptop_is_not_logged_in(server, team, laptop_factory) -> None:
    """A supervisor's demo makes demo reps on the laptop: head office cannot take their work from anyone."""
    laptop = laptop_factory("supervisor-demo")
    laptop.cli("init", "--name", "王经理", "--role", "supervisor", "--team", "华东一组")
    laptop.cli("demo", "--customers", "12")
    waiting = local_count(laptop, "SELECT count(*) FROM outbox")
    laptop.cli("login", "--server", server.url, "--user", "王经理", "--password-stdin", stdin=PASSWORD + "\n", expect=2)
    assert "made on this laptop" in laptop.last_stderr and "--data-dir" in laptop.last_stderr
    assert laptop.cli_json("sync", "status")["logged_in"] is False
    assert local_count(laptop, "SELECT count(*) FROM outbox") == waiting
    assert local_count(laptop, "SELECT count(*) FROM app_user WHERE name = '王经理' AND version = 0") == 1

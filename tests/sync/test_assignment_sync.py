"""Assignment (分配客户) end to end on the real server: a supervisor assigns pool customers in turn over three reps,
each rep's laptop receives its own with their contacts and history, and head office refuses an assignment outside
the assigner's side, whether the laptop's service or a hand-made push sends it."""

from __future__ import annotations

import httpx
import pytest
from handmade import add_second_team, read_row, token_of
from laptops import PASSWORD, local_count
from sqlalchemy import text

from fieldcrm.ids import uuid7
from fieldcrm.server import accounts
from fieldcrm.services.assignment import AssignmentService
from server_fixtures import wire_op as op
from waiting import HANG_GUARD

pytestmark = pytest.mark.server_threads(1)


def _has(laptop, table: str, row_id: str) -> bool:
    return local_count(laptop, f"SELECT count(*) FROM {table} WHERE id = '{row_id}' AND deleted = 0") == 1


def _push_group(server, headers: dict[str, str], ops: list[dict]) -> list[dict]:
    """Ops of one user action (one group), pushed together."""
    group = uuid7()
    for seq, one in enumerate(ops, start=1):
        one.update(group_id=group, client_seq=seq)
    response = httpx.post(f"{server.url}/sync/push", json={"ops": ops}, headers=headers, timeout=HANG_GUARD)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def _assignment(customer_id: str, by: str, to: str, before: str | None) -> dict:
    fields = {
        "customer_id": customer_id,
        "kind": "assignment",
        "from_owner_id": before,
        "to_owner_id": to,
        "by_user_id": by,
        "owner_id": by,
        "reason": "",
        "rule": "by_hand",
        "at": "2026-12-07T03:00:00+00:00",
        "created_at": "2026-12-07T03:00:00+00:00",
        "updated_at": "2026-12-07T03:00:00+00:00",
        "deleted": False,
    }
    return op("ownership_event", uuid7(), "insert", fields)


def test_round_robin_over_three_reps_reaches_each_reps_laptop(server, team, laptop_factory) -> None:
    liu = accounts.create_user(server.engine, "刘洋", "rep", "华东一组", PASSWORD).id
    admin = laptop_factory("admin", "管理员")
    names = ("甲精密机械", "乙纺织", "丙食品", "丁电子", "戊化工", "己建材")
    pool = [
        admin.services().customers.create(
            name=f"{n}有限公司", owner_id=None, in_public_pool=True, contacts=[{"name": f"{n}联系人"}]
        )
        for n in names
    ]
    assert admin.sync().rejected == 0
    boss = laptop_factory("wang", "王经理")
    boss.sync()
    assigner = AssignmentService(boss.store, team["supervisor"])
    done = assigner.assign(pool, "round_robin", reason="新客户轮流分配")
    assert done["unplaced"] == []
    assert [p["rep"] for p in done["placed"]] == ["李娜", "刘洋", "张伟"] * 2  # in turn, by pinyin
    result = boss.sync()
    assert (result.rejected, result.conflicts) == (0, 0)

    got = {p["customer_id"]: p["rep_id"] for p in done["placed"]}
    admin_headers = token_of(server, "管理员")
    for customer_id, rep_id in got.items():
        row = read_row(server, admin_headers, "customer", customer_id)
        assert row is not None and (row["owner_id"], row["in_public_pool"]) == (rep_id, False)
    with server.engine.connect() as conn:
        events = conn.execute(
            text("SELECT customer_id, to_owner_id, rule FROM ownership_event WHERE kind = 'assignment'")
        ).all()
    assert {(c, to) for c, to, _ in events} == set(got.items()) and {r for _, _, r in events} == {"round_robin"}

    for name, rep_id in (("张伟", team["rep"]), ("李娜", team["other"]), ("刘洋", liu)):
        laptop = laptop_factory(name, name)
        laptop.sync()
        for customer_id, owner in got.items():
            assert _has(laptop, "customer", customer_id) == (owner == rep_id), (name, customer_id)
        mine = [c for c, owner in got.items() if owner == rep_id]
        assert len(mine) == 2
        for customer_id in mine:
            shown = laptop.cli_json("customers", "show", customer_id)
            assert shown["owner_id"] == rep_id and len(shown["contacts"]) == 1
            assert shown["contacts"][0]["owner_id"] == rep_id  # the contact went along
            assert [e["kind"] for e in shown["ownership"]][0] == "assignment"

    # The next round continues after 张伟, on the supervisor's laptop as it synced.
    more = admin.services().customers.create(name="庚物流有限公司", owner_id=None, in_public_pool=True)
    admin.sync()
    boss.sync()
    assert [p["rep"] for p in assigner.preview([more], "round_robin")["placed"]] == ["李娜"]


def test_an_assignment_outside_the_assigners_side_is_refused(server, team, laptop_factory) -> None:
    other = add_second_team(server)
    zhang = laptop_factory("zhang", "张伟")
    customer_id = zhang.cli("customers", "add", "--name", "舟山渔业有限公司", "--contact-name", "何经理").strip()
    assert zhang.sync().rejected == 0
    boss = laptop_factory("wang", "王经理")
    boss.sync()
    # Her laptop never offers the other team's rep.
    plan = AssignmentService(boss.store, team["supervisor"]).preview([customer_id], "by_hand", rep_id=other["赵强"])
    assert plan["placed"] == [] and plan["unplaced"][0]["reason"] == f"{other['赵强']} is not a rep on your team"
    version = boss.cli_json("customers", "show", customer_id)["version"]
    move = {"owner_id": other["赵强"], "in_public_pool": False}
    # A client that sends it anyway: the supervisor to a rep of another team, the other team's supervisor to theirs.
    for who, by in (("王经理", team["supervisor"]), ("陈主管", other["陈主管"])):
        results = _push_group(
            server,
            token_of(server, who),
            [
                op("customer", customer_id, "update", move, base=version),
                _assignment(customer_id, by, other["赵强"], team["rep"]),
            ],
        )
        assert {r["status"] for r in results} == {"rejected"}, (who, results)
    # Within the side the same pair of ops is taken.
    results = _push_group(
        server,
        token_of(server, "王经理"),
        [
            op("customer", customer_id, "update", {"owner_id": team["other"]}, base=version),
            _assignment(customer_id, team["supervisor"], team["other"], team["rep"]),
        ],
    )
    assert [r["status"] for r in results] == ["applied", "applied"], results
    row = read_row(server, token_of(server, "管理员"), "customer", customer_id)
    assert row is not None and row["owner_id"] == team["other"]
    zhao = laptop_factory("zhao", "赵强")
    zhao.sync()
    assert not _has(zhao, "customer", customer_id)

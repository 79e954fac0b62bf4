"""Who sees which row, checked against the rule written out separately, in plain Python over the fixture data.

The expectation never calls the server's visibility code (`server/visibility.py`, `server/feed.py`): `World` below
records what each step of the story did to owners, customers and the pool, and `World.sees` is the rule of
docs/sync.md ("Visibility") over those records. It is compared, for an admin, both supervisors and reps of both
teams, with the full pull feed, `GET /rows/…` for every row, the pull's checksums, the conflicts each one gets,
the "gone" markers of an incremental pull, and what each laptop holds after syncing — on SQLite and PostgreSQL.
The story includes the party-scoped rows: handovers waiting (requested, accepted), declined and approved, an appeal
upheld against its holder, and each team's settings (team_rules).
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import httpx
import pytest
from handmade import TLS, add_second_team, pull_all, push_one, read_row, token_of
from laptops import server_count
from sqlalchemy import text

from fieldcrm.ids import stable_id
from fieldcrm.models import SYNCED_TABLES, Visit
from fieldcrm.services.appeals import AppealService
from fieldcrm.services.changes import unit_of_work
from fieldcrm.services.handover import HandoverService
from fieldcrm.services.pool import PoolService
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.sync.protocol import CONFLICT_TABLE
from server_fixtures import wire_op
from waiting import HANG_GUARD

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)

CREDIT_CODE = "91310000MA1FL3X203"
DIRECTORY = {"team", "app_user"}
#: Rows that hang off a customer, by the column naming it.
HANGING = {"contact", "visit", "opportunity", "planned_stop", "ownership_event", "handover", "appeal"}
VIEWERS = ("管理员", "王经理", "张伟", "李娜", "陈主管", "赵强", "孙丽")


@dataclass
class Row:
    owner: str | None
    customer: str | None = None  # the customer it hangs off (a customer: itself)
    deleted: bool = False
    pool: bool = False  # customers only
    party: str | None = None  # an appeal: the rep who held the customer when it was filed
    team: str | None = None  # a team's settings: the team's name
    waiting_for: str | None = None  # a handover, while requested or accepted: the receiving rep
    lost_claim: bool = False  # an ownership event: head office's record of its owner's claim that lost


@dataclass
class World:
    """The fixture data as the story made it: people, teams, and every row's owner and customer."""

    users: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # name -> (id, role, team)
    leads: dict[str, str] = field(default_factory=dict)  # team -> its supervisor's name
    rows: dict[tuple[str, str], Row] = field(default_factory=dict)

    def person(self, name: str, user_id: str, role: str, team: str | None) -> None:
        self.users[name] = (user_id, role, team)
        self.rows[("app_user", user_id)] = Row(user_id)
        if team is not None:
            self.rows[("team", stable_id("team", team))] = Row(None)
            if role == "supervisor":
                self.leads[team] = name

    def customer(self, row_id: str, owner: str | None, pool: bool = False) -> str:
        self.rows[("customer", row_id)] = Row(owner, row_id, pool=pool)
        return row_id

    def add(self, table: str, row_id: str, owner: str, customer: str | None = None) -> str:
        assert (table in HANGING) == (customer is not None)
        self.rows[(table, row_id)] = Row(owner, customer)
        return row_id

    def handover(self, row_id: str, owner: str, customer: str, to: str) -> str:
        self.add("handover", row_id, owner, customer)
        self.rows[("handover", row_id)].waiting_for = to
        return row_id

    def lost_claim(self, row_id: str, owner: str, customer: str) -> str:
        """Head office refused `owner`'s claim of `customer` (another rep's came first) and recorded it for them."""
        self.add("ownership_event", row_id, owner, customer)
        self.rows[("ownership_event", row_id)].lost_claim = True
        return row_id

    def settle(self, handover_id: str) -> None:
        """A handover declined or approved: it no longer waits for its receiving rep."""
        self.rows[("handover", handover_id)].waiting_for = None

    def appeal(self, row_id: str, owner: str, customer: str, holder: str) -> str:
        self.add("appeal", row_id, owner, customer)
        self.rows[("appeal", row_id)].party = holder
        return row_id

    def settings(self, row_id: str, owner: str, team: str) -> None:
        self.rows[("team_rules", row_id)] = Row(owner, team=team)

    def delete(self, table: str, row_id: str) -> None:
        self.rows[(table, row_id)].deleted = True

    def move(self, customer_id: str, owner: str | None, pool: bool) -> None:
        """A claim, release or reassignment: its contacts and opportunities go to the new owner with it (those of
        its previous owner, and all of a pool customer's); visits and planned stops stay their rep's."""
        row = self.rows[("customer", customer_id)]
        before, was_pool = row.owner, row.pool
        row.owner, row.pool = owner, pool
        for (table, _id), dep in self.rows.items():
            if table in ("contact", "opportunity") and dep.customer == customer_id and owner is not None:
                if dep.owner == before or was_pool:
                    dep.owner = owner

    def id(self, name: str) -> str:
        return self.users[name][0]

    # -- the rule (docs/sync.md, Visibility), written out ------------------------------------------------------
    def side(self, name: str) -> set[str]:
        """The owners whose rows this person sees: themselves, and a supervisor the people of the teams they lead."""
        user_id, role, _team = self.users[name]
        led = {team for team, boss in self.leads.items() if boss == name} if role == "supervisor" else set()
        return {user_id} | {uid for uid, _role, team in self.users.values() if team in led}

    def teams(self, name: str) -> set[str]:
        """The teams whose settings this person sees: their own, and those they lead."""
        _user_id, _role, team = self.users[name]
        return {t for t, boss in self.leads.items() if boss == name} | ({team} if team else set())

    def sees(self, name: str, table: str, row_id: str) -> bool:
        if self.users[name][1] == "admin" or table in DIRECTORY:
            return True
        side = self.side(name)
        row = self.rows[(table, row_id)]
        if row.owner in side or row.party in side:
            return True
        if row.team is not None:
            return row.team in self.teams(name)
        if row.customer is None:
            return False
        customer = self.rows[("customer", row.customer)]
        visited = any(
            t == "visit" and v.customer == row.customer and v.owner in side and not v.deleted
            for (t, _id), v in self.rows.items()
        )
        handed = any(
            t == "handover" and h.customer == row.customer and h.waiting_for in side and not h.deleted
            for (t, _id), h in self.rows.items()
        )
        lost = any(
            t == "ownership_event" and e.lost_claim and e.customer == row.customer and e.owner in side and not e.deleted
            for (t, _id), e in self.rows.items()
        )
        return customer.owner in side or customer.pool or visited or handed or lost

    def visible(self, name: str) -> set[tuple[str, str]]:
        return {key for key in self.rows if self.sees(name, *key)}


# -- the story ------------------------------------------------------------------------------------------------
def _local_ids(laptop, table: str, where: str = "1 = 1") -> list[str]:
    with laptop.store.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(f"SELECT id FROM {table} WHERE {where}")]


def _contacts_of(laptop, customer_id: str) -> list[str]:
    return _local_ids(laptop, "contact", f"customer_id = '{customer_id}'")


def _events_by(world: World, laptop, author: str, customer_id: str) -> None:
    """The customer's ownership events on the laptop the world does not know yet: made by `author`."""
    for event_id in _local_ids(laptop, "ownership_event", f"customer_id = '{customer_id}'"):
        if ("ownership_event", event_id) not in world.rows:
            world.add("ownership_event", event_id, author, customer_id)


def _handovers(world: World, laps: dict, zhangs: tuple[str, str], lis: str) -> dict[str, str]:
    """Within 华东一组: 张伟 hands two customers to 李娜 (the first with his contact, visit, stop and deal: she declines
    it after the checkpoint; the second she accepts, and it waits for the supervisor to the end); 李娜 hands hers (her
    visit stays on it) to 张伟, who accepts, 王经理 approves, and she appeals against 张伟 who holds it now. And each
    team's settings: 王经理 sets his team's, head office the other's (so its supervisor sees them as its lead only)."""
    me = world.id
    zhang, li, boss, admin = (laps[n] for n in ("张伟", "李娜", "王经理", "管理员"))
    asked = HandoverService(zhang.store).request(zhangs, me("李娜"), "调往华南区")["requested"]
    by_customer = {r["customer_id"]: world.handover(r["id"], me("张伟"), r["customer_id"], me("李娜")) for r in asked}
    declining, waiting = (by_customer[c] for c in zhangs)
    (back,) = HandoverService(li.store).request([lis], me("张伟"), "专注鞋业")["requested"]
    approved = world.handover(back["id"], me("李娜"), lis, me("张伟"))
    for laptop in (zhang, li, zhang):
        assert laptop.sync().rejected == 0
    HandoverService(li.store).accept(waiting)
    HandoverService(zhang.store).accept(approved)
    TeamRulesService(boss.store).set({"protection_days": 40})
    world.settings(*_local_ids(boss, "team_rules"), me("王经理"), "华东一组")
    south = stable_id("team", "华南二组")
    TeamRulesService(admin.store).set({"protection_days": 50}, team_id=south)
    world.settings(*_local_ids(admin, "team_rules", f"team_id = '{south}'"), me("管理员"), "华南二组")
    for laptop in (li, zhang, boss, admin):
        assert laptop.sync().rejected == 0
    HandoverService(boss.store).approve(approved)
    world.settle(approved)
    world.move(lis, me("张伟"), pool=False)
    _events_by(world, boss, me("王经理"), lis)
    for laptop in (boss, li):
        assert laptop.sync().rejected == 0
    appeal = AppealService(li.store).file(lis, "我先拜访了尤经理")["id"]
    world.appeal(appeal, me("李娜"), lis, holder=me("张伟"))
    assert li.sync().rejected == 0
    return {"declining": declining, "appeal": appeal, "appealed": lis}


def _build(server, laptop_factory) -> tuple[World, dict, dict[str, str], int]:
    """Most of the story, up to the checkpoint; returns the world, the laptops, the customers the rest of the story
    moves, and the feed's top."""
    add_second_team(server)
    world = World()
    with server.engine.connect() as conn:
        for user_id, name, role, team_id in conn.execute(text("SELECT id, name, role, team_id FROM app_user")):
            team_name = {stable_id("team", t): t for t in ("华东一组", "华南二组")}.get(team_id)
            world.person(name, user_id, role, team_name)
    laps = {name: laptop_factory(name, name) for name in VIEWERS}
    me = world.id
    day = date.today() + timedelta(days=1)

    def first_contact(who: str, customer_id: str) -> None:
        """The ownership history's first entry, made with the customer: its author's row."""
        for event_id in _local_ids(laps[who], "ownership_event", f"customer_id = '{customer_id}'"):
            if ("ownership_event", event_id) not in world.rows:
                world.add("ownership_event", event_id, me(who), customer_id)

    def add_customer(who: str, name: str, *extra: str, contact: str | None = None) -> str:
        args = ["customers", "add", "--name", name, *extra] + (["--contact-name", contact] if contact else [])
        customer_id = world.customer(laps[who].cli(*args).strip(), me(who))
        for contact_id in _contacts_of(laps[who], customer_id):
            world.add("contact", contact_id, me(who), customer_id)
        first_contact(who, customer_id)
        return customer_id

    def visit(who: str, customer_id: str) -> str:
        out = laps[who].cli("visits", "log", "--customer", customer_id, "--outcome", f"{who}拜访")
        return world.add("visit", out.strip(), me(who), customer_id)

    def plan(who: str, customer_id: str) -> None:
        stop = laps[who].cli("plan", "add", "--date", day.isoformat(), "--customer", customer_id).strip()
        with laps[who].store.engine.connect() as conn:
            (plan_id,) = conn.exec_driver_sql(f"SELECT plan_id FROM planned_stop WHERE id = '{stop}'").one()
        world.add("visit_plan", plan_id, me(who))
        world.add("planned_stop", stop, me(who), customer_id)

    def report(who: str) -> None:
        shown = laps[who].cli_json("report", "edit", "--summary", f"{who}的日报")
        world.add("daily_report", shown["id"], me(who))
        laps[who].cli("report", "submit")

    # 华东一组: 张伟's customers with everything hanging off them; 李娜's, one deleted, one released to the pool.
    z1 = add_customer("张伟", "宁波张氏五金有限公司", contact="周经理")
    visit("张伟", z1)
    plan("张伟", z1)
    opportunity = laps["张伟"].services().opportunities.create(z1, "五金配件年单", amount="120000")
    world.add("opportunity", opportunity, me("张伟"), z1)
    report("张伟")
    z2 = add_customer("张伟", "上海信用代码科技有限公司", "--credit-code", CREDIT_CODE, contact="郑总")
    z3 = add_customer("张伟", "杭州转给李娜有限公司", contact="秦经理")
    # Handed to 李娜 later. Synced before that: a customer made and handed over in one push does not reach her (see
    # test_a_customer_registered_and_handed_over_in_one_sync_reaches_the_receiver).
    z4 = add_customer("张伟", "嘉兴待批交接有限公司", contact="冯经理")
    l1 = add_customer("李娜", "温州李氏鞋业有限公司", contact="尤经理")
    visit("李娜", l1)
    l2 = add_customer("李娜", "金华已删除有限公司", contact="许经理")
    l3 = add_customer("李娜", "台州放回公海有限公司", contact="何经理")
    add_customer("王经理", "主管自己的客户有限公司")
    add_customer("陈主管", "二组主管的客户有限公司")
    for who in ("张伟", "李娜", "王经理", "陈主管"):
        assert laps[who].sync().rejected == 0
    laps["李娜"].cli("customers", "delete", l2)
    world.delete("customer", l2)
    for contact_id in _contacts_of(laps["李娜"], l2):
        world.delete("contact", contact_id)
    PoolService(laps["李娜"].store).release(l3, "暂无需求")
    world.move(l3, None, pool=True)
    first_contact("李娜", l3)  # the release's event: hers, and it follows the customer
    assert laps["李娜"].sync().rejected == 0

    # The public pool, made by head office.
    admin = laps["管理员"].services().customers
    p1 = world.customer(admin.create(name="公海一号机电有限公司", owner_id=None, in_public_pool=True), None, True)
    p2 = world.customer(
        admin.create(name="公海二号食品有限公司", owner_id=None, in_public_pool=True, contacts=[{"name": "施经理"}]),
        None,
        True,
    )
    for contact_id in _contacts_of(laps["管理员"], p2):
        world.add("contact", contact_id, None, p2)
    first_contact("管理员", p1)
    first_contact("管理员", p2)
    assert laps["管理员"].sync().rejected == 0

    # 华南二组: 赵强's own customer; the same company as 张伟's credit-code customer, made offline with a contact and
    # a visit (it lands on 张伟's row, his visit makes it visible to him); a visit to a pool customer.
    q1 = add_customer("赵强", "广州赵氏电子有限公司", contact="吕经理")
    visit("赵强", q1)
    report("赵强")
    twin = ("--name", "上海信用代码科技有限公司", "--credit-code", CREDIT_CODE, "--contact-name", "卫主任")
    assert laps["赵强"].cli("customers", "add", *twin).strip() == z2  # the id follows from the code
    for contact_id in _contacts_of(laps["赵强"], z2):
        world.add("contact", contact_id, me("赵强"), z2)
    first_contact("赵强", z2)  # his evidence of first contact stays with the customer
    visit("赵强", z2)
    assert laps["赵强"].sync().rejected == 0
    for who in ("孙丽", "赵强"):
        laps[who].sync()
    visit("赵强", p1)
    # 孙丽 works the pool: a contact and a planned stop on one pool customer, a visit she deletes on it.
    sun_contact = laps["孙丽"].services().customers.add_contact(p1, name="孔工")
    world.add("contact", sun_contact, me("孙丽"), p1)
    plan("孙丽", p1)
    dropped = visit("孙丽", p1)
    with unit_of_work(laps["孙丽"].store) as uow:  # as a client that can take a visit back would send it
        uow.delete(uow.session.get(Visit, dropped))
    world.delete("visit", dropped)
    for who in ("赵强", "孙丽"):
        assert laps[who].sync().rejected == 0
    handed = _handovers(world, laps, (z1, z4), l1)
    for who in VIEWERS:
        laps[who].sync()
    return world, laps, {"pool": p1, "team": z3, "released": l3, **handed}, _top(server)


def _after_checkpoint(server, world: World, laps: dict, moved: dict[str, str]) -> None:
    """The rest: a claim from the pool, a reassignment by the supervisor, a claim of a released customer; 李娜's
    claim of the pool customer 张伟 took, refused (head office records it as lost, and she keeps the customer in
    view; 孙丽, who only left a deleted visit and a stop on it, does not); 李娜 declines the handover of 张伟's
    customer; 王经理 upholds her appeal (the customer leaves 张伟, the appeal stays)."""
    me = world.id
    for who, customer_id, owner in (
        ("张伟", moved["pool"], "张伟"),  # with 赵强's visit and 孙丽's contact, stop and deleted visit on it
        ("王经理", moved["team"], "李娜"),
        ("赵强", moved["released"], "赵强"),
    ):
        laps[who].sync()
        laps[who].services().customers.update(customer_id, owner_id=me(owner), in_public_pool=False)
        world.move(customer_id, me(owner), pool=False)
        for event_id in _local_ids(laps[who], "ownership_event", f"customer_id = '{customer_id}'"):
            if ("ownership_event", event_id) not in world.rows:  # a rep's claim records its event, theirs
                world.add("ownership_event", event_id, me(who), customer_id)
        assert laps[who].sync().rejected == 0
    pool = moved["pool"]
    version = server_count(server, f"SELECT version FROM customer WHERE id = '{pool}'")
    claim = wire_op("customer", pool, "update", {"owner_id": me("李娜"), "in_public_pool": False}, base=version)
    assert push_one(server, token_of(server, "李娜"), claim)["status"] == "rejected"
    lost = server_count(server, f"SELECT count(*) FROM ownership_event WHERE customer_id = '{pool}'"
                        " AND kind = 'claim_lost'")  # fmt: skip
    assert lost == 1
    with server.engine.connect() as conn:
        (lost_id,) = conn.execute(
            text("SELECT id FROM ownership_event WHERE customer_id = :c AND kind = 'claim_lost'"), {"c": pool}
        ).one()
    world.lost_claim(lost_id, me("李娜"), pool)
    li, boss = laps["李娜"], laps["王经理"]
    HandoverService(li.store).decline(moved["declining"], "区域太远")
    world.settle(moved["declining"])
    assert li.sync().rejected == 0
    boss.sync()
    AppealService(boss.store).decide(moved["appeal"], True, "李娜先拜访，客户归李娜")
    world.move(moved["appealed"], me("李娜"), pool=False)
    _events_by(world, boss, me("王经理"), moved["appealed"])
    assert boss.sync().rejected == 0
    for who in VIEWERS:
        assert laps[who].sync().repaired == []  # the feed alone kept every laptop right


# -- what the server and the laptops answer ---------------------------------------------------------------------
def _top(server) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(text("SELECT value FROM sync_counter WHERE id = 1")).scalar_one())


def _views(server, world: World, tokens: dict[str, dict]) -> list[str]:
    """Every difference between the rule and what the server answers, for every viewer (empty: none)."""
    problems: list[str] = []
    admin_changes = pull_all(server, tokens["管理员"])
    versions = {(c["table"], c["id"]): c["row"]["version"] for c in admin_changes if c["row"]}
    conflicts = {
        c["id"]: (c["row"]["table_name"], c["row"]["row_id"]) for c in admin_changes if c["table"] == CONFLICT_TABLE
    }
    assert conflicts, "the story makes conflicts (the credit-code twin): their visibility is checked too"
    for name in VIEWERS:
        expected = world.visible(name)
        changes = pull_all(server, tokens[name])
        seen = [(c["table"], c["id"]) for c in changes if not c["gone"] and c["table"] != CONFLICT_TABLE]
        twice = [key for key, n in Counter(seen).items() if n > 1]
        for what, keys in (("missing", expected - set(seen)), ("extra", set(seen) - expected), ("twice", twice)):
            problems += [f"{name}: pull {what} {key}" for key in sorted(keys)]
        got = {c["id"] for c in changes if c["table"] == CONFLICT_TABLE and not c["gone"]}
        want = {cid for cid, key in conflicts.items() if world.sees(name, *key)}
        if got != want:
            problems.append(f"{name}: conflicts missing {want - got}, extra {got - want}")
        for key in world.rows:
            shown = read_row(server, tokens[name], *key) is not None
            if shown != (key in expected):
                problems.append(f"{name}: GET /rows/{key[0]}/{key[1]} {'answered' if shown else '404'}")
        params = {"after": _top(server), "checksums": "true"}
        url = f"{server.url}/sync/pull"
        answer = httpx.get(url, params=params, headers=tokens[name], timeout=HANG_GUARD, verify=TLS)
        sums = answer.json()["checksums"]
        for table in SYNCED_TABLES:
            live = [key for key in expected if key[0] == table and not world.rows[key].deleted]
            want_sum = {"count": len(live), "version_sum": sum(versions[key] for key in live)}
            if sums[table] != want_sum:
                problems.append(f"{name}: checksum of {table} {sums[table]}, by the rule {want_sum}")
    return problems


def _laptop_rows(laptop) -> set[tuple[str, str]]:
    return {(table, row_id) for table in SYNCED_TABLES for row_id in _local_ids(laptop, table)}


def test_each_person_sees_what_the_rule_says(server, team, laptop_factory) -> None:
    world, laps, moved, checkpoint = _build(server, laptop_factory)
    tokens = {name: token_of(server, name) for name in VIEWERS}
    assert _views(server, world, tokens) == []
    for name in VIEWERS:
        assert _laptop_rows(laps[name]) == world.visible(name), name
    before = copy.deepcopy(world)

    _after_checkpoint(server, world, laps, moved)
    assert _views(server, world, tokens) == []
    for name in VIEWERS:
        # From the checkpoint on: every row that left the person's view is announced as gone, none they still see.
        changes = pull_all(server, tokens[name], after=checkpoint)
        gone = {(c["table"], c["id"]) for c in changes if c["gone"]}
        left = before.visible(name) - world.visible(name)
        assert left <= gone, (name, left - gone)
        assert not gone & world.visible(name), name
        assert _laptop_rows(laps[name]) == world.visible(name), name
    # Not vacuous: the story moved rows out of someone's view, and each viewer sees a different set.
    assert any(before.visible(n) - world.visible(n) for n in VIEWERS)
    assert len({frozenset(world.visible(n)) for n in VIEWERS}) == len(VIEWERS)
    # Nor for the party-scoped rows: the declined handover left 李娜 with its customer's rows; the appeal is seen by
    # both reps and their supervisor only, by its holder without its customer; each team's settings by its own.
    assert ("handover", moved["declining"]) in before.visible("李娜") - world.visible("李娜")
    # The pool customer 张伟 claimed: 李娜, whose claim of it lost, still sees it; 孙丽, who worked on it too (her
    # visit deleted) but never claimed it, no longer does.
    pool = ("customer", moved["pool"])
    assert pool in world.visible("李娜") and pool in before.visible("孙丽") and pool not in world.visible("孙丽")
    assert {t for t, _id in before.visible("李娜") - world.visible("李娜")} >= HANGING - {"appeal"}
    appeal, appealed = ("appeal", moved["appeal"]), ("customer", moved["appealed"])
    assert {n for n in VIEWERS if appeal in world.visible(n)} == {"管理员", "王经理", "张伟", "李娜"}
    assert appealed in before.visible("张伟") and appealed not in world.visible("张伟")
    rules = {n: {k for k in world.visible(n) if k[0] == "team_rules"} for n in VIEWERS}
    assert [len(rules[n]) for n in VIEWERS] == [2, 1, 1, 1, 1, 1, 1] and rules["王经理"] != rules["陈主管"]

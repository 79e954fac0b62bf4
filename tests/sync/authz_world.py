"""The world the authorization matrix runs in, and the ops it pushes: two teams and an admin at head office, and for
every case of the matrix rows of its own, made before any actor pushes, so no case sees another's effects.

Every row is made by a hand-made push (the admin makes customers and the rows that hang off them for anyone; a
report is made, submitted and decided by the people whose step it is), and every actor's ops go in one push, each
op its own group (a group is all-or-nothing; each op of a push is answered separately)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import count
from typing import Any

import httpx
from handmade import add_second_team, token_of
from laptops import ServerHandle

from fieldcrm.domain.reports import digest
from fieldcrm.ids import uuid7
from server_fixtures import wire_op as op  # one op in a group of its own
from waiting import HANG_GUARD

#: The actors, each named by how they stand to "the owner" (张伟, a rep of 华东一组): the other rep of his team, a
#: rep of 华南二组, his supervisor, 华南二组's supervisor, and head office.
ACTORS = ("owner", "teammate", "other_rep", "supervisor", "other_supervisor", "admin")
NAMES = {
    "owner": "张伟",
    "teammate": "李娜",
    "other_rep": "赵强",
    "supervisor": "王经理",
    "other_supervisor": "陈主管",
    "admin": "管理员",
    "other_team_rep": "孙丽",  # 华南二组's second rep: owns the "other team's" rows, never acts
}
TS = "2026-03-02T09:30:00+00:00"
Row = dict[str, Any]
Snapshot = dict[tuple[str, str], Row]


def push_many(server: ServerHandle, headers: dict[str, str], ops: list[dict]) -> list[dict]:
    """Push `ops` in one request, numbered in order; the answers, one per op, in the same order."""
    for seq, one in enumerate(ops, 1):
        one["client_seq"] = seq
    response = httpx.post(f"{server.url}/sync/push", json={"ops": ops}, headers=headers, timeout=HANG_GUARD)
    assert response.status_code == 200, response.text
    results = {r["op_id"]: r for r in response.json()["results"]}
    return [results[one["op_id"]] for one in ops]


@dataclass
class Case:
    """One cell of the matrix: `actor` does `kind` (`variant`) on `target` of `table`; `expected` is True where
    the rules allow it. `make` builds the op once the world exists (it needs the rows' versions); `effect` is what
    an applied op shows on its row; `watch` the rows that must be as they were when it is refused."""

    table: str
    kind: str
    variant: str
    target: str
    actor: str
    expected: bool
    row_id: str = ""
    make: Callable[[Snapshot], dict] | None = None
    effect: dict[str, Any] = field(default_factory=dict)
    watch: list[tuple[str, str]] = field(default_factory=list)
    #: A customer the actor must still not be able to read after a refused op that pointed at it.
    unseen_customer: str | None = None
    op: dict | None = None
    result: dict | None = None

    @property
    def label(self) -> str:
        return f"{self.table} {self.kind} {self.variant} on {self.target} by {self.actor}"


class World:
    """The accounts, their sign-ins, and the setup ops in phases (a report is submitted only once it exists)."""

    def __init__(self, server: ServerHandle, team: dict[str, str]) -> None:
        self.server = server
        second = add_second_team(server)
        self.ids = {
            "owner": team["rep"],
            "teammate": team["other"],
            "supervisor": team["supervisor"],
            "admin": team["admin"],
            "other_rep": second["赵强"],
            "other_supervisor": second["陈主管"],
            "other_team_rep": second["孙丽"],
        }
        self.headers = {who: token_of(server, name) for who, name in NAMES.items()}
        self.phases: dict[int, list[tuple[str, Callable[[Snapshot], dict]]]] = defaultdict(list)
        self._n = count(1)
        self.days = (date(2026, 1, 1) + timedelta(days=n) for n in count())
        self.teams = self._teams()

    def _teams(self) -> dict[str, str]:
        snapshot = self.snapshot()
        users = {row["id"]: row for (table, _id), row in snapshot.items() if table == "app_user"}
        return {who: users[uid]["team_id"] for who, uid in self.ids.items()}

    def unique(self, prefix: str) -> str:
        return f"{prefix}{next(self._n):05d}"

    def setup(self, phase: int, who: str, make: Callable[[Snapshot], dict] | dict) -> None:
        self.phases[phase].append((who, make if callable(make) else (lambda _s, made=make: made)))

    def run_setup(self) -> Snapshot:
        """Push every phase's ops (each who's in one push); each must be applied. The admin's view afterwards."""
        snapshot: Snapshot = {}
        for phase in sorted(self.phases):
            by_who: dict[str, list[dict]] = defaultdict(list)
            for who, make in self.phases[phase]:
                by_who[who].append(make(snapshot))
            for who, ops in by_who.items():
                for one, result in zip(ops, push_many(self.server, self.headers[who], ops), strict=True):
                    assert result["status"] == "applied", (who, one, result)
            snapshot = self.snapshot()
        return snapshot

    def snapshot(self) -> Snapshot:
        """Every row as the admin reads it (a full pull)."""
        rows: Snapshot = {}
        after = 0
        while True:
            params = {"after": after, "limit": 5000}
            response = httpx.get(
                f"{self.server.url}/sync/pull", params=params, headers=self.headers["admin"], timeout=HANG_GUARD
            )
            assert response.status_code == 200, response.text
            answer = response.json()
            for change in answer["changes"]:
                if change["row"] is not None:
                    rows[(change["table"], change["id"])] = change["row"]
            after = answer["next_after"]
            if not answer["has_more"]:
                return rows

    # -- rows made for one case ---------------------------------------------------------------------------
    def customer(self, owner: str | None, *, pool: bool = False) -> str:
        """A customer of `owner` (a key of `ids`), or an owner-less one in the public pool (公海)."""
        row_id = uuid7()
        fields = {"name": self.unique("矩阵客户"), "owner_id": self.ids[owner] if owner else None}
        fields["in_public_pool"] = pool
        self.setup(0, "admin", op("customer", row_id, "insert", fields))
        return row_id

    def plan(self, owner: str) -> str:
        row_id = uuid7()
        fields = {"rep_id": self.ids[owner], "plan_date": next(self.days).isoformat(), "owner_id": self.ids[owner]}
        self.setup(0, "admin", op("visit_plan", row_id, "insert", fields))
        return row_id

    def new_fields(self, table: str, owner: str | None, customer_id: str | None) -> Row:
        """The fields of a new row of `table` owned by `owner`, hanging off `customer_id` where the table does
        (a planned stop also gets a plan of its owner's)."""
        owner_id = self.ids[owner] if owner else None
        if table == "customer":
            return {"name": self.unique("矩阵新客户"), "owner_id": owner_id, "in_public_pool": owner is None}
        if table == "contact":
            return {"customer_id": customer_id, "name": self.unique("联系人"), "owner_id": owner_id}
        if table == "opportunity":
            return {"customer_id": customer_id, "title": self.unique("商机"), "owner_id": owner_id}
        if table == "visit_plan":
            return {"rep_id": owner_id, "plan_date": next(self.days).isoformat(), "owner_id": owner_id}
        if table == "planned_stop":
            assert owner is not None
            plan = self.plan(owner)
            return {"plan_id": plan, "customer_id": customer_id, "purpose": "介绍新品", "owner_id": owner_id}
        if table == "visit":
            fields = {"customer_id": customer_id, "rep_id": owner_id, "started_at": TS, "kind": "visit"}
            return {**fields, "owner_id": owner_id}
        if table == "daily_report":
            day = next(self.days).isoformat()
            fields = {"rep_id": owner_id, "report_date": day, "summary": "走访三家客户", "content": "[]"}
            return {**fields, "owner_id": owner_id, "status": "draft"}
        if table == "team":
            return {"name": self.unique("矩阵小组")}
        if table == "app_user":
            return {"name": self.unique("矩阵用户"), "role": "rep", "team_id": None}
        raise AssertionError(f"no fields for a new {table}")

    def row(self, table: str, owner: str | None, customer_id: str | None) -> str:
        """An existing row of `table`, made by the admin at setup."""
        row_id = uuid7()
        self.setup(0, "admin", op(table, row_id, "insert", self.new_fields(table, owner, customer_id)))
        return row_id

    def report(self, rep: str, state: str) -> str:
        """A report of `rep` in `state`: made and submitted by the rep, decided by their team's supervisor."""
        row_id = uuid7()
        fields = self.new_fields("daily_report", rep, None)
        self.setup(1, rep, op("daily_report", row_id, "insert", fields))
        if state == "draft":
            return row_id
        self.setup(2, rep, lambda s: submit(s, row_id))
        decider = {"owner": "supervisor", "other_team_rep": "other_supervisor"}.get(rep)
        if state == "countersigned":
            self.setup(3, decider, lambda s: countersign(s, row_id))
        elif state == "returned":
            self.setup(3, decider, lambda s: give_back(s, row_id))
        return row_id


def submit(snapshot: Snapshot, report_id: str, **extra: Any) -> dict:
    report = snapshot.get(("daily_report", report_id), {"times_submitted": 0, "content": "[]"})
    fields = {
        "status": "submitted",
        "content": report["content"],
        "submitted_at": TS,
        "times_submitted": report["times_submitted"] + 1,
        "return_comment": None,
    }
    base = version(snapshot, report_id)
    return op("daily_report", report_id, "action", {**fields, **extra}, action="submit", base=base)


def signature_of(report: Row) -> str:
    day = date.fromisoformat(report["report_date"])
    return digest(report["rep_id"], day, report["summary"], report["content"])


def countersign(snapshot: Snapshot, report_id: str, *, stale: bool = False, **extra: Any) -> dict:
    report = snapshot[("daily_report", report_id)]
    fields = {"status": "countersigned", "signature": signature_of(report), "signed_at": TS}
    base = report["version"] - (1 if stale else 0)
    return op("daily_report", report_id, "action", {**fields, **extra}, action="countersign", base=base)


def give_back(snapshot: Snapshot, report_id: str, *, stale: bool = False, **extra: Any) -> dict:
    report = snapshot[("daily_report", report_id)]
    fields = {"status": "returned", "return_comment": "请补充客户反馈"}
    base = report["version"] - (1 if stale else 0)
    return op("daily_report", report_id, "action", {**fields, **extra}, action="return", base=base)


def version(snapshot: Snapshot, row_id: str, table: str = "daily_report") -> int:
    row = snapshot.get((table, row_id))
    return row["version"] if row else 0

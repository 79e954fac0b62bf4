"""Who may do what, on the real server, on SQLite and PostgreSQL: every synced table × every op kind (insert,
update, delete, and each workflow step) × six actors × the rows they aim at, allowed or refused as written below.

The expectations are written out by hand, as head office states its rules; nothing here asks the code under test
what it thinks. The list of tables and op kinds is not: it comes from the table specs (`models.registry.SPECS`) and
the report's steps (`domain.reports.STEPS`), so a new table, op kind or step without a line here fails the test.

Reading a grid: one letter per actor, in the order of `ACTORS` — the owner (张伟, a rep of 华东一组), his teammate
(李娜), a rep of the other team (赵强, 华南二组), his supervisor (王经理), the other team's supervisor (陈主管) and
the admin (管理员). `Y`: applied; `n`: refused with a reason, and nothing changed; `-`: not a case (the op would
change nothing for that actor, or would change an account the rest of the matrix needs).

Targets (whose row the op is aimed at, made afresh for each cell):
  own          the actor's own row (a customer-scoped row under the actor's own customer)
  owner        the owner's row (张伟's: his own for the owner, his teammate's for 李娜, his team's for 王经理)
  other_team   a row of 孙丽, a rep of 华南二组 (赵强's teammate, 陈主管's team)
  pool         a public-pool (公海) customer; for the rows hanging off one: a new row of the actor's (insert), or
               an existing one of 孙丽's (update, delete)
  points       the actor's own row made or re-pointed under the owner's private customer
  fresh        (accounts and teams) a row head office made for this cell
  <who>_<state> (reports) the own/owner's/other team's report, in that state
"""

from __future__ import annotations

from typing import Any, get_args

import pytest
from authz_world import ACTORS, TS, Case, Snapshot, World, countersign, give_back, push_many, submit
from handmade import read_row

from fieldcrm.domain.handover import STEPS as HANDOVER_STEPS
from fieldcrm.domain.protection import PoolRules
from fieldcrm.domain.reports import STEPS
from fieldcrm.domain.team_rules import rules_id
from fieldcrm.ids import stable_id, uuid7
from fieldcrm.models.registry import SPECS
from fieldcrm.server.policy import set_export_policy
from fieldcrm.services.customer_writes import customer_id_for
from fieldcrm.sync.protocol import OpKind
from server_fixtures import wire_op as op

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)

# -- the rules, by hand -------------------------------------------------------------------------------------------
# Head office's own tables: only the admin writes accounts and teams; a laptop's op on them is refused, whoever sends
# it (a rep may not make themselves an admin, nor leave their team).
_HEAD_OFFICE_UPDATE = {
    "plain": {"own": "nnnnn-", "fresh": "nnnnnY"},
    "leave_team": {"own": "nnnnn-", "fresh": "-----Y"},
}
_ACCOUNT_UPDATE = {**_HEAD_OFFICE_UPDATE, "promote": {"own": "nnnnn-", "fresh": "nnnnnY"}}
_HEAD_OFFICE = {
    "insert": {"plain": {"fresh": "nnnnnY"}},
    "delete": {"plain": {"own": "nnnnn-", "fresh": "nnnnnY"}},
}

# Customers: a rep works on their own and on the pool's; a supervisor on their side's (the teams they lead, and
# themselves); an admin on all. Ownership fields move only by the rules: a rep claims from the pool for themselves
# or releases their own to it; a supervisor gives within their side or puts one back in the pool; an admin does
# anything; a customer in the pool is nobody's (a release clears its owner). A new customer belongs to someone on the
# creator's side (only head office puts one straight into the pool).
_CUSTOMER_UPDATE = {
    "edit": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "YYYYYY"},
    "claim": {"pool": "YYYYYY", "owner": "-nnYnY", "other_team": "nnnnYY"},
    "release": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY"},
    "give_within": {"owner": "nnnYnY", "other_team": "nnnnYY"},  # to the current owner's teammate
    "give_outside": {"owner": "nnnnnY", "other_team": "nnnnnY"},  # to a rep of the other team
    "protect": {"own": "nnnYYY", "owner": "nnnYnY"},  # a protection period of one's own choosing
    "first_contact": {"own": "nnnYYY", "owner": "nnnYnY"},  # rewriting who made first contact
}
_CUSTOMER = {
    "insert": {"plain": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "nnnnnY"}},
    "update": _CUSTOMER_UPDATE,
    "delete": {"plain": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "YYYYYY"}},
    # A table without workflow steps: an op sent as a step is judged as the edit it carries, ownership included.
    "action": _CUSTOMER_UPDATE,
}

# What belongs to a customer's file (contacts, opportunities): whoever may work on the customer, including the
# pool's. A row made under a customer, or moved to one, must point at a customer the actor may work on. A row's
# owner is someone on the actor's side, at creation as at any later change.
#: A new row under a customer: the actor's own, the owner's, the other team's, the actor's under a pool customer, and
#: the actor's under the owner's customer.
_NEW_ROW = {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "YYYYYY", "points": "YnnYnY"}
_FILE_UPDATE = {
    "edit": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "YYYYYY", "points": "YnnYnY"},
    "give_outside": {"own": "nnnnYY"},  # the actor's own row handed to 孙丽 (华南二组)
}
_FILE = {
    "insert": {"plain": _NEW_ROW},
    "update": _FILE_UPDATE,
    "delete": {"plain": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "YYYYYY"}},
    "action": _FILE_UPDATE,
}

# Someone's own work (plans, stops, visits): changed only by their side (the rep, their supervisor, an admin), even
# under a pool customer; made under a customer the actor may work on.
_WORK_UPDATE = {
    "edit": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "nnnnYY", "points": "YnnYnY"},
    "give_outside": {"own": "nnnnYY"},
}
_WORK = {
    "insert": {"plain": _NEW_ROW},
    "update": _WORK_UPDATE,
    "delete": {"plain": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY", "pool": "nnnnYY"}},
    "action": _WORK_UPDATE,
}
_PLAN_UPDATE = {"edit": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY"}, "give_outside": {"own": "nnnnYY"}}
_PLAN = {
    "insert": {"plain": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY"}},
    "update": _PLAN_UPDATE,
    "delete": {"plain": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY"}},
    "action": _PLAN_UPDATE,
}

# The daily report: made as a draft by its rep only; its content edited (or the draft deleted) by the rep's side
# while it is a draft or returned; its workflow fields set only by their own step; submitted by its rep only;
# countersigned or returned by the rep's own supervisor or an admin, never by its rep, only on the version they
# saw, a step setting only its own fields and leading only to its own state; a countersigned report never changes.
_DECIDE = {
    "owner_submitted": "nnnYnY",
    "own_submitted": "nnnnnn",
    "other_team_submitted": "nnnnYY",
    "owner_draft": "nnnnnn",
    "owner_returned": "nnnnnn",
    "owner_countersigned": "nnnnnn",
}
_REPORT = {
    "insert": {"draft": {"own": "YYYYYY", "owner": "Ynnnnn", "other_team": "nnnnnn"}, "signed": {"own": "nnnnnn"}},
    "update": {
        "edit": {
            "own_draft": "YYYYYY",
            "owner_draft": "YnnYnY",
            "owner_returned": "YnnYnY",
            "owner_submitted": "nnnnnn",
            "owner_countersigned": "nnnnnn",
            "other_team_draft": "nnnnYY",
        },
        "status": {"own_draft": "nnnnnn", "owner_draft": "nnnnnn"},  # a workflow field in a plain edit
        "signature": {"owner_submitted": "nnnnnn"},
        "hand_over": {"owner_draft": "nnnnnn"},  # the owner's report made 李娜's (its rep and owner)
    },
    "delete": {
        "plain": {
            "own_draft": "YYYYYY",
            "owner_draft": "YnnYnY",
            "owner_returned": "YnnYnY",
            "owner_submitted": "nnnnnn",
            "owner_countersigned": "nnnnnn",
            "other_team_draft": "nnnnYY",
        }
    },
    "action:submit": {
        "plain": {
            "own_draft": "YYYYYY",
            "owner_draft": "Ynnnnn",
            "owner_returned": "Ynnnnn",
            "owner_submitted": "nnnnnn",
            "owner_countersigned": "nnnnnn",
        },
        "signed": {"own_draft": "nnnnnn", "owner_draft": "nnnnnn"},  # a submit carrying a signature and signer
        "wrong_state": {"own_draft": "nnnnnn"},  # a submit leading to "countersigned"
    },
    "action:countersign": {
        "plain": _DECIDE,
        "stale": {"owner_submitted": "nnnnnn"},
        "bad_signature": {"owner_submitted": "nnnnnn"},
        "extra_field": {"owner_submitted": "nnnnnn"},  # a countersign also setting a return comment
        "wrong_state": {"owner_submitted": "nnnnnn"},  # a countersign leading to "returned"
    },
    "action:return": {
        "plain": _DECIDE,
        "stale": {"owner_submitted": "nnnnnn"},
        "extra_field": {"owner_submitted": "nnnnnn"},  # a return also setting a signature
    },
}

# Export control: head office's export policy is set only by its admin CLI, never by a laptop (the admin's neither);
# an audit event (an export, a reveal) is its own user's, written once and never changed or deleted.
_NOBODY = {"plain": {"fresh": "nnnnnn"}}
_POLICY = {"insert": _NOBODY, "update": _NOBODY, "delete": _NOBODY, "action": _NOBODY}
_FINAL = {"plain": {"own": "nnnnnn", "owner": "nnnnnn"}}
_AUDIT = {
    "insert": {"plain": {"own": "YYYYYY", "owner": "Ynnnnn"}},
    "update": _FINAL,
    "delete": _FINAL,
    "action": _FINAL,
}

# Ownership history: an event is its author's record of a change of owner they may make, and the customer stands as
# it says (a first contact excepted: its evidence is kept whoever registered the company first); a rep records their
# own first contacts, claims and releases, a supervisor also gives within their side, only head office returns a
# customer to the pool; an event is never changed or deleted.
_EVENT_INSERT = {
    "first_contact": {"own": "YYYYYY", "owner": "YnnYnY", "other_team": "nnnnYY"},
    "claim": {"own": "YYYYYY", "owner": "YnnYnY"},  # a claim (from the pool) of a customer its `to` now holds
    "release": {"own": "YYYYYY"},  # the actor's own customer, now in the pool (nobody's)
    "assignment": {"owner": "nnnYnY"},  # 张伟's customer, now 李娜's
    "return_to_pool": {"pool": "nnnnnY"},
    "not_as_it_stands": {"pool": "nnnnnn"},  # a claim of a customer that is still in the pool
    "someone_elses": {"own": "nnnnnn"},  # an event naming 孙丽 as its author
}
_EVENT = {"insert": _EVENT_INSERT, "update": _FINAL, "delete": _FINAL, "action": _FINAL}

# Handover (客户交接): asked for by the customer's holder or their supervisor (or an admin), for a rep of the same
# team, starting as requested; then changed only by its steps, each by its party, whatever op kind carries it: the
# receiving rep accepts (or declines before accepting), the supervisor of both reps (or an admin) approves or
# declines; what it is about (customer, reps, reason) never changes, and it is never deleted.
# Targets: owner_<state> is 张伟's customer handed to 李娜 (the teammate), other_team_<state> 孙丽's handed to 赵强.
_HANDOVER_STEPS = {
    "accept": {"owner_requested": "nYnnnn", "other_team_requested": "nnYnnn", "owner_accepted": "nnnnnn"},
    "approve": {"owner_accepted": "nnnYnY", "other_team_accepted": "nnnnYY", "owner_requested": "nnnnnn"},
    "decline": {"owner_requested": "nYnYnY", "owner_accepted": "nnnYnY"},
}
_HANDOVER = {
    "insert": {
        "plain": {"owner": "YnnYnY", "other_team": "nnnnYY"},
        "outside": {"owner": "nnnnnn"},  # 张伟's customer to 赵强, a rep of the other team
        "accepted": {"owner": "nnnnnn"},  # a handover that starts as accepted
    },
    "update": {
        **_HANDOVER_STEPS,  # each step sent as a plain update
        "edit": {"owner_requested": "nnnnnn"},  # its reason rewritten
        "redirect": {"owner_requested": "nnnnnn"},  # handed to someone else instead (李娜 -> 张伟's supervisor)
    },
    "delete": {"plain": {"owner_requested": "nnnnnn", "owner_accepted": "nnnnnn"}},
    "action:accept": {"plain": _HANDOVER_STEPS["accept"]},
    "action:approve": {
        "plain": _HANDOVER_STEPS["approve"],
        "named_otherwise": {"owner_requested": "nnnnnn"},  # an "approve" step that sets the accepted state
    },
    "action:decline": {"plain": _HANDOVER_STEPS["decline"], "extra_field": {"owner_requested": "nnnnnn"}},
}

# Appeals: filed by a rep about a customer they lost (here: assigned away from them), for themselves, once, open and
# undecided; decided only by the supervisor of both reps or an admin, never a party, with a written reason; an
# appeal is never edited, deleted or decided twice.
_APPEAL_NEVER = {"plain": {"own": "nnnnnn", "owner": "nnnnnn"}}
_APPEAL = {
    "insert": {
        "plain": {"own": "YYYnnn"},  # about a customer assigned away from the actor
        "not_lost": {"own": "nnnnnn"},  # about a customer the actor never had
        "for_another": {"owner": "Ynnnnn"},  # naming 张伟 (who lost one) as the appellant: his own only
        "decided": {"own": "nnnnnn"},  # arriving already upheld
    },
    "update": _APPEAL_NEVER,
    "delete": _APPEAL_NEVER,
    "action:decide": {
        "plain": {"owner": "nnnYnY", "other_team": "nnnnYY"},  # 张伟's against 李娜; 赵强's against 孙丽
        "no_reason": {"owner": "nnnnnn"},
        "decided": {"owner": "nnnnnn"},  # rejected already
        "extra_field": {"owner": "nnnnnn"},  # a decision also rewriting the statement
    },
}

# A team's own settings: set (made, changed, or deleted back to the defaults) only by the team's supervisor or an
# admin, on the team's own row (its id follows from the team), the whole JSON valid. Targets: a team made for the
# cell led by the owner's supervisor (`owner`) or by the other team's (`other_team`).
_TEAM_RULES_CHANGE = {
    "plain": {"owner": "nnnYnY", "other_team": "nnnnYY"},
    "invalid": {"owner": "nnnnnn"},  # a protection of -5 days
}
_TEAM_RULES = {
    "insert": {"plain": {"owner": "nnnYnY", "other_team": "nnnnYY"}, "wrong_row": {"owner": "nnnnnn"}},
    "update": _TEAM_RULES_CHANGE,
    "delete": {"plain": {"owner": "nnnYnY", "other_team": "nnnnYY"}},
    "action": _TEAM_RULES_CHANGE,
}

EXPECTED: dict[str, dict[str, dict[str, dict[str, str]]]] = {
    "team": {**_HEAD_OFFICE, "update": _HEAD_OFFICE_UPDATE, "action": _HEAD_OFFICE_UPDATE},
    "app_user": {**_HEAD_OFFICE, "update": _ACCOUNT_UPDATE, "action": _ACCOUNT_UPDATE},
    "customer": _CUSTOMER,
    "contact": _FILE,
    "opportunity": _FILE,
    "visit_plan": _PLAN,
    "planned_stop": _WORK,
    "visit": _WORK,
    "daily_report": _REPORT,
    "export_policy": _POLICY,
    "audit_event": _AUDIT,
    "ownership_event": _EVENT,
    "appeal": _APPEAL,
    "handover": _HANDOVER,
    "team_rules": _TEAM_RULES,
}


#: Each workflow's steps: the report's, the appeal's decision, and the handover's steps.
WORKFLOW_STEPS = {"daily_report": tuple(STEPS), "appeal": ("decide",), "handover": tuple(HANDOVER_STEPS)}


def op_kinds(spec: Any) -> list[str]:
    """The op kinds a table takes: the protocol's, with `action` split into the table's workflow steps."""
    kinds = [k for k in get_args(OpKind) if k != "action"]
    return kinds + ([f"action:{step}" for step in WORKFLOW_STEPS[spec.name]] if spec.workflow_fields else ["action"])


def test_the_matrix_names_every_synced_table_and_op_kind() -> None:
    """Every table of the specs and every op kind it takes has its expectations; nothing else is listed."""
    wanted = {(spec.name, kind) for spec in SPECS for kind in op_kinds(spec)}
    listed = {(table, kind) for table, kinds in EXPECTED.items() for kind in kinds}
    assert not wanted - listed, f"tables or op kinds without expectations: {sorted(wanted - listed)}"
    assert not listed - wanted, f"expectations for tables or op kinds that do not exist: {sorted(listed - wanted)}"
    for table, kinds in EXPECTED.items():
        for kind, variants in kinds.items():
            for variant, targets in variants.items():
                for target, grid in targets.items():
                    assert len(grid) == len(ACTORS) and set(grid) <= set("Yn-"), (table, kind, variant, target)


# -- the cases ----------------------------------------------------------------------------------------------------
_HEAD_OFFICE_TABLES = {spec.name for spec in SPECS if spec.head_office_only}
_CUSTOMER_SCOPED = {spec.name: spec.customer_field for spec in SPECS if spec.customer_field}
#: The field a plain edit changes, per table.
_EDIT = {
    "team": "name",
    "app_user": "name",
    "customer": "notes",
    "contact": "title",
    "opportunity": "title",
    "visit_plan": "note",
    "planned_stop": "purpose",
    "visit": "notes",
    "daily_report": "summary",
}
#: Whose row each target is, and under whose customer (None: a pool customer).
_WHOSE = {"owner": ("owner", "owner"), "other_team": ("other_team_rep", "other_team_rep")}


def _base(snapshot: Snapshot, table: str, row_id: str) -> int:
    return snapshot[(table, row_id)]["version"]


def _change(case: Case, fields: dict) -> None:
    """An update (or a step sent on a table without steps) of `fields` on the case's row."""
    table, row_id = case.table, case.row_id
    wire_kind = "delete" if case.kind == "delete" else ("update" if case.kind == "update" else "action")
    action = "submit" if wire_kind == "action" else None  # a laptop's step name, sent where the table has none
    case.make = lambda s: op(table, row_id, wire_kind, fields, action=action, base=_base(s, table, row_id))
    case.watch = [(table, row_id)]
    if case.kind == "delete":
        case.effect = {"deleted": True}
    else:
        case.effect = {k: v for k, v in fields.items() if k not in ("first_contact_at",)}


def _insert(case: Case, fields: dict) -> None:
    case.row_id = row_id = uuid7()
    case.make = lambda _s: op(case.table, row_id, "insert", fields)
    case.watch = [(case.table, row_id)]
    case.effect = {k: v for k, v in fields.items() if k in ("owner_id", "customer_id", "name", "status")}


def _head_office(world: World, case: Case) -> None:
    table, ids = case.table, world.ids
    if case.kind == "insert":
        return _insert(case, world.new_fields(table, None, None))
    if case.target == "own":
        case.row_id = ids[case.actor] if table == "app_user" else world.teams[case.actor]
    else:
        case.row_id = world.row(table, None, None)
    if case.kind == "delete":
        return _change(case, {})
    fields = {
        "plain": {_EDIT[table]: world.unique("改名")},
        "promote": {"role": "admin"},
        "leave_team": {"team_id": None} if table == "app_user" else {"supervisor_id": None},
    }[case.variant]
    _change(case, fields)


def _policy(world: World, case: Case) -> None:
    """The export policy's row, as head office's admin CLI made it; a laptop's op on it."""
    if case.kind == "insert":
        return _insert(case, {"role": "rep", "scope": "visible", "row_cap": None})
    set_export_policy(world.server.engine, "rep", "own", 2000)
    case.row_id = stable_id("export_policy", "rep")
    return _change(case, {} if case.kind == "delete" else {"scope": "visible"})


def _team_rules(world: World, case: Case) -> None:
    """The settings of a team made for the cell (led by the target's supervisor): new (insert), or set by the admin
    at setup (changes)."""
    team_id = uuid7()
    leader = "supervisor" if case.target == "owner" else "other_supervisor"
    world.setup(
        0, "admin", op("team", team_id, "insert", {"name": world.unique("规则组"), "supervisor_id": world.ids[leader]})
    )
    fields = {"team_id": team_id, "rules": '{"protection_days": 40}', "owner_id": world.ids[case.actor]}
    if case.kind == "insert":
        _insert(case, fields)
        if case.variant == "plain":
            case.row_id = rules_id(team_id)
            case.make = lambda _s: op("team_rules", rules_id(team_id), "insert", fields)
            case.watch = [("team_rules", case.row_id)]
        case.effect = {"rules": fields["rules"]}
        return None
    case.row_id = rules_id(team_id)
    world.setup(1, "admin", op("team_rules", case.row_id, "insert", {**fields, "owner_id": world.ids[leader]}))
    rules = '{"protection_days": -5}' if case.variant == "invalid" else '{"protection_days": 50}'
    return _change(case, {} if case.kind == "delete" else {"rules": rules})


def _audit(world: World, case: Case) -> None:
    """An export's log entry: the actor's own, or the owner's (made by the owner at setup)."""
    owner = case.actor if case.target == "own" else "owner"
    fields = {"kind": "export", "owner_id": world.ids[owner], "at": TS, "row_count": 3, "file_name": "客户.xlsx"}
    if case.kind == "insert":
        return _insert(case, {**fields, "filter_text": "grade=A"})
    case.row_id = uuid7()
    world.setup(0, owner, op("audit_event", case.row_id, "insert", fields))
    return _change(case, {} if case.kind == "delete" else {"row_count": 1})


def _ownership(world: World, case: Case) -> None:
    """An ownership event under a customer made for the cell; for changes, the actor's or the owner's first contact
    (recorded by them at setup)."""
    ids, actor, target, variant = world.ids, case.actor, case.target, case.variant
    if case.kind != "insert":
        author = actor if target == "own" else "owner"
        customer = world.customer(author)
        fields = {"customer_id": customer, "kind": "first_contact", "to_owner_id": ids[author], "at": TS}
        case.row_id = uuid7()
        world.setup(1, author, op("ownership_event", case.row_id, "insert", {**fields, "by_user_id": ids[author]}))
        return _change(case, {} if case.kind == "delete" else {"reason": "改写历史"})
    holder = {"own": actor, "owner": "owner", "other_team": "other_team_rep", "pool": None}[target]
    if variant == "assignment":
        holder = "teammate"
    if variant == "release":
        holder = None  # released: in the pool, nobody's
    customer = world.customer(holder, pool=target == "pool" or variant == "release")
    fields: dict[str, Any] = {
        "customer_id": customer,
        "kind": "claim" if variant == "not_as_it_stands" else variant,
        "from_owner_id": None,
        "to_owner_id": ids[holder] if holder else None,
        "at": TS,
        "reason": "矩阵",
    }
    if variant == "not_as_it_stands":
        fields["to_owner_id"] = ids[actor]
    elif variant == "release":
        fields["from_owner_id"] = ids[actor]
    elif variant == "assignment":
        fields["from_owner_id"] = ids["owner"]
    elif variant == "return_to_pool":
        fields["rule"] = "no_followup"
    author = "other_team_rep" if variant == "someone_elses" else actor
    if variant in ("first_contact", "claim") and target in ("owner", "other_team") and not case.expected:
        case.unseen_customer = customer  # a refused event about another's private customer shows it to nobody
    _insert(case, {**fields, "by_user_id": ids[author], "owner_id": ids[author]})


def _customer(world: World, case: Case) -> None:
    ids, actor, target = world.ids, case.actor, case.target
    owner = {"own": actor, "pool": None}.get(target, _WHOSE.get(target, (None,))[0])
    if case.kind == "insert":
        return _insert(case, world.new_fields("customer", owner, None))
    case.row_id = world.customer(owner, pool=target == "pool")
    if case.kind == "delete":
        return _change(case, {})
    teammate = {"owner": "teammate", "other_team": "other_rep"}.get(target, "teammate")
    outsider = {"owner": "other_team_rep", "other_team": "owner"}.get(target, "other_team_rep")
    fields = {
        "edit": {"notes": "矩阵备注"},
        "claim": {"owner_id": ids[actor], "in_public_pool": False},
        "release": {"in_public_pool": True, "owner_id": None},
        "give_within": {"owner_id": ids[teammate]},
        "give_outside": {"owner_id": ids[outsider]},
        "protect": {"protection_until": "2099-12-31"},
        "first_contact": {"first_contact_by": ids[actor], "first_contact_at": TS},
    }[case.variant]
    _change(case, fields)


def _hanging(world: World, case: Case) -> None:
    """Rows of a customer's file and someone's own work (those under a customer, and plans)."""
    table, actor, target, ids = case.table, case.actor, case.target, world.ids
    scoped = table in _CUSTOMER_SCOPED
    if target in ("own", "points"):
        owner, under = actor, actor
    elif target == "pool":
        owner, under = (actor if case.kind == "insert" else "other_team_rep"), None
    else:
        owner, under = _WHOSE[target]
    customer = None
    if scoped:
        pool_first = target == "pool" or (target == "points" and case.kind != "insert")
        customer = world.customer(None, pool=True) if pool_first else world.customer(under)
        if target == "points" and case.kind == "insert":
            customer = world.customer("owner")
    if case.kind == "insert":
        _insert(case, world.new_fields(table, owner, customer))
        if target == "points" and not case.expected:
            case.unseen_customer = customer
        return None
    case.row_id = world.row(table, owner, customer)
    if case.kind == "delete":
        return _change(case, {})
    if case.variant == "give_outside":
        return _change(case, {"owner_id": ids["other_team_rep"]})
    if target == "points":  # re-pointed from a pool customer to the owner's private one
        destination = world.customer("owner")
        _change(case, {_CUSTOMER_SCOPED[table]: destination})
        if not case.expected:
            case.unseen_customer = destination
        return None
    return _change(case, {_EDIT[table]: world.unique("矩阵修改")})


def _report(world: World, case: Case) -> None:
    actor, target, ids = case.actor, case.target, world.ids
    rep = {"own": actor, "owner": "owner", "other_team": "other_team_rep"}
    if case.kind == "insert":
        fields = world.new_fields("daily_report", rep[target], None)
        if case.variant == "signed":
            fields |= {"status": "submitted", "submitted_at": TS, "signature": "0" * 64, "signed_by": ids[actor]}
        return _insert(case, fields)
    who, state = target.rsplit("_", 1)
    case.row_id = row_id = world.report(rep[who], state)
    case.watch = [("daily_report", row_id)]
    step = case.kind.removeprefix("action:")
    forged = {"signature": "0" * 64, "signed_by": ids[actor], "signed_at": TS}
    if case.kind in ("update", "delete"):
        fields = {
            "edit": {"summary": "改过的总结"},
            "status": {"status": "submitted"},
            "signature": forged,
            "hand_over": {"owner_id": ids["teammate"], "rep_id": ids["teammate"]},
            "plain": {},
        }[case.variant]
        return _change(case, fields)
    extra: dict[str, Any] = {}
    if step == "submit":
        extra = {"signed": forged, "wrong_state": {"status": "countersigned"}, "plain": {}}[case.variant]
        case.make = lambda s: submit(s, row_id, **extra)
        case.effect = {"status": "submitted"}
        return None
    stale = case.variant == "stale"
    if step == "countersign":
        extra = {
            "bad_signature": {"signature": "0" * 64},
            "extra_field": {"return_comment": "好"},
            "wrong_state": {"status": "returned"},
        }.get(case.variant, {})
        case.make = lambda s: countersign(s, row_id, stale=stale, **extra)
        case.effect = {"status": "countersigned", "signed_by": ids[actor]}
        return None
    extra = {"extra_field": {"signature": "0" * 64}}.get(case.variant, {})
    case.make = lambda s: give_back(s, row_id, stale=stale, **extra)
    case.effect = {"status": "returned", "returned_by": ids[actor]}
    return None


def _handover(world: World, case: Case) -> None:
    """A handover under a customer made for the cell: asked for by the actor (insert), or by the holder at setup
    (and accepted by its receiver, for the accepted targets)."""
    ids, actor = world.ids, case.actor
    who, _, state = case.target.rpartition("_") if case.kind != "insert" else (case.target, "", "requested")
    holder, receiver = ("owner", "teammate") if who == "owner" else ("other_team_rep", "other_rep")
    if case.variant == "outside":
        receiver = "other_rep"
    customer = world.customer(holder)
    fields: dict[str, Any] = {
        "customer_id": customer,
        "from_rep_id": ids[holder],
        "to_rep_id": ids[receiver],
        "reason": "调往华南区",
        "status": "requested",
        "requested_at": TS,
    }
    if case.kind == "insert":
        if case.variant == "accepted":
            fields |= {"status": "accepted", "accepted_by": ids[receiver], "accepted_at": TS}
        _insert(case, {**fields, "requested_by": ids[actor], "owner_id": ids[actor]})
        if not case.expected and actor in ("teammate", "other_rep", "other_supervisor") and holder == "owner":
            case.unseen_customer = customer
        return None
    case.row_id = row_id = uuid7()
    world.setup(
        1, holder, op("handover", row_id, "insert", {**fields, "requested_by": ids[holder], "owner_id": ids[holder]})
    )
    if state == "accepted":
        accepted = {"status": "accepted", "accepted_at": TS}
        world.setup(2, receiver, lambda s: op("handover", row_id, "action", accepted, action="accept",
                                              base=_base(s, "handover", row_id)))  # fmt: skip
    if case.kind == "delete":
        return _change(case, {})
    step = case.kind.removeprefix("action:") if case.kind.startswith("action:") else case.variant
    by = {"accept": "accepted", "approve": "approved", "decline": "declined"}.get(step, "")
    sets: dict[str, Any] = {"status": by, f"{by}_at": TS} if by else {}
    if step == "decline":
        sets["decline_reason"] = "客户不同意"
    sets = {
        "edit": {"reason": "改写理由"},
        "redirect": {"to_rep_id": ids["supervisor"]},
        "named_otherwise": {"status": "accepted", "accepted_at": TS},
        "extra_field": {**sets, "reason": "顺便改理由"},
    }.get(case.variant, sets)
    action = step if case.kind.startswith("action:") else None
    case.make = lambda s: op("handover", row_id, "action" if action else "update", sets, action=action,
                             base=_base(s, "handover", row_id))  # fmt: skip
    case.watch = [("handover", row_id), ("customer", customer)]
    case.effect = {"status": by, f"{by}_by": ids[actor]} if by else {}


#: Whom each actor lost a customer to (by assignment), for the appeals they file.
_LOST_TO = {
    "owner": "teammate",
    "teammate": "owner",
    "other_rep": "other_team_rep",
    "supervisor": "owner",
    "other_supervisor": "other_team_rep",
    "admin": "owner",
}


def _lost(world: World, loser: str, holder: str) -> str:
    """A customer `holder` holds, that the admin assigned away from `loser` (the event recorded at setup)."""
    ids = world.ids
    customer = world.customer(holder)
    fields = {"customer_id": customer, "kind": "assignment", "from_owner_id": ids[loser], "to_owner_id": ids[holder]}
    event = {**fields, "by_user_id": ids["admin"], "owner_id": ids["admin"], "at": TS, "reason": "矩阵"}
    world.setup(1, "admin", op("ownership_event", uuid7(), "insert", event))
    return customer


def _appeal_fields(world: World, customer: str, appellant: str, holder: str) -> dict[str, Any]:
    ids = world.ids
    return {
        "customer_id": customer,
        "appellant_id": ids[appellant],
        "holder_id": ids[holder],
        "lost_how": "assignment",
        "statement": "客户是我开发的",
        "filed_at": TS,
        "owner_id": ids[appellant],
    }


def _appeal(world: World, case: Case) -> None:
    """An appeal about a customer lost by assignment: the actor's (insert), or one filed at setup (changes)."""
    actor, variant, ids = case.actor, case.variant, world.ids
    if case.kind == "insert":
        appellant = "owner" if case.target == "owner" else actor
        holder = _LOST_TO[appellant]
        customer = world.customer(holder) if variant == "not_lost" else _lost(world, appellant, holder)
        fields = _appeal_fields(world, customer, appellant, holder)
        if variant == "decided":
            fields |= {"status": "upheld", "decision": "自己判的", "decided_by": ids[actor], "decided_at": TS}
        return _insert(case, fields)
    appellant, holder = ("other_rep", "other_team_rep") if case.target == "other_team" else ("owner", "teammate")
    if case.kind in ("update", "delete") and case.target == "own":
        appellant, holder = actor, _LOST_TO[actor]
        if appellant in ("supervisor", "other_supervisor", "admin"):  # they file none: 张伟's stands in
            appellant, holder = "owner", "teammate"
    case.row_id = row_id = uuid7()
    world.setup(
        2,
        appellant,
        op("appeal", row_id, "insert", _appeal_fields(world, _lost(world, appellant, holder), appellant, holder)),
    )
    if variant == "decided":
        judge = "other_supervisor" if case.target == "other_team" else "supervisor"
        world.setup(3, judge, lambda s: op("appeal", row_id, "action", {"status": "rejected", "decision": "先到先得"},
                                           action="decide", base=s[("appeal", row_id)]["version"]))  # fmt: skip
    if case.kind in ("update", "delete"):
        return _change(case, {} if case.kind == "delete" else {"statement": "改过的陈述"})
    fields: dict[str, Any] = {"status": "upheld", "decision": "拜访记录在先"}
    if variant == "no_reason":
        fields["decision"] = " "
    elif variant == "extra_field":
        fields["statement"] = "改过的陈述"
    case.make = lambda s: op("appeal", row_id, "action", fields, action="decide", base=_base(s, "appeal", row_id))
    case.watch = [("appeal", row_id)]
    case.effect = {"status": "upheld", "decided_by": ids[actor]}
    return None


def build_cases(world: World) -> list[Case]:
    cases = []
    for table, kinds in EXPECTED.items():
        for kind, variants in kinds.items():
            for variant, targets in variants.items():
                for target, grid in targets.items():
                    for actor, letter in zip(ACTORS, grid, strict=True):
                        if letter == "-":
                            continue
                        case = Case(table, kind, variant, target, actor, letter == "Y")
                        if table == "export_policy":
                            _policy(world, case)
                        elif table == "audit_event":
                            _audit(world, case)
                        elif table == "team_rules":
                            _team_rules(world, case)
                        elif table == "ownership_event":
                            _ownership(world, case)
                        elif table == "handover":
                            _handover(world, case)
                        elif table == "appeal":
                            _appeal(world, case)
                        elif table in _HEAD_OFFICE_TABLES:
                            _head_office(world, case)
                        elif table == "customer":
                            _customer(world, case)
                        elif table == "daily_report":
                            _report(world, case)
                        else:
                            _hanging(world, case)
                        cases.append(case)
    return cases


def _verdict(case: Case, before: Snapshot, after: Snapshot) -> str | None:
    """What is wrong with one case's outcome; None when it went as expected."""
    result = case.result or {}
    if case.expected:
        if result.get("status") != "applied":
            return f"expected applied, got {result.get('status')}: {result.get('reason')}"
        row = after.get((case.table, case.row_id))
        if row is None:
            return "applied, but the admin cannot read the row"
        wrong = {k: row.get(k) for k, v in case.effect.items() if row.get(k) != v}
        return f"applied, but the row shows {wrong} instead of {case.effect}" if wrong else None
    if result.get("status") != "rejected" or not result.get("reason"):
        return f"expected rejected with a reason, got {result.get('status')} ({result.get('reason')})"
    changed = [key for key in case.watch if before.get(key) != after.get(key)]
    return f"rejected, but these rows changed: {changed}" if changed else None


def run_matrix(world: World) -> list[str]:
    """Build the world, push every actor's ops (one push each), and say what went otherwise than expected."""
    cases = build_cases(world)
    before = world.run_setup()
    by_actor: dict[str, list[Case]] = {}
    for case in cases:
        case.op = case.make(before)  # type: ignore[misc]
        by_actor.setdefault(case.actor, []).append(case)
    for actor, mine in by_actor.items():
        results = push_many(world.server, world.headers[actor], [c.op for c in mine])  # type: ignore[misc]
        for case, result in zip(mine, results, strict=True):
            case.result = result
    after = world.snapshot()
    failures = []
    for case in cases:
        verdict = _verdict(case, before, after)
        if verdict is None and case.unseen_customer is not None:
            if read_row(world.server, world.headers[case.actor], "customer", case.unseen_customer) is not None:
                verdict = "refused, yet the actor now reads the customer it pointed at"
        if verdict is not None:
            failures.append(f"{case.label}: {verdict}")
    every_kind = {(table, kind) for table, kinds in EXPECTED.items() for kind in kinds}
    assert {(c.table, c.kind) for c in cases} == every_kind  # each op kind of each table was tried at least once
    return failures


def test_authorization_matrix(server, team, monkeypatch: pytest.MonkeyPatch) -> None:
    # Who may claim, not how many: the world gives each actor hundreds of customers, past the pool's holding cap
    # and daily limit (those have tests of their own: tests/sync/test_pool_claims.py).
    unlimited = PoolRules(holding_cap=1_000_000, claims_per_day=1_000_000)
    monkeypatch.setattr("fieldcrm.server.checks.team_rules", lambda session, team_id: unlimited)
    failures = run_matrix(World(server, team))
    assert not failures, f"{len(failures)} cases went against the rules:\n" + "\n".join(failures)


def test_an_unknown_report_step_is_refused_with_a_reason(server, team) -> None:
    """A step the report does not have ("approve") is a bad op: rejected with a reason, never a server error."""
    world = World(server, team)
    report_id = uuid7()
    draft = op("daily_report", report_id, "insert", world.new_fields("daily_report", "owner", None))
    assert push_many(server, world.headers["owner"], [draft])[0]["status"] == "applied"
    approve = op("daily_report", report_id, "action", {"status": "submitted"}, action="approve", base=0)
    (result,) = push_many(server, world.headers["owner"], [approve])
    assert result["status"] == "rejected" and "approve" in result["reason"], result
    assert read_row(server, world.headers["admin"], "daily_report", report_id)["status"] == "draft"


# -- the one exception: a customer created a second time offline ----------------------------------------------------
CREDIT_CODE = "91310000MA1FL3X203"


def test_the_second_creator_of_a_customer_and_their_side_may_add_rows_to_it(server, team) -> None:
    """Two reps of different teams create the same customer offline (one id, from its credit code): the second
    creation is an insert of an existing customer. It fills gaps and goes to the supervisor as a duplicate case; it
    never takes the customer, but its creator and their side may then add rows to it (in that push or a later one),
    so nothing they typed is lost. Nobody else may: that is still another rep's private customer."""
    world = World(server, team)
    ids, headers = world.ids, world.headers
    customer_id = customer_id_for(CREDIT_CODE)
    first = {"name": "北京同仁堂科技有限公司", "credit_code": CREDIT_CODE, "owner_id": ids["owner"]}
    (created,) = push_many(server, headers["owner"], [op("customer", customer_id, "insert", first)])
    assert created["status"] == "applied", created

    second = {**first, "owner_id": ids["other_rep"], "address": "北京市东城区", "in_public_pool": True}
    contact = {"customer_id": customer_id, "name": "赵经理", "owner_id": ids["other_rep"]}
    again, with_it = push_many(
        server,
        headers["other_rep"],
        [op("customer", customer_id, "insert", second), op("contact", uuid7(), "insert", contact)],
    )
    assert again["status"] == "conflict" and with_it["status"] == "applied", (again, with_it)

    visit = {"customer_id": customer_id, "rep_id": ids["other_rep"], "started_at": TS, "owner_id": ids["other_rep"]}
    (later,) = push_many(server, headers["other_rep"], [op("visit", uuid7(), "insert", visit)])
    assert later["status"] == "applied", later
    by_side = {"customer_id": customer_id, "title": "年度采购", "owner_id": ids["other_supervisor"]}
    (theirs,) = push_many(server, headers["other_supervisor"], [op("opportunity", uuid7(), "insert", by_side)])
    assert theirs["status"] == "applied", theirs
    for outsider in ("other_team_rep", "teammate"):  # 赵强's teammate 孙丽 is not his side; nor is 张伟's 李娜
        stranger = {"customer_id": customer_id, "name": "钱经理", "owner_id": ids[outsider]}
        (refused,) = push_many(server, headers[outsider], [op("contact", uuid7(), "insert", stranger)])
        assert refused["status"] == "rejected" and refused["reason"], (outsider, refused)
        assert read_row(server, headers[outsider], "customer", customer_id) is None, outsider

    row = read_row(server, headers["admin"], "customer", customer_id)
    assert (row["owner_id"], row["in_public_pool"], row["address"]) == (ids["owner"], False, "北京市东城区")

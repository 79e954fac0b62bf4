"""Every write records its outbox entries: replaying them onto the rows head office holds rebuilds the stored rows.

One case per write method (services, the bulk writer, the import and its undo, demo data, conflict resolution).
Each case starts from a synced store (every earlier entry acknowledged), performs one user action, and replays
that action's entries onto the rows as they were before it (`outbox_replay`). A write that forgets its entry, sends
a wrong value or leaves a column out shows as a difference. A last test fails when a public write method appears
that no case covers.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from outbox_replay import (
    acknowledge_all,
    as_pulled,
    differences,
    entries_after,
    last_client_seq,
    open_conflict,
    replay,
    synced_rows,
)
from sqlmodel import select

import fieldcrm.excel
import fieldcrm.services
import fieldcrm.sync.conflicts
from fieldcrm.demo import generate_demo
from fieldcrm.excel import ImportHistory, ImportJob
from fieldcrm.models import ConflictRecord, Customer, Opportunity, PlannedStop, Visit, VisitPlan, utcnow
from fieldcrm.normalize import normalise_company_name
from fieldcrm.services import Services
from fieldcrm.services.appeals import AppealService
from fieldcrm.services.assignment import AssignmentService
from fieldcrm.services.base import BaseService
from fieldcrm.services.bulk import BulkWriter
from fieldcrm.services.changes import unit_of_work
from fieldcrm.services.exports import ExportService
from fieldcrm.services.handover import HandoverService
from fieldcrm.services.plans import plan_id_for
from fieldcrm.services.pool import PoolService
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.sync.conflicts import resolve
from fieldcrm.sync.protocol import CONFLICT_TABLE

Team = dict[str, Services]
MONDAY = date(2026, 12, 7)
CREDIT_CODE = "91310000MA1FL3X203"
_DAY: list[date] = []


@pytest.fixture(autouse=True)
def _the_day(today: date) -> None:
    _DAY[:] = [today]


def _today() -> date:
    """The day the reports are for: the day the test under way runs (never read at import, where a run that crosses
    midnight would build a report for a day without the visits)."""
    return _DAY[0]


@dataclass(frozen=True)
class Case:
    covers: tuple[str, ...]  # the write methods this action goes through
    act: Callable[[Team, dict[str, Any]], Any]
    setup: Callable[[Team, Path], dict[str, Any]] = lambda team, folder: {}
    one_action: bool = True  # a single user action: one group, applied whole
    sends: bool = True  # False: nothing to tell head office (it never had the rows)
    check: Callable[[list, dict[str, Any]], None] | None = None  # what the replay cannot see on its own


# -- setups ------------------------------------------------------------------------------------------------------
def _team_rules(team: Team) -> TeamRulesService:
    return TeamRulesService(team["supervisor"].store, team["supervisor"].customers.user_id)


def _team_rules_set(team: Team, folder: Path) -> dict[str, Any]:
    _team_rules(team).set({"protection_days": 45})
    return {}


def _customer(team: Team, folder: Path, contacts: int = 0) -> dict[str, Any]:
    people = [{"name": n, "mobile": m} for n, m in (("王经理", "13812345678"), ("李会计", "13987654321"))][:contacts]
    cid = team["rep"].customers.create(
        name="苏州恒泰电子有限公司", phone="0512-66668888", grade="B", contacts=people, notes="老客户"
    )
    contact_ids = [c["id"] for c in team["rep"].customers.get(cid)["contacts"]]
    return {"customer": cid, "contacts": contact_ids}


def _pooled(team: Team, folder: Path) -> dict[str, Any]:
    cid = team["supervisor"].customers.create(name="公海机电设备有限公司", owner_id=None, in_public_pool=True)
    return {"customer": cid}


def _stops(team: Team, folder: Path) -> dict[str, Any]:
    names = ("甲商贸有限公司", "乙电子有限公司", "丙机械有限公司", "丁食品有限公司")
    customers = [team["rep"].customers.create(name=n) for n in names]
    stops = [team["rep"].plans.add_stop(MONDAY, c, purpose="介绍新品") for c in customers[:3]]
    return {"customers": customers, "stops": stops}


def _deleted_day(team: Team, folder: Path) -> dict[str, Any]:
    """The day's plan and stops deleted at head office; the pull brought the tombstones."""
    ctx = _stops(team, folder)
    store = team["rep"].store
    acknowledge_all(store)
    as_pulled(store, "visit_plan", plan_id_for(team["rep"].customers.user_id, MONDAY), deleted=True, version=2)
    for stop in ctx["stops"]:
        as_pulled(store, "planned_stop", stop, deleted=True, version=2)
    return ctx


def _visits(team: Team, folder: Path) -> dict[str, Any]:
    ctx = _stops(team, folder)
    ctx["visit"] = team["rep"].visits.log(ctx["customers"][0], outcome="介绍新品", notes="采购经理在")
    return ctx


def _submitted(team: Team, folder: Path) -> dict[str, Any]:
    ctx = _visits(team, folder)
    ctx["report"] = team["rep"].reports.submit(_today())["id"]
    return ctx


def _opportunity(team: Team, folder: Path) -> dict[str, Any]:
    ctx = _customer(team, folder)
    ctx["opportunity"] = team["rep"].opportunities.create(ctx["customer"], "年度框架协议", amount="120,000.50")
    return ctx


def _to_assign(team: Team, folder: Path) -> dict[str, Any]:
    """A rep's customer with contacts, and a pool customer with one (added by a rep while it was in the pool)."""
    ctx = _customer(team, folder, contacts=2)
    ctx["pool"] = team["supervisor"].customers.create(name="丽水公海竹木有限公司", owner_id=None, in_public_pool=True)
    team["rep"].customers.add_contact(ctx["pool"], name="蒋厂长")
    return ctx


def _handover(team: Team, step: str = "") -> HandoverService:
    who = {"accept": "other", "approve": "supervisor", "decline": "supervisor"}.get(step, "rep")
    return HandoverService(team[who].store, team[who].user_id)


def _to_hand_over(team: Team, folder: Path, accepted: bool = False) -> dict[str, Any]:
    """张伟's customer with contacts, a deal and a stop planned for tomorrow, asked to go to 李娜 (and accepted)."""
    ctx = _opportunity(team, folder)
    team["rep"].customers.add_contact(ctx["customer"], name="蒋厂长")
    team["rep"].plans.add_stop(_today() + timedelta(days=1), ctx["customer"], purpose="续签")
    ctx["second"] = team["rep"].customers.create(name="嘉兴第二客户有限公司")
    asked = _handover(team).request([ctx["customer"]], team["other"].user_id, "调往华南区")["requested"]
    ctx["handover"] = asked[0]["id"]
    if accepted:
        _handover(team, "accept").accept(ctx["handover"])
    return ctx


def _assigned_away(team: Team, folder: Path) -> dict[str, Any]:
    """A rep's customer, with his visit and a contact, that the supervisor gave to another rep: he lost it."""
    ctx = _customer(team, folder, contacts=1)
    team["rep"].visits.log(ctx["customer"], outcome="谈了年度采购")
    AssignmentService(team["supervisor"].store, team["supervisor"].user_id).assign(
        [ctx["customer"]], "by_hand", rep_id=team["other"].user_id, reason="区域调整"
    )
    return ctx


def _appealed(team: Team, folder: Path) -> dict[str, Any]:
    ctx = _assigned_away(team, folder)
    ctx["appeal"] = AppealService(team["rep"].store, team["rep"].user_id).file(ctx["customer"], "客户是我开发的")["id"]
    return ctx


def _workbook(team: Team, folder: Path) -> dict[str, Any]:
    ctx = _customer(team, folder, contacts=1)
    book = openpyxl.Workbook()
    for row in (
        ["客户名称", "电话", "客户等级", "行业", "联系人", "手机"],
        ["苏州恒泰电子有限公司", "0512-66668888", "A", "电子", "赵工", "13700001111"],  # updates the one above
        ["杭州新客户贸易有限公司", "0571-88886666", "C", "贸易", "钱经理", "13600002222"],
        ["宁波第二新客户有限公司", None, None, None, None, None],
    ):
        book.active.append(row)
    book.save(folder / "客户名单.xlsx")
    ctx["workbook"] = folder / "客户名单.xlsx"
    return ctx


def _import(team: Team, folder: Path, ctx: dict[str, Any]) -> str:
    job = ImportJob(team["rep"].store, ctx["workbook"], user_id=team["rep"].customers.user_id)
    job.read()
    job.preview(on_duplicate="update")
    summary = job.commit()
    assert (summary.new, summary.update) == (2, 1)
    return summary.import_id


def _deleted_with_code(team: Team, folder: Path) -> dict[str, Any]:
    """A customer with a credit code, deleted; a workbook with a row of that code brings it back."""
    cid = team["rep"].customers.create(name="无锡旧客户机械有限公司", credit_code="91320500MA1N00000U")
    team["rep"].customers.delete(cid)
    book = openpyxl.Workbook()
    book.active.append(["客户名称", "统一社会信用代码", "客户等级", "联系人", "手机"])
    book.active.append(["无锡旧客户机械有限公司", "91320500MA1N00000U", "A", "孙经理", "13500003333"])
    book.save(folder / "旧客户.xlsx")
    return {"customer": cid, "workbook": folder / "旧客户.xlsx"}


def _revive(team: Team, ctx: dict[str, Any]) -> None:
    job = ImportJob(team["rep"].store, ctx["workbook"], user_id=team["rep"].customers.user_id)
    job.read()
    job.preview(on_duplicate="update")
    summary = job.commit()
    assert summary.new == 1
    assert team["rep"].customers.get(ctx["customer"])["grade"] == "A"


def _imported(team: Team, folder: Path) -> dict[str, Any]:
    ctx = _workbook(team, folder)
    ctx["import"] = _import(team, folder, ctx)
    return ctx


def _refused(team: Team, folder: Path) -> dict[str, Any]:
    """A customer and its contact that head office refused when they were new: they exist only on this laptop."""
    ctx = _customer(team, folder, contacts=1)
    store = team["rep"].store
    acknowledge_all(store, refuse={("customer", ctx["customer"]), ("contact", ctx["contacts"][0])})
    with store.session() as session:
        query = select(ConflictRecord).where(ConflictRecord.row_id == ctx["customer"])
        ctx["conflict"] = session.exec(query).one().id
    return ctx


def _refused_edit(refetched: bool) -> Callable[[Team, Path], dict[str, Any]]:
    """An accepted customer whose later edit head office refused; the refetch after the refusal puts head
    office's value back (`refetched`), or did not run (the laptop went offline)."""

    def setup(team: Team, folder: Path) -> dict[str, Any]:
        ctx = _customer(team, folder)
        store = team["rep"].store
        acknowledge_all(store)
        team["rep"].customers.update(ctx["customer"], notes="客户要求月底前回复")
        acknowledge_all(store, refuse={("customer", ctx["customer"])})
        if refetched:
            as_pulled(store, "customer", ctx["customer"], notes="老客户")
        with store.session() as session:
            query = select(ConflictRecord).where(ConflictRecord.row_id == ctx["customer"])
            ctx["conflict"] = session.exec(query).one().id
        return ctx

    return setup


def _conflict(kind: str, field: str | None, mine: Any, theirs: Any, deleted_here: bool = False) -> Callable:
    """A synced customer with an open conflict as a pull records one."""

    def setup(team: Team, folder: Path) -> dict[str, Any]:
        ctx = _customer(team, folder)
        store = team["rep"].store
        acknowledge_all(store)
        if deleted_here:  # head office deleted it; the pull brought the tombstone
            as_pulled(store, "customer", ctx["customer"], deleted=True, version=2)
        ctx["conflict"] = open_conflict(
            store,
            kind=kind,
            table_name="customer",
            row_id=ctx["customer"],
            field=field,
            local_value=json.dumps(mine, ensure_ascii=False),
            server_value=json.dumps(theirs, ensure_ascii=False),
        )
        return ctx

    return setup


def _sends_resolution(entries: list, ctx: dict[str, Any]) -> None:
    sent = [(e.row_id, e.op, e.action, e.fields) for e in entries if e.table == CONFLICT_TABLE]
    assert len(sent) == 1 and sent[0][:3] == (ctx["conflict"], "action", "resolve"), sent


def _sends_the_refused_rows_whole(entries: list, ctx: dict[str, Any]) -> None:
    sent = {(e.table, e.row_id, e.op) for e in entries}
    assert {("customer", ctx["customer"], "insert"), ("contact", ctx["contacts"][0], "insert")} <= sent, sent


def _sends_notes_again(entries: list, ctx: dict[str, Any]) -> None:
    sent = [e.fields for e in entries if e.table == "customer" and e.row_id == ctx["customer"]]
    assert {"notes": "客户要求月底前回复"} in sent, sent


# -- bulk writes, as demo data and imports make them ---------------------------------------------------------------
def _bulk_history(team: Team, ctx: dict[str, Any]) -> None:
    rep = team["rep"].customers.user_id
    customer = ctx["customers"][3]
    plan = plan_id_for(rep, MONDAY + timedelta(days=1))
    with unit_of_work(team["rep"].store) as uow:
        writer = BulkWriter(uow)
        writer.insert_many(VisitPlan, [{"id": plan, "rep_id": rep, "owner_id": rep, "plan_date": MONDAY}])
        stop = writer.insert_many(
            PlannedStop, [{"plan_id": plan, "customer_id": customer, "owner_id": rep, "position": 0, "status": "done"}]
        )[0]
        writer.insert_many(
            Visit,
            [{"customer_id": customer, "rep_id": rep, "owner_id": rep, "stop_id": stop, "started_at": utcnow(),
              "kind": "visit", "outcome": "签了意向书"}],
        )  # fmt: skip
        writer.insert_many(
            Opportunity, [{"customer_id": customer, "owner_id": rep, "title": "二期扩容", "amount_cents": 5_000_000}]
        )


def _bulk_customers(team: Team, ctx: dict[str, Any], *, with_contacts: bool) -> None:
    rep = team["rep"].customers.user_id
    rows = [
        {
            "id": f"0190a000-0000-7000-8000-00000000000{i}",
            "name": name,
            "name_norm": normalise_company_name(name),
            "owner_id": rep,
            "first_contact_at": utcnow(),
            "first_contact_by": rep,
        }
        for i, name in enumerate(("批量客户一有限公司", "批量客户二有限公司"))
    ]
    with unit_of_work(team["rep"].store) as uow:
        writer = BulkWriter(uow)
        if with_contacts:
            contacts = [{"customer_id": rows[0]["id"], "owner_id": rep, "name": "孙经理", "is_primary": True}]
            writer.insert_customers(rows, contacts)
        else:
            writer.insert_many(Customer, rows)


# -- the cases -------------------------------------------------------------------------------------------------------
CASES: dict[str, Case] = {
    # customers and contacts
    "customer create": Case(
        ("CustomerService.create", "UnitOfWork.insert", "changes.unit_of_work"),
        lambda t, c: t["rep"].customers.create(
            name="上海华润万家超市有限公司",
            phone="021-62345678",
            credit_code=CREDIT_CODE,
            region="华东",
            tags="连锁,零售",
            contacts=[{"name": "王经理", "mobile": "13812345678"}, {"name": "李会计", "email": "li@example.com"}],
        ),
    ),
    "customer update": Case(
        ("CustomerService.update", "UnitOfWork.update"),
        lambda t, c: t["rep"].customers.update(
            c["customer"],
            name="苏州恒泰电子科技有限公司",
            phone="0512-66669999",
            grade="A",
            next_follow_up="2026-12-20",
        ),
        _customer,
    ),
    "pool claim": Case(
        ("PoolService.claim", "pool.record_claim"),
        lambda t, c: PoolService(t["rep"].store, t["rep"].user_id).claim(c["customer"]),
        _pooled,
    ),
    "pool release": Case(
        ("PoolService.release", "pool.record_release"),
        lambda t, c: PoolService(t["rep"].store, t["rep"].user_id).release(c["customer"], "客户暂无需求"),
        _customer,
    ),
    "customer delete": Case(
        ("CustomerService.delete", "UnitOfWork.delete"),
        lambda t, c: t["rep"].customers.delete(c["customer"]),
        lambda t, f: _customer(t, f, contacts=2),
    ),
    "contact add as primary": Case(
        ("CustomerService.add_contact",),
        lambda t, c: t["rep"].customers.add_contact(c["customer"], name="周总", title="总经理", is_primary=True),
        lambda t, f: _customer(t, f, contacts=1),
    ),
    "contact update to primary": Case(
        ("CustomerService.update_contact",),
        lambda t, c: t["rep"].customers.update_contact(c["contacts"][1], is_primary=True, title="财务总监"),
        lambda t, f: _customer(t, f, contacts=2),
    ),
    "contact delete": Case(
        ("CustomerService.delete_contact",),
        lambda t, c: t["rep"].customers.delete_contact(c["contacts"][0]),
        lambda t, f: _customer(t, f, contacts=2),
    ),
    "refused customer edited: sent again whole, with its refused contact": Case(
        ("UnitOfWork.resend",),
        lambda t, c: t["rep"].customers.update(c["customer"], notes="补充了地址，再发一次"),
        _refused,
        check=_sends_the_refused_rows_whole,
    ),
    # plans and stops
    "stop added on a new day": Case(
        ("PlanService.add_stop",),
        lambda t, c: t["rep"].plans.add_stop(MONDAY + timedelta(days=2), c["customers"][3], purpose="送样品"),
        _stops,
    ),
    "stop added first of its day": Case(
        ("PlanService.add_stop",),
        lambda t, c: t["rep"].plans.add_stop(MONDAY, c["customers"][3], purpose="催款", position=0),
        _stops,
    ),
    "stop added to a day head office deleted": Case(
        ("PlanService.add_stop",),
        lambda t, c: t["rep"].plans.add_stop(MONDAY, c["customers"][3], purpose="补拜访"),
        _deleted_day,
    ),
    "stops reordered": Case(
        ("PlanService.reorder",),
        lambda t, c: t["rep"].plans.reorder(MONDAY, list(reversed(c["stops"]))),
        _stops,
    ),
    "stop moved up": Case(("PlanService.move_stop",), lambda t, c: t["rep"].plans.move_stop(c["stops"][2], -2), _stops),
    "stop moved to another day": Case(
        ("PlanService.move_to_day",),
        lambda t, c: t["rep"].plans.move_to_day(c["stops"][0], MONDAY + timedelta(days=3)),
        _stops,
    ),
    "stop cancelled": Case(
        ("PlanService.cancel_stop",), lambda t, c: t["rep"].plans.cancel_stop(c["stops"][1]), _stops
    ),
    # visits
    "visit logged from a stop, with a next date": Case(
        ("VisitService.log",),
        lambda t, c: t["rep"].visits.log(
            c["customers"][0],
            kind="meeting",
            outcome="确认了报价",
            next_step="发合同",
            next_date="2026-12-20",
            stop_id=c["stops"][0],
        ),  # fmt: skip
        _stops,
    ),
    "visit corrected": Case(
        ("VisitService.edit",),
        lambda t, c: t["rep"].visits.edit(c["visit"], outcome="介绍新品，见到采购经理", next_date="2026-12-21"),
        _visits,
    ),
    # reports
    "report built": Case(("ReportService.build",), lambda t, c: t["rep"].reports.build(_today()), _visits),
    "report rebuilt after a new visit": Case(
        ("ReportService.build",),
        lambda t, c: (t["rep"].visits.log(c["customers"][1], outcome="电话回访"), t["rep"].reports.build(_today())),
        lambda t, f: {**_visits(t, f), "built": t["rep"].reports.build(_today())},
        one_action=False,  # the visit, then the rebuild
    ),
    "report summary written": Case(
        ("ReportService.edit_summary",),
        lambda t, c: t["rep"].reports.edit_summary(_today(), "走访三家，一家有意向"),
        _visits,
    ),
    "report summary rewritten": Case(
        ("ReportService.edit_summary",),
        lambda t, c: t["rep"].reports.edit_summary(_today(), "改：走访三家，两家有意向"),
        lambda t, f: {**_visits(t, f), "built": t["rep"].reports.build(_today())},
    ),
    "report submitted": Case(("ReportService.submit",), lambda t, c: t["rep"].reports.submit(_today()), _visits),
    "report countersigned": Case(
        ("ReportService.countersign",),
        lambda t, c: t["supervisor"].reports.countersign(c["report"]),
        _submitted,
    ),
    "report returned": Case(
        ("ReportService.return_report",),
        lambda t, c: t["supervisor"].reports.return_report(c["report"], "请补充客户反馈"),
        _submitted,
    ),
    # opportunities
    "opportunity created": Case(
        ("OpportunityService.create",),
        lambda t, c: t["rep"].opportunities.create(
            c["customer"], "二期项目", amount=80000, expected_close="2027-03-31"
        ),
        _customer,
    ),
    "opportunity lost": Case(
        ("OpportunityService.move",),
        lambda t, c: t["rep"].opportunities.move(c["opportunity"], "输单", lost_reason="价格高于竞品"),
        _opportunity,
    ),
    "opportunity updated": Case(
        ("OpportunityService.update",),
        lambda t, c: t["rep"].opportunities.update(c["opportunity"], title="年度框架协议（续）", amount="150000"),
        _opportunity,
    ),
    # assignment by a supervisor
    "customers assigned in turn, a pool customer's contacts along": Case(
        ("AssignmentService.assign",),
        lambda t, c: AssignmentService(t["supervisor"].store, t["supervisor"].user_id).assign(
            [c["customer"], c["pool"]], "round_robin", reason="新客户分配"
        ),
        _to_assign,
    ),
    "a rep's customer and its deal given to another by hand": Case(
        ("AssignmentService.assign",),
        lambda t, c: AssignmentService(t["supervisor"].store, t["supervisor"].user_id).assign(
            [c["customer"]], "by_hand", rep_id=t["other"].user_id, reason="调岗"
        ),
        _opportunity,
    ),
    # handover (客户交接)
    "two customers asked to go to a teammate": Case(
        ("HandoverService.request",),
        lambda t, c: _handover(t).request([c["customer"], c["second"]], t["other"].user_id, "离职交接"),
        lambda t, f: {**_customer(t, f), "second": t["rep"].customers.create(name="嘉兴第二客户有限公司")},
    ),
    "a handover accepted by the receiving rep": Case(
        ("HandoverService.accept",),
        lambda t, c: _handover(t, "accept").accept(c["handover"]),
        _to_hand_over,
    ),
    "a handover declined by the supervisor": Case(
        ("HandoverService.decline",),
        lambda t, c: _handover(t, "decline").decline(c["handover"], "张伟留任"),
        _to_hand_over,
    ),
    "a handover approved: the customer, its file and its future stop move": Case(
        ("HandoverService.approve", "assignment.give", "plans.plan_of"),
        lambda t, c: _handover(t, "approve").approve(c["handover"]),
        lambda t, f: _to_hand_over(t, f, accepted=True),
    ),
    # appeals and arbitration
    "appeal filed about a customer assigned away": Case(
        ("AppealService.file",),
        lambda t, c: AppealService(t["rep"].store, t["rep"].user_id).file(c["customer"], "客户是我开发的"),
        _assigned_away,
    ),
    "appeal upheld: the customer and its contact go to the appellant": Case(
        ("AppealService.decide", "assignment.give"),
        lambda t, c: AppealService(t["supervisor"].store, t["supervisor"].user_id).decide(
            c["appeal"], True, "拜访记录在先"
        ),
        _appealed,
    ),
    "appeal rejected: nothing moves": Case(
        ("AppealService.decide",),
        lambda t, c: AppealService(t["supervisor"].store, t["supervisor"].user_id).decide(
            c["appeal"], False, "按区域规则"
        ),
        _appealed,
    ),
    # export control
    "export logged": Case(
        ("ExportService.record_export",),
        lambda t, c: ExportService(t["rep"].store, t["rep"].user_id).record_export("grade=A", 12, "客户.xlsx"),
    ),
    "masked number revealed": Case(
        ("ExportService.reveal",),
        lambda t, c: ExportService(t["rep"].store, t["rep"].user_id).reveal(c["customer"]),
        lambda t, f: {"customer": t["other"].customers.create(name="丙机械有限公司", phone="13812345678")},
    ),
    # a team's own settings
    "team rules: first set": Case(
        ("TeamRulesService.set",), lambda t, c: _team_rules(t).set({"protection_days": 45, "lockout_days": 10})
    ),
    "team rules: changed": Case(
        ("TeamRulesService.set",),
        lambda t, c: _team_rules(t).set({"return_without_deal_days": None}),
        _team_rules_set,
    ),
    # bulk writes, imports, demo data
    "bulk: plans, stops, visits, opportunities": Case(("BulkWriter.insert_many",), _bulk_history, _stops),
    "bulk: customers with few columns": Case(
        ("BulkWriter.insert_many",), lambda t, c: _bulk_customers(t, c, with_contacts=False)
    ),
    "bulk: customers with their contacts": Case(
        ("BulkWriter.insert_customers",), lambda t, c: _bulk_customers(t, c, with_contacts=True)
    ),
    "import: new rows and an update": Case(
        ("ImportJob.commit", "CustomerWriter.create_many", "CustomerWriter.change", "UnitOfWork.split_group"),
        lambda t, c: _import(t, c["folder"], c),
        lambda t, f: {**_workbook(t, f), "folder": f},
    ),
    "import: a deleted customer revived": Case(("CustomerWriter.revive",), _revive, _deleted_with_code),
    "import undone": Case(
        ("ImportHistory.undo",),
        lambda t, c: ImportHistory(t["rep"].store, t["rep"].customers.user_id).undo(c["import"]),
        _imported,
    ),
    "demo data": Case(
        ("demo.generate_demo",), lambda t, c: generate_demo(t["rep"].store, 12, seed=3), one_action=False
    ),
    # conflict resolution
    "conflict on a field: keep mine": Case(
        ("conflicts.resolve",),
        lambda t, c: resolve(t["rep"].store, c["conflict"], "mine"),
        _conflict("field", "phone", "0512-11112222", "0512-66668888"),
        check=_sends_resolution,
    ),
    "conflict on a field: keep theirs": Case(
        ("conflicts.resolve",),
        lambda t, c: resolve(t["rep"].store, c["conflict"], "theirs"),
        _conflict("field", "name", "苏州恒泰电子有限公司", "苏州恒泰电子科技有限公司"),
        check=_sends_resolution,
    ),
    "edit against a delete: keep the delete": Case(
        ("conflicts.resolve",),
        lambda t, c: resolve(t["rep"].store, c["conflict"], "mine"),
        _conflict("deleted", None, {"deleted": True}, {"notes": "客户搬家了"}),
        check=_sends_resolution,
    ),
    "edit against a delete: keep the edit": Case(
        ("conflicts.resolve",),
        lambda t, c: resolve(t["rep"].store, c["conflict"], "theirs"),
        _conflict("deleted", None, {"deleted": True}, {"notes": "客户搬家了", "phone": "0512-55556666"}, True),
        check=_sends_resolution,
    ),
    "refused new customer: send again": Case(
        ("conflicts.resolve",),
        lambda t, c: resolve(t["rep"].store, c["conflict"], "mine"),
        _refused,
        check=_sends_the_refused_rows_whole,
    ),
    "refused new customer: discard": Case(
        ("conflicts.resolve",), lambda t, c: resolve(t["rep"].store, c["conflict"], "theirs"), _refused, sends=False
    ),
    "refused edit, head office's value back here: send mine again": Case(
        ("conflicts.resolve",),
        lambda t, c: resolve(t["rep"].store, c["conflict"], "mine"),
        _refused_edit(refetched=True),
        check=_sends_notes_again,
    ),
    "refused edit, my value still here: send mine again": Case(
        ("conflicts.resolve", "UnitOfWork.send"),
        lambda t, c: resolve(t["rep"].store, c["conflict"], "mine"),
        _refused_edit(refetched=False),
        check=_sends_notes_again,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_replaying_an_actions_outbox_entries_rebuilds_the_stored_rows(
    team_services: Team, tmp_path: Path, name: str
) -> None:
    case = CASES[name]
    store = team_services["rep"].store
    ctx = case.setup(team_services, tmp_path)
    acknowledge_all(store)  # synced: head office holds everything made so far
    before = synced_rows(store, leave_out_refused=True)
    seq = last_client_seq(store)
    case.act(team_services, ctx)
    entries = entries_after(store, seq)
    assert bool(entries) == case.sends, f"{len(entries)} entries recorded"
    if case.one_action and entries:
        assert len({e.group_id for e in entries}) == 1, "one user action is one group, applied whole"
    for entry in entries:
        if entry.op != "insert" and entry.table != CONFLICT_TABLE:
            known = before.get(entry.table, {}).get(entry.row_id)
            assert entry.base_version == (known["version"] if known else 0), f"wrong base version: {entry}"
    wrong = differences(replay(before, entries), synced_rows(store, leave_out_refused=True))
    assert not wrong, "\n".join(wrong)
    if case.check is not None:
        case.check(entries, ctx)


def test_replaying_the_whole_outbox_from_an_empty_store_rebuilds_every_row(team_services: Team, tmp_path: Path) -> None:
    """No sync at all: every row this laptop made follows from its outbox alone (users and teams aside: head
    office's directory, made here only by `init`)."""
    names = ("customer create", "contact add as primary", "report countersigned", "bulk: customers with their contacts")
    for name in names:
        case = CASES[name]
        case.act(team_services, case.setup(team_services, tmp_path / name.replace(" ", "-")))
    store = team_services["rep"].store
    empty = {table: {} for table in synced_rows(store)}
    stored = synced_rows(store)
    for directory in ("team", "app_user"):
        empty[directory] = stored[directory]
    wrong = differences(replay(empty, entries_after(store, 0)), stored)
    assert not wrong, "\n".join(wrong)


# -- every write method has a case ---------------------------------------------------------------------------------
#: Public methods and functions that write no row (reads, lookups, checks, in-memory indexes; an import's saved
#: column mapping is a file of its own).
READS = {
    "BaseService.actor", "CustomerRow.to_json", "CustomerService.check_duplicates", "CustomerService.get",
    "DuplicateIndex.load", "DuplicateIndex.match", "DuplicateIndex.match_normalised", "DuplicateIndex.remember",
    "ImportHistory.list", "ImportJob.cancel", "ImportJob.failed_rows", "ImportJob.preview",
    "ImportJob.read", "ImportJob.save_mapping", "OpportunityService.for_customer", "OpportunityService.funnel",
    "PlanService.day", "PlanService.week", "ProfileService.current", "ProfileService.find_user",
    "ProfileService.users", "ReportService.find", "ReportService.get", "ReportService.inbox", "SearchService.count",
    "SearchService.distinct_values", "SearchService.ids", "SearchService.rows", "SearchService.search",
    "Services.for_store", "VisitService.for_day", "ExportService.rule", "ExportService.plan",
    "ExportService.masked", "ExportService.masked_customer", "ExportService.exports", "ExportPlan.shows_numbers",
    "exports.policy_rules",
    "exports.describe_query", "BaseService.acting", "base.actor_of", "base.get_live",
    "app_lock.can_lock", "app_lock.unlocks", "app_lock.verifier_for",
    "app_lock.cli_password_needed", "app_lock.current_rule", "app_lock.lock_rule",
    "conflicts.get_conflict",
    "conflicts.list_conflicts", "conflicts.summarise", "customer_writes.customer_id_for",
    "customer_writes.new_customer_values", "customer_writes.first_contact_event",
    "OwnershipService.history", "OwnershipService.protection", "ownership.ownership_history",
    "ownership.protection_of", "AssignmentService.candidates", "AssignmentService.preview",
    "assignment.candidates_of", "assignment.last_in_turn", "HandoverService.receivers", "HandoverService.handovers",
    "AppealService.appeals", "AppealService.get", "AppealService.lost", "appeals.loss_of",
    "PoolService.pool_customers", "PoolService.pool_counts", "PoolService.rules", "pool.term_of", "pool.load_of",
    "ReturnsService.returning_soon", "returns.return_of", "returns.return_fields",
    "TeamRulesService.show", "TeamRulesView.settings",
    "dedupe.find_duplicates",
    "plans.plan_id_for", "refusals.refused_count", "refusals.refused_reasons", "reports.canonical_content",
    "reports.content_digest", "reports.may_countersign", "reports.report_id_for", "reports.report_state",
    "reports.supervisor_of", "reports.verify_signature",
    "state.get_state", "userinfo.current_user", "userinfo.current_actor",
    "NumberMask.customer_rows", "validation.clean_contact_fields", "validation.clean_credit_code",
    "validation.clean_customer_fields", "validation.clean_date", "validation.clean_email", "validation.clean_grade",
    "validation.clean_kind", "validation.clean_phone", "validation.clean_stage", "validation.clean_text",
    "validation.check_length", "validation.credit_check_char", "validation.credit_code_is_valid",
    "validation.phone_shape_warning", "visits.as_utc", "visits.local_day_bounds", "visits.visits_of_day",
    "FairnessService.report", "FairnessService.for_export", "FairnessService.this_month", "FairnessReport.to_json",
    "FairnessReport.describe", "fairness.parse_months", "fairness.appeal_facts", "fairness.reps_of",
}  # fmt: skip
#: Writes that by design send nothing: head office's directory (users, teams; the server refuses them when
#: pushed), this store's own facts (device id, current user), and what the laptop shows until head office decides
#: (a customer's protection after a visit: the next pull replaces it).
NOT_SENT = {
    "ProfileService.add_user", "ProfileService.ensure_team", "ProfileService.init_profile", "ProfileService.switch_to",
    "state.device_id", "state.set_state", "UnitOfWork.provisional",
    "app_lock.cli_unlock", "app_lock.remember_cli_use",  # sync_state: this laptop's own, never sent
}  # fmt: skip


def _public_callables() -> set[str]:
    """Public methods of the classes of `fieldcrm.services` and of every service class (`BaseService`) elsewhere,
    public functions of `fieldcrm.services` modules and of `fieldcrm.sync.conflicts`."""
    found: set[str] = set()
    modules = [fieldcrm.services, fieldcrm.sync.conflicts]
    modules += [
        importlib.import_module(f"fieldcrm.services.{m.name}") for m in pkgutil.iter_modules(fieldcrm.services.__path__)
    ]
    for m in pkgutil.iter_modules(fieldcrm.excel.__path__):
        importlib.import_module(f"fieldcrm.excel.{m.name}")  # so every service class there is known
    classes = []
    for module in modules:
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isclass(obj):
                classes.append(obj)
            elif inspect.isfunction(obj):
                found.add(f"{module.__name__.rsplit('.', 1)[1]}.{name}")
    pending = [BaseService]
    while pending:
        cls = pending.pop()
        classes.append(cls)
        pending += cls.__subclasses__()
    for cls in classes:
        for name, member in vars(cls).items():
            if not name.startswith("_") and (
                inspect.isfunction(member) or isinstance(member, (staticmethod, classmethod))
            ):
                found.add(f"{cls.__name__}.{name}")
    return found


def test_every_public_write_method_has_a_replay_case() -> None:
    covered = {method for case in CASES.values() for method in case.covers}
    found = _public_callables() | {"demo.generate_demo"}
    missing = found - covered - READS - NOT_SENT
    assert not missing, f"new public methods: give each a case in CASES, or list it in READS or NOT_SENT: {missing}"
    gone = (covered | READS | NOT_SENT) - found
    assert not gone, f"listed here but no longer in the code: {gone}"

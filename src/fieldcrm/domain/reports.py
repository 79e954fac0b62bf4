"""The daily report's workflow (销售日报): draft → submitted → countersigned | returned → submitted again, and the
signature that freezes a countersigned report.

The signature is the SHA-256 of the report's canonical content (rep, day, summary, visits); a countersigned
report never changes, and any change is detectable by comparing the two.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import Lookup, OpCheck, OpView
from fieldcrm.models.registry import BY_NAME, REPORT_WORKFLOW

DRAFT, SUBMITTED, COUNTERSIGNED, RETURNED = "draft", "submitted", "countersigned", "returned"
#: The states a rep may still change the report in.
EDITABLE = (DRAFT, RETURNED)
#: Each workflow step: the state it needs, the state it leads to, and the fields it may set.
STEPS: dict[str, tuple[tuple[str, ...], str, frozenset[str]]] = {
    "submit": (
        EDITABLE,
        SUBMITTED,
        frozenset({"status", "content", "submitted_at", "times_submitted", "return_comment"}),
    ),
    "countersign": ((SUBMITTED,), COUNTERSIGNED, frozenset({"status", "signed_by", "signed_at", "signature"})),
    "return": ((SUBMITTED,), RETURNED, frozenset({"status", "return_comment", "returned_by"})),
}
#: Fields only a workflow step sets (declared with the table: `models.registry`).
WORKFLOW_FIELDS = REPORT_WORKFLOW

FROZEN = "this report is countersigned and can no longer be changed"
AWAITING = "this report is submitted; it can be changed only after the supervisor returns it"
ONLY_BY_STEPS = "report status changes only through submit, countersign or return"
NOT_DELETABLE = "a submitted report cannot be deleted"
ONLY_THE_REP = "only the rep can submit their own report"
ONLY_THE_SUPERVISOR = "only the rep's own supervisor or an admin can countersign or return a report"
CHANGED_SINCE = "the report changed since you opened it; reload it before deciding"
BAD_SIGNATURE = "the signature does not match the report's content"
STARTS_AS_DRAFT = "a report starts as a draft; submit and countersign are workflow steps"
BELONGS_TO_ITS_REP = "a report belongs to its rep"


@dataclass(frozen=True)
class ReportState:
    """What the rules need to know of a report."""

    rep_id: str
    status: str
    rep_supervisor_id: str | None = None  # the supervisor of the team the rep is in


def canonical_content(rep_id: str, day: date, summary: str, visits_json: str) -> bytes:
    """The bytes a signature covers: rep, date, summary and the visits, as sorted compact JSON."""
    body = {
        "rep_id": rep_id,
        "report_date": day.isoformat(),
        "summary": summary,
        "visits": json.loads(visits_json or "[]"),
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(rep_id: str, day: date, summary: str, visits_json: str) -> str:
    return hashlib.sha256(canonical_content(rep_id, day, summary, visits_json)).hexdigest()


def may_decide(actor: Actor, report: ReportState) -> bool:
    """Countersigning or returning: the rep's own supervisor, or an admin; nobody decides their own report."""
    if actor.id == report.rep_id:
        return False
    if actor.role == "admin":
        return True
    return actor.role == "supervisor" and report.rep_supervisor_id == actor.id


def refuse_edit(status: str) -> str | None:
    """Changing the report's content or summary."""
    if status == COUNTERSIGNED:
        return FROZEN
    if status == SUBMITTED:
        return AWAITING
    return None


def refuse_delete(status: str) -> str | None:
    if status == COUNTERSIGNED:
        return FROZEN
    return NOT_DELETABLE if status == SUBMITTED else None


def refuse_new(actor: Actor, rep_id: str, owner_id: str | None, status: str, signed: bool) -> str | None:
    """A new report: the rep's own, made by the rep, as a draft."""
    if status != DRAFT or signed:
        return STARTS_AS_DRAFT
    if rep_id != owner_id or rep_id != actor.id:
        return BELONGS_TO_ITS_REP
    return None


def refuse_step(actor: Actor, report: ReportState, step: str) -> str | None:
    """A workflow step by `actor` on a report in its current state."""
    if report.status == COUNTERSIGNED:
        return FROZEN
    if step not in STEPS:
        return f"unknown report step '{step}'"
    needs, _to, _fields = STEPS[step]
    if step == "submit":
        if actor.id != report.rep_id:
            return ONLY_THE_REP
        if report.status not in needs:
            return f"this report is {report.status}; it cannot be submitted again"
        return None
    if not may_decide(actor, report):
        return ONLY_THE_SUPERVISOR
    if report.status not in needs:
        return f"this report is {report.status}, not submitted"
    return None


def refuse_step_fields(step: str | None, changed: Collection[str], values: dict[str, Any]) -> str | None:
    """The fields an op sets: workflow fields only through their own step, and a step only to its own state."""
    workflow = WORKFLOW_FIELDS.intersection(changed)
    if step is None:
        return ONLY_BY_STEPS if workflow else None
    if step not in STEPS:
        return f"unknown report step '{step}'"
    _needs, to, allowed = STEPS[step]
    if set(changed) - allowed or values.get("status", to) != to:
        return f"a {step} step sets only its own fields and leads to {to}"
    return None


def check_op(actor: Actor, op: OpView, lookup: Lookup) -> str | None:
    """The report workflow on any op: drafts are created by their rep, content changes only while editable,
    status only by its steps, a decision only by the rep's supervisor on the version they saw, and a countersigned
    report never changes. Sets who signed or returned it: the actor, whatever the laptop said."""
    report = op.row
    if op.kind == "insert":
        return refuse_new(
            actor, report.rep_id, report.owner_id, report.status, bool(report.signature or report.signed_by)
        )
    if report.status == COUNTERSIGNED:
        return FROZEN
    if op.kind == "fill":  # the same day's report created on two laptops: the second only fills gaps
        return None
    if op.kind == "delete":
        return refuse_delete(report.status)
    if {"rep_id", "owner_id"} & op.changes.keys():  # never handed to someone else, whoever sends it
        return BELONGS_TO_ITS_REP
    sent = [name for name in op.sent if name not in BY_NAME[op.table].never_from_client]
    refusal = refuse_step_fields(op.action if op.kind == "action" else None, sent, dict(op.sent))
    if refusal or op.kind == "update":
        return refusal or (refuse_edit(report.status) if op.changes else None)
    if op.action is None:
        return "a workflow step needs its name (submit, countersign or return)"
    state = ReportState(report.rep_id, report.status, lookup.supervisor_of(report.rep_id))
    refusal = refuse_step(actor, state, op.action)
    if refusal or op.action == "submit":
        return refusal
    if op.base_version != report.version:
        return CHANGED_SINCE
    if op.action == "countersign":
        if op.changes.get("signature") != digest(report.rep_id, report.report_date, report.summary, report.content):
            return BAD_SIGNATURE
        op.changes["signed_by"] = actor.id
    else:
        op.changes["returned_by"] = actor.id
    return None


#: The tables whose ops these rules judge (the server's checks collect every domain module's).
OP_CHECKS: dict[str, OpCheck] = {"daily_report": check_op}

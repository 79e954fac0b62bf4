"""Server-side domain rules for pushed ops: who may write which row, ownership, and the report workflow."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from fieldcrm.models import Customer, DailyReport, SyncedBase, User
from fieldcrm.server.merge import BadOp
from fieldcrm.server.visibility import Viewer
from fieldcrm.server.writes import scope_of
from fieldcrm.services.reports import content_digest, may_countersign

OWNERSHIP_FIELDS = {"owner_id", "in_public_pool", "protection_until", "first_contact_at", "first_contact_by"}
REPORT_WORKFLOW_FIELDS = {
    "status",
    "submitted_at",
    "times_submitted",
    "signed_by",
    "signed_at",
    "signature",
    "return_comment",
    "returned_by",
}


def may_own(viewer: Viewer, owner_id: str | None) -> bool:
    return viewer.owners is None or owner_id in viewer.owners


def check_write(session: Session, viewer: Viewer, table: str, row: SyncedBase) -> None:
    """A rep writes only rows they own or that hang off a customer they own or that is in the public pool."""
    if viewer.owners is None:
        return
    if table in ("team", "app_user"):
        raise BadOp("users and teams are managed by head office")
    if may_own(viewer, row.owner_id):
        return
    customer_id = scope_of(table, row)
    if table != "visit" and customer_id:
        customer = session.get(Customer, customer_id)
        if customer is not None and (customer.in_public_pool or may_own(viewer, customer.owner_id)):
            return
    raise BadOp("this row belongs to another rep; ask your supervisor")


def check_insert(session: Session, viewer: Viewer, table: str, row: SyncedBase) -> None:
    if not may_own(viewer, row.owner_id):
        raise BadOp("you cannot create rows for another owner")
    check_write(session, viewer, table, row)
    if isinstance(row, DailyReport):
        if row.status != "draft" or row.signature or row.signed_by:
            raise BadOp("a report starts as a draft; submit and countersign are workflow steps")
        if row.rep_id != row.owner_id:
            raise BadOp("a report belongs to its rep")
    customer_id = scope_of(table, row)
    if table != "customer" and customer_id and session.get(Customer, customer_id) is None:
        raise BadOp(f"customer {customer_id} is not on the server")


def check_ownership_change(viewer: Viewer, row: Customer, apply: dict[str, Any]) -> None:
    """Reps may claim a public-pool customer for themselves or release their own to the pool; nothing else."""
    changed = OWNERSHIP_FIELDS & set(apply)
    if not changed or viewer.owners is None:
        if "owner_id" in apply and viewer.owners is not None and not may_own(viewer, apply["owner_id"]):
            raise BadOp("you cannot give a customer to someone outside your team")
        return
    if viewer.principal.role == "supervisor":
        if "owner_id" in apply and not may_own(viewer, apply["owner_id"]):
            raise BadOp("you cannot give a customer to someone outside your team")
        return
    me = viewer.user_id
    new_owner = apply.get("owner_id", row.owner_id)
    new_pool = apply.get("in_public_pool", row.in_public_pool)
    claiming = row.in_public_pool and new_owner == me and not new_pool
    releasing = row.owner_id == me and new_pool
    if not (claiming or releasing) or (new_owner not in (me, None)):
        raise BadOp("ownership of a customer is decided by head office rules (first contact, protection period)")


def check_report_step(session: Session, viewer: Viewer, report: DailyReport, op: Any, apply: dict[str, Any]) -> None:
    """A countersigned report never changes; workflow fields change only through their step."""
    if report.status == "countersigned":
        raise BadOp("this report is countersigned and can no longer be changed")
    action = op.action
    if op.op == "update" and REPORT_WORKFLOW_FIELDS & set(apply):
        raise BadOp("report status changes only through submit, countersign or return")
    if op.op == "update" and report.status == "submitted" and apply:
        raise BadOp("this report is submitted; it can be changed only after the supervisor returns it")
    if op.op == "delete" and report.status == "submitted":
        raise BadOp("a submitted report cannot be deleted")
    if action is None or op.op != "action":
        return
    if action == "submit":
        if report.rep_id != viewer.user_id:
            raise BadOp("only the rep can submit their own report")
        if report.status not in ("draft", "returned"):
            raise BadOp(f"this report is {report.status}; it cannot be submitted again")
        return
    if action not in ("countersign", "return"):
        raise BadOp(f"unknown report step '{action}'")
    actor = session.get(User, viewer.user_id)
    if actor is None or not may_countersign(session, actor, report.rep_id):
        raise BadOp("only the rep's own supervisor or an admin can countersign or return a report")
    if report.status != "submitted":
        raise BadOp(f"this report is {report.status}, not submitted")
    if op.base_version != report.version:
        raise BadOp("the report changed since you opened it; sync and look at it again")
    if action == "countersign":
        if apply.get("signature") != content_digest(report):
            raise BadOp("the signature does not match the report's content")
        apply["signed_by"] = viewer.user_id

"""Export control (导出管控): who may take a customer list out of the app, and how much of it; the audit trail's
op rules. Used by the laptop's export and by the server (who sees numbers in full is `domain/masking.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.ops import Lookup, OpCheck, OpView
from fieldcrm.models.audit import AUDIT_KINDS, EXPORT_SCOPES


@dataclass(frozen=True)
class ExportRule:
    """What one role may export: `scope` is none, own (the customers on their side) or visible (every customer they
    see); `cap` the most rows one export may hold (None: no cap)."""

    scope: str
    cap: int | None = None


#: Until head office sets a policy (or before the first sync): reps their own customers, 2,000 at a time.
DEFAULT_RULES: dict[str, ExportRule] = {
    "rep": ExportRule("own", 2000),
    "supervisor": ExportRule("visible"),
    "admin": ExportRule("visible"),
}

MAY_NOT_EXPORT = "your role may not export customers; ask head office"
SET_AT_HEAD_OFFICE = "the export policy is set at head office (fieldcrm-server export-policy)"
EVENTS_ARE_FINAL = "audit events are written once and never changed"
NOT_YOUR_EVENT = "an audit event records what its own user did"


def rule_for(role: str, policy: Mapping[str, ExportRule]) -> ExportRule:
    """The rule head office set for `role`, else the default (a role nobody knows exports nothing)."""
    return policy.get(role) or DEFAULT_RULES.get(role, ExportRule("none"))


def check_rule(scope: str, cap: int | None) -> str | None:
    """What is wrong with a rule an admin sets, or None."""
    if scope not in EXPORT_SCOPES:
        return f"'{scope}' is not an export scope; use one of {', '.join(EXPORT_SCOPES)}"
    if cap is not None and cap < 1:
        return "the row cap must be at least 1 (leave it out for no cap)"
    return None


def refuse_export(rule: ExportRule, rows: int) -> str | None:
    """None, or the sentence refusing an export of `rows` customers (after those outside the scope are left out).
    An export over the cap is refused whole, never cut short: a file silently missing rows is worse than none."""
    if rule.scope == "none":
        return MAY_NOT_EXPORT
    if rule.cap is not None and rows > rule.cap:
        return (
            f"this export holds {rows} customers, more than the {rule.cap} your role may export at once; "
            "narrow the filter"
        )
    return None


def in_export_scope(rule: ExportRule, actor: Actor, owner_id: str | None) -> bool:
    """Whether a customer owned by `owner_id` may be in this actor's export ("own": their side's customers)."""
    if rule.scope == "visible":
        return True
    return rule.scope == "own" and owner_id is not None and actor.covers(owner_id)


def check_audit_op(actor: Actor, op: OpView, _lookup: Lookup) -> str | None:
    """An audit event is its author's own, of a known kind, and never changed or deleted once written."""
    if op.kind != "insert":
        return EVENTS_ARE_FINAL
    if op.row.owner_id != actor.id:
        return NOT_YOUR_EVENT
    if op.row.kind not in AUDIT_KINDS:
        return f"'{op.row.kind}' is not an audit event kind"
    return None


def check_policy_op(_actor: Actor, _op: OpView, _lookup: Lookup) -> str | None:
    """No laptop writes the export policy, an admin's neither: it changes only through the server's admin CLI."""
    return SET_AT_HEAD_OFFICE


#: The tables whose ops these rules judge (the server's checks collect every domain module's).
OP_CHECKS: dict[str, OpCheck] = {"audit_event": check_audit_op, "export_policy": check_policy_op}

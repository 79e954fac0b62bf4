"""Head office's export policy (导出权限), set by an admin with `fieldcrm-server export-policy`: one synced row per
role, which every laptop pulls (a directory table) and none may change."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.exports import DEFAULT_RULES, ExportRule, check_rule
from fieldcrm.ids import stable_id
from fieldcrm.models import EXPORT_SCOPES, ROLES, ExportPolicy, utcnow
from fieldcrm.server.writes import record_changes, touched_row


def set_export_policy(engine: Engine, role: str, scope: str, cap: int | None) -> ExportRule:
    """Set what `role` may export; laptops follow it from their next sync."""
    if role not in ROLES:
        raise ValidationError(f"'{role}' is not a role; use one of {', '.join(ROLES)}", "role")
    problem = check_rule(scope, cap)
    if problem:
        raise ValidationError(problem, "cap" if scope in EXPORT_SCOPES else "scope")
    with Session(engine) as session, session.begin():
        row = session.get(ExportPolicy, stable_id("export_policy", role))
        if row is None:
            row = ExportPolicy(id=stable_id("export_policy", role), role=role, scope=scope, row_cap=cap)
            changes = {}
        else:
            changes = {
                name: [getattr(row, name), value]
                for name, value in (("scope", scope), ("row_cap", cap), ("deleted", False))
                if getattr(row, name) != value
            }
            row.scope, row.row_cap, row.deleted, row.updated_at = scope, cap, False, utcnow()
        session.add(row)
        session.flush()
        record_changes(session, [touched_row(row, changes)])
    return ExportRule(scope, cap)


def export_policy(engine: Engine) -> dict[str, ExportRule]:
    """The rule of every role: as set, or the default."""
    with Session(engine) as session:
        stored = {r.role: ExportRule(r.scope, r.row_cap) for r in session.exec(select(ExportPolicy)) if not r.deleted}
    return {role: stored.get(role, DEFAULT_RULES[role]) for role in ROLES}

"""Head office's policy per role, set by an admin: what it may export (导出权限, `fieldcrm-server export-policy`) and
the app lock it must keep (`fieldcrm-server lock-policy`). One synced row per role, which every laptop pulls (a
directory table) and none may change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from fieldcrm.domain.app_lock import LockRule, check_minutes
from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.exports import DEFAULT_RULES, ExportRule, check_rule
from fieldcrm.ids import stable_id
from fieldcrm.models import EXPORT_SCOPES, ROLES, ExportPolicy, utcnow
from fieldcrm.server.writes import record_changes, touched_row


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(f"'{role}' is not a role; use one of {', '.join(ROLES)}", "role")


def _set_role_row(engine: Engine, role: str, values: dict[str, Any]) -> None:
    """Set `values` on the role's policy row and record the change for the feed; a role without a row gets one,
    with the default export rule for what `values` does not set."""
    with Session(engine) as session, session.begin():
        row = session.get(ExportPolicy, stable_id("export_policy", role))
        if row is None:
            default = DEFAULT_RULES[role]
            fields = {"scope": default.scope, "row_cap": default.cap, **values}
            row = ExportPolicy(id=stable_id("export_policy", role), role=role, **fields)
            changes = {}
        else:
            changes = {
                name: [getattr(row, name), value] for name, value in values.items() if getattr(row, name) != value
            }
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = utcnow()
        session.add(row)
        session.flush()
        record_changes(session, [touched_row(row, changes)])


def set_export_policy(engine: Engine, role: str, scope: str, cap: int | None) -> ExportRule:
    """Set what `role` may export; laptops follow it from their next sync."""
    _check_role(role)
    problem = check_rule(scope, cap)
    if problem:
        raise ValidationError(problem, "cap" if scope in EXPORT_SCOPES else "scope")
    _set_role_row(engine, role, {"scope": scope, "row_cap": cap, "deleted": False})
    return ExportRule(scope, cap)


def export_policy(engine: Engine) -> dict[str, ExportRule]:
    """The rule of every role: as set, or the default."""
    with Session(engine) as session:
        stored = {r.role: ExportRule(r.scope, r.row_cap) for r in session.exec(select(ExportPolicy)) if not r.deleted}
    return {role: stored.get(role, DEFAULT_RULES[role]) for role in ROLES}


def set_lock_policy(engine: Engine, role: str, minutes: int | None, cli: bool) -> LockRule:
    """Set the app lock `role` must keep (laptops follow it from their next sync); kept in the role's policy row,
    made with the default export rule if the role has none yet."""
    _check_role(role)
    problem = check_minutes(minutes)
    if problem:
        raise ValidationError(problem, "minutes")
    _set_role_row(engine, role, {"lock_minutes": minutes, "cli_lock": cli})
    return LockRule(minutes, cli)


def lock_policy(engine: Engine) -> dict[str, LockRule]:
    """The app lock of every role: as set, or none."""
    with Session(engine) as session:
        rows = [r for r in session.exec(select(ExportPolicy)) if not r.deleted]
    stored = {r.role: LockRule(r.lock_minutes, r.cli_lock) for r in rows}
    return {role: stored.get(role, LockRule()) for role in ROLES}

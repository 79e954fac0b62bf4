"""The conflict and sync-problems list on the laptop: list, show, and resolve by keeping mine or theirs."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import col, select

from fieldcrm.domain.errors import InvalidStateError, NotFoundError, ValidationError
from fieldcrm.models import BOOKKEEPING_FIELDS, SYNCED_TABLES, ConflictRecord, OutboxEntry, utcnow
from fieldcrm.models.codec import decode_value, row_to_dict
from fieldcrm.models.registry import derived_for
from fieldcrm.services.changes import UnitOfWork, unit_of_work
from fieldcrm.store import Store
from fieldcrm.sync.protocol import CONFLICT_TABLE

#: Kinds the server keeps too: resolving them is pushed so the user's other laptops see it resolved.
SERVER_KINDS = {"field", "deleted", "duplicate"}


def list_conflicts(store: Store, include_closed: bool = False) -> list[dict[str, Any]]:
    with store.session() as session:
        query = select(ConflictRecord).order_by(col(ConflictRecord.created_at), col(ConflictRecord.id))
        if not include_closed:
            query = query.where(col(ConflictRecord.status) == "open")
        return [row_to_dict(c) for c in session.exec(query)]


def get_conflict(store: Store, conflict_id: str) -> dict[str, Any]:
    with store.session() as session:
        record = session.get(ConflictRecord, conflict_id)
        if record is None:
            raise NotFoundError(f"no conflict with id {conflict_id}")
        return row_to_dict(record)


def _value(text: str | None) -> Any:
    return None if text is None else json.loads(text)


#: How much of a value a one-line summary shows before "…".
BRIEF = 40


def _brief(value: Any) -> str:
    """A stored value as a person reads it in one cell: text without quotes, a row as its changed fields."""
    if value is None:
        text = "(empty)"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, dict):
        if value.get("deleted") is True:
            text = "deleted"
        else:
            fields = {k: v for k, v in value.items() if k not in BOOKKEEPING_FIELDS}
            name = fields.get("name")
            if name and len(fields) > 3:  # a whole new row: its name says which
                text = f"{name} ({len(fields)} fields)"
            else:
                text = ", ".join(f"{k}: {'(empty)' if v in (None, '') else v}" for k, v in fields.items())
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return text if len(text) <= BRIEF else text[: BRIEF - 1] + "…"


def summarise(record: dict[str, Any]) -> dict[str, Any]:
    """One conflict as a row for people: which field (or step), my value and theirs in brief, and why."""
    mine, theirs = _value(record.get("local_value")), _value(record.get("server_value"))
    field = record.get("field")
    if not field and record.get("kind") == "rejected":
        field = record.get("action") or record.get("op")
    elif not field and isinstance(mine, dict) and mine.get("deleted") is not True:
        field = ", ".join(k for k in mine if k not in BOOKKEEPING_FIELDS)
    return {
        "field": field,
        "mine": _brief(mine) if record.get("local_value") is not None else "",
        "theirs": _brief(theirs) if record.get("server_value") is not None else "",
    }


def resolve(store: Store, conflict_id: str, keep: str) -> dict[str, Any]:
    """Keep my value or theirs. Keeping mine writes it as a new local edit (pushed like any other), and the
    resolution itself is pushed so the conflict closes on every laptop."""
    if keep not in ("mine", "theirs"):
        raise ValidationError("use mine or theirs", "keep")
    with unit_of_work(store) as uow:
        record = uow.session.get(ConflictRecord, conflict_id)
        if record is None:
            raise NotFoundError(f"no conflict with id {conflict_id}")
        if record.status != "open":
            raise InvalidStateError(f"this conflict is {record.status} already")
        model = SYNCED_TABLES.get(record.table_name)
        row = uow.session.get(model, record.row_id) if model else None
        chosen = record.local_value if keep == "mine" else record.server_value
        if record.kind == "field" and row is not None and record.field:
            value = decode_value(model, record.field, _value(chosen))  # type: ignore[arg-type]
            changes = {record.field: value}
            changes.update(derived_for(record.table_name, changes))
            uow.update(row, changes)
        elif record.kind == "deleted" and row is not None:
            # One side is the delete ({"deleted": true}), the other the edit's fields (or nothing: the edit is
            # what the server holds already). Keeping the delete deletes; keeping an edit restores the row with it.
            kept = _value(chosen)
            if isinstance(kept, dict) and kept.get("deleted"):
                uow.delete(row)
            elif isinstance(kept, dict):
                fields = {k: decode_value(model, k, v) for k, v in kept.items() if k in model.__table__.columns}  # type: ignore[union-attr, arg-type]
                fields = {k: v for k, v in fields.items() if k not in BOOKKEEPING_FIELDS}
                fields.update(derived_for(record.table_name, fields))
                uow.update(row, {"deleted": False, **fields})
        elif record.kind == "rejected":
            _settle_refusal(uow, record, model, row, keep)
        if record.kind in SERVER_KINDS:
            uow.session.add(
                OutboxEntry(
                    group_id=uow.group_id,
                    device_id=uow.device_id,
                    table_name=CONFLICT_TABLE,
                    row_id=record.id,
                    op="action",
                    action="resolve",
                    fields=json.dumps({"resolution": keep}),
                )
            )
        record.status = "resolved"
        record.resolution = keep
        record.resolved_at = utcnow()
        uow.session.add(record)
        uow.session.flush()
        return row_to_dict(record)


def _settle_refusal(uow: UnitOfWork, record: ConflictRecord, model: Any, row: Any, keep: str) -> None:
    """Keep mine: the refused change is sent again with the next sync. Keep theirs: what head office holds stays;
    a row it never accepted is discarded from this laptop."""
    if keep == "theirs":
        if row is not None and row.version == 0:
            uow.delete(row)
        return
    if row is None:
        raise NotFoundError("this record is no longer on this laptop; there is nothing to send again")
    if row.version == 0:
        uow.resend(row)
        return
    if record.op == "delete":
        uow.delete(row)
        return
    kept = _value(record.local_value)
    fields = {k: decode_value(model, k, v) for k, v in (kept or {}).items() if k in model.__table__.columns}
    fields = {k: v for k, v in fields.items() if k not in BOOKKEEPING_FIELDS or k in ("owner_id", "deleted")}
    fields.update(derived_for(record.table_name, fields))
    if record.op == "action":
        uow.update(row, fields, action=record.action)
    elif not uow.update(row, fields):
        uow.send(row, fields)  # the row still shows my values here: send them as they are

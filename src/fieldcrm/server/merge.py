"""Field-level merge of one pushed update against the server row, by the per-field rules of the protocol."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from fieldcrm.models import SyncedBase
from fieldcrm.models.codec import _column_kind, decode_as, encode_value
from fieldcrm.models.registry import BY_MODEL, COMMON_SERVER_FIELDS, SPECS
from fieldcrm.models.text_limits import over_limit, text_limits
from fieldcrm.server.writes import changes_since


class BadOp(ValueError):
    """The op cannot be applied as sent (unknown field, value of the wrong type): rejected with this reason."""


@dataclass
class MergeOutcome:
    apply: dict[str, Any] = field(default_factory=dict)  # field -> python value
    conflicts: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # field, kept, offered
    lost: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # field, winner, lost value
    concurrent: bool = False


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(encode_value(value), ensure_ascii=False)


#: Per synced model, the fields a pushed op may not set (the server's own and the derived ones): skipped.
_NEVER_FROM_CLIENT = {spec.model: spec.never_from_client for spec in SPECS}


@dataclass(frozen=True)
class _FieldPlan:
    """What `decode_fields` needs of one column, read from the table once instead of for every pushed field."""

    kind: str  # as `_column_kind` names it
    text_limit: int | None  # the column's cap (`text_limits`); None for a column that is not text
    nullable: bool


@cache
def _decode_plan(model: type[SyncedBase]) -> dict[str, _FieldPlan | None]:
    """Each column of `model` by name: its plan, or None for a field never taken from a client (skipped)."""
    never = _NEVER_FROM_CLIENT.get(model, COMMON_SERVER_FIELDS)
    columns = model.__table__.columns
    caps = text_limits(model)
    return {
        key: None if key in never else _FieldPlan(_column_kind(model, key), caps.get(key), bool(columns[key].nullable))
        for key in columns.keys()
    }


def decode_fields(model: type[SyncedBase], fields: dict[str, Any]) -> dict[str, Any]:
    """The Python values of a pushed op's fields, each checked: a column of the table, its JSON type, text both
    databases store and within its cap, a number a 64-bit column holds, a value where one is required."""
    plan = _decode_plan(model)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in plan:
            raise BadOp(f"{model.__tablename__} has no field '{name}'")
        field_plan = plan[name]
        if field_plan is None:
            continue
        _check_json_type(field_plan.kind, name, value)
        try:
            decoded = out[name] = decode_as(field_plan.kind, value)
        except (TypeError, ValueError) as exc:
            raise BadOp(f"{name}: {exc}") from None
        if isinstance(decoded, str):
            _check_text(name, decoded)
            refusal = over_limit(field_plan.text_limit, decoded)
            if refusal:
                raise BadOp(f"{name}: {refusal}")
        elif isinstance(decoded, int) and not -(2**63) <= decoded < 2**63:
            raise BadOp(f"{name}: {decoded} is too large a number")  # no database column holds it
        if decoded is None and not field_plan.nullable:
            raise BadOp(f"{name}: cannot be empty")
    return out


def _check_text(name: str, value: str) -> None:
    """Text both databases can store, refused alike by both: no NUL character (PostgreSQL refuses it, SQLite would
    keep it) and valid Unicode (JSON's \\u escapes can carry half a surrogate pair, which no encoding can write)."""
    if "\x00" in value:
        raise BadOp(f"{name}: contains a NUL character")
    if not value.isascii():
        try:
            value.encode()
        except UnicodeEncodeError:
            raise BadOp(f"{name}: is not valid Unicode text (half of a surrogate pair)") from None


def _check_json_type(kind: str, name: str, value: Any) -> None:
    """Values must arrive as the JSON type of their column (of `kind`): "maybe" is not a yes/no, 12 is not a time."""
    if value is None:
        return
    ok = {
        "bool": isinstance(value, bool) or value in (0, 1),
        "int": isinstance(value, int) and not isinstance(value, bool),
    }.get(kind, isinstance(value, str))
    if not ok:
        raise BadOp(f"{name}: {value!r} is not a valid {kind} value")


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def merge_tags(base: str | None, server: str | None, mine: str | None) -> str:
    """Three-way merge of comma-separated tags: an add on either side beats a remove on the other."""
    b, s, m = set(_split(base)), _split(server), _split(mine)
    added_by_me = [t for t in m if t not in b]
    removed_by_me = b - set(m)
    added_by_server = set(s) - b
    result = [t for t in s if t not in (removed_by_me - added_by_server)]
    result += [t for t in added_by_me if t not in result]
    return ",".join(result)


def merge_update(
    session: Session,
    row: SyncedBase,
    fields: dict[str, Any],
    base_version: int,
    *,
    fill_only: bool = False,
    device_id: str | None = None,
) -> MergeOutcome:
    """What to write for an op that set `fields` on `row` as it was at `base_version`.

    `fill_only` is for a second creation of the same row: empty server fields are filled, differing ones are
    conflicts (important) or logged (plain), nothing the first creator wrote is overwritten.
    """
    model = type(row)
    table = model.__tablename__
    spec = BY_MODEL[model]
    wanted = decode_fields(model, fields)
    outcome = MergeOutcome()
    server_changed = (
        changes_since(session, table, row.id, base_version, device_id) if row.version > base_version else {}
    )
    outcome.concurrent = bool(server_changed) or fill_only
    for name, value in wanted.items():
        current = getattr(row, name)
        if current == value:
            continue
        if fill_only:
            if current in (None, ""):
                outcome.apply[name] = value
            elif name in spec.important:
                outcome.conflicts.append((name, _json(current), _json(value)))
            else:
                outcome.lost.append((name, _json(current), _json(value)))
            continue
        if name not in server_changed:
            outcome.apply[name] = value
        elif name in spec.set_merged:
            outcome.apply[name] = merge_tags(server_changed[name], current, value)
        elif name in spec.important:
            outcome.conflicts.append((name, _json(current), _json(value)))
        else:  # plain field: last arrival at the server wins, the value it replaces is logged
            outcome.apply[name] = value
            outcome.lost.append((name, _json(value), _json(current)))
    return outcome

"""Row values to and from plain JSON: the outbox, the sync wire format and the CLI's --format json share this."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel


def encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache  # asked for every field of every op a server receives
def _column_kind(model: type[SQLModel], field: str) -> str:
    column = model.__table__.columns[field]  # type: ignore[attr-defined]
    column_type = column.type
    if isinstance(column_type, TypeDecorator):  # e.g. sqlmodel's UTCDateTime: its python_type is `object`
        column_type = column_type.impl_instance
    try:
        python_type = column_type.python_type
    except NotImplementedError:  # pragma: no cover - every column here has a python type
        return "str"
    if python_type is datetime:
        return "datetime"
    if python_type is date:
        return "date"
    if python_type is bool:
        return "bool"
    if python_type is int:
        return "int"
    return "str"


def decode_value(model: type[SQLModel], field: str, value: Any) -> Any:
    """The Python value for column `field` of `model` from its JSON form."""
    if value is None:
        return None
    return decode_as(_column_kind(model, field), value)


def decode_as(kind: str, value: Any) -> Any:
    """`decode_value` for a column whose kind (`_column_kind`) is known already."""
    if value is None:
        return None
    if kind == "datetime":
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(value)
    return value


def row_to_dict(row: SQLModel, fields: list[str] | None = None) -> dict[str, Any]:
    names = fields or list(row.__table__.columns.keys())  # type: ignore[attr-defined]
    return {name: encode_value(getattr(row, name)) for name in names}


def content_fields(model: type[SQLModel]) -> list[str]:
    return list(model.__table__.columns.keys())  # type: ignore[attr-defined]

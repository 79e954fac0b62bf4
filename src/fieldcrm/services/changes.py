"""The unit of work every service write goes through: rows and their outbox entries in one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlmodel import Session

from fieldcrm.ids import uuid7
from fieldcrm.models import BOOKKEEPING_FIELDS, OutboxEntry, SyncedBase, utcnow
from fieldcrm.models.codec import encode_value
from fieldcrm.services.state import device_id
from fieldcrm.store import Store


class UnitOfWork:
    """One user action. Each change is written to its row and, in the same transaction, to the outbox.

    All entries of one unit share a `group_id`, so the server applies them together or not at all.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.group_id = uuid7()
        self.device_id = device_id(session)
        self.entries: list[OutboxEntry] = []

    def _record(self, row: SyncedBase, op: str, fields: dict[str, Any], action: str | None = None) -> None:
        entry = OutboxEntry(
            group_id=self.group_id,
            device_id=self.device_id,
            table_name=row.__tablename__,  # type: ignore[attr-defined]
            row_id=row.id,
            op=op,
            action=action,
            fields=json.dumps({k: encode_value(v) for k, v in fields.items()}, ensure_ascii=False),
            base_version=row.version,
        )
        self.session.add(entry)
        self.entries.append(entry)

    def insert(self, row: SyncedBase) -> SyncedBase:
        self.session.add(row)
        columns = row.__table__.columns.keys()  # type: ignore[attr-defined]
        fields = {name: getattr(row, name) for name in columns if name not in ("version",)}
        self._record(row, "insert", fields)
        return row

    def update(self, row: SyncedBase, changes: dict[str, Any], action: str | None = None) -> dict[str, Any]:
        """Apply `changes` to `row`; records and returns only the fields whose value really changed."""
        changed = {k: v for k, v in changes.items() if getattr(row, k) != v}
        if not changed and action is None:
            return {}
        bad = set(changed) & (BOOKKEEPING_FIELDS - {"owner_id", "deleted"})
        if bad:
            raise ValueError(f"bookkeeping fields cannot be edited: {sorted(bad)}")
        for key, value in changed.items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        self.session.add(row)
        self._record(row, "action" if action else "update", changed, action)
        return changed

    def delete(self, row: SyncedBase) -> None:
        """Soft delete: the row stays as a tombstone so devices that hold it learn it is gone."""
        if row.deleted:
            return
        row.deleted = True
        row.updated_at = utcnow()
        self.session.add(row)
        self._record(row, "delete", {"deleted": True})


@contextmanager
def unit_of_work(store: Store) -> Iterator[UnitOfWork]:
    with store.transaction() as session:
        yield UnitOfWork(session)

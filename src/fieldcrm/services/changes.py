"""The unit of work every service write goes through: rows and their outbox entries in one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlmodel import Session, select

from fieldcrm.ids import uuid7
from fieldcrm.models import BOOKKEEPING_FIELDS, ConflictRecord, OutboxEntry, SyncedBase, utcnow
from fieldcrm.models.codec import encode_value
from fieldcrm.services.state import device_id
from fieldcrm.store import Store

_conflict = ConflictRecord.__table__  # type: ignore[attr-defined]


def _whole(row: SyncedBase) -> dict[str, Any]:
    """Every column of a row but its server version: what an insert sends."""
    return {name: getattr(row, name) for name in row.__table__.columns.keys() if name != "version"}


class UnitOfWork:
    """One user action. Each change is written to its row and, in the same transaction, to the outbox.

    All entries of one unit share a `group_id`, so the server applies them together or not at all.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.group_id = uuid7()
        self.device_id = device_id(session)
        self.entries: list[OutboxEntry] = []
        self.in_group = 0  # outbox entries written in the current group (here and by BulkWriter)

    def split_group(self, every: int) -> None:
        """Start a new sync group if the current one holds `every` entries or more: for one action too big for one
        push (a 100,000-row import, its undo). The laptop still commits it whole or not at all; head office applies
        it a group at a time, each within its limits. Callers split only where no group needs another's rows."""
        if self.in_group >= every:
            self.group_id = uuid7()
            self.in_group = 0

    def _record(self, row: SyncedBase, op: str, fields: dict[str, Any], action: str | None = None) -> None:
        entry = OutboxEntry(
            group_id=self.group_id,
            device_id=self.device_id,
            table_name=row.__tablename__,
            row_id=row.id,
            op=op,
            action=action,
            fields=json.dumps({k: encode_value(v) for k, v in fields.items()}, ensure_ascii=False),
            base_version=row.version,
        )
        self.session.add(entry)
        self.entries.append(entry)
        self.in_group += 1

    def insert(self, row: SyncedBase) -> SyncedBase:
        self.session.add(row)
        self._record(row, "insert", _whole(row))
        return row

    def _refused(self, row: SyncedBase) -> bool:
        """Head office refused this row and never accepted it: it exists only here, with its problem open."""
        if row.version != 0:
            return False
        query = select(_conflict.c.id).where(
            _conflict.c.row_id == row.id,
            _conflict.c.table_name == row.__tablename__,
            _conflict.c.kind == "rejected",
            _conflict.c.status == "open",
        )
        return self.session.connection().execute(query.limit(1)).first() is not None

    def _settle(self, row: SyncedBase, resolution: str) -> None:
        """Close the row's open refusals: it was sent again, or the user discarded it."""
        self.session.connection().execute(
            _conflict.update()
            .where(
                _conflict.c.row_id == row.id,
                _conflict.c.table_name == row.__tablename__,
                _conflict.c.kind == "rejected",
                _conflict.c.status == "open",
            )
            .values(status="resolved", resolution=resolution, resolved_at=utcnow())
        )

    def resend(self, row: SyncedBase) -> None:
        """Send a refused row again, whole, as the insert head office never accepted; for a customer, its refused
        contacts, visits and other rows go with it, in the same action."""
        self.session.add(row)
        self.session.flush()
        self._record(row, "insert", _whole(row))
        self._settle(row, "resent")
        for child in self._refused_children(row):
            self._record(child, "insert", _whole(child))
            self._settle(child, "resent")

    def _refused_children(self, row: SyncedBase) -> list[SyncedBase]:
        """A customer's contacts, visits and other rows that head office refused with it (never accepted)."""
        if row.__tablename__ != "customer":
            return []
        from fieldcrm.models import SYNCED_TABLES

        found: list[SyncedBase] = []
        for model in SYNCED_TABLES.values():
            if "customer_id" in model.__table__.columns:
                query = select(model).where(model.customer_id == row.id, model.version == 0)  # type: ignore[attr-defined]
                found += [child for child in self.session.exec(query) if not child.deleted and self._refused(child)]
        return found

    def send(self, row: SyncedBase, fields: dict[str, Any]) -> None:
        """Record `fields` as an edit of `row` even where the row holds those values already (sending a refused
        edit again)."""
        self._record(row, "update", fields)

    def update(self, row: SyncedBase, changes: dict[str, Any], action: str | None = None) -> dict[str, Any]:
        """Apply `changes` to `row`; records and returns only the fields whose value really changed."""
        changed = {k: v for k, v in changes.items() if getattr(row, k) != v}
        if not changed and action is None:
            return {}
        bad = set(changed) & (BOOKKEEPING_FIELDS - {"owner_id", "deleted"})
        if bad:
            raise ValueError(f"bookkeeping fields cannot be edited: {sorted(bad)}")
        refused = self._refused(row)
        for key, value in changed.items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        self.session.add(row)
        if refused:  # the server has no such row: the edit goes as the whole row, sent again
            self.resend(row)
        else:
            self._record(row, "action" if action else "update", changed, action)
        return changed

    def provisional(self, row: SyncedBase, changes: dict[str, Any]) -> None:
        """Show `changes` on `row` until head office sends its own values: written here, never sent. Only for fields
        the server decides (a customer's protection after a visit, by the server's clock); the next pull replaces
        them, as no outbox entry keeps them on top."""
        for key, value in changes.items():
            setattr(row, key, value)
        self.session.add(row)

    def delete(self, row: SyncedBase) -> None:
        """Soft delete: the row stays as a tombstone so devices that hold it learn it is gone."""
        if row.deleted:
            return
        refused = self._refused(row)
        row.deleted = True
        row.updated_at = utcnow()
        self.session.add(row)
        if refused:  # never accepted by head office: discarded here, nothing to tell the server
            self._settle(row, "discarded")
            for child in self._refused_children(row):
                child.deleted = True
                self.session.add(child)
                self._settle(child, "discarded")
        else:
            self._record(row, "delete", {"deleted": True})


@contextmanager
def unit_of_work(store: Store) -> Iterator[UnitOfWork]:
    with store.transaction() as session:
        yield UnitOfWork(session)

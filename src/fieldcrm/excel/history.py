"""Import history (导入记录): listing past imports and undoing one, as a recorded change sync sees."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain.errors import InvalidStateError, NotFoundError
from fieldcrm.models import Contact, Customer, ImportBatch, ImportItem, SyncedBase, utcnow
from fieldcrm.models.codec import decode_value, encode_value
from fieldcrm.services.base import BaseService
from fieldcrm.services.changes import UnitOfWork, unit_of_work
from fieldcrm.times import for_people

_MODELS: dict[str, type[SyncedBase]] = {"customer": Customer, "contact": Contact}
_CHUNK = 500


@dataclass
class UndoResult:
    import_id: str
    removed: int  # rows the import created, now deleted (tombstones, so other devices learn of it)
    restored: int  # rows the import updated, back to their old values
    kept: int  # fields changed again since the import, left as they are now

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def batch_to_json(batch: ImportBatch) -> dict[str, Any]:
    return {
        "import_id": batch.id,
        "created_at": encode_value(batch.created_at),
        "file": batch.file_name,
        "sheet": batch.sheet,
        "on_duplicate": batch.on_duplicate,
        "new": batch.new_count,
        "update": batch.update_count,
        "duplicate": batch.duplicate_count,
        "skipped": batch.skipped_count,
        "error": batch.error_count,
        "status": batch.status,
        "undone_at": encode_value(batch.undone_at),
    }


class ImportHistory(BaseService):
    def list(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.store.session() as session:
            batches = session.exec(select(ImportBatch).order_by(col(ImportBatch.created_at).desc()).limit(limit))
            return [batch_to_json(b) for b in batches]

    def undo(self, import_id: str) -> UndoResult:
        """Delete what the import created and restore what it updated, in one unit of work: whole or not at all on
        this laptop, and in sync groups of a chunk each, as the import itself went (see `excel.commit`)."""
        with unit_of_work(self.store) as uow:
            session = uow.session
            self.actor(session)
            batch = _find(session, import_id)
            if batch.status == "undone":
                raise InvalidStateError(f"import {batch.id} was already undone on {for_people(batch.undone_at)}")
            items = list(session.exec(select(ImportItem).where(ImportItem.batch_id == batch.id)))
            result = UndoResult(batch.id, 0, 0, 0)
            for item in (i for i in items if i.action == "update"):
                uow.split_group(_CHUNK)
                _restore(uow, item, result)
            inserted = [i for i in items if i.action == "insert"]
            for table in ("contact", "customer"):
                ids = [i.row_id for i in inserted if i.table_name == table]
                result.removed += _delete_rows(uow, table, ids)
            batch.status = "undone"
            batch.undone_at = utcnow()
            session.add(batch)
            return result


def _find(session: Session, import_id: str) -> ImportBatch:
    batch = session.get(ImportBatch, import_id)
    if batch is None:
        matches = list(session.exec(select(ImportBatch).where(ImportBatch.id.startswith(import_id)).limit(2)))
        if len(matches) == 1 and len(import_id) >= 6:
            return matches[0]
        raise NotFoundError(f"no import with id {import_id}; `fieldcrm import history` lists them")
    return batch


def _restore(uow: UnitOfWork, item: ImportItem, result: UndoResult) -> None:
    model = _MODELS[item.table_name]
    row = uow.session.get(model, item.row_id)
    if row is None or row.deleted:
        return
    before = json.loads(item.before or "{}")
    after = json.loads(item.after or "{}")
    changes: dict[str, Any] = {}
    for name, old in before.items():
        # Only fields still holding what the import wrote go back; a later edit by someone wins.
        if encode_value(getattr(row, name)) == after.get(name):
            changes[name] = decode_value(model, name, old)
        else:
            result.kept += 1
    if changes and uow.update(row, changes):
        result.restored += 1


def _delete_rows(uow: UnitOfWork, table: str, ids: list[str]) -> int:
    model = _MODELS[table]
    removed = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        uow.split_group(_CHUNK)
        for row in uow.session.exec(select(model).where(col(model.id).in_(chunk), model.deleted == False)):
            if table == "customer":
                for contact in uow.session.exec(
                    select(Contact).where(Contact.customer_id == row.id, Contact.deleted == False)
                ):
                    uow.delete(contact)
                    removed += 1
            uow.delete(row)
            removed += 1
    return removed

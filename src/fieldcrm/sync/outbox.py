"""Reading the outbox for a push, and acknowledging what the server answered (entries leave only then)."""

from __future__ import annotations

import json

from sqlmodel import Session, col, delete, func, select

from fieldcrm.models import ConflictRecord, OutboxEntry
from fieldcrm.sync.protocol import MAX_OPS_PER_PUSH, OpResult, WireOp


def pending_count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(OutboxEntry)).one())


def next_batch(session: Session, limit: int = MAX_OPS_PER_PUSH) -> list[WireOp]:
    """The oldest entries, whole groups only (a group is never split across two pushes)."""
    entries = list(session.exec(select(OutboxEntry).order_by(col(OutboxEntry.client_seq)).limit(limit + 1)))
    if len(entries) > limit:
        last_group = entries[limit].group_id
        entries = entries[:limit]
        if entries[0].group_id != last_group:
            entries = [e for e in entries if e.group_id != last_group]
        else:  # one action bigger than a batch (an import): it still goes whole, or not at all
            query = select(OutboxEntry).where(OutboxEntry.group_id == last_group)
            entries = list(session.exec(query.order_by(col(OutboxEntry.client_seq))))
    return [
        WireOp(
            op_id=e.op_id,
            client_seq=e.client_seq or 0,
            group_id=e.group_id,
            table=e.table_name,
            row_id=e.row_id,
            op=e.op,  # type: ignore[arg-type]
            action=e.action,
            fields=json.loads(e.fields or "{}"),
            base_version=e.base_version,
        )
        for e in entries
    ]


def acknowledge(session: Session, ops: list[WireOp], results: list[OpResult]) -> list[WireOp]:
    """Remove answered entries; a rejected op becomes a sync problem the user sees. Returns the rejected ops."""
    by_id = {op.op_id: op for op in ops}
    rejected = []
    for result in results:
        op = by_id.get(result.op_id)
        if op is None:
            continue
        if result.status == "rejected":
            rejected.append(op)
            session.add(
                ConflictRecord(
                    kind="rejected",
                    table_name=op.table,
                    row_id=op.row_id,
                    local_value=json.dumps(op.fields, ensure_ascii=False),
                    reason=result.reason,
                    op=op.op,
                    action=op.action,
                )
            )
    answered = [r.op_id for r in results if r.op_id in by_id]
    if answered:
        session.exec(delete(OutboxEntry).where(col(OutboxEntry.op_id).in_(answered)))
    return rejected

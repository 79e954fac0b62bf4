"""A push batch is bounded in bytes as well as in ops: a laptop full of long notes never sends a push the server's
request limit refuses."""

from __future__ import annotations

from fieldcrm.services import Services
from fieldcrm.sync import outbox


def test_a_batch_stops_at_its_byte_budget_on_a_group_boundary(services: Services) -> None:
    made = [services.customers.create(name=f"长备注{n}有限公司", notes="记" * 10_000) for n in range(10)]
    with services.store.session() as session:
        batch = outbox.next_batch(session, max_bytes=100_000)  # each customer: ~30 KB of fields
        whole = outbox.next_batch(session)
    assert [op.row_id for op in batch if op.table == "customer"] == made[:3]
    assert {op.group_id for op in batch} == {op.group_id for op in whole if op.row_id in made[:3]}
    assert [op.row_id for op in whole if op.table == "customer"] == made
    with services.store.session() as session:  # a group bigger than the budget still goes, alone
        alone = outbox.next_batch(session, max_bytes=1_000)
    assert [op.row_id for op in alone if op.table == "customer"] == made[:1]

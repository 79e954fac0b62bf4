"""Every text field of every synced table has a length cap, and the server's push checks and the laptop's services
refuse a value past it with the same sentence."""

from __future__ import annotations

import pytest

from fieldcrm.domain.errors import ValidationError
from fieldcrm.models import SYNCED_TABLES
from fieldcrm.models.text_limits import text_limit
from fieldcrm.server.merge import BadOp, decode_fields
from fieldcrm.services import Services

TEXT_FIELDS = [
    (table, column.name)
    for table, model in SYNCED_TABLES.items()
    for column in model.__table__.columns  # type: ignore[attr-defined]
    if column.type.__class__.__name__ in ("AutoString", "String", "Text")
]


def test_every_text_field_has_a_cap() -> None:
    assert len(TEXT_FIELDS) > 50
    assert all(text_limit(SYNCED_TABLES[table], field) for table, field in TEXT_FIELDS)
    assert text_limit(SYNCED_TABLES["customer"], "notes") == 20_000
    assert text_limit(SYNCED_TABLES["customer"], "name") == 200  # the column's own length


@pytest.mark.parametrize(("table", "field"), TEXT_FIELDS, ids=[f"{t}.{f}" for t, f in TEXT_FIELDS])
def test_the_server_refuses_text_past_its_cap(table: str, field: str) -> None:
    model = SYNCED_TABLES[table]
    limit = text_limit(model, field)
    assert limit is not None
    decode_fields(model, {field: "x" * limit})  # at the cap: taken (or skipped, for the server's own fields)
    if field in ("id", "version", "created_at", "updated_at", "name_norm", "phone_norm", "merged_into"):
        return  # never taken from a client at all
    with pytest.raises(BadOp, match=rf"^{field}: is {limit + 1:,} characters long; at most {limit:,} are allowed$"):
        decode_fields(model, {field: "x" * (limit + 1)})


def test_the_laptop_refuses_long_notes_before_syncing(services: Services) -> None:
    customer = services.customers.create(name="长备注有限公司")
    with pytest.raises(ValidationError, match="20,001 characters long; at most 20,000") as refused:
        services.customers.update(customer, notes="记" * 20_001)
    assert refused.value.field == "notes"
    services.customers.update(customer, notes="记" * 20_000)
    with pytest.raises(ValidationError, match="at most 20,000") as refused:
        services.visits.log(customer, outcome="谈了", notes="记" * 20_001)
    assert refused.value.field == "notes"
    visit = services.visits.log(customer, outcome="谈了", notes="记" * 20_000)
    with pytest.raises(ValidationError, match="at most 500") as refused:
        services.visits.edit(visit, next_step="步" * 501)
    assert refused.value.field == "next_step"

"""Row ids: UUIDv7 strings that sort by creation, one at a time or many at once."""

from __future__ import annotations

import uuid

from fieldcrm.ids import uuid7, uuid7_many


def test_ids_made_singly_and_in_bulk_are_valid_v7_and_keep_increasing() -> None:
    ids = [uuid7(), *uuid7_many(5000), uuid7(), *uuid7_many(3), *uuid7_many(0), uuid7()]
    assert len(ids) == 5006 and len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    for value in ids[:20] + ids[-20:]:
        parsed = uuid.UUID(value)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == value

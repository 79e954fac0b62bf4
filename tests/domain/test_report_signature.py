"""The countersignature's content is a stored contract: a report signed by this version must verify with the next,
and head office's copy with the laptop's. These are the bytes and the digest of one report, written out by hand from
the definition (rep, day, summary and visits as sorted compact JSON in UTF-8, not ASCII-escaped)."""

from __future__ import annotations

import hashlib
from datetime import date

from fieldcrm.domain.reports import canonical_content, digest

VISITS = '[{"outcome": "介绍新品", "customer": "杭州新达科技有限公司"}]'
CANONICAL = (
    '{"rep_id":"rep-zhang","report_date":"2026-11-23","summary":"拜访一家",'
    '"visits":[{"customer":"杭州新达科技有限公司","outcome":"介绍新品"}]}'
).encode()


def test_the_signed_content_is_sorted_compact_utf8_json_of_rep_day_summary_and_visits() -> None:
    assert canonical_content("rep-zhang", date(2026, 11, 23), "拜访一家", VISITS) == CANONICAL
    assert digest("rep-zhang", date(2026, 11, 23), "拜访一家", VISITS) == hashlib.sha256(CANONICAL).hexdigest()


def test_a_report_without_visits_signs_an_empty_list() -> None:
    empty = '{"rep_id":"rep-zhang","report_date":"2026-11-23","summary":"在办公室","visits":[]}'.encode()
    assert canonical_content("rep-zhang", date(2026, 11, 23), "在办公室", "") == empty
    assert canonical_content("rep-zhang", date(2026, 11, 23), "在办公室", "[]") == empty

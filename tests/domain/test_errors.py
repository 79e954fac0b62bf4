"""The one line a refusal reads as: what the CLI prints after `error: ` and the importer writes to its error
workbook. It names the field at fault (if one is) and why; a possible duplicate names each match, why it matches,
whose customer it is and its id, so the user can look it up."""

from __future__ import annotations

from fieldcrm.domain.errors import DuplicateError, DuplicateMatch, ServiceError, ValidationError


def match(n: int, reason: str, owner: str | None = "李娜") -> DuplicateMatch:
    return DuplicateMatch(f"id-{n}", f"公司{n}", "user-li" if owner else None, owner, reason)


def test_a_refusal_reads_field_then_reason_and_keeps_both_apart() -> None:
    refusal = ValidationError("not a phone number", field="phone")
    assert str(refusal) == "phone: not a phone number"
    assert (refusal.field, refusal.message) == ("phone", "not a phone number")
    assert str(ServiceError("the store is read-only")) == "the store is read-only"


def test_a_duplicate_names_each_match_why_whose_and_its_id() -> None:
    refusal = DuplicateError(
        [
            match(1, "credit_code"),
            match(2, "name", owner=None),
            match(3, "phone"),
            match(4, "similar_name"),
        ]
    )
    assert refusal.field == "name"
    assert str(refusal) == (
        "name: possible duplicate of an existing customer: "
        "公司1 (same credit code; owner 李娜; id id-1); "
        "公司2 (same company name; owner no owner; id id-2); "
        "公司3 (same phone; owner 李娜; id id-3); "
        "公司4 (similar name; owner 李娜; id id-4)"
    )


def test_a_duplicate_lists_at_most_five_matches_and_keeps_them_all() -> None:
    matches = [match(n, "similar_name") for n in range(1, 8)]
    refusal = DuplicateError(matches)
    assert refusal.matches == matches  # the window and the CLI's hint look at every match
    assert "公司5 (" in str(refusal)
    assert "公司6" not in str(refusal)


def test_a_match_for_a_reason_without_words_of_its_own_names_the_reason() -> None:
    assert match(7, "wechat").describe() == "公司7 (wechat; owner 李娜; id id-7)"

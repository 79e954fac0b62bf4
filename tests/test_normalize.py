"""Normalisation of company names, phones and search text."""

from hypothesis import given
from hypothesis import strategies as st

from fieldcrm.normalize import normalise_company_name, normalise_phone, search_query, search_tokens


def test_company_name_ignores_width_brackets_spaces_and_legal_form() -> None:
    base = normalise_company_name("上海华润万家超市有限公司")
    assert base == "上海华润万家超市"
    for variant in (
        "上海 华润万家超市(有限公司)",
        "上海华润万家超市（有限公司）",
        "上海华润万家超市股份有限公司",
        "上海华润万家超市有限责任公司",
        "上海华润万家超市",
    ):
        assert normalise_company_name(variant) == base, variant


def test_english_legal_forms_and_case() -> None:
    assert normalise_company_name("ACME Co., Ltd.") == "acme"
    assert normalise_company_name("Acme Company Limited") == "acme"
    assert normalise_company_name("ＡＣＭＥ Inc.") == "acme"
    assert normalise_company_name("Zinc Trading") == "zinctrading"  # "inc" inside a word is not a legal form


def test_phone_keeps_digits_without_country_prefix() -> None:
    assert normalise_phone("+86 138-1234-5678") == "13812345678"
    assert normalise_phone("0086 13812345678") == "13812345678"
    assert normalise_phone("１３８１２３４５６７８") == "13812345678"
    assert normalise_phone("021-6888 1234") == "02168881234"


def test_search_tokens_are_bigrams_with_segment_markers() -> None:
    assert search_tokens("华润万家") == "华润 润万 万家 家"
    assert search_tokens("华润", "", None, "12") == "华润 润 zzsep 12 2"


def test_search_query_phrases_and_prefixes() -> None:
    assert search_query("华润万家") == '"华润 润万 万家"'
    assert search_query("华 1381") == '"华"* AND "13 38 81"'
    assert search_query("-- ,,") is None


@given(st.text(min_size=1, max_size=30), st.text(min_size=0, max_size=30))
def test_every_substring_query_is_covered_by_the_tokens(text: str, other: str) -> None:
    """Whatever a user types that occurs in the text, all its tokens occur in the text's tokens, in order."""
    tokens = search_tokens(text, other).split()
    query = search_query(text[: max(1, len(text) // 2)])
    if query is None:
        return
    for term in query.split(" AND "):
        words = term.strip('"*').split()
        if term.endswith("*"):
            assert any(t.startswith(words[0]) for t in tokens)
        else:
            joined = " ".join(tokens)
            assert " ".join(words) in joined

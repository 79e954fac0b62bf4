"""Normalisation of company names, phones and search text."""

import re
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldcrm import normalize
from fieldcrm.normalize import (
    normalise_company_name,
    normalise_credit_code,
    normalise_phone,
    pinyin_prefix,
    search_query,
    search_tokens,
)


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


#: One Chinese number as it is written at home and from abroad (+86, 0086, "(0)", a bare 86 that Excel left of
#: "+86"): every spelling of a row normalises to the row's domestic form, so the duplicate checks see one number.
SAME_NUMBER = [
    ("02168881234", ("021-6888 1234", "021 68881234", "+86 21 6888 1234", "+86 (0)21 6888 1234", "(+86)21-6888-1234")),
    ("02168881234", ("0086 21 6888 1234", "＋８６ ２１ ６８８８ １２３４", "862168881234")),
    ("13800138000", ("13800138000", "138 0013 8000", "+86 138 0013 8000", "0086 13800138000", "8613800138000")),
    ("01012345678", ("010-12345678", "+86-10-12345678", "0086 10 1234 5678", "+86 (0)10 1234 5678")),
    ("051266881234", ("0512-6688 1234", "+86 512 6688 1234", "+86 0512 6688 1234")),
    ("02168881234" + "5678", ("021-6888 1234 转 5678", "+86 21 6888 1234 转 5678")),
    ("4001234567", ("400-123-4567", "+86 400 123 4567")),  # a 400 line has no trunk 0 at home either
    ("95588", ("95588", "+86 95588", "(+86) 95588", "0086 95588")),  # nor has a short service number
]


@pytest.mark.parametrize(("domestic", "spellings"), SAME_NUMBER, ids=[row[1][1] for row in SAME_NUMBER])
def test_each_spelling_of_a_chinese_number_normalises_alike(domestic: str, spellings: tuple[str, ...]) -> None:
    assert {spelling: normalise_phone(spelling) for spelling in spellings} == dict.fromkeys(spellings, domestic)


def test_other_countries_numbers_keep_all_their_digits() -> None:
    assert normalise_phone("+852 2345 6789") == "85223456789"
    assert normalise_phone("+1 415 555 0100") == "14155550100"
    assert normalise_phone("+886 2 2345 6789") == "886223456789"


_DIGIT = st.sampled_from("0123456789")
#: Area codes without their trunk 0: 10 (Beijing), 2x, and three digits from 3xx to 9xx (none ends in 00).
_AREA = st.one_of(
    st.just("10"),
    st.builds("2{}".format, _DIGIT),
    st.builds("{}{}{}".format, st.sampled_from("3456789"), st.sampled_from("123456789"), _DIGIT),
)
_SEPARATOR = st.sampled_from(["", " ", "-", "  ", "－", "\u3000"])


@st.composite
def _landline(draw: st.DrawFn) -> tuple[str, str]:
    """(area code without its 0, local number): 8 digits after a two-digit code, 7 or 8 after a three-digit one."""
    area = draw(_AREA)
    size = 8 if len(area) == 2 else draw(st.sampled_from([7, 8]))
    local = draw(st.sampled_from("23456789")) + draw(st.text("0123456789", min_size=size - 1, max_size=size - 1))
    return area, local


def _split(draw: st.DrawFn, digits: str) -> str:
    """`digits` in groups with separators between them, as people type them."""
    cut = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=3)))
    parts = [digits[i:j] for i, j in zip([0, *cut], [*cut, len(digits)], strict=True)]
    return "".join(part + draw(_SEPARATOR) for part in parts[:-1]) + parts[-1]


_COUNTRY_CODE = st.sampled_from(["+86", "0086", "+86 (0)", "(+86)", "＋86", "+86-"])


@given(_landline(), st.data())
def test_any_landline_from_abroad_normalises_as_at_home(landline: tuple[str, str], data: st.DataObject) -> None:
    area, local = landline
    at_home = "0" + area + data.draw(_SEPARATOR) + _split(data.draw, local)
    from_abroad = (
        data.draw(_COUNTRY_CODE) + data.draw(_SEPARATOR) + area + data.draw(_SEPARATOR) + _split(data.draw, local)
    )
    assert normalise_phone(at_home) == normalise_phone(from_abroad) == "0" + area + local


@given(st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9), st.data())
def test_any_mobile_from_abroad_normalises_as_at_home(second: str, rest: str, data: st.DataObject) -> None:
    mobile = "1" + second + rest
    from_abroad = data.draw(_COUNTRY_CODE).replace("(0)", "") + data.draw(_SEPARATOR) + _split(data.draw, mobile)
    assert normalise_phone(_split(data.draw, mobile)) == normalise_phone(from_abroad) == mobile


@given(
    st.sampled_from(["1", "44", "49", "65", "81", "82", "852", "853", "886"]),
    st.text("0123456789", min_size=6, max_size=12),
    st.data(),
)
def test_any_foreign_number_keeps_its_country_code_and_digits(country: str, national: str, data: st.DataObject) -> None:
    assert normalise_phone(f"+{country}{data.draw(_SEPARATOR)}{national}") == country + national


def test_search_tokens_are_bigrams_with_segment_markers() -> None:
    assert search_tokens("华润万家") == "华润 润万 万家 家"
    assert search_tokens("华润", "", None, "12") == "华润 润 zzsep 12 2"


def test_a_missing_phone_normalises_to_nothing_so_it_matches_no_other() -> None:
    assert normalise_phone(None) == normalise_phone("") == ""


def test_a_landline_with_its_extension_keeps_its_area_code() -> None:
    assert normalise_phone("021-6888 1234 转 5678") == "02168881234" + "5678"


def test_credit_code_as_typed_is_upper_case_without_spaces_or_width() -> None:
    assert normalise_credit_code(" 9135 0100  m000 100y43 ") == "91350100M000100Y43"
    assert normalise_credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"


def test_a_field_without_letters_or_digits_does_not_hide_the_fields_after_it() -> None:
    assert search_tokens("--", "华润") == "华润 润"
    assert search_tokens("", "（）", "ab") == "ab b"


def test_u_umlaut_typed_as_pinyin_reads_as_v_like_pinyin_keyboards() -> None:
    assert pinyin_prefix("lüdi") == "lvdi"  # 绿地
    assert pinyin_prefix("NǙ") == "nv"  # upper case, with a tone mark
    assert pinyin_prefix("lu") == "lu"


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


#: Real company names as customers' files and spreadsheets spell them, with the normal form two records of the
#: same company must share: no legal form (Chinese or English), no brackets, spaces, punctuation, width or case.
#: What is not a legal form stays: the city or region in front (上海, 深圳市) and a bracketed "(中国)", which names
#: the Chinese subsidiary, a company of its own.
COMPANY_NAMES = [
    # Chinese legal forms, each cut whole (never leaving 有限, 股份 or 有限责任 behind)
    ("上海华润万家超市有限公司", "上海华润万家超市"),
    ("北京百度网讯科技有限公司", "北京百度网讯科技"),
    ("招商银行股份有限公司", "招商银行"),
    ("中国石油天然气股份有限公司", "中国石油天然气"),
    ("深圳市腾讯计算机系统有限责任公司", "深圳市腾讯计算机系统"),
    ("青岛啤酒有限责任公司", "青岛啤酒"),
    ("上海复星高科技集团有限公司", "上海复星高科技"),
    ("美的集团有限公司", "美的"),
    ("江苏恒瑞医药股份公司", "江苏恒瑞医药"),
    ("杭州娃哈哈公司", "杭州娃哈哈"),
    # "(中国)" in half- and full-width brackets: the brackets go, the words stay
    ("阿斯利康投资(中国)有限公司", "阿斯利康投资中国"),
    ("阿斯利康投资（中国）有限公司", "阿斯利康投资中国"),
    ("西门子（中国）有限公司", "西门子中国"),
    # the legal form in brackets, other brackets, spaces (also the full-width one)
    ("上海华润万家超市（有限公司）", "上海华润万家超市"),
    ("上海华润万家超市(有限公司)", "上海华润万家超市"),
    ("【上海】华润万家超市有限公司", "上海华润万家超市"),
    ("上海 华润万家 超市 有限公司", "上海华润万家超市"),
    ("上海华润万家超市\u3000有限公司", "上海华润万家超市"),
    # English legal forms, any case, half- or full-width, with or without their full stops and commas
    ("Huawei Technologies Co., Ltd.", "huaweitechnologies"),
    ("HUAWEI TECHNOLOGIES CO.,LTD", "huaweitechnologies"),
    ("Ｈｕａｗｅｉ Ｔｅｃｈｎｏｌｏｇｉｅｓ Ｃｏ．，Ｌｔｄ．", "huaweitechnologies"),
    ("Shanghai Bell Co. Ltd", "shanghaibell"),
    ("Shanghai Bell Co. Limited", "shanghaibell"),
    ("Lenovo Group Limited", "lenovogroup"),
    ("Tencent Holdings Ltd.", "tencentholdings"),
    ("Hong Kong Trading Company Limited", "hongkongtrading"),
    ("Ford Motor Company", "fordmotor"),
    ("Shanghai Acme Trading Co.", "shanghaiacmetrading"),
    ("Apple Inc.", "apple"),
    ("Amazon.com, Inc.", "amazoncom"),
    ("Acme Incorporated", "acme"),
    ("Microsoft Corporation", "microsoft"),
    ("Acme Corp.", "acme"),
    ("Google LLC", "google"),
    ("Robert Bosch GmbH", "robertbosch"),
    ("HSBC Holdings plc", "hsbcholdings"),
    # a legal form's letters inside a word are not a legal form
    ("Zinc Trading", "zinctrading"),
    ("Coca Cola", "cocacola"),
]


@pytest.mark.parametrize(("name", "normal"), COMPANY_NAMES, ids=[name for name, _ in COMPANY_NAMES])
def test_company_name_normal_form_of_real_names(name: str, normal: str) -> None:
    assert normalise_company_name(name) == normal


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """The normaliser remembers its answers: forget them around a test that changes its suffix lists."""
    normalise_company_name.cache_clear()
    yield
    normalise_company_name.cache_clear()


def _english_forms() -> list[str]:
    pattern = normalize._ENGLISH_SUFFIX.pattern
    head, tail = r"(?:[\s,.]+|^)(?:", r")\.?$"
    assert pattern.startswith(head) and pattern.endswith(tail), "the legal-form pattern changed shape"
    return pattern[len(head) : -len(tail)].split("|")


#: Spelled-out combinations of two forms the table has on their own: the normaliser cuts "ltd", then "co", so
#: without these it gives the same answer for every real name (only "CoLtd" written as one word differs).
COMBINED_FORMS = {r"co\.?\s*,?\s*ltd", r"company\s+limited", r"co\.?\s*,?\s*limited"}


def test_the_table_needs_every_legal_form_the_normaliser_knows(
    monkeypatch: pytest.MonkeyPatch, fresh_cache: None
) -> None:
    """Drop any one legal form from the normaliser and a row of the table changes: none goes untested."""

    def rows_changed() -> list[str]:
        normalise_company_name.cache_clear()
        return [name for name, normal in COMPANY_NAMES if normalise_company_name(name) != normal]

    for suffix in normalize._CHINESE_SUFFIXES:
        fewer = tuple(s for s in normalize._CHINESE_SUFFIXES if s != suffix)
        with monkeypatch.context() as patch:
            patch.setattr(normalize, "_CHINESE_SUFFIXES", fewer)
            assert rows_changed(), f"no row of the table ends in {suffix}"
    forms = _english_forms()
    for form in forms:
        if form in COMBINED_FORMS:
            ending = re.compile(rf"(?:[\s,.]+|^)(?:{form})\.?$")
            assert any(ending.search(normalize.fold(name)) for name, _ in COMPANY_NAMES), f"no row ends in {form}"
            continue
        fewer_pattern = re.compile(r"(?:[\s,.]+|^)(?:" + "|".join(f for f in forms if f != form) + r")\.?$")
        with monkeypatch.context() as patch:
            patch.setattr(normalize, "_ENGLISH_SUFFIX", fewer_pattern)
            assert rows_changed(), f"no row of the table needs the English form {form}"

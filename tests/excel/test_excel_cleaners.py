"""Cell cleaners: numbers, scientific notation, full width, spaces, dates and grades as people type them."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldcrm.domain.errors import ValidationError
from fieldcrm.excel import cleaners
from fieldcrm.excel.validate import RowValidator
from fieldcrm.services.validation import credit_check_char


def test_phone_stored_as_number_keeps_its_digits() -> None:
    assert cleaners.clean_phone_cell(13812345678.0, "phone") == "13812345678"
    assert cleaners.clean_phone_cell(13812345678, "phone") == "13812345678"


def test_phone_in_full_scientific_notation_is_restored() -> None:
    assert cleaners.clean_phone_cell("1.3812345678E+10", "phone") == "13812345678"


def test_phone_shortened_by_scientific_notation_is_refused_with_reason() -> None:
    with pytest.raises(ValidationError, match="scientific notation"):
        cleaners.clean_phone_cell("1.38123E+10", "phone")


def test_full_width_digits_and_letters_are_halved_but_chinese_brackets_kept() -> None:
    assert cleaners.clean_phone_cell("１３８ １２３４ ５６７８", "phone") == "138 1234 5678"
    assert cleaners.clean_plain("ＡＢＣ（上海）　有限公司") == "ABC（上海） 有限公司"


def test_stray_spaces_line_breaks_and_excel_carriage_returns_collapse() -> None:
    assert cleaners.clean_plain("  上海\n华润_x000D_\n万家\t ") == "上海 华润 万家"
    assert cleaners.clean_multiline("第一行  \r\n\r\n  第二行") == "第一行\n第二行"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45000, date(2023, 3, 15)),
        (45000.0, date(2023, 3, 15)),
        ("45000", date(2023, 3, 15)),
        (datetime(2024, 3, 5, 10, 30), date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024/3/5", date(2024, 3, 5)),
        ("2024.3.5", date(2024, 3, 5)),
        ("2024年3月5日", date(2024, 3, 5)),
        ("２０２４年３月５日", date(2024, 3, 5)),
        ("2024-03-05 10:00:00", date(2024, 3, 5)),
        ("2024-03-05T10:00:00", date(2024, 3, 5)),
    ],
)
def test_dates_in_the_usual_forms(value: object, expected: date) -> None:
    assert cleaners.clean_date_cell(value, "next_follow_up") == expected


def test_impossible_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="does not exist|not a date"):
        cleaners.clean_date_cell("2024年2月30日", "next_follow_up")


@pytest.mark.parametrize("value", ["A类", "a", "Ａ 类", "a级", " A "])
def test_grades_as_written(value: str) -> None:
    validator = RowValidator(["客户名称", "等级"], {0: "name", 1: "grade"})
    row = validator.clean(2, ["某公司", value])
    assert row is not None and not row.problems
    assert row.customer["grade"] == "A"


def test_integral_floats_read_like_integers() -> None:
    assert cleaners.cell_text(3.0) == "3"
    assert cleaners.cell_text(1.5) == "1.5"
    assert cleaners.cell_text(datetime(2024, 1, 2)) == "2024-01-02"


_cell = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


@given(st.lists(_cell, min_size=8, max_size=8))
def test_any_cells_give_a_clean_row_or_problems_never_an_exception(cells: list) -> None:
    headers = ["客户名称", "电话", "等级", "阶段", "下次跟进", "统一社会信用代码", "联系人", "邮箱"]
    fields = ["name", "phone", "grade", "stage", "next_follow_up", "credit_code", "contact_name", "contact_email"]
    validator = RowValidator(headers, dict(enumerate(fields)))
    row = validator.clean(7, cells)
    if row is not None:
        for problem in row.problems:
            assert problem.row == 7 and problem.column and problem.reason
        if not row.problems:
            assert row.customer["name"]


def test_control_characters_are_dropped() -> None:
    assert cleaners.clean_plain("甲\x01公\x1f司") == "甲公司"
    assert cleaners.clean_multiline("a\x00\nb") == "a\nb"


def test_rows_with_only_unmapped_cells_are_blank_and_total_rows_are_flagged() -> None:
    validator = RowValidator(["序号", "客户名称", "电话"], {1: "name", 2: "phone"})
    assert validator.clean(9, [17, None, None]) is None
    total = validator.clean(10, [None, "合计", None])
    assert total is not None and total.problems[0].reason == "is a total row, not a customer"


# Values as lists really hold them, so rows often come out clean and the column-at-a-time path is exercised,
# mixed with any cell at all so rows with problems, blanks and look-alikes (1, 1.0, True) meet in one column.
_typical = st.sampled_from(
    [None, "", " ", "某某有限公司", "合计", "Ａ类", "a", "b级", "Z", "潜在客户", "新", "重要", "流失客户", "x",
     13800000001, 13800000001.0, "1.38E+10", "13800000001", "021-5555 6666", True, 1, 1.0, 0, 45000, "2025/4/1",
     "下周", date(2025, 1, 1), datetime(2025, 1, 1), "张三", " 李四 ", "a@b.cn", "not-mail", "9131000000000000X",
     "备注\n第二行", "_x000D_", "\u3000"]
)  # fmt: skip
_FINE = {
    "name": ["某某有限公司", "甲公司", " 乙 公司 ", "Ｃｏ． Ｌｔｄ"],
    "phone": [13800000001, 13800000001.0, "021-5555 6666", "1.3812345678E+10", None],
    "grade": ["A类", "a", "Ｂ 级", None],
    "stage": ["潜在客户", "新", None],
    "next_follow_up": [45000, "2025/4/1", date(2025, 1, 1), datetime(2025, 1, 1, 9, 30), None],
    "credit_code": [base + credit_check_char(base) for base in ("91310000000000001", "91440300MA5F00000")] + [None],
    "contact_name": ["张三", " 李四 ", None],
    "contact_mobile": ["13900000001", 13900000001, 13800000001, None],
    "contact_email": ["a@b.cn", " A@B.CN ", None],
    "notes": ["备注\n第二行", "_x000D_行", None],
    "region": ["华东", "华东", None],
}
_LAYOUTS = [
    ["name", "phone", "grade", "stage", "next_follow_up", "credit_code", "contact_name", "contact_mobile", "notes"],
    ["contact_mobile", "name", "contact_name", "contact_email", "region"],  # no phone column: the mobile stands in
    ["region", "contact_mobile", "grade"],  # no name column at all
]


def _rows_of(fields: list[str]) -> st.SearchStrategy:
    cells = [st.one_of(*[st.sampled_from(_FINE[f])] * 8, _typical, _cell) for f in fields]
    return st.tuples(st.just(fields), st.lists(st.tuples(*cells).map(list), max_size=40))


def _same_as_one_by_one(fields: list[str], rows: list[list]) -> None:
    validator = RowValidator([f"col{i}" for i in range(len(fields))], dict(enumerate(fields)))
    expected = [row for i, raw in enumerate(rows) if (row := validator.clean(5 + i, raw)) is not None]
    assert validator.clean_rows(5, rows) == expected


@given(st.sampled_from(_LAYOUTS).flatmap(_rows_of))
def test_rows_cleaned_a_column_at_a_time_are_the_rows_cleaned_one_by_one(layout: tuple) -> None:
    _same_as_one_by_one(*layout)


@given(st.sampled_from(_LAYOUTS), st.lists(st.lists(st.one_of(_typical, _cell), max_size=10), max_size=30))
def test_ragged_rows_of_any_cells_are_cleaned_as_one_by_one(fields: list[str], rows: list[list]) -> None:
    _same_as_one_by_one(fields, rows)


@pytest.mark.parametrize("fields", _LAYOUTS)
def test_thousands_of_mostly_clean_rows_are_cleaned_as_one_by_one(fields: list[str]) -> None:
    pick = random.Random(len(fields))
    odd = [None, "合计", "Z", True, 1.0, "下周", "not-mail", "9131000000000000X", float("nan"), "\x01"]
    rows = [[pick.choice(_FINE[f] if pick.random() < 0.97 else odd) for f in fields] for _ in range(6000)]
    _same_as_one_by_one(fields, rows)


def test_a_column_of_repeated_values_is_cleaned_once_per_value_and_type() -> None:
    validator = RowValidator(["客户名称", "等级", "电话"], {0: "name", 1: "grade", 2: "phone"})
    rows = [[f"公司{i}", ["A类", "b", "Ｃ 类"][i % 3], [1, 1.0, True][i % 3] if i % 7 else 13800000000 + i]
            for i in range(3000)]  # fmt: skip
    cleaned = validator.clean_rows(2, rows)
    assert cleaned == [row for i, raw in enumerate(rows) if (row := validator.clean(2 + i, raw)) is not None]
    assert [r.customer["grade"] for r in cleaned[:3]] == ["A", "B", "C"]
    assert sum(1 for r in cleaned if r.problems) == sum(1 for i in range(3000) if i % 7)  # 1, 1.0, True: no phone

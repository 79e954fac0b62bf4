"""Cell cleaners: numbers, scientific notation, full width, spaces, dates and grades as people type them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldcrm.excel import cleaners
from fieldcrm.excel.validate import RowValidator
from fieldcrm.services.errors import ValidationError


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

"""Header rows below titles, synonyms in Chinese and English, and saved mappings."""

from __future__ import annotations

from pathlib import Path

from fieldcrm.excel.headers import find_header_row, header_signature, suggest_mapping
from fieldcrm.excel.mappings import MappingStore


def test_header_found_below_title_and_blank_rows() -> None:
    rows = [["2024 展会客户名单", None, None], [None, None, None], ["序号", "公司名称", "联系电话"], [1, "甲公司", "1"]]
    header = find_header_row(rows)
    assert header is not None and header.index == 2
    assert suggest_mapping(header.headers) == {1: "name", 2: "phone"}


def test_chinese_and_english_synonyms() -> None:
    headers = [
        "单位名称",
        "联系人",
        "手机",
        "邮箱",
        "地址",
        "地区",
        "行业",
        "客户等级",
        "阶段",
        "统一社会信用代码",
        "备注",
    ]
    assert list(suggest_mapping(headers).values()) == [
        "name", "contact_name", "contact_mobile", "contact_email", "address", "region", "industry", "grade", "stage",
        "credit_code", "notes",
    ]  # fmt: skip
    english = ["Account name", "Contact", "Phone", "Mobile", "Email", "Region", "Grade", "Notes"]
    assert list(suggest_mapping(english).values()) == [
        "name", "contact_name", "phone", "contact_mobile", "contact_email", "region", "grade", "notes",
    ]  # fmt: skip


def test_decorated_headers_still_match() -> None:
    assert suggest_mapping(["*客户名称（必填）", "客户等级(A/B/C)", "Company Name:"]) == {0: "name", 1: "grade"}


def test_no_header_row_when_nothing_is_known() -> None:
    assert find_header_row([["温度", "日期"], [1, 2]]) is None


def test_saved_mapping_is_reused_for_the_same_headers(tmp_path: Path) -> None:
    store = MappingStore(tmp_path)
    headers = ["名字", "号码", "随便"]
    signature = header_signature(headers)
    assert store.load(signature, headers) is None
    store.save(signature, headers, {0: "name", 1: "phone"})
    assert MappingStore(tmp_path).load(signature, headers) == {0: "name", 1: "phone"}
    assert header_signature(["名字 ", "号码", "随便"]) == signature


def test_damaged_mapping_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "import_mappings.json").write_text("{not json", encoding="utf-8")
    assert MappingStore(tmp_path).load("x", ["a"]) is None


def test_compound_headers_map_by_their_last_word_and_ids_are_not_names() -> None:
    headers = ["客户编号", "客户名称", "联系人手机", "联系人邮箱", "产品名称", "所属区域"]
    assert suggest_mapping(headers) == {1: "name", 2: "contact_mobile", 3: "contact_email", 5: "region"}

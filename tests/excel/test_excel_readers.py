"""Reading .xlsx (both readers give the same rows), CSV in UTF-8/GBK, and refusing what is not importable."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from excel_helpers import corpus_file, write_xlsx

from fieldcrm.excel import ImportLimits, ImportRefusedError
from fieldcrm.excel.headers import find_header_row, suggest_mapping
from fieldcrm.excel.readers import read_sheet
from fieldcrm.excel.validate import RowValidator

MESSY = [
    ["客户名单（内部）"],
    [],
    ["客户名称", "电话", "客户等级", "下次跟进", "统一社会信用代码", "备注", "联系人", "邮箱"],
    [
        "上海华润万家有限公司",
        13812345678,
        "A类",
        datetime(2024, 5, 1),
        "91310000MA1FL0XX3Q",
        "多行\n备注",
        "张三",
        "a@b.cn",
    ],
    ["  北京　测试 科技 ", "１３９ ０００ １１１１", "b", 45000, None, None, None, None],
    [None, None, None, None, None, None, None, None],
    ["广州某某", "020-12345678", "c级", "2024年3月5日", None, 3.5, "李四", "ＬＩ@ＥＸ.ＣＯＭ"],
]


def _clean(path: Path, reader: str) -> list:
    data = read_sheet(path, reader=reader)
    header = find_header_row(data.rows)
    assert header is not None
    validator = RowValidator(header.headers, suggest_mapping(header.headers))
    out = []
    for i, raw in enumerate(data.rows[header.index + 1 :], header.index + 1):
        row = validator.clean(data.first_row + i, raw)
        if row is not None:
            out.append((row.row, row.customer, row.contact, [p.to_json() for p in row.problems]))
    return out


def test_calamine_and_openpyxl_give_identical_results(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "messy.xlsx", MESSY, merge="A1:H1")
    fast, slow = _clean(path, "auto"), _clean(path, "openpyxl")
    assert fast == slow
    assert [r[0] for r in fast] == [4, 5, 7]
    assert fast[0][1]["phone"] == "13812345678" and fast[0][1]["notes"] == "多行\n备注"
    assert fast[1][1]["name"] == "北京 测试 科技" and fast[1][1]["phone"] == "139 000 1111"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_chinese_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("客户名称,电话,地区\r\n华润万家,13812345678,华东\r\n".encode(encoding))
    data = read_sheet(path)
    assert data.kind == "csv"
    assert data.rows[0] == ["客户名称", "电话", "地区"]
    assert data.rows[1] == ["华润万家", "13812345678", "华东"]


def test_semicolon_csv(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Company;Phone\nACME;12345678\n", encoding="utf-8")
    assert read_sheet(path).rows[1] == ["ACME", "12345678"]


def _refused(path: Path, limits: ImportLimits | None = None) -> str:
    with pytest.raises(ImportRefusedError) as info:
        read_sheet(path, limits=limits)
    message = str(info.value)
    assert "\n" not in message and path.name in message
    return message


def test_refuses_a_file_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "not a spreadsheet" in _refused(png)
    html = tmp_path / "export.xls"
    html.write_text("<html><table><tr><td>客户</td></tr></table></html>", encoding="utf-8")
    assert "web page" in _refused(html)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "empty" in _refused(empty)


def test_refuses_word_documents_and_broken_zips(tmp_path: Path) -> None:
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "Word" in _refused(docx)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "damaged" in _refused(broken)


def test_refuses_encrypted_workbook(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE container with an EncryptionInfo stream; its name is enough to recognise it.
    fake = tmp_path / "secret.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le"))
    assert "password" in _refused(fake)


def test_macro_workbook_is_read_but_says_macros_are_not_run(tmp_path: Path) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx", [["客户名称"], ["甲公司"]])
    macro = tmp_path / "with_macros.xlsm"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(macro, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 64)
    data = read_sheet(macro)
    assert data.rows[1] == ["甲公司"]
    assert data.notice is not None and "never run" in data.notice


def test_limits_refuse_big_files_quickly(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rows.xlsx", [["客户名称"]] + [[f"公司{i}"] for i in range(50)])
    assert "rows" in _refused(path, ImportLimits(max_rows=10))
    assert "MB" in _refused(path, ImportLimits(max_unpacked_bytes=1000))
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text("客户名称\n" + "\n".join(f"公司{i}" for i in range(50)), encoding="utf-8")
    assert "rows" in _refused(csv_path, ImportLimits(max_rows=10))


def test_unknown_sheet_is_named(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["客户名称"]], title="客户")
    with pytest.raises(ImportRefusedError, match="no sheet named '别的'.*客户"):
        read_sheet(path, "别的")


def test_legacy_xls_is_read_with_dates() -> None:
    data = read_sheet(corpus_file("date.xls"))
    assert data.kind == "xls" and data.rows
    assert any(isinstance(v, datetime | date) for row in data.rows for v in row)


def test_real_password_protected_workbook_is_refused() -> None:
    assert "password" in _refused(corpus_file("pass_protected.xlsx"))


def test_blank_first_sheet_is_passed_over(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "封面"
    data = book.create_sheet("客户")
    data.append(["客户名称"])
    data.append(["甲公司"])
    book.save(tmp_path / "two.xlsx")
    read = read_sheet(tmp_path / "two.xlsx")
    assert read.sheet_name == "客户" and read.sheet_names == ["封面", "客户"]

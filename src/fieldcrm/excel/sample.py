"""A small customer list as reps receive them, to try the import with (`fieldcrm demo --workbook FILE`)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def sample_list(path: Path, duplicate_name: str, duplicate_phone: str = "") -> Path:
    """A title row above Chinese headers, a phone stored as a number, a grade written "A类", a column that is no
    customer field, a row without a company name, an unknown grade, and one row repeating an existing customer.

    On import: 2 new rows, 1 duplicate (of `duplicate_name`), 2 rows with errors (Excel rows 5 and 7)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "客户"
    sheet.append(["2026年华东区客户名单"])
    sheet.append(["客户名称", "联系电话", "地区", "客户等级", "联系人", "内部编号"])
    sheet.append(["苏州工业园区精密模具有限公司", 51262345678, "华东", "A类", "王强", "X-1"])
    sheet.append(["无锡新能源科技股份有限公司", "0510-88886666", "华东", "b", "李梅", "X-2"])
    sheet.append(["", "021-00000000", "华东", "A", "", "X-3"])
    sheet.append([duplicate_name, duplicate_phone, "华东", "C", "", "X-4"])
    sheet.append(["宁波港口物流有限公司", "0574-1234", "华东", "Z", "", "X-5"])
    book.save(path)
    return path

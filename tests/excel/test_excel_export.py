"""Export to .xlsx, the import template, and the round trip export → import that changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from sqlalchemy import text

from fieldcrm.excel import ImportJob, export_customers, write_template
from fieldcrm.excel.exporter import labels
from fieldcrm.services import CustomerQuery, Services


def _seed(services: Services) -> None:
    services.customers.create(
        name="华润万家有限公司",
        phone="0755-1234 5678",
        grade="A",
        stage="重要",
        region="华南",
        industry="零售",
        notes="老客户\n年底续约",
        tags="超市,连锁",
        next_follow_up=date(2025, 3, 1),
        contacts=[{"name": "陈经理", "mobile": "13800000001", "email": "chen@example.cn", "title": "采购"}],
    )
    services.customers.create(name='=HYPERLINK("http://x")', phone="+86 138 0000 0002", grade="B", notes="-危险")
    services.customers.create(name="@某公司", region="华东", grade="C")


def _outbox(services: Services) -> int:
    with services.store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM outbox")).scalar_one()


def test_export_sheet_layout_types_and_no_formulas(services: Services, tmp_path: Path) -> None:
    _seed(services)
    path = tmp_path / "out.xlsx"
    assert export_customers(services.store, path).written == 3
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert [c.value for c in ws[1]] == labels("zh")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.column_dimensions["A"].width >= 30
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    huarun = rows["华润万家有限公司"]
    assert huarun[12].value.date() == date(2025, 3, 1) and huarun[12].is_date
    assert huarun[2].value == "0755-1234 5678" and huarun[2].data_type == "s"
    assert huarun[13].value == "陈经理" and huarun[15].value == "13800000001"
    for cell in (rows['=HYPERLINK("http://x")'][0], rows['=HYPERLINK("http://x")'][2], rows["@某公司"][0]):
        assert cell.data_type == "s"  # stored as text: nothing runs when the file is opened
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_export_filters_and_english_headers(services: Services, tmp_path: Path) -> None:
    _seed(services)
    path = tmp_path / "grade_a.xlsx"
    assert export_customers(services.store, path, CustomerQuery(grade="A", limit=1), lang="en").written == 1
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "Company" and ws.max_row == 2


def test_round_trip_export_then_import_update_changes_nothing(services: Services, tmp_path: Path) -> None:
    _seed(services)
    path = tmp_path / "round.xlsx"
    export_customers(services.store, path)
    outbox = _outbox(services)
    job = ImportJob(services.store, path)
    job.read()
    preview = job.preview(on_duplicate="update")
    assert (preview.new, preview.update, preview.error, preview.skipped) == (0, 0, 0, 3)
    job.commit()
    assert _outbox(services) == outbox


def test_template_has_dropdowns_and_imports_cleanly(services: Services, tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx", ["华东", "华南"])
    book = openpyxl.load_workbook(path)
    ws = book["客户"]
    rules = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    headers = [c.value for c in ws[1]]
    grade_col = openpyxl.utils.get_column_letter(headers.index("客户等级") + 1)
    region_col = openpyxl.utils.get_column_letter(headers.index("区域") + 1)
    assert f"{grade_col}2" in rules and f"{region_col}2" in rules
    lists = book["lists"]
    assert lists.sheet_state == "hidden" and [c.value for c in lists["C"]][1:3] == ["华东", "华南"]
    ws.append(["模板公司", None, "13800000003", None, "华东", None, None, "A", "新"])
    book.save(path)
    job = ImportJob(services.store, path)
    proposal = job.read()
    assert len(proposal.mapping) == len(headers)
    preview = job.preview()
    assert preview.new == 1 and preview.error == 0


def test_control_characters_in_stored_values_do_not_break_the_export(services: Services, tmp_path: Path) -> None:
    cid = services.customers.create(name="控制字符公司")
    with services.store.engine.begin() as conn:  # such values arrive from old data or other devices
        conn.exec_driver_sql("UPDATE customer SET notes = ? WHERE id = ?", ("第一行\x01\x02第二行", cid))
    path = tmp_path / "ctl.xlsx"
    assert export_customers(services.store, path).written == 1
    ws = openpyxl.load_workbook(path).active
    assert ws["L2"].value == "第一行第二行"

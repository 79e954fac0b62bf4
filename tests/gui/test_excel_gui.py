"""Import wizard and export dialog: a real workbook in, preview, import, undo; the filtered list out to .xlsx."""

from __future__ import annotations

from excel_helpers import write_xlsx
from openpyxl import load_workbook

from fieldcrm.excel.sample import sample_list
from fieldcrm.services import CustomerQuery, Services
from fieldcrm.ui.excel.export_dialog import ExportDialog
from fieldcrm.ui.excel.import_dialog import ImportDialog


def _customer_names(services: Services) -> set[str]:
    return {row.name for row in services.search.search(CustomerQuery(limit=1000))}


def test_import_wizard_previews_imports_and_undoes(qtbot, make_window, services, idle, tmp_path):
    services.customers.create(name="上海华东机械有限公司", phone="021-55550001", region="华东", grade="A")
    before = _customer_names(services)
    source = sample_list(tmp_path / "客户名单.xlsx", "上海华东机械有限公司", "021-55550001")
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    screen.import_button.click()  # the way a rep gets there: the button beside "New customer"
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.path_edit.setText(str(source))
    dialog.read_button.click()
    idle()
    assert dialog.message.text() == ""
    assert dialog.pages.currentIndex() == 1
    assert "row 2" in dialog.header_info.text() and "5 data rows" in dialog.header_info.text()
    mapping = dialog.mapping()
    assert mapping[0] == "name" and mapping[1] == "phone" and mapping[4] == "contact_name"
    assert 5 not in mapping  # 内部编号 is not a customer field
    dialog.set_field("地区", "region")
    dialog.policy.setCurrentIndex(dialog.policy.findData("skip"))
    dialog.preview_button.click()
    idle()
    assert dialog.pages.currentIndex() == 2
    assert dialog.counts.text().startswith("2 new, 0 to update, 1 duplicates, 0 skipped, 2 with errors")
    errors = {
        (dialog.errors_table.item(r, 0).text(), dialog.errors_table.item(r, 1).text())
        for r in range(dialog.errors_table.rowCount())
    }
    assert ("5", "客户名称") in errors and ("7", "客户等级") in errors
    assert _customer_names(services) == before  # a preview writes nothing

    dialog.save_errors(tmp_path / "错误行.xlsx")
    idle()
    failed = list(load_workbook(tmp_path / "错误行.xlsx").active.iter_rows(values_only=True))
    assert len(failed) == 3  # header + the two rows with errors, each with its reason
    assert "Saved 2 rows" in dialog.message.text()

    assert dialog.commit_button.text() == "Import 2 rows"
    dialog.commit_button.click()
    idle()
    assert dialog.pages.currentIndex() == 3
    assert "2 new customers" in dialog.result_label.text()
    after = _customer_names(services)
    assert after - before == {"苏州工业园区精密模具有限公司", "无锡新能源科技股份有限公司"}
    imported = services.search.search(CustomerQuery(text="精密模具"))[0]
    assert imported.phone == "51262345678" and imported.grade == "A"

    dialog.undo_button.click()
    idle()
    assert "Undone" in dialog.result_label.text()
    assert dialog.result() == 0  # QDialog's own result(), not shadowed by a widget; 0 while the dialog is open
    assert _customer_names(services) == before


def test_import_wizard_says_why_a_file_is_refused(qtbot, make_window, idle, tmp_path):
    bogus = tmp_path / "not-a-sheet.xlsx"
    bogus.write_bytes(b"%PDF-1.4 this is not a workbook")
    window = make_window()
    dialog = window.open_import()
    dialog.path_edit.setText(str(bogus))
    dialog.read_button.click()
    idle()
    assert dialog.pages.currentIndex() == 0
    text = dialog.message.text()
    assert "not-a-sheet.xlsx" in text and "Traceback" not in text
    dialog.path_edit.setText(str(tmp_path / "missing.xlsx"))
    dialog.read_button.click()
    assert "no such file" in dialog.message.text()


def test_export_writes_the_list_as_filtered_on_screen(qtbot, make_window, services, idle, tmp_path):
    services.customers.create(name="上海华东机械有限公司", phone="021-55550001", region="上海", grade="A")
    services.customers.create(name="杭州西湖茶叶有限公司", phone="0571-5550002", region="杭州", grade="B")
    services.customers.create(
        name="南京华东电子科技有限公司",
        phone="025-5550003",
        region="南京",
        address='=HYPERLINK("http://example.com")',
        grade="A",
    )
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    screen.grade.setCurrentIndex(screen.grade.findData("A"))
    idle()
    screen.export_button.click()
    idle()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope.text() == "2 customers in the list as filtered now"
    target = tmp_path / "a-customers.xlsx"
    dialog.path_edit.setText(str(target))
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    dialog.export_button.click()
    idle()
    assert dialog.message.text() == f"Exported 2 customers to {target}."
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "客户名称"
    assert sorted(r[0] for r in rows[1:]) == ["上海华东机械有限公司", "南京华东电子科技有限公司"]
    sheet = load_workbook(target).active
    address = list(rows[0]).index("地址") + 1
    cells = [sheet.cell(row=r, column=address) for r in range(2, 4)]
    nanjing = next(c for c in cells if c.value)
    assert nanjing.data_type == "s" and nanjing.value.startswith("=HYPERLINK")  # text, never a formula


def test_blank_template_and_import_history_with_undo(qtbot, make_window, services, idle, tmp_path):
    window = make_window()
    dialog = window.open_import()
    target = tmp_path / "模板.xlsx"
    dialog.save_template(target)
    idle()
    assert str(target) in dialog.message.text()
    book = load_workbook(target)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet["A1"].value
    assert len(sheet.data_validations.dataValidation) >= 3  # grade, stage, region drop-downs

    before = _customer_names(services)
    dialog.path_edit.setText(str(sample_list(tmp_path / "客户名单.xlsx", "上海华东机械有限公司", "021-55550001")))
    dialog.read_button.click()
    idle()
    dialog.preview_button.click()
    idle()
    dialog.commit_button.click()
    idle()
    assert len(_customer_names(services)) == len(before) + 3

    history = dialog.open_history()
    idle()
    shown = history.imports
    assert shown.rowCount() == 1
    assert shown.data(shown.index(0, 1)) == "客户名单.xlsx"
    assert shown.data(shown.index(0, 3)) == "3" and shown.data(shown.index(0, 7)) == "imported"
    # the newest import that can be undone is chosen: the highlight and the button agree
    assert [i.row() for i in history.table.selectionModel().selectedRows()] == [0]
    assert history.undo_button.isEnabled()
    history.undo_button.click()
    idle()
    assert history.message.text().startswith("Undone: 5 records removed")  # 3 customers, 2 contacts
    assert shown.data(shown.index(0, 7)).startswith("undone ")
    assert _customer_names(services) == before
    # nothing left to undo: no row highlighted beside a greyed-out button
    assert not history.table.selectionModel().selectedRows()
    assert not history.undo_button.isEnabled()
    history.table.selectRow(0)
    assert not history.undo_button.isEnabled()  # an import is undone once


def test_import_wizard_shows_the_rows_imported_with_something_to_check(qtbot, make_window, idle, tmp_path):
    book = write_xlsx(
        tmp_path / "名单.xlsx",
        [
            ["客户名称", "电话"],
            ["苏州甲电子有限公司", 51262345678],  # 0512-62345678 typed as a number
            ["宁波乙贸易有限公司", "0574-1234"],
            ["上海丙机械有限公司", "021-62345678"],
        ],
    )
    window = make_window()
    window.show_screen("customers").import_button.click()
    dialog = window.findChild(ImportDialog)
    dialog.path_edit.setText(str(book))
    dialog.read_button.click()
    idle()
    dialog.preview_button.click()
    idle()
    assert dialog.warnings_table.isVisible() and not dialog.errors_table.isVisible()
    shown = [
        [dialog.warnings_table.item(r, c).text() for c in range(3)] for r in range(dialog.warnings_table.rowCount())
    ]
    assert [row[:2] for row in shown] == [["2", "电话"], ["3", "电话"]]
    assert "lost its leading 0" in shown[0][2] and "too short for a landline" in shown[1][2]
    assert dialog.commit_button.text() == "Import 3 rows"  # warned rows are imported all the same

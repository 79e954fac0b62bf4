"""Customers screen: find by a Chinese substring, filters, sorting, create with a duplicate warning, edit a page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldcrm.services import CustomerQuery, Services
from fieldcrm.ui.customers.model import COL_NAME, COL_OWNER


def _names(screen) -> list[str]:
    model = screen.model
    return [model.data(model.index(r, COL_NAME)) for r in range(model.rowCount())]


def _seed(services: Services) -> None:
    services.customers.create(name="上海华东机械有限公司", phone="021-55550001", region="上海", grade="A")
    services.customers.create(name="杭州西湖茶叶有限公司", phone="0571-5550002", region="杭州", grade="B")
    services.customers.create(name="南京华东电子科技有限公司", phone="025-5550003", region="南京", grade="A")


def test_find_a_customer_by_chinese_substring_in_two_keystrokes(qtbot, make_window, services, idle, typing):
    _seed(services)
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    screen = window.screens["customers"]
    assert window.current_key() == "customers"
    assert QApplication.focusWidget() is screen.search_box
    typing(screen.search_box, "华东")
    idle()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    idle()
    assert sorted(_names(screen)) == ["上海华东机械有限公司", "南京华东电子科技有限公司"]
    assert screen.count_label.text() == "2 customer(s)"
    # Enter opens the first match's page with its owner line
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Return)
    idle()
    assert screen.stack.currentWidget() is screen.page
    assert screen.page.title.text() in ("上海华东机械有限公司", "南京华东电子科技有限公司")
    assert "张伟" in screen.page.owner_line.text()


def test_the_list_is_in_pinyin_order_and_pinyin_initials_find_customers(qtbot, make_window, services, idle, typing):
    _seed(services)
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    screen.model.data(screen.model.index(0, COL_NAME))  # the first window of rows, as the view asks
    idle()
    assert _names(screen) == [
        "杭州西湖茶叶有限公司",
        "南京华东电子科技有限公司",
        "上海华东机械有限公司",
    ]  # háng nán shàng
    typing(screen.search_box, "hd")  # 华东's initials
    idle()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    assert _names(screen) == ["南京华东电子科技有限公司", "上海华东机械有限公司"]
    screen.search_box.clear()
    typing(screen.search_box, "xihu")
    idle()
    qtbot.waitUntil(lambda: _names(screen) == ["杭州西湖茶叶有限公司"])


def test_filters_and_sorting_rerun_the_search(qtbot, make_window, services, team_services, idle):
    _seed(services)
    team_services["other"].customers.create(name="苏州园林设计院", region="苏州", grade="C")
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    assert screen.model.rowCount() == 4
    screen.grade.setCurrentIndex(screen.grade.findData("A"))
    idle()
    assert sorted(_names(screen)) == ["上海华东机械有限公司", "南京华东电子科技有限公司"]
    screen.grade.setCurrentIndex(0)
    screen.owner.setCurrentIndex(screen.owner.findText("李娜"))
    idle()
    assert _names(screen) == ["苏州园林设计院"]
    assert screen.model.data(screen.model.index(0, COL_OWNER)) == "李娜"
    screen.owner.setCurrentIndex(0)
    idle()
    screen.view.horizontalHeader().setSortIndicator(COL_OWNER, Qt.SortOrder.DescendingOrder)
    idle()
    screen.model.data(screen.model.index(0, COL_NAME))
    idle()
    owners = [screen.model.data(screen.model.index(r, COL_OWNER)) for r in range(4)]
    assert owners == sorted(owners, reverse=True)


def test_empty_store_says_what_to_do_first(qtbot, make_window, idle):
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    assert screen.empty_hint.isVisible()
    assert "New customer" in screen.empty_hint.text()


def test_create_customer_shows_possible_duplicates_with_owner_before_saving(
    qtbot, make_window, team_services, idle, typing
):
    team_services["other"].customers.create(name="上海华东机械有限公司", phone="021-55550001")
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == "newCustomerDialog"
    assert dialog.isVisible()
    typing(dialog.form.inputs["name"], "上海华东机械有限公司")
    qtbot.waitUntil(lambda: dialog.checks_done >= 1)
    idle()
    assert dialog.dup_box.isVisible()
    line = dialog.duplicates.item(0).text()
    assert "上海华东机械有限公司" in line and "李娜" in line
    # saving without confirming is refused and nothing is written
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle()
    assert dialog.isVisible()
    assert "exists" in dialog.message.text()
    assert team_services["rep"].search.count(CustomerQuery()) == 1
    # confirming it is another company creates it and opens its page
    dialog.allow.setChecked(True)
    typing(dialog.contact_name, "王芳")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle()
    screen = window.screens["customers"]
    assert window.current_key() == "customers"
    assert screen.page.title.text() == "上海华东机械有限公司"
    assert screen.page.contacts.rowCount() == 1
    assert "张伟" in screen.page.owner_line.text()


def test_customer_page_edits_and_shows_validation_under_the_field(qtbot, make_window, services, idle, typing):
    customer_id = services.customers.create(name="杭州西湖茶叶有限公司", phone="0571-5550002")
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    screen.open_customer(customer_id)
    idle()
    page = screen.page
    email_edit = page.form.inputs["name"]
    email_edit.clear()
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    idle()
    assert page.form.errors["name"].isVisible()
    assert "required" in page.form.errors["name"].text()
    assert services.customers.get(customer_id)["name"] == "杭州西湖茶叶有限公司"
    typing(email_edit, "杭州西湖龙井茶叶有限公司")
    page.form.inputs["grade"].setCurrentIndex(page.form.inputs["grade"].findData("A"))
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    idle()
    assert not page.form.errors["name"].isVisible()
    saved = services.customers.get(customer_id)
    assert (saved["name"], saved["grade"]) == ("杭州西湖龙井茶叶有限公司", "A")
    assert page.title.text() == "杭州西湖龙井茶叶有限公司"
    typing(page.contact_name, "陈静")
    typing(page.contact_mobile, "13912345678")
    qtbot.mouseClick(page.add_contact, Qt.MouseButton.LeftButton)
    idle()
    assert page.contacts.rowCount() == 1
    assert page.contacts.data(page.contacts.index(0, 0)) == "陈静"


def test_long_result_shows_the_first_page_then_the_full_list_when_typing_pauses(
    qtbot, make_window, services, idle, typing
):
    from fieldcrm.ui.customers.model import WINDOW

    for n in range(WINDOW + 5):
        services.customers.create(name=f"宁波测试{n:03d}贸易有限公司")
    window = make_window()
    screen = window.show_screen("customers")
    idle()
    typing(screen.search_box, "宁波")
    qtbot.waitUntil(lambda: screen.model.rowCount() == WINDOW)
    assert screen.count_label.text() == f"More than {WINDOW} customer(s)…"
    assert screen.model.data(screen.model.index(0, COL_NAME)) == "宁波测试000贸易有限公司"  # no fetch needed
    qtbot.waitUntil(lambda: screen.full_lists_done >= 1)
    idle()
    assert screen.model.rowCount() == WINDOW + 5
    assert screen.count_label.text() == f"{WINDOW + 5} customer(s)"
    last = screen.model.index(WINDOW + 4, COL_NAME)
    screen.model.data(last)
    idle()
    assert screen.model.data(last) == "宁波测试104贸易有限公司"

"""Every input in the customer and visit dialogs has a label of its own, and no label repeats its row's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QWidget

from fieldcrm.ui.customers.new_dialog import NewCustomerDialog
from fieldcrm.ui.i18n import install_language
from fieldcrm.ui.visits.log_dialog import LogVisitDialog


def _rows(form: QFormLayout) -> list[tuple[str, QWidget]]:
    rows = []
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label_item is not None and field_item is not None and field_item.widget() is not None:
            label = label_item.widget()
            rows.append((label.text() if isinstance(label, QLabel) else "", field_item.widget()))
    return rows


def _no_checkbox_repeats_its_label(rows: list[tuple[str, QWidget]]) -> None:
    for text, widget in rows:
        for box in widget.findChildren(QCheckBox):
            assert box.text() != text, f"'{text}' says the same twice"


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    install_language(request.param)
    yield request.param
    install_language("en")


CONTACT_LABELS = {"en": ("Main contact", "Contact's mobile"), "zh_CN": ("主要联系人", "联系人手机")}


def test_the_new_customer_dialog_labels_its_contact_fields(qtbot, worker, language) -> None:
    dialog = NewCustomerDialog(worker)
    qtbot.addWidget(dialog)
    form = dialog.form.form_layout
    labels = (form.labelForField(dialog.contact_name).text(), form.labelForField(dialog.contact_mobile).text())
    assert labels == CONTACT_LABELS[language]
    _no_checkbox_repeats_its_label(_rows(form))


def test_the_visit_dialogs_follow_up_row_does_not_repeat_its_label(qtbot, worker, services, language) -> None:
    customer_id = services.customers.create(name="上海华东机械有限公司")
    dialog = LogVisitDialog(worker, customer_id, "上海华东机械有限公司")
    qtbot.addWidget(dialog)
    rows = _rows(dialog.layout())
    assert {"en": "Follow-up date", "zh_CN": "跟进日期"}[language] in [text for text, _ in rows]
    _no_checkbox_repeats_its_label(rows)

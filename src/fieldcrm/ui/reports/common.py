"""What the rep's report screen and the supervisor's inbox share: the visits table and the state line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableView

from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_clock, local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import kind_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP

VISIT_COLUMNS = [
    Column("started_at", QT_TRANSLATE_NOOP("reports", "Time"), local_clock),
    Column("customer_name", QT_TRANSLATE_NOOP("reports", "Customer")),
    Column("kind", QT_TRANSLATE_NOOP("reports", "Kind"), kind_name),
    Column("outcome", QT_TRANSLATE_NOOP("reports", "Outcome")),
    Column("next_step", QT_TRANSLATE_NOOP("reports", "Next step")),
    Column("next_date", QT_TRANSLATE_NOOP("reports", "Follow-up date")),
]


def visit_table(model: DictTableModel, name: str) -> QTableView:
    """The day's visits: the outcome takes the spare width and wraps, each row as tall as its text, so the one
    thing a supervisor reads is never cut off."""
    view = table(model, name, 3)
    view.setWordWrap(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    for column, width in ((1, 170), (4, 120)):  # customer and next step wrap too, leaving the outcome the most room
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    return view


def tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


def state_line(report: dict[str, Any]) -> str:
    """What the state chip beside it does not say: when it was submitted, countersigned by whom and when, returned
    with which comment; a preview says it is one."""
    status = report.get("status")
    if not status:
        return tr(QT_TRANSLATE_NOOP("reports", "This preview lists the day's visits; nothing is saved yet."))
    if status == "submitted":
        return tr(QT_TRANSLATE_NOOP("reports", "submitted {0}")).format(local_time(report.get("submitted_at")))
    if status == "countersigned":
        return tr(QT_TRANSLATE_NOOP("reports", "countersigned by {0} on {1}")).format(
            report.get("signed_by_name") or "?", local_time(report.get("signed_at"))
        )
    if status == "returned":
        return tr(QT_TRANSLATE_NOOP("reports", "returned with comment: {0}")).format(report.get("return_comment") or "")
    return tr(QT_TRANSLATE_NOOP("reports", "saved, not submitted yet"))


def signature_line(report: dict[str, Any]) -> str:
    valid = report.get("signature_valid")
    if valid is None:
        return ""
    if valid:
        return tr(
            QT_TRANSLATE_NOOP("reports", "✔ Signature valid: the report is unchanged since it was countersigned.")
        )
    return tr(QT_TRANSLATE_NOOP("reports", "✘ Signature check failed: the report was changed after countersigning!"))

"""Today (今日): the day's planned stops in order with their status, overdue follow-ups, quick "log visit"."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import status_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import visits as ops
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import due_tone, status_tone
from fieldcrm.ui.workers import DbWorker

STOP_COLUMNS = [
    Column("number", QT_TRANSLATE_NOOP("TodayScreen", "#")),
    Column("customer_name", QT_TRANSLATE_NOOP("TodayScreen", "Customer")),
    Column("address", QT_TRANSLATE_NOOP("TodayScreen", "Address")),
    Column("purpose", QT_TRANSLATE_NOOP("TodayScreen", "Purpose")),
    Column("status", QT_TRANSLATE_NOOP("TodayScreen", "Status"), status_name, status_tone),
]
DUE_COLUMNS = [
    Column("next_follow_up", QT_TRANSLATE_NOOP("TodayScreen", "Due"), tone=due_tone),
    Column("name", QT_TRANSLATE_NOOP("TodayScreen", "Customer")),
    Column("phone", QT_TRANSLATE_NOOP("TodayScreen", "Phone")),
    Column("grade", QT_TRANSLATE_NOOP("TodayScreen", "Grade")),
    Column("stage", QT_TRANSLATE_NOOP("TodayScreen", "Stage")),
]


class TodayScreen(Screen):
    nouns = frozenset({"plans", "visits", "customers"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.heading = QLabel(objectName="todayHeading")
        self.heading.setProperty("role", "title")
        self.stops = DictTableModel("TodayScreen", STOP_COLUMNS, self)
        self.due = DictTableModel("TodayScreen", DUE_COLUMNS, self)
        self.stop_view = table(self.stops, "todayStops")
        self.due_view = table(self.due, "todayDue", 1)
        self.log_stop = QPushButton(
            icon("log-visit"), self.tr("Log the selected stop's visit (Ctrl+L)"), objectName="logStop"
        )
        self.log_stop.setEnabled(False)  # until a planned stop is selected
        self.log_due = QPushButton(icon("log-visit"), self.tr("Log visit"), objectName="logDue")
        self.stops_hint = QLabel(
            self.tr("No stops planned for today. Open Plans to plan your visits, or log a visit from a customer."),
            objectName="emptyHint",
        )
        self.plan_button = QPushButton(icon("plans"), self.tr("Plan visits"), objectName="planVisits")
        self.plan_button.clicked.connect(lambda: self.show_screen_requested.emit("plans"))
        self.due_hint = QLabel(self.tr("No follow-ups due. Set a follow-up date when you log a visit."))
        for hint in (self.stops_hint, self.due_hint):
            hint.setWordWrap(True)
        stops_box = QGroupBox(self.tr("Planned stops"))
        box = QVBoxLayout(stops_box)
        box.addWidget(self.stops_hint)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.plan_button)
        empty_row.addStretch(1)
        box.addLayout(empty_row)
        box.addWidget(self.stop_view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.log_stop)
        box.addLayout(row)
        due_box = QGroupBox(self.tr("Follow-ups due or overdue"))
        box2 = QVBoxLayout(due_box)
        box2.addWidget(self.due_hint)
        box2.addWidget(self.due_view)
        row2 = QHBoxLayout()
        row2.addStretch(1)
        row2.addWidget(self.log_due)
        box2.addLayout(row2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(stops_box, 3)
        layout.addWidget(due_box, 2)
        self.log_stop.clicked.connect(self.log_selected_stop)
        self.log_due.clicked.connect(self._log_due)
        self.stop_view.doubleClicked.connect(self._log_double_clicked)
        self.stop_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.due_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.log_due.setEnabled(False)

    def reload(self) -> None:
        ops.today(self, self.worker, date.today()).success(self._show).run()

    def _show(self, data: dict[str, Any]) -> None:
        stops = [{**s, "number": i + 1} for i, s in enumerate(data["stops"])]
        done = sum(1 for s in stops if s["status"] == "done")
        self.heading.setText(
            self.tr("{0} · {1} of {2} stops done").format(date.today().isoformat(), done, len(stops))
            + " · "
            + self.tr("%n visit(s) logged today", "", len(data["visits"]))
        )
        self.stops.set_rows(stops)
        self.due.set_rows(data["due"])
        self.stops_hint.setVisible(not stops)
        self.plan_button.setVisible(not stops)  # the empty state's one next step
        self.stop_view.setVisible(bool(stops))
        self.due_hint.setVisible(not data["due"])
        self.due_view.setVisible(bool(data["due"]))
        if stops and not self.stop_view.currentIndex().isValid():
            first_open = next((i for i, s in enumerate(stops) if s["status"] == "planned"), 0)
            self.stop_view.selectRow(first_open)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Each log button works on its list's selection: enabled only when there is something to log."""
        stop = self.selected_stop()
        self.log_stop.setEnabled(stop is not None and stop["status"] == "planned")
        self.log_due.setEnabled(self.due_view.currentIndex().isValid())

    def selected_stop(self) -> dict[str, Any] | None:
        index = self.stop_view.currentIndex()
        return self.stops.row(index.row()) if index.isValid() else None

    def log_selected_stop(self) -> bool:
        """Ask for the log-visit dialog for the selected planned stop; False if there is none to log."""
        stop = self.selected_stop()
        if stop is None or stop["status"] != "planned":
            return False
        self.log_visit_requested.emit(stop["customer_id"], stop["customer_name"] or "", stop["id"])
        return True

    def log_visit_here(self) -> bool:
        return self.log_selected_stop()

    def _log_double_clicked(self) -> None:
        self.log_selected_stop()

    def _log_due(self) -> None:
        index = self.due_view.currentIndex()
        row = self.due.row(index.row()) if index.isValid() else None
        if row:
            self.log_visit_requested.emit(row["id"], row["name"], None)

"""Plans (拜访计划): a week of visit plans; add stops, move them up or down, to another day, or cancel them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.ui.common.chips import chip_column
from fieldcrm.ui.common.customer_picker import CustomerPicker
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import status_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import visits as ops
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import status_tone
from fieldcrm.ui.workers import DbWorker

DAY_COLUMNS = [
    Column("customer_name", QT_TRANSLATE_NOOP("PlanScreen", "Customer")),
    Column("status", QT_TRANSLATE_NOOP("PlanScreen", "Status"), status_name, status_tone),
]
PLAN_STATUS_COLUMN = 1  # shown as chips


class PlanScreen(Screen):
    nouns = frozenset({"plans"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.monday = ops.monday_of(date.today())
        self.selected_day = date.today()
        self.week_label = QLabel(objectName="weekLabel")
        self.week_label.setProperty("role", "title")
        self.prev_week = QPushButton(self.tr("◀ Previous week"))
        self.this_week = QPushButton(self.tr("This week"))
        self.next_week = QPushButton(self.tr("Next week ▶"))
        self.days: list[tuple[QGroupBox, DictTableModel, QTableView]] = []
        grid = QGridLayout()
        for i in range(7):
            model = DictTableModel("PlanScreen", DAY_COLUMNS, self)
            view = table(model, f"planDay{i}", 0)
            chip_column(view, PLAN_STATUS_COLUMN)
            view.clicked.connect(lambda _index, day=i: self._select_day(day))
            box = QGroupBox()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(4, 4, 4, 4)
            inner.addWidget(view)
            grid.addWidget(box, 0 if i < 4 else 1, i % 4)
            self.days.append((box, model, view))
        self.hint = QLabel(
            self.tr("Pick a day, find a customer below and click “Add stop” to plan a visit."), objectName="emptyHint"
        )
        self.hint.setWordWrap(True)
        grid.addWidget(self.hint, 1, 3)
        self.picker = CustomerPicker(worker)
        self.purpose = QLineEdit(objectName="stopPurpose", placeholderText=self.tr("Purpose of the visit"))
        self.add = QPushButton(self.tr("Add stop"), objectName="addStop")
        self.up = QPushButton(self.tr("Move up"), objectName="stopUp")
        self.down = QPushButton(self.tr("Move down"), objectName="stopDown")
        self.move_day = QDateEdit(QDate.currentDate().addDays(1), objectName="moveToDay", calendarPopup=True)
        self.move_day.setDisplayFormat("yyyy-MM-dd")
        self.move_button = QPushButton(self.tr("Move to day"), objectName="moveStop")
        self.cancel = QPushButton(self.tr("Cancel stop"), objectName="cancelStop")
        self.message = QLabel(objectName="planMessage")
        nav = QHBoxLayout()
        nav.addWidget(self.week_label, 1)
        for button in (self.prev_week, self.this_week, self.next_week):
            nav.addWidget(button)
        adder = QHBoxLayout()
        adder.addWidget(self.picker, 3)
        adder.addWidget(self.purpose, 2)
        adder.addWidget(self.add)
        edit = QHBoxLayout()
        for widget in (self.up, self.down, self.move_day, self.move_button, self.cancel):
            edit.addWidget(widget)
        edit.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addLayout(grid, 1)
        layout.addLayout(adder)
        layout.addLayout(edit)
        self.prev_week.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        self.this_week.clicked.connect(lambda: self.show_week(ops.monday_of(date.today())))
        self.next_week.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        self.add.clicked.connect(self.add_stop)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.move_button.clicked.connect(self._move_to_day)
        self.cancel.clicked.connect(self._cancel)

    def activate(self) -> None:
        self.reload()
        self.picker.search()

    def show_week(self, monday: date) -> None:
        self.monday = monday
        self.selected_day = monday if not (monday <= date.today() < monday + timedelta(days=7)) else date.today()
        self.reload()

    def reload(self) -> None:
        ops.week(self, self.worker, self.monday).success(self._show).run()

    def _show(self, week: dict[str, list[dict[str, Any]]]) -> None:
        keep = self.selected_stop()
        locale = QLocale()
        self.week_label.setText(self.week_title(locale))
        for i, (box, model, view) in enumerate(self.days):
            day = self.monday + timedelta(days=i)
            model.set_rows(week[day.isoformat()])
            if keep is not None:
                for row, stop in enumerate(model.rows()):
                    if stop["id"] == keep["id"]:
                        view.selectRow(row)
            title = f"{locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)} {day.month}/{day.day}"
            chosen = day == self.selected_day
            box.setTitle(("● " if chosen else "") + title + f" ({model.rowCount()})")
            if box.property("chosen") != chosen:  # the day new stops go to stands out (see fieldcrm.qss)
                box.setProperty("chosen", chosen)
                box.style().unpolish(box)
                box.style().polish(box)

    def week_title(self, locale: QLocale) -> str:
        """The week's first and last day, and whether it is this week: "30 Nov – 6 Dec 2026 (this week)"."""
        sunday = self.monday + timedelta(days=6)
        with_year = self.tr("MMM d, yyyy")  # Qt date formats, translated: the order of day and month is the language's
        start = locale.toString(QDate(self.monday), with_year if self.monday.year != sunday.year else self.tr("MMM d"))
        title = self.tr("{0} – {1}").format(start, locale.toString(QDate(sunday), with_year))
        if self.monday <= date.today() <= sunday:
            title += self.tr(" (this week)")
        return title

    def _select_day(self, index: int) -> None:
        self.selected_day = self.monday + timedelta(days=index)
        for i, (_box, _model, view) in enumerate(self.days):
            if i != index:
                view.clearSelection()
        self.reload()

    def selected_stop(self) -> dict[str, Any] | None:
        index = (self.selected_day - self.monday).days
        if not 0 <= index < 7:
            return None
        _box, model, view = self.days[index]
        current = view.currentIndex()
        return model.row(current.row()) if current.isValid() else None

    def _fail(self, _exc: BaseException, message: str) -> None:
        self.message.setText(message)

    def add_stop(self) -> None:
        customer_id = self.picker.customer_id()
        if not customer_id:
            self.message.setText(self.tr("Find and pick a customer first."))
            return
        op = ops.add_stop(self, self.worker, self.selected_day, customer_id, self.purpose.text())
        op.success(lambda _id: (self.purpose.clear(), self.message.clear())).failure(self._fail).run()  # type: ignore[func-returns-value]

    def _move(self, offset: int) -> None:
        stop = self.selected_stop()
        if stop is None:
            self.message.setText(self.tr("Select a stop first."))
            return
        ops.move_stop(self, self.worker, stop["id"], offset).failure(self._fail).run()

    def _move_to_day(self) -> None:
        stop = self.selected_stop()
        if stop is None:
            self.message.setText(self.tr("Select a stop first."))
            return
        ops.move_to_day(self, self.worker, stop["id"], self.move_day.date().toPython()).failure(self._fail).run()  # type: ignore[arg-type]

    def _cancel(self) -> None:
        stop = self.selected_stop()
        if stop is None:
            self.message.setText(self.tr("Select a stop first."))
            return
        ops.cancel_stop(self, self.worker, stop["id"]).failure(self._fail).run()

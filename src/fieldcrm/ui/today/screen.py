"""Today (今日): a few cards (the next stop, the daily report's state, what is waiting since the last sync), the
day's planned stops in order with their status chips, the rep's customers going back to the public pool within the
reminder days (公海回收提醒), and the follow-ups due with how many are overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.paths import AppPaths
from fieldcrm.ui.common.chips import StatusChip, chip_column
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import return_rule_name, status_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import visits as ops
from fieldcrm.ui.screens import Screen, ScreenContext
from fieldcrm.ui.theme import due_tone, set_tone, status_tone
from fieldcrm.ui.today.cards import Card
from fieldcrm.ui.workers import DbWorker

STOP_COLUMNS = [
    Column("number", QT_TRANSLATE_NOOP("TodayScreen", "#")),
    Column("customer_name", QT_TRANSLATE_NOOP("TodayScreen", "Customer")),
    Column("address", QT_TRANSLATE_NOOP("TodayScreen", "Address")),
    Column("purpose", QT_TRANSLATE_NOOP("TodayScreen", "Purpose")),
    Column("status", QT_TRANSLATE_NOOP("TodayScreen", "Status"), status_name, status_tone),
]
STOP_STATUS_COLUMN = 4  # shown as chips
FIT_STOPS = 8  # a day with more stops than this scrolls its list
DUE_MIN_HEIGHT = 130  # the follow-ups list: its header and three rows
RETURN_COLUMNS = [
    Column("returns_on", QT_TRANSLATE_NOOP("TodayScreen", "Goes back on")),
    Column("name", QT_TRANSLATE_NOOP("TodayScreen", "Customer")),
    Column("return_rule", QT_TRANSLATE_NOOP("TodayScreen", "Why"), return_rule_name),
]
FIT_RETURNS = 5  # the reminders list shows this many rows, then scrolls
DUE_COLUMNS = [
    Column("next_follow_up", QT_TRANSLATE_NOOP("TodayScreen", "Due"), tone=due_tone),
    Column("name", QT_TRANSLATE_NOOP("TodayScreen", "Customer")),
    Column("phone", QT_TRANSLATE_NOOP("TodayScreen", "Phone")),
    Column("grade", QT_TRANSLATE_NOOP("TodayScreen", "Grade")),
    Column("stage", QT_TRANSLATE_NOOP("TodayScreen", "Stage")),
]


def fit_rows(view: QTableView, most: int) -> None:
    """`view` as tall as its rows, whole, up to `most` of them (then it scrolls), and one row's height when empty."""
    count = view.model().rowCount()
    height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
    height += sum(
        view.rowHeight(r) if r < count else view.verticalHeader().defaultSectionSize()
        for r in range(min(max(count, 1), most))
    )
    view.setMaximumHeight(height)


class TodayScreen(Screen):
    # the report card shows the day's report; the sync card counts changes waiting, an export's log entry too
    nouns = frozenset({"plans", "visits", "customers", "reports", "audit"})

    def __init__(self, worker: DbWorker, paths: AppPaths | None = None, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.paths = paths  # the sync card reads the profile's sync state (none without)
        self.next_stop: dict[str, Any] | None = None
        self.heading = QLabel(objectName="todayHeading")
        self.heading.setProperty("role", "title")
        self.stops = DictTableModel("TodayScreen", STOP_COLUMNS, self)
        self.due = DictTableModel("TodayScreen", DUE_COLUMNS, self)
        self.returns = DictTableModel("TodayScreen", RETURN_COLUMNS, self)
        self.returns_view = table(self.returns, "todayReturns")
        self.stop_view = table(self.stops, "todayStops")
        self.due_view = table(self.due, "todayDue", 1)
        self.log_stop = QPushButton(
            icon("log-visit"), self.tr("Log the selected stop's visit (Ctrl+L)"), objectName="logStop"
        )
        self.log_stop.setEnabled(False)  # until a planned stop is selected
        self.log_due = QPushButton(icon("log-visit"), self.tr("Log visit"), objectName="logDue")
        self.log_return = QPushButton(icon("log-visit"), self.tr("Log visit"), objectName="logReturning")
        self.stops_hint = QLabel(
            self.tr("No stops planned for today. Open Plans to plan your visits, or log a visit from a customer."),
            objectName="emptyHint",
        )
        self.plan_button = QPushButton(icon("plans"), self.tr("Plan visits"), objectName="planVisits")
        self.plan_button.clicked.connect(lambda: self.show_screen_requested.emit("plans"))
        self.due_hint = QLabel(self.tr("No follow-ups due. Set a follow-up date when you log a visit."))
        for hint in (self.stops_hint, self.due_hint):
            hint.setWordWrap(True)
        self.log_next = QPushButton(icon("log-visit"), self.tr("Log visit"), objectName="logNextStop")
        self.next_card = Card("nextStopCard", self.tr("Next stop"), self.log_next)
        self.next_card.finish()
        self.report_chip = StatusChip("todayReportChip")
        self.open_report = QPushButton(icon("reports"), self.tr("Open report"), objectName="openReport")
        self.report_card = Card("reportCard", self.tr("Daily report"), self.open_report)
        self.report_card.add_to_figure_row(self.report_chip)
        self.report_card.figure.hide()  # the chip is the figure
        self.report_card.finish()
        self.open_sync = QPushButton(icon("sync"), self.tr("Open Sync"), objectName="openSync")
        self.sync_card = Card("syncCard", self.tr("Since the last sync"), self.open_sync)
        self.sync_card.finish()
        cards = QHBoxLayout()
        for card in (self.next_card, self.report_card, self.sync_card):
            cards.addWidget(card, 1)

        self.stops_card = Card("stopsCard", self.tr("Planned stops"), self.log_stop)
        self.stops_card.figure.hide()  # the heading counts the stops
        self.stops_card.line.hide()
        self.stops_card.add(self.stops_hint)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.plan_button)
        empty_row.addStretch(1)
        self.stops_card.add(empty_row)
        self.stops_card.add(self.stop_view, 1)
        self.stops_card.finish()
        # Customers the pool's rules take back soon: hidden while there are none.
        self.returns_card = Card("returnsCard", self.tr("Going back to the public pool"), self.log_return)
        self.returns_card.line_beside_figure()
        self.returns_card.add(self.returns_view, 1)
        self.returns_card.finish()
        self.returns_card.hide()
        self.due_card = Card("dueCard", self.tr("Follow-ups due"), self.log_due)
        # the follow-ups take the height left (their list's usual preferred height would make the cards scroll
        # early), never less than a few rows
        self.due_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.due_view.setMinimumHeight(DUE_MIN_HEIGHT)
        self.due_card.line_beside_figure()
        self.due_card.add(self.due_hint)
        self.due_card.add(self.due_view, 1)
        self.due_card.finish()
        chip_column(self.stop_view, STOP_STATUS_COLUMN)
        content = QWidget(objectName="todayCards")
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(cards)
        body.addWidget(self.stops_card, 0)  # as tall as the day's stops (see `_fit_stops`); the follow-ups get the rest
        body.addWidget(self.returns_card, 0)
        body.addWidget(self.due_card, 1)
        self.cards_scroll = scroll = QScrollArea(
            objectName="todayScroll", widgetResizable=True, frameShape=QFrame.Shape.NoFrame
        )
        scroll.setWidget(content)  # a small window scrolls the cards instead of squeezing them
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.cards_scroll, 1)
        self.log_next.clicked.connect(self.log_next_stop)
        self.open_report.clicked.connect(lambda: self.show_screen_requested.emit("reports"))
        self.open_sync.clicked.connect(lambda: self.show_screen_requested.emit("sync"))
        self.log_stop.clicked.connect(self.log_selected_stop)
        self.log_due.clicked.connect(self._log_due)
        self.log_return.clicked.connect(self._log_returning)
        self.returns_view.doubleClicked.connect(self._log_returning)
        self.returns_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.stop_view.doubleClicked.connect(self._log_double_clicked)
        self.stop_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.due_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.log_due.setEnabled(False)

    @classmethod
    def for_window(cls, context: ScreenContext) -> TodayScreen:
        return cls(context.worker, context.paths)

    def reload(self) -> None:
        ops.today(self, self.worker, date.today(), self.paths).success(self._show).run()

    def _show(self, data: dict[str, Any]) -> None:
        stops = [{**s, "number": i + 1} for i, s in enumerate(data["stops"])]
        done = sum(1 for s in stops if s["status"] == "done")
        self.heading.setText(
            self.tr("{0} · {1} of {2} stops done").format(date.today().isoformat(), done, len(stops))
            + " · "
            + self.tr("%n visit(s) logged today", "", len(data["visits"]))
        )
        self.stops.set_rows(stops)
        self._fit_stops()
        self.due.set_rows(data["due"])
        self.stops_hint.setVisible(not stops)
        self.plan_button.setVisible(not stops)  # the empty state's one next step
        self.stop_view.setVisible(bool(stops))
        self.due_hint.setVisible(not data["due"])
        self.due_view.setVisible(bool(data["due"]))
        if stops and not self.stop_view.currentIndex().isValid():
            first_open = next((i for i, s in enumerate(stops) if s["status"] == "planned"), 0)
            self.stop_view.selectRow(first_open)
        if data["due"] and not self.due_view.currentIndex().isValid():
            self.due_view.selectRow(0)  # the most overdue: the list is in follow-up order
        self._show_next_stop(stops)
        self._show_due(data["due"])
        self._show_returns(data.get("returning", []))
        self._show_report(data["report"], len(data["visits"]))
        self._show_sync(data["sync"])
        self._update_buttons()

    def _fit_stops(self) -> None:
        """The stops list shows its rows whole, up to `FIT_STOPS` of them, then scrolls; no empty block under a short
        day."""
        fit_rows(self.stop_view, FIT_STOPS)

    def _show_next_stop(self, stops: list[dict[str, Any]]) -> None:
        card = self.next_card
        self.next_stop = next((s for s in stops if s["status"] == "planned"), None)
        if self.next_stop is not None:
            card.figure.setText(self.next_stop["customer_name"] or "")
            line = self.tr("Stop {0} of {1}").format(self.next_stop["number"], len(stops))
            if self.next_stop.get("purpose"):
                line += " · " + self.next_stop["purpose"]
            card.line.setText(line)
        elif stops:
            card.figure.setText(self.tr("All stops done"))
            card.line.setText(self.tr("%n stop(s) visited today", "", len(stops)))
        else:
            card.figure.setText(self.tr("Nothing planned"))
            card.line.setText(self.tr("Plan today's stops on the Plans screen."))
        self.log_next.setEnabled(self.next_stop is not None)

    def _show_due(self, due: list[dict[str, Any]]) -> None:
        overdue = sum(1 for row in due if due_tone(row.get("next_follow_up")) == "danger")
        self.due_card.figure.setText(self.tr("%n customer(s) to follow up", "", len(due)))
        self.due_card.line.setText(self.tr("%n overdue", "", overdue) if overdue else self.tr("None overdue"))
        set_tone(self.due_card.line, "danger" if overdue else "muted")

    def _show_returns(self, returning: list[dict[str, Any]]) -> None:
        """The reminders: customers going back to the pool within the reminder days, soonest first (none: no card)."""
        self.returns.set_rows(returning)
        self.returns_card.setVisible(bool(returning))
        if not returning:
            return
        self.returns_card.figure.setText(self.tr("%n customer(s)", "", len(returning)))
        soonest = returning[0]
        self.returns_card.line.setText(
            self.tr("The first goes back in %n day(s): a visit keeps it", "", soonest["days_left"])
        )
        set_tone(self.returns_card.line, "warning")
        fit_rows(self.returns_view, FIT_RETURNS)
        if not self.returns_view.currentIndex().isValid():
            self.returns_view.selectRow(0)

    def _show_report(self, report: dict[str, Any], visits: int) -> None:
        status = report.get("status")
        self.report_chip.set_status(status)
        if status == "returned":
            line = self.tr("Returned: {0}").format(report.get("return_comment") or "")
        elif status == "submitted":
            line = self.tr("Submitted {0}; waiting for your supervisor").format(local_time(report.get("submitted_at")))
        elif status == "countersigned":
            line = self.tr("Countersigned {0}").format(local_time(report.get("signed_at")))
        elif status == "draft":
            line = self.tr("Draft saved, not submitted yet")
        else:
            line = self.tr("%n visit(s) to report", "", visits)
        self.report_card.line.setText(line)
        set_tone(self.report_card.line, "attention" if status == "returned" else None)

    def _show_sync(self, sync: dict[str, Any] | None) -> None:
        self.sync_card.setVisible(sync is not None)
        if sync is None:
            return
        pending = sync["pending_changes"]
        self.sync_card.figure.setText(self.tr("%n change(s)", "", pending))
        if not sync["server"]:
            line = self.tr("Not connected: kept on this computer")
        elif pending:
            line = self.tr("Waiting to sync · last sync {0}").format(
                local_time(sync["last_sync"]) if sync["last_sync"] else self.tr("never")
            )
        else:
            line = self.tr("All sent · last sync {0}").format(
                local_time(sync["last_sync"]) if sync["last_sync"] else self.tr("never")
            )
        self.sync_card.line.setText(line)

    def log_next_stop(self) -> bool:
        """The next stop card's action: the log-visit dialog for the first stop still planned."""
        if self.next_stop is None:
            return False
        self.log_visit_requested.emit(
            self.next_stop["customer_id"], self.next_stop["customer_name"] or "", self.next_stop["id"]
        )
        return True

    def _update_buttons(self) -> None:
        """Each log button works on its list's selection: enabled only when there is something to log."""
        stop = self.selected_stop()
        self.log_stop.setEnabled(stop is not None and stop["status"] == "planned")
        self.log_due.setEnabled(self.due_view.currentIndex().isValid())
        self.log_return.setEnabled(self.returns_view.currentIndex().isValid())

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

    def _log_returning(self) -> None:
        """Log a visit to the selected customer going back to the pool: a follow-up keeps it."""
        index = self.returns_view.currentIndex()
        row = self.returns.row(index.row()) if index.isValid() else None
        if row:
            self.log_visit_requested.emit(row["id"], row["name"], None)

"""The Customers screen: type-ahead search, filters and the lazy customer list; opens a customer's page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.paths import AppPaths
from fieldcrm.services.search import CustomerQuery
from fieldcrm.ui.customers.model import COL_GRADE, COL_NAME, COL_PHONE, WINDOW, CustomerTableModel
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import assignment as assign_ops
from fieldcrm.ui.ops import customers as ops
from fieldcrm.ui.ops import pool as pool_ops
from fieldcrm.ui.screens import Screen, ScreenContext
from fieldcrm.ui.workers import DbWorker
from fieldcrm.vocabulary import GRADES, STAGES

if TYPE_CHECKING:
    from fieldcrm.ui.customers.page import CustomerPage

#: `when_painted` callbacks run at the latest this long after they were asked for (a hidden screen never paints).
PAINT_FALLBACK_MS = 1500


class _PaintWatch(QObject):
    """Calls `on_paint` at each paint of the watched widget (removed once the screen's first page is painted)."""

    def __init__(self, on_paint: Any, parent: QObject) -> None:
        super().__init__(parent)
        self._on_paint = on_paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._on_paint()
        return False


class CustomerListScreen(Screen):
    """Search box, filter row, the table and a count; a customer opens on the page behind the list."""

    nouns = frozenset({"customers"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None, paths: AppPaths | None = None) -> None:
        super().__init__(worker, parent)
        self.paths = paths  # the profile's folders: a reveal asks head office with its sign-in
        self._search_generation = 0
        self._sort = ("name", False)
        self.searches_done = 0

        self.search_box = QLineEdit(objectName="customerSearch")
        self.search_box.setPlaceholderText(self.tr("Search name, contact, phone or address (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.new_button = QPushButton(icon("new-customer"), self.tr("New customer"), objectName="newCustomer")
        self.import_button = QPushButton(icon("import"), self.tr("Import…"), objectName="importCustomers")
        self.import_button.setToolTip(self.tr("Import customers from an Excel or CSV file"))
        self.export_button = QPushButton(icon("export"), self.tr("Export…"), objectName="exportCustomers")
        self.export_button.setToolTip(self.tr("Export the customers shown, with the current filter, to Excel"))
        self.assign_button = QPushButton(self.tr("Assign…"), objectName="assignCustomers")
        self.assign_button.setToolTip(self.tr("Give the selected customers to reps of your team"))
        self.assign_button.hide()  # supervisors and admins only: shown once the user's role is read
        self.assign_button.setEnabled(False)
        self.handover_button = QPushButton(icon("handovers"), self.tr("Hand over…"), objectName="handOverCustomers")
        self.handover_button.setToolTip(self.tr("Hand the selected customers to a teammate (e.g. when you leave)"))
        self.handover_button.setEnabled(False)
        self.grade = self._combo(self.tr("All grades"), [(g, g) for g in GRADES])
        self.stage = self._combo(self.tr("All stages"), [(s, s) for s in STAGES])
        self.region = self._combo(self.tr("All regions"), [])
        self.industry = self._combo(self.tr("All industries"), [])
        self.owner = self._combo(self.tr("All owners"), [])
        self.due = QCheckBox(self.tr("Follow-up due"))
        self.count_label = QLabel(objectName="customerCount")
        self.no_customers_text = self.tr(
            "No customers yet. Click “New customer” (Ctrl+N) to add your first one, or import an Excel list."
        )
        self.empty_hint = QLabel(self.no_customers_text, objectName="emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()

        self.model = CustomerTableModel(self._fetch_rows, self)
        self.view = QTableView(objectName="customerTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # many at once, to assign
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_PHONE, 135), (COL_GRADE, 60)):  # whole phone numbers; grades are one letter
            self.view.horizontalHeader().resizeSection(column, width)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)  # one line per cell, elided: a repaint while typing stays cheap
        self.view.doubleClicked.connect(lambda index: self.open_customer(self.model.customer_id(index.row())))
        self.view.activated.connect(lambda index: self.open_customer(self.model.customer_id(index.row())))

        filters = QHBoxLayout()
        for widget in (self.grade, self.stage, self.region, self.industry, self.owner, self.due):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        top.addWidget(self.assign_button)
        top.addWidget(self.handover_button)
        list_page = QWidget()
        layout = QVBoxLayout(list_page)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)

        self._page: Any = None  # built when a customer is first opened
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.search_box.textChanged.connect(self.search)
        self.search_box.returnPressed.connect(self._open_first)
        for combo in (self.grade, self.stage, self.region, self.industry, self.owner):
            combo.currentIndexChanged.connect(self.search)
        self.due.toggled.connect(self.search)
        self.new_button.clicked.connect(self.new_customer_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.assign_button.clicked.connect(self.assign_selected)
        self.handover_button.clicked.connect(self.hand_over_selected)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)  # a new search clears the selection silently
        self.assign_dialog: Any = None
        self.handover_dialog: Any = None
        self.model.sort_requested.connect(self._sort_by)
        self._filters_loaded = False
        self.full_lists_done = 0
        self._full_query = CustomerQuery()
        # the full id list (for the scroll bar) loads when typing pauses, so keystrokes never queue behind it
        self._full_timer = QTimer(self, singleShot=True, interval=300)
        self._full_timer.timeout.connect(self._load_full_list)
        self._paint_callbacks: list[Any] = []
        self._paint_watch: _PaintWatch | None = None
        self._painted = False

    @classmethod
    def for_window(cls, context: ScreenContext) -> CustomerListScreen:
        return cls(context.worker, paths=context.paths)

    @property
    def page(self) -> Any:
        """The customer page behind the list (a `CustomerPage`, built on first use)."""
        if self._page is None:
            from fieldcrm.ui.customers.page import CustomerPage

            self._page = CustomerPage(self.worker, paths=self.paths)
            self._page.back_requested.connect(self.show_list)
            self._page.log_visit_requested.connect(lambda cid, name: self.log_visit_requested.emit(cid, name, None))
            self.stack.addWidget(self._page)
        return self._page

    def when_painted(self, callback: Any) -> None:
        """Call `callback` (once, on the GUI thread) when the list has painted its first page of results: what
        can wait (filter values, the rest of the start-up) waits until the user sees customers."""
        if self._painted:
            QTimer.singleShot(0, self, callback)
            return
        self._paint_callbacks.append(callback)
        if self._paint_watch is None:
            self._paint_watch = _PaintWatch(self._on_paint, self)
            self.view.viewport().installEventFilter(self._paint_watch)
        QTimer.singleShot(PAINT_FALLBACK_MS, self, self._run_paint_callbacks)

    def _on_paint(self) -> None:
        if self.searches_done and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._run_paint_callbacks)  # after this paint reaches the screen

    def _run_paint_callbacks(self) -> None:
        if self._paint_watch is not None:
            self.view.viewport().removeEventFilter(self._paint_watch)
            self._paint_watch.deleteLater()
            self._paint_watch = None
        self._painted = True
        callbacks, self._paint_callbacks = self._paint_callbacks, []
        for callback in callbacks:
            callback()

    @staticmethod
    def _combo(all_label: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_label, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def activate(self) -> None:
        """Called when the screen is shown: load the list, and once it is painted the filters' values and the team's
        rules."""
        if not self._filters_loaded:
            self._filters_loaded = True
            self.search()
            release = self.worker.hold()  # idle means the filters were asked for too
            self.destroyed.connect(release)

            def load_filters() -> None:
                release()
                ops.filter_values(self, self.worker).success(self._set_filter_values).run()
                self._load_rules()  # after the first paint: it loads the services (the ORM)
                assign_ops.may_assign(self, self.worker).success(self.assign_button.setVisible).run()

            self.when_painted(load_filters)

    def selected_ids(self) -> list[str]:
        """The ids of the selected customers, in list order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [cid for cid in (self.model.customer_id(row) for row in rows) if cid]

    def _selection_changed(self) -> None:
        chosen = bool(self.view.selectionModel().selectedRows())
        self.assign_button.setEnabled(chosen)
        self.handover_button.setEnabled(chosen)

    def hand_over_selected(self) -> None:
        """Open the Handover dialog for the selected customers (one handover each, asked for in one go)."""
        ids = self.selected_ids()
        if not ids:
            return
        from fieldcrm.ui.handovers.dialog import HandoverDialog

        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        names = [str(self.model.index(row, COL_NAME).data() or "") for row in rows]
        self.handover_dialog = HandoverDialog(self.worker, ids, names, self)
        self.handover_dialog.open()

    def assign_selected(self) -> None:
        """Open the Assign dialog for the selected customers (a supervisor's)."""
        ids = self.selected_ids()
        if not ids:
            return
        from fieldcrm.ui.customers.assign_dialog import AssignDialog

        self.assign_dialog = AssignDialog(self.worker, ids, self)
        self.assign_dialog.open()

    def _set_filter_values(self, values: dict[str, Any]) -> None:
        for combo, items in (
            (self.region, [(v, v) for v in values["region"]]),
            (self.industry, [(v, v) for v in values["industry"]]),
            (self.owner, [(name, uid) for uid, name in values["owners"]]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)  # refilling is not a filter change
            try:
                while combo.count() > 1:
                    combo.removeItem(1)
                for text, value in items:
                    combo.addItem(text, value)
                combo.setCurrentIndex(max(0, combo.findData(current)))
            finally:
                combo.blockSignals(False)

    def query(self) -> CustomerQuery:
        return CustomerQuery(
            text=self.search_box.text().strip(),
            grade=self.grade.currentData(),
            stage=self.stage.currentData(),
            region=self.region.currentData(),
            industry=self.industry.currentData(),
            owner_id=self.owner.currentData(),
            follow_up_due=date.today() if self.due.isChecked() else None,
            sort=self._sort[0],
            descending=self._sort[1],
        )

    def search(self) -> None:
        """Show the first page of matches at once, then, once typing pauses, the full list for scrolling.

        Only the newest search typed is run and shown; a stale one is skipped before it touches the store.
        """
        self._search_generation += 1
        generation = self._search_generation
        query = self.query()
        self._full_query = query
        self._full_timer.stop()
        first = replace(query, limit=WINDOW + 1, offset=0)
        current = self._is_current(generation)
        ops.first_page(self, self.worker, first, current).success(
            lambda rows: self._show_first(generation, query, rows)
        ).run()

    def _is_current(self, generation: int) -> Any:
        return lambda: generation == self._search_generation

    def _show_first(self, generation: int, query: CustomerQuery, rows: list[Any] | None) -> None:
        if rows is None or generation != self._search_generation:
            return
        page = rows[:WINDOW]
        self.model.set_ids([r.id for r in page], {r.id: r for r in page})
        self.searches_done += 1
        if len(rows) > WINDOW:
            self.count_label.setText(self.tr("More than %n customer(s)…", "", WINDOW))
            self._full_timer.start()
        else:
            self._show_count(len(rows))
        self._show_hint(query, bool(rows))

    def _load_full_list(self) -> None:
        generation = self._search_generation
        current = self._is_current(generation)

        def shown(ids: list[str] | None) -> None:
            if ids is not None and generation == self._search_generation:
                self.model.extend_ids(ids)
                self._show_count(len(ids))
                self.full_lists_done += 1

        ops.search_ids(self, self.worker, self._full_query, current).success(shown).run()

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n customer(s)", "", count))

    def _show_hint(self, query: CustomerQuery, found: bool) -> None:
        filtered = (
            bool(query.text)
            or query.follow_up_due is not None
            or any(c.currentIndex() > 0 for c in (self.grade, self.stage, self.region, self.industry, self.owner))
        )
        if found:
            self.empty_hint.hide()
        elif filtered:
            self.empty_hint.setText(self.tr("No customer matches. Check the spelling, or clear the filters."))
            self.empty_hint.show()
        else:
            self.empty_hint.setText(self.no_customers_text)
            self.empty_hint.show()

    def _sort_by(self, key: str, descending: int) -> None:
        self._sort = (key, bool(descending))
        self.search()

    def _fetch_rows(self, ids: list[str], deliver: Any) -> None:
        ops.fetch_rows(self, self.worker, ids).success(deliver).run()

    def reload(self) -> None:
        self._load_rules()
        self.search()

    def _load_rules(self) -> None:
        """The team's rules for the list's tint. A user in no team keeps the defaults the model starts with."""
        pool_ops.team_rules(self, self.worker).success(lambda view: self.model.set_rules(view.rules)).failure(
            lambda *_: None
        ).run()

    def log_visit_here(self) -> bool:
        """Ctrl+L with a customer's page open: log a visit to that customer."""
        page: CustomerPage | None = self._page
        if self.stack.currentWidget() is not page or page is None or not page.customer_id:
            return False
        self.log_visit_requested.emit(page.customer_id, page.data.get("name", ""), None)
        return True

    def changed(self, nouns: frozenset[str]) -> None:
        if self._filters_loaded:
            ops.filter_values(self, self.worker).success(self._set_filter_values).run()
            self._load_rules()
            self.search()

    def _open_first(self) -> None:
        if self.model.rowCount() > 0:
            self.open_customer(self.model.customer_id(0))

    def focus_search(self) -> None:
        self.show_list()
        self.search_box.setFocus()
        self.search_box.selectAll()

    def open_customer(self, customer_id: str | None) -> None:
        if customer_id:
            self.page.load(customer_id)
            self.stack.setCurrentWidget(self.page)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        QTimer.singleShot(0, self.view.setFocus)

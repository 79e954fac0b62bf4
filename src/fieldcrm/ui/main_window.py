"""`MainWindow`: the navigation rail, the screens, the status bar (online, pending changes, last sync), shortcuts.

Start-up is ordered for a quick first paint: only the shown screen is built; the ORM, the sync client and the other
screens' modules are loaded on the database worker after that screen has painted its data, and only then does the
window ask for its status (see `_first_painted`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.paths import AppPaths
from fieldcrm.ui import settings as keys
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.fields import role_name
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops.base import QueryOp
from fieldcrm.ui.screens import SCREENS, Screen, ScreenContext, ScreenSpec, warm_up_modules
from fieldcrm.ui.workers import DbWorker

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from fieldcrm.services.userinfo import UserInfo
    from fieldcrm.ui.customers.screen import CustomerListScreen
    from fieldcrm.ui.sync.panel import SyncPanel

#: If the shown screen never reports a painted first page (a hidden window), start-up work runs after this.
STARTUP_FALLBACK_MS = 1500


def _warm_up(services: Any) -> None:
    """On the worker: open the full store and services (the ORM) and import the modules of later clicks."""
    services.profile  # noqa: B018 - touching it builds the services of a lazily opened store
    for name in warm_up_modules():
        import_module(name)


class ScreenMap(Mapping[str, Screen]):
    """The rail's screens by key (those the user's role may see); a screen is built when first asked for."""

    def __init__(self, specs: list[ScreenSpec], build: Callable[[ScreenSpec], Screen]) -> None:
        self._specs = {spec.key: spec for spec in specs}
        self._build = build
        self._built: dict[str, Screen] = {}

    def __getitem__(self, key: str) -> Screen:
        if key not in self._built:
            self._built[key] = self._build(self._specs[key])
        return self._built[key]

    def __contains__(self, key: object) -> bool:
        return key in self._specs

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def built(self, key: str) -> Screen | None:
        """The screen if it was built already (never builds)."""
        return self._built.get(key)


class MainWindow(QMainWindow):
    settings_requested = Signal()
    ready = Signal()  # the first screen has painted and the start-up work is done

    def __init__(
        self, worker: DbWorker, user: UserInfo, settings: QSettings, paths: AppPaths, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.worker = worker
        self.user = user
        self.settings = settings
        self.paths = paths
        self.setWindowTitle(self.tr("FieldCRM — {0} ({1})").format(user.name, role_name(user.role)))
        self.rail = QListWidget(objectName="navRail")
        self.rail.setFixedWidth(150)
        self.rail.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget()
        specs = [spec for spec in SCREENS if user.role in spec.roles]
        self.screens = ScreenMap(specs, self._build_screen)
        for spec in specs:
            item = QListWidgetItem(icon(spec.icon), QCoreApplication.translate("screens", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.rail.addItem(item)
        self.settings_button = QPushButton(icon("settings"), self.tr("Settings"), objectName="settingsButton")
        left = QVBoxLayout()
        who = QLabel(f"{user.name}\n{role_name(user.role)} · {user.team_name or ''}", objectName="whoLabel")
        who.setWordWrap(True)
        left.addWidget(who)
        left.addWidget(self.rail, 1)
        left.addWidget(self.settings_button)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addLayout(left)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.online_label = QLabel(objectName="onlineLabel")
        self.pending_label = QLabel(objectName="pendingLabel")
        self.last_sync_label = QLabel(objectName="lastSyncLabel")
        self.busy_label = QLabel(objectName="busyLabel")
        self.refused_label = QLabel(objectName="refusedLabel")  # changes head office refused: shown while any are
        self.refused_label.setProperty("role", "warning")
        self.refused_label.hide()
        for label in (self.busy_label, self.online_label, self.refused_label, self.pending_label, self.last_sync_label):
            self.statusBar().addPermanentWidget(label)
        worker.busy_changed.connect(self, self._show_busy)
        worker.changed.connect(self, self.refresh_status)

        self.rail.currentRowChanged.connect(self._on_rail)
        self.settings_button.clicked.connect(self.settings_requested)
        QShortcut(QKeySequence("Ctrl+F"), self, self.find_customer)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_customer)
        QShortcut(QKeySequence("Ctrl+L"), self, self.log_visit)
        self._status_timer = QTimer(self, interval=30_000)
        self._status_timer.timeout.connect(self.refresh_status)
        self.auto_sync: Any = None  # the background sync, set up with the rest once the first screen has painted
        self._starting = True  # until the start-up work is done: no status requests yet
        self._warming = False
        self._release_hold = worker.hold()  # the worker counts as busy until start-up work is done
        self.destroyed.connect(self._release_hold)
        self._restore()
        screen = self.screens.built(self.current_key() or "")
        if screen is not None:
            screen.when_painted(self._first_painted)
            QTimer.singleShot(STARTUP_FALLBACK_MS, self, self._first_painted)
        else:
            QTimer.singleShot(0, self, self._first_painted)

    def _first_painted(self) -> None:
        """The first screen is on show: now load the rest (on the worker), then ask for the status."""
        if self._warming or not self._starting:
            return
        self._warming = True
        release = self._release_hold

        def started(_result: object = None) -> None:
            release()
            if shiboken6.isValid(self):
                self._starting = False
                self._status_timer.start()
                self._start_auto_sync()
                self.refresh_status()
                self._check_chinese_font()
                self.ready.emit()

        QueryOp(None, self.worker, _warm_up).success(started).failure(lambda _exc, _message: started()).run()

    def _start_auto_sync(self) -> None:
        from fieldcrm.ui.auto_sync import AutoSyncDriver

        self.auto_sync = AutoSyncDriver(self.worker, self.paths, self, keys.auto_sync_minutes(self.settings))
        self.auto_sync.manual_running = self._panel_syncing
        self.auto_sync.on_start = self._auto_sync_started
        self.auto_sync.on_report = self._auto_sync_reported
        self.auto_sync.start()

    def _sync_panel(self) -> SyncPanel | None:
        """The Sync screen if it was built (it follows the background sync while it is)."""
        return cast("SyncPanel | None", self.screens.built("sync"))

    def _panel_syncing(self) -> bool:
        panel = self._sync_panel()
        return panel is not None and panel.syncing_by_hand()

    def _auto_sync_started(self, progress: Any) -> None:
        self.statusBar().showMessage(self.tr("Syncing in the background…"))
        panel = self._sync_panel()
        if panel is not None:
            panel.follow(progress)

    def _auto_sync_reported(self, text: str, problem: bool) -> None:
        self.statusBar().showMessage(text, 0 if problem else 10_000)  # a problem stays until the next message
        panel = self._sync_panel()
        if panel is not None:
            panel.followed(text)

    def _build_screen(self, spec: ScreenSpec) -> Screen:
        screen = spec.build(ScreenContext(self.worker, self.paths))
        screen.setObjectName(f"screen_{spec.key}")
        self.stack.addWidget(screen)
        # screens ask for dialogs through signals; the window opens them (screens do not know each other)
        screen.log_visit_requested.connect(self.open_log_visit)
        screen.new_customer_requested.connect(self.new_customer)
        screen.import_requested.connect(self.open_import)
        screen.export_requested.connect(self.open_export)
        screen.export_log_requested.connect(self.open_export_log)
        screen.show_screen_requested.connect(self.show_screen)
        return screen

    # --- screens ------------------------------------------------------------------------------------------
    def show_screen(self, key: str) -> Screen | None:
        for row in range(self.rail.count()):
            if self.rail.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.rail.setCurrentRow(row)
                return self.screens[key]
        return None

    def current_key(self) -> str | None:
        item = self.rail.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_rail(self, row: int) -> None:
        if row < 0:
            return
        key = self.rail.item(row).data(Qt.ItemDataRole.UserRole)
        screen = self.screens[key]
        self.stack.setCurrentWidget(screen)
        screen.activate()

    # --- shortcuts ----------------------------------------------------------------------------------------
    def _customers(self, show: bool = True) -> CustomerListScreen | None:
        """The customers screen (shown first unless `show` is false; None if never built then, or not the role's)."""
        screen = self.show_screen("customers") if show else self.screens.built("customers")
        return cast("CustomerListScreen | None", screen)

    def find_customer(self) -> None:
        screen = self._customers()
        if screen is not None:
            screen.focus_search()

    def new_customer(self) -> Any:
        from fieldcrm.ui.customers.new_dialog import NewCustomerDialog

        dialog = NewCustomerDialog(self.worker, self)
        if "customers" in self.screens:
            dialog.created.connect(self._show_created)
        return self._open(dialog)

    def _show_created(self, customer_id: str) -> None:
        screen = self._customers()
        if screen is not None:
            screen.open_customer(customer_id)

    def log_visit(self) -> None:
        """Ctrl+L: for the customer on screen, or else the selected (or next) stop of today."""
        current = self.screens.built(self.current_key() or "")
        if current is not None and current.log_visit_here():
            return
        today = self.show_screen("today")
        if today is None or not today.log_visit_here():
            self.statusBar().showMessage(self.tr("Open a customer or select a planned stop to log a visit."), 5000)

    def open_log_visit(self, customer_id: str, name: str, stop_id: str | None = None) -> Any:
        from fieldcrm.ui.visits.log_dialog import LogVisitDialog

        dialog = LogVisitDialog(self.worker, customer_id, name, stop_id, self)
        dialog.logged.connect(self._visit_logged)
        return self._open(dialog)

    def open_import(self) -> Any:
        from fieldcrm.ui.excel.import_dialog import ImportDialog

        return self._open(ImportDialog(self.worker, self.paths, self))

    def open_export(self, query: Any = None) -> Any:
        """Export the customer list as filtered on screen (or all customers)."""
        from fieldcrm.ui.excel.export_dialog import ExportDialog

        customers = self._customers(show=False)  # a screen never opened shows all customers
        if query is None and customers is not None:
            query = customers.query()
        return self._open(ExportDialog(self.worker, query, self))

    def open_export_log(self) -> Any:
        from fieldcrm.ui.excel.export_log_dialog import ExportLogDialog

        return self._open(ExportLogDialog(self.worker, self))

    def _visit_logged(self, _visit_id: str) -> None:
        self.statusBar().showMessage(self.tr("Visit logged."), 5000)

    def _open(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, the event loop keeps running (no exec())
        return dialog

    # --- status bar ---------------------------------------------------------------------------------------
    def _show_busy(self, busy: int) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def _check_chinese_font(self) -> None:
        """Customer names are Chinese: without a font that has the characters they show as boxes. Say what to do
        (Linux installs do not always have one; Windows and macOS do)."""
        from PySide6.QtGui import QFontDatabase

        if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
            log.warning("no font with Chinese characters is installed")
            self.statusBar().showMessage(
                self.tr(
                    "No font with Chinese characters is installed, so names may show as boxes: install one"
                    " (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk) and start FieldCRM again."
                )
            )

    def refresh_status(self, _nouns: object = None) -> None:
        if self._starting:
            return  # start-up work asks for the status when it is done
        from fieldcrm.ui.ops import sync as sync_ops

        sync_ops.status(self, self.worker, self.paths).success(self._show_status).run()

    def _show_status(self, status: dict[str, Any]) -> None:
        if self.auto_sync is not None:
            self.auto_sync.set_status(status)
        if not status["server"]:
            self.online_label.setText(self.tr("Offline (sync not configured)"))
        elif not status["logged_in"]:
            self.online_label.setText(self.tr("Offline (log in again to sync)"))
        elif status["last_result"] and status["last_result"].startswith("offline"):
            self.online_label.setText(self.tr("Offline (server not reachable at last sync)"))
        else:
            self.online_label.setText(self.tr("Online: {0}").format(status["server"]))
        if status["logged_in"] and self.auto_sync is not None and not self.auto_sync.enabled:
            self.online_label.setText(self.online_label.text() + self.tr(" · automatic sync off"))
        if status["server"]:
            self.pending_label.setText(self.tr("%n change(s) waiting to sync", "", status["pending_changes"]))
        else:  # never connected: nothing is waiting for anything, the work is simply kept here
            self.pending_label.setText(
                self.tr(
                    "%n change(s) kept on this computer (not connected to head office)", "", status["pending_changes"]
                )
            )
        refused = status.get("refused", 0)
        self.refused_label.setText(self.tr("%n change(s) not accepted by head office (see Sync)", "", refused))
        self.refused_label.setVisible(refused > 0)
        last = local_time(status["last_sync"]) if status["last_sync"] else self.tr("never")
        self.last_sync_label.setText(self.tr("Last sync: {0}").format(last))

    # --- window state -------------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value(keys.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        wanted = self.settings.value(keys.LAST_SCREEN) or ""
        if not (wanted and self.show_screen(str(wanted))):
            self.rail.setCurrentRow(0)

    def save_state(self) -> None:
        self.settings.setValue(keys.GEOMETRY, self.saveGeometry())
        if self.current_key():
            self.settings.setValue(keys.LAST_SCREEN, self.current_key())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._warming:
            self._release_hold()  # closed before its first screen painted
        if self.auto_sync is not None:
            self.auto_sync.stop()
        self.save_state()
        super().closeEvent(event)

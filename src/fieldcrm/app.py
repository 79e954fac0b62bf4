"""Starting the GUI: open (and migrate) the store, ask for a profile on first run, then show the main window.

The customer list is on screen before the heavy libraries load: a store already at the newest schema is checked
with the bare DB-API driver (no ORM, no Alembic), the current user and the first page of customers are read through
`store.reader.ReadStore`, and the ORM-backed services are built on the database worker when first needed (the
main window asks for them once its first screen has painted).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

from fieldcrm.paths import AppPaths, resolve_paths

if TYPE_CHECKING:
    from fieldcrm.services import Services
    from fieldcrm.store import Store
    from fieldcrm.store.reader import ReadStore

log = logging.getLogger(__name__)
# Set by scripts/smoke_bundle.py: the app quits as soon as its main window is ready.
SMOKE_TEST = "FIELDCRM_SMOKE_TEST"


class LazyServices:
    """The `Services` of the GUI's worker: `search` and `masking` read through the light store at once; every other
    service (and the ORM) is built on first use, normally on the worker thread."""

    def __init__(self, app: GuiApp, user_id: str | None = None) -> None:
        from fieldcrm.services.masking import NumberMask
        from fieldcrm.services.search import SearchService

        self._app = app
        self._user_id = user_id
        self._full: Services | None = None
        self.search = SearchService(app.reader)
        self.masking = NumberMask(app.reader, user_id)

    @property
    def loaded(self) -> bool:
        return self._full is not None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._full is None:
            from fieldcrm.services import Services

            self._full = Services.for_store(self._app.store, self._user_id)
        return getattr(self._full, name)


def open_reader(paths: AppPaths) -> ReadStore | None:
    """A light reader of the profile's store if it needs no migration; None if Alembic must look at it (no store
    yet, an older or newer schema, or any doubt)."""
    from fieldcrm.store import cipher
    from fieldcrm.store.reader import ReadStore

    if cipher.state(paths.database) != "encrypted":  # none yet, or a plain one from before encryption: Store.open
        return None
    try:
        reader = ReadStore(paths.database)
    except cipher.Error:
        return None
    try:
        if reader.at_head():
            return reader
    except cipher.Error:
        log.info("the store could not be checked quickly; Alembic will look at it", exc_info=True)
    reader.close()
    return None


class GuiApp:
    """Owns the store, the database worker and the main window of one profile folder."""

    def __init__(self, paths: AppPaths, cache_dir: Any = None) -> None:
        from fieldcrm.store.reader import ReadStore
        from fieldcrm.ui.i18n import install_language
        from fieldcrm.ui.settings import LANGUAGE, settings_for
        from fieldcrm.ui.workers import DbWorker, GarbageCollector, SingletonGuard

        self.paths = paths
        self.cache_dir = cache_dir
        self.settings = settings_for(paths)
        self.language = install_language(str(self.settings.value(LANGUAGE) or ""), cache_dir)
        from fieldcrm.store import keys
        from fieldcrm.ui.passphrase_dialog import ask_in_dialog

        keys.set_asker(ask_in_dialog)  # only asked on a machine with no keyring and no FIELDCRM_PASSPHRASE
        from fieldcrm.ui.screens import import_window_modules
        from fieldcrm.ui.settings import LAST_SCREEN

        import_window_modules(str(self.settings.value(LAST_SCREEN) or ""))  # while the key is found (below)
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        reader = open_reader(paths)
        if reader is None:  # first run, or a migration: Alembic (after a backup), as the CLI does
            from fieldcrm.store import Store

            self._store = Store.open(paths.database, paths.backups)
            reader = ReadStore(paths.database)
        self.reader = reader
        self._reader_closed = False
        self.worker = DbWorker(LazyServices(self))  # type: ignore[arg-type]
        self.guard = SingletonGuard(self.worker)
        self.collector = GarbageCollector(self.worker)
        self.window: Any = None
        self.first_run: Any = None
        self._closed = False
        self.lock: Any = None  # the idle lock (ui.app_lock.IdleLock), from the first main window on
        self.wipe_box: Any = None  # the sentence saying why the data is gone, once head office ordered it erased
        self.worker.wipe_ordered.connect(self.worker, self.wipe)

    @property
    def store(self) -> Store:
        """The full store (SQLAlchemy engine, sessions), opened on first use from any thread."""
        with self._store_lock:
            if self._store is None:
                from fieldcrm.store import Store

                self._store = Store.open(self.paths.database, self.paths.backups, migrate=False)
            return self._store

    def start(self) -> None:
        """Ask the store who the user is (on the worker), then show the first-run dialog or the main window."""
        from fieldcrm.services.userinfo import current_user
        from fieldcrm.ui.ops.base import QueryOp

        reader = self.reader
        QueryOp(None, self.worker, lambda _s: current_user(reader)).success(self._started).run()

    def _started(self, user: Any) -> None:
        if user is None:
            from fieldcrm.ui.first_run import FirstRunDialog

            self.first_run = FirstRunDialog(self.worker, str(self.settings.value("ui/language") or ""), self.paths)
            self.first_run.profile_created.connect(self._profile_created)
            self.first_run.show()
        else:
            self.open_main(user)

    def _profile_created(self, user: Any, language: str) -> None:
        from fieldcrm.ui.i18n import install_language
        from fieldcrm.ui.settings import LANGUAGE

        self.settings.setValue(LANGUAGE, language)
        self.language = install_language(language, self.cache_dir)
        self.open_main(user)

    def open_main(self, user: Any) -> None:
        """Show the main window acting as `user` (also used after switching user in the settings)."""
        from fieldcrm.ui.main_window import MainWindow

        self.worker.set_services(LazyServices(self, user.id))  # type: ignore[arg-type]
        if self.window is not None:
            self.window.save_state()
            self.window.close()
            self.window.deleteLater()
        self.window = MainWindow(self.worker, user, self.settings, self.paths)
        self.window.settings_requested.connect(self._open_settings)
        self.window.ready.connect(self._daily_backup)
        if os.environ.get(SMOKE_TEST):
            self.window.ready.connect(self._smoke_done)
        self.window.show()
        if self.lock is None:
            from fieldcrm.ui.app_lock import IdleLock
            from fieldcrm.ui.settings import lock_minutes

            self.lock = IdleLock(self.worker, self.reader, lock_minutes(self.settings), user.name)
        self.lock.user_name = user.name
        self.window.ready.connect(self.lock.read_policy)  # head office's lock policy: after the list has painted

    def _daily_backup(self) -> None:
        """Once the window is ready: a backup of the store when the newest daily one is over a day old."""
        from fieldcrm.ui.ops.backups import daily
        from fieldcrm.ui.settings import backups_to_keep

        op = daily(None, self.worker, self.paths, backups_to_keep(self.settings))
        op.success(lambda path: path and log.info("daily backup written: %s", path))  # type: ignore[func-returns-value]
        op.failure(lambda _exc, message: log.warning("the daily backup failed: %s", message)).run()

    def _smoke_done(self) -> None:
        """FIELDCRM_SMOKE_TEST (the bundle's release check): say the window is up, then quit."""
        from PySide6.QtWidgets import QApplication

        print(f"main window ready: {self.window.rail.count()} screens", flush=True)
        QApplication.quit()

    def _open_settings(self) -> None:
        from fieldcrm.ui.settings_dialog import SettingsDialog

        SettingsDialog.show_for(self.window, self.worker, self.settings, self)

    def set_language(self, language: str) -> None:
        """Switch language now: reinstall the catalogues and rebuild the window in the new language."""
        from fieldcrm.ui.i18n import install_language
        from fieldcrm.ui.settings import LANGUAGE

        self.settings.setValue(LANGUAGE, language)
        self.language = install_language(language, self.cache_dir)
        if self.window is not None:
            self.open_main(self.window.user)

    def wipe(self, order: Any) -> None:
        """Head office ordered this laptop's data erased, and the sync got ready (a departed user's work was sent,
        the wipe confirmed): close the window, let the worker finish, close the store, erase it with its backups,
        key and token, then say why in one sentence and quit when it is read."""
        from PySide6.QtWidgets import QApplication, QMessageBox

        from fieldcrm.sync import remote_wipe
        from fieldcrm.ui.reasons import localize

        if self.wipe_box is not None:
            return  # the order came twice (the sync panel's and the background sync)
        if self.lock is not None:
            self.lock.stop()  # a locked window goes too: nothing is left to unlock
        if self.window is not None:
            self.window.save_state()
            self.window.close()
            # Closed, not deleted: this runs inside the failed sync's callback, and deleting the window under it
            # corrupted Qt's timers (a crash later); the app quits once the sentence is read.
            self.window = None
        self._close_store()
        remote_wipe.carry_out(order, self.paths)
        box = QMessageBox(QMessageBox.Icon.Information, "FieldCRM", localize(remote_wipe.sentence(order)))
        box.setObjectName("wipeBox")
        box.finished.connect(QApplication.quit)
        box.open()
        self.wipe_box = box

    def _close_store(self) -> None:
        """Finish the worker's operation under way, drop the queued ones, and close both views of the store."""
        self.worker.shutdown()
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            if not self._reader_closed:
                self.reader.close()
                self._reader_closed = True

    def close(self) -> None:
        """Stop everything the app runs (once; closing again does nothing)."""
        if self._closed:
            return
        self._closed = True
        if self.lock is not None:
            self.lock.stop()
        if self.window is not None:
            self.window.save_state()
            self.window.close()
        self._close_store()
        self.guard.stop()
        self.collector.stop()
        # The worker (and the timers it parents) goes at the GUI thread's next pass: left to the cycle collector,
        # which runs on whichever thread allocates once the GUI's collector is off, it could be destroyed on
        # another thread, leaving its timers registered with this one.
        self.worker.deleteLater()


def run_gui(data_dir: str | None = None, verbose: int = 0) -> int:
    from fieldcrm.store import keys

    keys.prefetch(resolve_paths(data_dir).database)  # the store's key, derived while Qt loads
    from PySide6.QtWidgets import QApplication, QMessageBox

    from fieldcrm import __version__
    from fieldcrm.logs import setup_logging
    from fieldcrm.store.errors import StoreError, StoreLockedError
    from fieldcrm.ui.crash import install_crash_reporter
    from fieldcrm.ui.workers import protect_singletons

    protect_singletons()
    paths = resolve_paths(data_dir).ensure()
    setup_logging(paths.logs, verbose)
    log.info("FieldCRM %s starting on %s", __version__, paths.data)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FieldCRM")
    install_crash_reporter(paths.logs)
    from fieldcrm.ui.theme import follow_system

    follow_system(app)  # type: ignore[arg-type]  # a QApplication; light or dark as the system asks
    try:
        gui = GuiApp(paths)
    except StoreLockedError as exc:
        log.info("the store stays locked: %s", exc)
        QMessageBox.information(
            None,
            "FieldCRM",
            QApplication.translate("app", "FieldCRM stays closed: your data cannot be read without its passphrase."),
        )
        return 1
    except StoreError as exc:
        QMessageBox.critical(None, "FieldCRM", str(exc))
        return 1
    gui.start()
    try:
        return app.exec()
    finally:
        gui.close()


def load_style() -> str:
    """The style sheet in the colours the system asks for (light or dark)."""
    from fieldcrm.ui.theme import style_sheet

    return style_sheet()

"""Starting the GUI: open (and migrate) the store, ask for a profile on first run, then show the main window."""

from __future__ import annotations

import logging
import sys
from typing import Any

from fieldcrm.paths import AppPaths, resolve_paths

log = logging.getLogger(__name__)


class GuiApp:
    """Owns the store, the database worker and the main window of one profile folder."""

    def __init__(self, paths: AppPaths, cache_dir: Any = None) -> None:
        from fieldcrm.services import Services
        from fieldcrm.store import Store
        from fieldcrm.ui.i18n import install_language
        from fieldcrm.ui.settings import LANGUAGE, settings_for
        from fieldcrm.ui.workers import DbWorker, GarbageCollector, SingletonGuard

        self.paths = paths
        self.cache_dir = cache_dir
        self.settings = settings_for(paths)
        self.language = install_language(str(self.settings.value(LANGUAGE) or ""), cache_dir)
        self.store = Store.open(paths.database, paths.backups)
        self.worker = DbWorker(Services.for_store(self.store))
        self.guard = SingletonGuard(self.worker)
        self.collector = GarbageCollector(self.worker)
        self.window: Any = None
        self.first_run: Any = None

    def start(self) -> None:
        """Ask the store who the user is (on the worker), then show the first-run dialog or the main window."""
        from fieldcrm.ui.ops.base import QueryOp

        QueryOp(None, self.worker, lambda s: s.profile.current()).success(self._started).run()

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
        from fieldcrm.services import Services
        from fieldcrm.ui.main_window import MainWindow
        from fieldcrm.ui.settings_dialog import SettingsDialog

        self.worker.set_services(Services.for_store(self.store, user.id))
        if self.window is not None:
            self.window.save_state()
            self.window.close()
            self.window.deleteLater()
        self.window = MainWindow(self.worker, user, self.settings, self.paths)
        self.window.settings_requested.connect(
            lambda: SettingsDialog.show_for(self.window, self.worker, self.settings, self)
        )
        self.window.show()

    def set_language(self, language: str) -> None:
        """Switch language now: reinstall the catalogues and rebuild the window in the new language."""
        from fieldcrm.ui.i18n import install_language
        from fieldcrm.ui.settings import LANGUAGE

        self.settings.setValue(LANGUAGE, language)
        self.language = install_language(language, self.cache_dir)
        if self.window is not None:
            self.open_main(self.window.user)

    def close(self) -> None:
        if self.window is not None:
            self.window.save_state()
            self.window.close()
        self.worker.shutdown()
        self.collector.stop()
        self.store.close()


def run_gui(data_dir: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from fieldcrm.store.db import StoreError
    from fieldcrm.ui.workers import protect_singletons

    logging.basicConfig(level=logging.INFO)
    protect_singletons()
    paths = resolve_paths(data_dir).ensure()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FieldCRM")
    app.setStyleSheet(load_style())
    try:
        gui = GuiApp(paths)
    except StoreError as exc:
        QMessageBox.critical(None, "FieldCRM", str(exc))
        return 1
    gui.start()
    try:
        return app.exec()
    finally:
        gui.close()


def load_style() -> str:
    from importlib import resources

    sheet = resources.files("fieldcrm.resources") / "qss" / "fieldcrm.qss"
    return sheet.read_text(encoding="utf-8") if sheet.is_file() else ""

"""Starting the GUI: open (and migrate) the store, then show the main window."""

from __future__ import annotations

import sys


def run_gui(data_dir: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from fieldcrm.paths import resolve_paths
    from fieldcrm.store import Store

    paths = resolve_paths(data_dir).ensure()
    store = Store.open(paths.database, paths.backups)
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("FieldCRM")
    window.resize(1200, 800)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()

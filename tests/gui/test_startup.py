"""A quick start: the customer list paints from the light reader before the ORM loads; screens build on first
visit; the rest loads on the worker after the first paint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fieldcrm.paths import resolve_paths
from fieldcrm.services import Services
from fieldcrm.store import Store
from fieldcrm.ui.settings import LAST_SCREEN, settings_for
from waiting import HANG_GUARD

CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from fieldcrm.app import GuiApp
from fieldcrm.paths import resolve_paths
from fieldcrm.ui import main_window
from fieldcrm.ui.customers import screen as customers_screen
from fieldcrm.ui.workers import protect_singletons

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "httpx", "openpyxl", "pypinyin")
GUARD_MS = int(sys.argv[2])
# The app starts the rest after 1.5 s if no paint comes; here only the paint may start it, however slow the machine.
main_window.STARTUP_FALLBACK_MS = customers_screen.PAINT_FALLBACK_MS = GUARD_MS
protect_singletons()
app = QApplication(sys.argv)
gui = GuiApp(resolve_paths(sys.argv[1]))
seen = {}

class Painted(QObject):
    def eventFilter(self, obj, event):
        screen = gui.window.screens["customers"]
        if event.type() == QEvent.Type.Paint and "paint" not in seen and screen.model.rowCount():
            row = screen.model.row_at(0)
            if row is not None:
                seen["paint"] = {"heavy": [m for m in HEAVY if m in sys.modules], "first": row.name,
                                 "built": [k for k in gui.window.screens if gui.window.screens.built(k) is not None]}
        return False

painted = Painted()
open_main = GuiApp.open_main
def watch_paint(self, user):  # before the event loop runs again, so no paint is missed
    open_main(self, user)
    self.window.screens["customers"].view.viewport().installEventFilter(painted)
GuiApp.open_main = watch_paint

def check():
    if "paint" in seen and gui.worker.pending == 0 and gui.window.pending_label.text():
        seen["idle"] = {"heavy": [m for m in HEAVY if m in sys.modules], "status": gui.window.online_label.text(),
                        "regions": gui.window.screens["customers"].region.count()}
        app.exit(0)
    else:
        QTimer.singleShot(10, check)
QTimer.singleShot(10, check)
QTimer.singleShot(GUARD_MS, lambda: app.exit(1))
gui.start()
code = app.exec()
gui.close()
print(json.dumps(seen))
sys.exit(code)
"""


def test_customer_list_paints_before_the_orm_loads(team_services: dict[str, Services], store: Store) -> None:
    rep = team_services["rep"]
    rep.customers.create(name="上海华东机械有限公司", region="华东")
    rep.customers.create(name="北京燕山电子有限公司", region="华北")
    paths = resolve_paths().ensure()
    store.close()
    Path(paths.database).write_bytes(Path(store.path).read_bytes())
    settings = settings_for(paths)
    settings.setValue(LAST_SCREEN, "customers")
    settings.sync()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(paths.data), str(int(HANG_GUARD * 1000))],
        capture_output=True,
        text=True,
        timeout=2 * HANG_GUARD,  # the child gives up first, and says what it saw
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # the list is in pinyin order: 北京 (běijīng) before 上海 (shànghǎi)
    assert seen["paint"] == {"heavy": [], "first": "北京燕山电子有限公司", "built": ["customers"]}
    # after the first paint the worker loaded the ORM, the window asked for its status, the filters came
    assert "sqlalchemy" in seen["idle"]["heavy"] and "sqlmodel" in seen["idle"]["heavy"]
    assert seen["idle"]["status"] == "Offline (sync not configured)"
    assert seen["idle"]["regions"] == 3  # "All regions", 华东, 华北


def test_screens_are_built_on_first_visit(qtbot, make_window) -> None:
    window = make_window("rep")
    assert list(window.screens) == ["today", "customers", "plans", "reports", "pool", "handovers", "sync"]
    assert "plans" in window.screens and "inbox" not in window.screens
    assert window.screens.built("today") is not None
    assert window.screens.built("plans") is None
    plans = window.show_screen("plans")
    assert window.screens.built("plans") is plans
    assert window.stack.currentWidget() is plans

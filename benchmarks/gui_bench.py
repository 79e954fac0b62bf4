"""GUI benchmark on a large store: start-up to the customer list painted (against a bare QMainWindow+QTableView
started in the same run), search-as-you-type latency per keystroke, and memory after scrolling the whole list.
Typing and scrolling are measured with today's search and with the search before pinyin (`legacy_search.py`,
names in code point order) on the same store, each in a process of its own, one after the other.

    uv run python benchmarks/gui_bench.py [--customers 100000] [--data-dir DIR] [--runs 3]

Targets: start-up ratio <= 2x, keystroke p95 < 50 ms, RSS after scrolling < 400 MB. Prints figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FIELDCRM_PASSPHRASE", "benchmark passphrase")  # the store is encrypted; no keyring here

#: Child program for the bare baseline: a QMainWindow with a QTableView of N rows, timed to its first paint.
BARE = r"""
import sys, time
from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
class Model(QAbstractTableModel):
    def rowCount(self, parent=None): return 0 if parent is not None and parent.isValid() else ROWS
    def columnCount(self, parent=None): return 0 if parent is not None and parent.isValid() else 9
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"customer {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time(), flush=True); app.exit(0)
        return False
ROWS = int(sys.argv[1])
app = QApplication(sys.argv)
window = QMainWindow(); view = QTableView(); view.setModel(Model()); window.setCentralWidget(view)
painted = Painted(); view.viewport().installEventFilter(painted)
window.resize(1280, 800); window.show(); app.exec()
"""

#: Child program for FieldCRM: the real start (store, worker, main window) on the customer list, timed to the
#: first paint that shows loaded rows (not placeholders).
FULL = r"""
import sys, time
from fieldcrm.paths import resolve_paths
from fieldcrm.store import keys
keys.prefetch(resolve_paths(sys.argv[1]).database)  # as run_gui does, before Qt loads
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from fieldcrm.app import GuiApp, load_style
from fieldcrm.paths import resolve_paths
from fieldcrm.ui.workers import protect_singletons
protect_singletons()
app = QApplication(sys.argv)
app.setStyleSheet(load_style())
gui = GuiApp(resolve_paths(sys.argv[1]))
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            screen = gui.window.screens["customers"]
            model = screen.model
            if model.rowCount() and model.row_at(0) is not None:
                print(time.time(), model.rowCount(), flush=True); app.exit(0)
        return False
painted = Painted()
def hook():
    if gui.window is None:
        return QTimerHook.start()
    gui.window.screens["customers"].view.viewport().installEventFilter(painted)
from PySide6.QtCore import QTimer
QTimerHook = QTimer(singleShot=True, interval=1); QTimerHook.timeout.connect(hook); QTimerHook.start()
gui.start(); code = app.exec(); gui.close()
"""


def child_seconds(program: str, arg: str) -> float:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", program, arg], capture_output=True, text=True, check=True).stdout
    return float(out.split()[0]) - started


def compiled_bytecode() -> None:
    """Compile the modules to bytecode first, FieldCRM's and its libraries', as an installed app has them (pip
    compiles at install; the desktop bundle ships bytecode; Python writes it at the first start). With
    PYTHONDONTWRITEBYTECODE set (as on our CI machines) and a uv environment (uv does not compile at install), a
    start would otherwise compile every module it imports, each time: FieldCRM's, SQLite's cipher binding,
    platformdirs, and PySide6's own Python parts, which the bare table pays for as well."""
    import compileall
    import site

    import fieldcrm

    compileall.compile_dir(Path(fieldcrm.__file__).parent, quiet=1)
    for folder in site.getsitepackages():
        compileall.compile_dir(folder, quiet=2, workers=0)  # quiet=2: a template that is not Python says nothing


def ensure_data(data_dir: Path, customers: int) -> None:
    from fieldcrm.demo import generate_demo
    from fieldcrm.paths import resolve_paths
    from fieldcrm.services import CustomerQuery, Services
    from fieldcrm.store import Store

    paths = resolve_paths(data_dir).ensure()
    store = Store.open(paths.database, paths.backups)
    services = Services.for_store(store)
    if services.profile.current() is None:
        services.profile.init_profile("张伟", "rep", "华东一组")
    have = services.search.count(CustomerQuery())
    if have < customers:
        print(f"making {customers - have} demo customers in {data_dir} …", flush=True)
        generate_demo(store, customers - have, seed=3)
    store.close()
    from fieldcrm.ui.settings import LAST_SCREEN, settings_for

    settings = settings_for(paths)
    settings.setValue(LAST_SCREEN, "customers")
    settings.sync()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


#: Words typed a keystroke at a time: today's set (Chinese, digits), and words in pinyin (a city, a company's
#: initials, a person's name).
WORDS = ["上海", "科技有限", "北京", "电子", "138", "华东", "物流", "张"]
PINYIN_WORDS = ["shanghai", "hxkj", "zhangwei"]


def in_process(data_dir: Path, legacy: bool = False) -> dict[str, object]:
    """Typing latency per keystroke (by word) and memory after scrolling, in one GUI process (`legacy`: with the
    search before pinyin)."""
    if legacy:
        import fieldcrm.services.search

        sys.path.insert(0, str(Path(__file__).parent))
        from legacy_search import SearchService

        fieldcrm.services.search.SearchService = SearchService  # type: ignore[misc]  # the app imports it late
    import psutil
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from fieldcrm.app import GuiApp
    from fieldcrm.paths import resolve_paths
    from fieldcrm.ui.workers import protect_singletons

    protect_singletons()
    app = QApplication.instance() or QApplication(sys.argv)
    gui = GuiApp(resolve_paths(data_dir))
    gui.start()

    def wait(condition, timeout: float = 30.0) -> None:  # noqa: ANN001
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("the GUI did not answer in time")
            QCoreApplication.processEvents()
            time.sleep(0.0005)

    wait(lambda: gui.window is not None)
    window = gui.window
    window.resize(1280, 800)
    screen = window.show_screen("customers")
    wait(lambda: screen.model.rowCount() > 0 and gui.worker.pending == 0)

    latencies: dict[str, list[float]] = {}
    for word in WORDS + PINYIN_WORDS:
        screen.search_box.clear()
        wait(lambda: gui.worker.pending == 0)
        typed = latencies[word] = []
        for i in range(1, len(word) + 1):
            before = screen.searches_done
            started = time.perf_counter()
            screen.search_box.setText(word[:i])  # one keystroke: textChanged, as typing does
            wait(lambda b=before: screen.searches_done > b)
            screen.model.data(screen.model.index(0, 0))  # the first window of rows, as the view asks
            wait(lambda: not screen.model.loading)
            QCoreApplication.processEvents()
            typed.append((time.perf_counter() - started) * 1000)
    screen.search_box.clear()
    wait(lambda: gui.worker.pending == 0 and screen.model.rowCount() > 1000)

    view = screen.view
    rows = screen.model.rowCount()
    step = max(1, view.viewport().height() // view.verticalHeader().defaultSectionSize())
    scroll_started = time.perf_counter()
    for row in range(0, rows, step):
        view.scrollTo(screen.model.index(row, 0))
        view.viewport().repaint()
        wait(lambda: not screen.model.loading)
    scroll_seconds = time.perf_counter() - scroll_started
    rss = psutil.Process().memory_info().rss / 2**20
    gui.close()
    app.processEvents()
    return {"latencies": latencies, "rows": rows, "scroll_s": scroll_seconds, "rss_mb": rss}


def typing_figures(latencies: list[float]) -> str:
    return (
        f"{len(latencies)} keystrokes, median {statistics.median(latencies):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, help="reuse this profile folder (made if missing)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--typing", choices=("before", "now"), help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args()
    if args.typing:
        print(json.dumps(in_process(args.data_dir, legacy=args.typing == "before")))
        return 0
    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="fieldcrm-gui-bench-")
        args.data_dir = Path(tmp.name)
    ensure_data(args.data_dir, args.customers)
    compiled_bytecode()

    bare, full = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        bare.append(child_seconds(BARE, str(args.customers)))
        full.append(child_seconds(FULL, str(args.data_dir)))
    bare_s, full_s = statistics.median(bare), statistics.median(full)
    print(f"customers: {args.customers}")
    print(
        f"start to customer list painted: {full_s * 1000:.0f} ms (median of {args.runs}: "
        f"{', '.join(f'{v * 1000:.0f}' for v in full)})"
    )
    print(f"bare QMainWindow+QTableView start: {bare_s * 1000:.0f} ms ({', '.join(f'{v * 1000:.0f}' for v in bare)})")
    print(f"start-up ratio: {full_s / bare_s:.2f}x (target <= 2x)")
    results = {}
    for name in ("before", "now"):  # before = the search before pinyin, now = today's
        child = [sys.executable, __file__, "--typing", name, "--data-dir", str(args.data_dir)]
        out = subprocess.run(child, capture_output=True, text=True, check=True).stdout
        results[name] = json.loads(out.strip().splitlines()[-1])
    summary: dict[str, object] = {"startup_ratio": full_s / bare_s}
    for name, figures in results.items():
        typed = figures["latencies"]
        today = [t for word in WORDS for t in typed[word]]
        pinyin = [t for word in PINYIN_WORDS for t in typed[word]]
        print(f"search-as-you-type, {name}: today's words {typing_figures(today)} (target p95 < 50 ms)")
        print(f"  words in pinyin ({', '.join(PINYIN_WORDS)}): {typing_figures(pinyin)}")
        print(f"  all: {typing_figures(today + pinyin)}")
        slowest = sorted(
            ((t, word[: i + 1]) for word, times in typed.items() for i, t in enumerate(times)), reverse=True
        )
        print(f"  slowest keystrokes: {', '.join(f'{text} {t:.0f} ms' for t, text in slowest[:5])}")
        print(
            f"  scrolled {figures['rows']} rows in {figures['scroll_s']:.1f} s; RSS after scrolling: "
            f"{figures['rss_mb']:.0f} MB (target < 400 MB)"
        )
        summary[name] = {
            "p95_ms": percentile(today, 0.95),
            "pinyin_p95_ms": percentile(pinyin, 0.95),
            "all_p95_ms": percentile(today + pinyin, 0.95),
            "rss_mb": figures["rss_mb"],
        }
    print(json.dumps(summary))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

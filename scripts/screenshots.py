"""Screenshots of every screen and dialog in English and Simplified Chinese, offscreen, into screenshots/<lang>/.

    uv run python scripts/screenshots.py [--out screenshots] [--customers 300]

Builds a throw-away profile with demo data (a rep, the team's supervisor), then drives the real windows.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FIELDCRM_PASSPHRASE", "screenshots passphrase")  # its throwaway profiles are encrypted too

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from fieldcrm.app import load_style  # noqa: E402
from fieldcrm.demo import generate_demo  # noqa: E402
from fieldcrm.excel.sample import sample_list  # noqa: E402
from fieldcrm.paths import resolve_paths  # noqa: E402
from fieldcrm.services import Services  # noqa: E402
from fieldcrm.store import Store  # noqa: E402
from fieldcrm.ui.i18n import install_language  # noqa: E402
from fieldcrm.ui.main_window import MainWindow  # noqa: E402
from fieldcrm.ui.settings import settings_for  # noqa: E402
from fieldcrm.ui.theme import style_sheet  # noqa: E402
from fieldcrm.ui.workers import DbWorker, protect_singletons  # noqa: E402

SIZE = (1280, 800)


def settle(worker: DbWorker, seconds: float = 0.25) -> None:
    """Let the event loop run until the database worker is idle and the screen has painted."""
    deadline = time.monotonic() + 15
    quiet_since = None
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if worker.pending == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > seconds:
                return
        else:
            quiet_since = None
        time.sleep(0.01)


def shot(widget: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    print(path)


def seed(store: Store, customers: int) -> dict[str, Services]:
    base = Services.for_store(store)
    supervisor = base.profile.add_user("王经理", "supervisor", "华东一组")
    rep = base.profile.init_profile("张伟", "rep", "华东一组")
    generate_demo(store, customers, seed=7)
    for name in ("李娜", "刘洋"):  # the Assign dialog shares customers out among three reps
        base.profile.add_user(name, "rep", "华东一组")
    services = {"rep": Services.for_store(store, rep.id), "supervisor": Services.for_store(store, supervisor.id)}
    seed_ownership(store, supervisor.id)
    rep_services = services["rep"]
    today = date.today()
    first = rep_services.search.ids(base_query())[:3]
    if not rep_services.plans.day(today):
        for customer_id in first:
            rep_services.plans.add_stop(today, customer_id, "介绍新产品")
    if not rep_services.visits.for_day(today):
        stop = rep_services.plans.day(today)[0]
        rep_services.visits.log(
            stop["customer_id"], outcome="客户同意试用样品", next_step="发送报价单", stop_id=stop["id"], kind="visit"
        )
    services["lost"] = {"customer": lose_one(store, services)}  # type: ignore[dict-item]
    seed_handovers(store, services)
    from fieldcrm.demo import _team_pools

    _team_pools(store, supervisor.id)  # the demo's named pool beside the default one, as a supervisor's demo has
    return services


def seed_handovers(store: Store, services: dict[str, Services]) -> None:
    """张伟 hands four of his customers to 李娜: two asked together, one she accepted, one she declined."""
    from fieldcrm.services.handover import HandoverService

    rep = services["rep"]
    li = next(u for u in rep.profile.users() if u.name == "李娜")
    services["li"] = Services.for_store(store, li.id)
    mine = [c for c in rep.search.ids(base_query(40)) if rep.customers.get(c)["owner_id"] == rep.user_id][3:7]
    asking = HandoverService(store, rep.user_id)
    receiving = HandoverService(store, li.id)
    asking.request(mine[:2], li.id, "调往华南区，客户交由李娜跟进")
    (accepted,) = asking.request([mine[2]], li.id, "客户要求更换对接人")["requested"]
    receiving.accept(accepted["id"])
    (declined,) = asking.request([mine[3]], li.id, "区域调整")["requested"]
    receiving.decline(declined["id"], "该客户在宁波，离我太远")


def seed_ownership(store: Store, supervisor_id: str) -> None:
    """This month's changes of owner for the fairness report: the supervisor shares four pool customers out in turn
    and gives eight to 刘洋 by hand (a territory he takes over: the report flags him), 李娜 claims two more from the
    pool and releases one of hers."""
    from fieldcrm.services import CustomerQuery
    from fieldcrm.services.assignment import AssignmentService
    from fieldcrm.services.pool import PoolService

    users = {u.name: u.id for u in Services.for_store(store).profile.users()}
    pooled = Services.for_store(store, supervisor_id).search.ids(CustomerQuery(in_public_pool=True, limit=100))
    if len(pooled) < 14:
        print(f"only {len(pooled)} pool customers: the fairness report shows the demo's first contacts alone")
        return
    boss = AssignmentService(store, supervisor_id)
    boss.assign(pooled[:4], "round_robin", reason="月初分配")
    boss.assign(pooled[4:12], "by_hand", rep_id=users["刘洋"], reason="刘洋接手苏州片区")
    li = PoolService(store, users["李娜"])
    li.claim(pooled[12])
    li.claim(pooled[13])
    li.release(pooled[0], "客户暂无需求")


def lose_one(store: Store, services: dict[str, Services]) -> str:
    """One of 张伟's visited customers, given to 李娜 by the supervisor: he lost it and may appeal."""
    from fieldcrm.services.assignment import AssignmentService

    rep, boss = services["rep"], services["supervisor"]
    with store.engine.connect() as conn:
        visited = conn.exec_driver_sql(
            "SELECT v.customer_id FROM visit v JOIN customer c ON c.id = v.customer_id"
            " WHERE v.rep_id = ? AND c.owner_id = ? GROUP BY v.customer_id ORDER BY count(*) DESC, v.customer_id",
            (rep.user_id, rep.user_id),
        ).first()
    li = next(u for u in rep.profile.users() if u.name == "李娜")
    AssignmentService(store, boss.user_id).assign([visited[0]], "by_hand", rep_id=li.id, reason="区域调整")
    return str(visited[0])


def capture_appeal(window: MainWindow, worker: DbWorker, folder: Path, customer_id: str, language: str) -> None:
    """The rep's page of a customer he lost (why, and Appeal…), and the appeal dialog with a statement; the first
    language's run files the appeal, so the supervisor's Arbitration screen has one to decide."""
    from fieldcrm.services.appeals import AppealService

    customers = window.show_screen("customers")
    customers.open_customer(customer_id)
    settle(worker)
    shot(window, folder / "customer-page-lost.png")
    customers.page.ask_appeal()
    settle(worker)
    dialog = customers.page.appeal_dialog
    statement = "这个客户是我先接触的，已经拜访过多次，采购经理认可我们的方案，请求归还"
    dialog.statement.setPlainText(statement)
    settle(worker)
    shot(dialog, folder / "appeal.png")
    dialog.close()
    service = AppealService(worker.services.store, worker.services.user_id)
    if not service.appeals("open"):
        service.file(customer_id, statement)
    settle(worker)


def capture_pool(rules: QWidget, worker: DbWorker, folder: Path) -> None:
    """The Team rules dialog's first named pool open in its editor (name, filter, the rules it sets itself)."""
    editor = rules.pools  # type: ignore[attr-defined]
    if not editor.pools():
        return
    editor.list.selectRow(0)
    pool = editor.edit_selected()
    settle(worker)
    if pool is not None:
        shot(pool, folder / "team-pool.png")
        pool.close()


def capture_arbitration(boss: MainWindow, worker: DbWorker, folder: Path) -> None:
    """The supervisor's Arbitration screen: the open appeal with both sides' evidence, a decision being written."""
    screen = boss.show_screen("arbitration")
    settle(worker)
    screen.decision.setPlainText("张伟的拜访记录在先，客户归张伟；李娜的跟进记录保留")
    settle(worker)
    shot(boss, folder / "arbitration.png")


def base_query(limit: int = 10):  # noqa: ANN201 - a CustomerQuery for the rep's own customers
    from fieldcrm.services import CustomerQuery

    return CustomerQuery(limit=limit)


def capture_language(language: str, store: Store, services: dict[str, Services], out: Path, paths) -> None:  # noqa: ANN001
    install_language(language)
    folder = out / language
    worker = DbWorker(services["rep"])
    settings = settings_for(paths)
    rep = services["rep"].profile.users()
    rep_info = next(u for u in rep if u.name == "张伟")
    boss_info = next(u for u in rep if u.name == "王经理")
    window = MainWindow(worker, rep_info, settings, paths)
    window.resize(*SIZE)
    window.show()
    for key in window.screens:
        window.show_screen(key)
        settle(worker)
        shot(window, folder / f"{key}.png")
    capture_dark(lambda: MainWindow(worker, rep_info, settings, paths), worker, folder, ("today", "plans"))
    customers = window.show_screen("customers")
    customers.search_box.setText("上海" if language == "zh_CN" else "科技")
    settle(worker)
    shot(window, folder / "customers-search.png")
    customers.open_customer(customers.model.customer_id(0))
    settle(worker)
    shot(window, folder / "customer-page.png")
    customers.page.ask_release()
    settle(worker)
    shot(customers.page.release_dialog, folder / "release.png")
    customers.page.release_dialog.close()
    window.log_visit()  # Ctrl+L on the customer's page
    settle(worker)
    from fieldcrm.ui.visits.log_dialog import LogVisitDialog

    dialog = next(iter(window.findChildren(LogVisitDialog)), None)
    if dialog is not None:
        shot(dialog, folder / "log-visit.png")
        dialog.close()
    existing = services["rep"].search.search(base_query())[0]
    new = window.new_customer()
    new.form.inputs["name"].setText(existing.name)
    new.check_duplicates()
    settle(worker)
    shot(new, folder / "new-customer-duplicates.png")
    new.close()
    capture_excel(window, worker, folder, existing.name)
    capture_appeal(window, worker, folder, services["lost"]["customer"], language)  # type: ignore[index]
    window.close()

    worker.set_services(services["supervisor"])
    boss = MainWindow(worker, boss_info, settings, paths)
    boss.resize(*SIZE)
    boss.show()
    inbox = boss.show_screen("inbox")
    settle(worker)
    if inbox.reports.rowCount():
        inbox.list.selectRow(0)
        settle(worker)
    shot(boss, folder / "supervisor-inbox.png")
    capture_assign(boss, worker, folder)
    boss.show_screen("handovers")
    settle(worker)
    shot(boss, folder / "supervisor-handovers.png")
    boss.show_screen("fairness")
    settle(worker)
    shot(boss, folder / "fairness.png")
    pool = boss.show_screen("pool")
    settle(worker)
    shot(boss, folder / "supervisor-pool.png")
    pool.team_rules.click()
    settle(worker)
    rules = pool.findChild(QWidget, "teamRulesDialog")
    if rules is not None:
        shot(rules, folder / "team-rules.png")
        capture_pool(rules, worker, folder)
        rules.close()
    capture_arbitration(boss, worker, folder)
    boss.close()
    capture_handovers(services, worker, settings, paths, folder)

    from fieldcrm.ui.first_run import FirstRunDialog

    first = FirstRunDialog(worker)
    first.show()
    settle(worker)
    shot(first, folder / "first-run.png")
    first.close()

    from fieldcrm.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(worker, settings, None)
    dialog.show()
    settle(worker)
    shot(dialog, folder / "settings.png")
    dialog.close()
    worker.shutdown()


def capture_assign(boss: MainWindow, worker: DbWorker, folder: Path) -> None:
    """The supervisor's customer list with six customers selected, and the Assign dialog's round-robin preview."""
    from PySide6.QtCore import QItemSelectionModel

    customers = boss.show_screen("customers")
    settle(worker)
    rows = customers.view.selectionModel()
    for row in range(min(6, customers.model.rowCount())):
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        rows.select(customers.model.index(row, 0), flags)
    settle(worker)
    shot(boss, folder / "supervisor-customers-selected.png")
    customers.assign_selected()
    settle(worker)
    shot(customers.assign_dialog, folder / "assign-dialog.png")
    customers.assign_dialog.close()


def capture_handovers(services: dict[str, Services], worker: DbWorker, settings, paths, folder: Path) -> None:  # noqa: ANN001
    """李娜's Handovers queue (what waits for her to accept), and 张伟's Hand over dialog for three customers."""
    from PySide6.QtCore import QItemSelectionModel

    users = services["rep"].profile.users()
    worker.set_services(services["li"])
    li = MainWindow(worker, next(u for u in users if u.name == "李娜"), settings, paths)
    li.resize(*SIZE)
    li.show()
    li.show_screen("handovers")
    settle(worker)
    shot(li, folder / "handovers.png")
    li.close()
    worker.set_services(services["rep"])
    zhang = MainWindow(worker, next(u for u in users if u.name == "张伟"), settings, paths)
    zhang.resize(*SIZE)
    zhang.show()
    customers = zhang.show_screen("customers")
    settle(worker)
    rows = customers.view.selectionModel()
    for row in range(7, 10):
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        rows.select(customers.model.index(row, 0), flags)
    customers.hand_over_selected()
    settle(worker)
    dialog = customers.handover_dialog
    dialog.reason.setPlainText("离职交接：客户由李娜继续跟进")
    settle(worker)
    shot(dialog, folder / "handover-dialog.png")
    dialog.close()
    zhang.close()


def dark_palette() -> QPalette:
    """A dark system's palette, as a desktop in dark mode hands it to Qt."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202124"), (roles.WindowText, "#e8eaed"), (roles.Base, "#2a2d32"),
        (roles.AlternateBase, "#303338"), (roles.Text, "#e8eaed"), (roles.Button, "#303338"),
        (roles.ButtonText, "#e8eaed"), (roles.Highlight, "#5b8def"), (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#303338"), (roles.ToolTipText, "#e8eaed"), (roles.PlaceholderText, "#9aa0a6"),
        (roles.Mid, "#3c4047"), (roles.Midlight, "#3c4047"), (roles.Dark, "#151617"), (roles.Light, "#4a4e55"),
    ):  # fmt: skip
        palette.setColor(role, QColor(colour))
    return palette


def capture_dark(make_window: Callable[[], MainWindow], worker: DbWorker, folder: Path, keys: tuple[str, ...]) -> None:
    """`keys`' screens of a window started on a dark system: the chips and cards must read there too."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light_palette, light_sheet = QGuiApplication.palette(), app.styleSheet()
    QGuiApplication.setPalette(dark_palette())
    app.setStyleSheet(style_sheet(dark=True))
    try:
        window = make_window()  # icons are drawn in the theme's colours when a window is built
        window.resize(*SIZE)
        window.show()
        for key in keys:
            window.show_screen(key)
            settle(worker)
            shot(window, folder / f"{key}-dark.png")
        window.close()
    finally:
        QGuiApplication.setPalette(light_palette)
        app.setStyleSheet(light_sheet)


def capture_excel(window: MainWindow, worker: DbWorker, folder: Path, existing_name: str) -> None:
    """The import wizard's mapping and preview pages, the import history, and the export dialog."""
    with tempfile.TemporaryDirectory(prefix="fieldcrm-shots-xlsx-") as tmp:
        source = sample_list(Path(tmp) / "客户名单.xlsx", existing_name)
        wizard = window.open_import()
        wizard.path_edit.setText(str(source))
        wizard.read_button.click()
        settle(worker)
        shot(wizard, folder / "import-mapping.png")
        wizard.preview_button.click()
        settle(worker)
        shot(wizard, folder / "import-preview.png")
        wizard.commit_button.click()
        settle(worker)
        history = wizard.open_history()
        settle(worker)
        shot(history, folder / "import-history.png")
        history.close()
        wizard.close()
    export = window.open_export()
    settle(worker)
    shot(export, folder / "export.png")
    export.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--customers", type=int, default=300)
    args = parser.parse_args()
    protect_singletons()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyleSheet(load_style())
    with tempfile.TemporaryDirectory(prefix="fieldcrm-shots-") as tmp:
        paths = resolve_paths(tmp).ensure()
        store = Store.open(paths.database, paths.backups)
        services = seed(store, args.customers)
        for language in ("en", "zh_CN"):
            capture_language(language, store, services, Path(args.out), paths)
        store.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

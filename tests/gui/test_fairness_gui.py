"""The fairness screen (分配公平性报表) for a supervisor: pick the month, read each rep's figures, the totals, the mean
and the flag; export to Excel through a file dialog on the worker, the outcome in plain words, a refusal too. Real
window, real store, events made through the real services in November 2026."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from sqlmodel import select

from fieldcrm.models import AuditEvent, ExportPolicy
from fieldcrm.services import Services
from fieldcrm.services.assignment import AssignmentService
from fieldcrm.services.customers import CustomerService
from fieldcrm.ui.excel.export_log_dialog import filter_text
from fieldcrm.ui.fairness.screen import FAIRNESS_COLUMNS
from fieldcrm.ui.i18n import install_language

NOVEMBER = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)


def _assign(team: dict[str, Services], counts: dict[str, int]) -> None:
    sup = team["supervisor"]
    ids = {u.name: u.id for u in sup.profile.users()}
    customers = CustomerService(sup.store, sup.user_id, clock=lambda: NOVEMBER)
    boss = AssignmentService(sup.store, sup.user_id, clock=lambda: NOVEMBER)
    for name, count in counts.items():
        names = [f"{name}的{i}号客户有限公司" for i in range(count)]
        pooled = [customers.create(name=n, owner_id=None, in_public_pool=True) for n in names]
        boss.assign(pooled, "by_hand", rep_id=ids[name])


def _open(make_window, idle):
    window = make_window("supervisor")
    screen = window.show_screen("fairness")
    idle()
    screen.first.setDate(QDate(2026, 11, 1))
    screen.last.setDate(QDate(2026, 11, 1))
    idle()
    return screen


def _table(screen) -> dict[str, list[str]]:
    model = screen.figures
    rows = {}
    for row in range(model.rowCount()):
        cells = [model.data(model.index(row, col)) for col in range(model.columnCount())]
        rows[cells[1]] = cells
    return rows


def test_the_screen_shows_each_reps_figures_totals_mean_and_flag(qtbot, make_window, team_services, idle) -> None:
    team_services["supervisor"].profile.add_user("刘洋", "rep", "华东一组")
    _assign(team_services, {"刘洋": 7, "李娜": 1})
    screen = _open(make_window, idle)
    rows = _table(screen)
    assert list(rows) == ["李娜", "刘洋", "张伟", "Total", "Team mean"]
    received = [c.key for c in FAIRNESS_COLUMNS].index("received")
    assert screen.figures.headerData(received, Qt.Orientation.Horizontal) == "Received"
    assert [rows[name][received] for name in rows] == ["1", "7", "0", "8", "2.7"]
    assert rows["刘洋"][4] == "7"  # assigned
    assert rows["刘洋"][-1] == "far above the mean" and rows["张伟"][-1] == ""
    flag = screen.figures.index(1, len(rows["刘洋"]) - 1)
    assert screen.figures.data(flag, Qt.ItemDataRole.UserRole + 2) == "attention"
    assert screen.figures.data(screen.figures.index(3, 1), Qt.ItemDataRole.FontRole).bold()  # the totals
    assert screen.figures.data(screen.figures.index(0, 1), Qt.ItemDataRole.FontRole) is None
    assert "Asia/Shanghai" in screen.rule.text()
    assert screen.list.isColumnHidden(0)  # one month: no month column
    screen.first.setDate(QDate(2026, 10, 1))  # October to November
    idle()
    months = [screen.figures.data(screen.figures.index(row, 0)) for row in range(screen.figures.rowCount())]
    assert months == ["2026-10"] * 5 + ["2026-11"] * 5 and not screen.list.isColumnHidden(0)
    assert screen.figures.data(screen.figures.index(3, received)) == "0"  # October's total


def test_export_to_excel_through_the_file_dialog(qtbot, make_window, team_services, idle, tmp_path: Path) -> None:
    _assign(team_services, {"李娜": 2})
    screen = _open(make_window, idle)
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    dialog = screen.findChild(QFileDialog, "fairnessFileDialog")
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "公平性报表.xlsx"
    dialog.fileSelected.emit(str(target))  # what choosing the file and Save does
    dialog.close()
    qtbot.waitUntil(lambda: screen.message.text() != "")
    idle()
    assert screen.message.text() == f"Saved the fairness report for 2026-11 (2 rows) to {target}."
    assert screen.message.property("tone") == "success"
    assert not screen.progress.isVisible() and screen.export_button.isEnabled()
    ws = openpyxl.load_workbook(target)["2026-11"]
    assert ws["A1"].value == "Rep" and ws["A2"].value == "李娜" and ws["G2"].value == 2  # the window's language
    sup = team_services["supervisor"]
    with sup.store.session() as session:
        (logged,) = session.exec(select(AuditEvent)).all()
    assert (logged.owner_id, logged.file_name) == (sup.user_id, "公平性报表.xlsx")


def test_a_refused_export_says_why(qtbot, make_window, team_services, idle, tmp_path: Path) -> None:
    with team_services["supervisor"].store.transaction() as session:
        session.add(ExportPolicy(role="supervisor", scope="none"))
    screen = _open(make_window, idle)
    screen.export_to(tmp_path / "refused")
    qtbot.waitUntil(lambda: screen.message.text() != "")
    assert screen.message.text() == "Not exported: your role may not export customers; ask head office"
    assert screen.message.property("tone") == "danger"
    assert not (tmp_path / "refused.xlsx").exists()


def test_only_supervisors_and_admins_have_the_screen(make_window) -> None:
    assert "fairness" not in make_window("rep").screens
    assert "fairness" in make_window("supervisor").screens


def test_the_export_log_names_a_fairness_report_in_the_users_language(qapp, tmp_path: Path) -> None:
    install_language("zh_CN", tmp_path / "qm")
    try:
        assert filter_text("fairness report 2026-11") == "分配公平性报表，2026-11"
        assert filter_text("fairness report 2026-09 to 2026-11") == "分配公平性报表，2026-09 至 2026-11"
        assert filter_text("grade=A") == "grade=A"
    finally:
        install_language("en")
    assert filter_text("fairness report 2026-11") == "fairness report, 2026-11"

"""The fairness report as a workbook, read back: a sheet per month, the header row and names frozen, widths set,
figures as numbers, totals and the mean, the flag in words; exported under the export policy and logged."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.domain.exports import MAY_NOT_EXPORT
from fieldcrm.domain.fairness import FIGURES, Month
from fieldcrm.excel.fairness_book import LABELS, export_fairness
from fieldcrm.models import AuditEvent, ExportPolicy
from fieldcrm.services import Services
from fieldcrm.services.assignment import AssignmentService
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.pool import PoolService
from waiting import ManualClock

NOV, DEC = Month(2026, 11), Month(2026, 12)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 10, 2, 0, tzinfo=UTC))


@pytest.fixture
def team(team_services: dict[str, Services], clock: ManualClock) -> dict[str, Services]:
    """In November 刘洋 is assigned 8 pool customers, 张伟 claims one; in December 李娜 is assigned one."""
    sup = team_services["supervisor"]
    sup.profile.add_user("刘洋", "rep", "华东一组")
    ids = {u.name: u.id for u in sup.profile.users()}
    customers = CustomerService(sup.store, sup.user_id, clock=clock)
    pooled = [customers.create(name=f"池{i}号有限公司", owner_id=None, in_public_pool=True) for i in range(10)]
    boss = AssignmentService(sup.store, sup.user_id, clock=clock)
    boss.assign(pooled[:8], "by_hand", rep_id=ids["刘洋"])
    rep = team_services["rep"]
    PoolService(rep.store, rep.user_id, clock=clock).claim(pooled[8])
    clock.now = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    boss.assign(pooled[9:], "by_hand", rep_id=ids["李娜"])
    return team_services


def _table(ws) -> dict[str, list]:
    return {row[0].value: row for row in ws.iter_rows(min_row=2) if row[0].value}


def test_a_sheet_per_month_as_a_supervisor_prints_it(team, clock: ManualClock, tmp_path: Path) -> None:
    sup = team["supervisor"]
    path = tmp_path / "公平性报表.xlsx"
    done = export_fairness(sup.store, path, NOV, DEC, lang="zh", user_id=sup.user_id, clock=clock)
    assert (done.months, done.rows) == (2, 6)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["2026-11", "2026-12"]
    ws = book["2026-11"]
    assert [c.value for c in ws[1]] == list(LABELS["zh"])
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions["A"].width == 14 and ws.column_dimensions["N"].width == 18
    assert ws.page_setup.orientation == "landscape"
    rows = _table(ws)
    liu = [c.value for c in rows["刘洋"]]
    assert liu[1 + FIGURES.index("assignment")] == 8 and isinstance(liu[1 + FIGURES.index("assignment")], int)
    assert liu[1 + FIGURES.index("received")] == 8
    assert liu[-1] == "远高于平均"  # 8 against a mean of 9/3 = 3
    zhang = [c.value for c in rows["张伟"]]
    assert zhang[1 + FIGURES.index("claim")] == 1 and zhang[-1] is None
    total = [c.value for c in rows["合计"]]
    assert total[1 + FIGURES.index("received")] == 9
    mean = rows["团队平均"]
    assert mean[1 + FIGURES.index("received")].value == 3.0
    assert mean[1 + FIGURES.index("received")].number_format == "0.0"
    assert any("标记规则" in str(c.value) for c in ws["A"])
    assert _table(book["2026-12"])["李娜"][1 + FIGURES.index("assignment")].value == 1


def test_the_export_is_logged(team, clock: ManualClock, tmp_path: Path) -> None:
    sup = team["supervisor"]
    export_fairness(sup.store, tmp_path / "fairness.xlsx", NOV, DEC, lang="en", user_id=sup.user_id, clock=clock)
    with sup.store.session() as session:
        (event,) = session.exec(select(AuditEvent).where(AuditEvent.kind == "export")).all()
    assert (event.owner_id, event.filter_text, event.row_count, event.file_name) == (
        sup.user_id,
        "fairness report 2026-11 to 2026-12",
        6,
        "fairness.xlsx",
    )
    book = openpyxl.load_workbook(tmp_path / "fairness.xlsx")
    assert book["2026-11"]["A1"].value == "Rep"
    assert _table(book["2026-11"])["Team mean"][0].value == "Team mean"


def test_a_rep_exports_only_their_own_row(team, clock: ManualClock, tmp_path: Path) -> None:
    rep = team["rep"]
    path = tmp_path / "mine.xlsx"
    assert export_fairness(rep.store, path, NOV, user_id=rep.user_id, clock=clock).rows == 1
    names = [row[0].value for row in openpyxl.load_workbook(path)["2026-11"].iter_rows(min_row=2, max_row=3)]
    assert names == ["张伟", "合计"]


def test_a_refused_or_cancelled_export_leaves_no_file_and_no_log(team, clock: ManualClock, tmp_path: Path) -> None:
    sup = team["supervisor"]
    with sup.store.transaction() as session:
        session.add(ExportPolicy(role="supervisor", scope="none"))
    path = tmp_path / "refused.xlsx"
    with pytest.raises(PermissionDeniedError, match=MAY_NOT_EXPORT):
        export_fairness(sup.store, path, NOV, user_id=sup.user_id, clock=clock)
    rep = team["rep"]
    cancelled = tmp_path / "cancelled.xlsx"
    stopped = export_fairness(rep.store, cancelled, NOV, user_id=rep.user_id, clock=clock, cancelled=lambda: True)
    assert stopped.months == 0
    assert not path.exists() and not cancelled.exists() and list(tmp_path.glob(".*.part")) == []
    with sup.store.session() as session:
        assert session.exec(select(AuditEvent)).all() == []


def test_a_name_that_looks_like_a_formula_stays_text(team, clock: ManualClock, tmp_path: Path) -> None:
    sup = team["supervisor"]
    sup.profile.add_user("=1+1", "rep", "华东一组")
    path = tmp_path / "names.xlsx"
    export_fairness(sup.store, path, NOV, user_id=sup.user_id, clock=clock)
    cells = [row[0] for row in openpyxl.load_workbook(path)["2026-11"].iter_rows(min_row=2)]
    (risky,) = [c for c in cells if c.value == "=1+1"]
    assert risky.data_type == "s"

"""`fieldcrm ownership fairness`: the fairness report per rep and month for a supervisor (their team), a rep (their
own row), as JSON for scripts and as a workbook that is logged as an export; mistakes in one line."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cli_runner import Cli
from fieldcrm.domain.fairness import Month
from fieldcrm.domain.protection import PoolRules
from fieldcrm.models import utcnow


def _this_month() -> str:
    return str(Month.of(utcnow(), PoolRules().timezone))


def _team(rep: Cli) -> None:
    """张伟 registers two customers, 李娜 one; the supervisor 王经理 is current."""
    rep.ok("users", "add", "--name", "李娜", "--role", "rep", "--team", "华东一组")
    for name in ("杭州一号有限公司", "杭州二号有限公司"):
        rep.ok("customers", "add", "--name", name)
    rep.ok("init", "--name", "李娜")
    rep.ok("customers", "add", "--name", "宁波三号有限公司")
    rep.ok("init", "--name", "王经理")


def test_a_supervisor_gets_the_teams_figures_as_json(rep: Cli) -> None:
    _team(rep)
    data = rep.json("ownership", "fairness", "--month", _this_month())
    assert data["timezone"] == "Asia/Shanghai" and data["xlsx"] is None
    (month,) = data["months"]
    assert month["month"] == _this_month()
    assert [(r["rep"], r["first_contact"], r["received"]) for r in month["reps"]] == [("李娜", 1, 1), ("张伟", 2, 2)]
    assert month["total"]["received"] == 3 and month["mean"]["received"] == 1.5
    code, out, err = rep("ownership", "fairness")  # this month by default, as a table
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{_this_month()} (Asia/Shanghai)"
    assert lines[1].split()[:3] == ["rep", "first", "claimed"]
    assert lines[3].split()[:2] == ["李娜", "1"] and lines[5].split()[0] == "total"
    assert lines[-1].startswith("flagged: customers received at least 50% above or below")


def test_a_rep_sees_only_their_own_row(rep: Cli) -> None:
    _team(rep)
    rep.ok("init", "--name", "张伟")
    (month,) = rep.json("ownership", "fairness")["months"]
    assert [r["rep"] for r in month["reps"]] == ["张伟"]


def test_the_report_to_excel_is_logged_as_an_export(rep: Cli, tmp_path: Path) -> None:
    _team(rep)
    target = tmp_path / "公平性.xlsx"
    data = rep.json("ownership", "fairness", "--from", _this_month(), "--to", _this_month(), "--xlsx", str(target))
    assert data["xlsx"] == str(target)
    ws = openpyxl.load_workbook(target)[_this_month()]
    assert [ws.cell(row, 1).value for row in (2, 3, 4, 5)] == ["李娜", "张伟", "合计", "团队平均"]
    (logged,) = rep.json("exports", "list")
    assert (logged["file"], logged["rows"], logged["filter"]) == (
        "公平性.xlsx",
        2,
        f"fairness report {_this_month()}",
    )
    message = rep.fails(2, "ownership", "fairness", "--xlsx", str(target))
    assert "exists already; give --force" in message


def test_mistakes_are_one_line(rep: Cli, tmp_path: Path) -> None:
    fairness = ("ownership", "fairness")
    assert "'2026-13' is not a month; write it as YYYY-MM" in rep.fails(1, *fairness, "--month", "2026-13")
    assert "not both" in rep.fails(1, *fairness, "--month", "2026-11", "--from", "2026-10")
    assert "ends before it starts" in rep.fails(1, *fairness, "--from", "2026-12", "--to", "2026-11")
    assert "should end in .xlsx" in rep.fails(2, *fairness, "--xlsx", str(tmp_path / "report.csv"))

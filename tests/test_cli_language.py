"""The command line gives reasons in the user's language: the profile's setting (the GUI's Settings), else the
system locale; so does the error workbook it saves. English stays English."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from excel_helpers import write_xlsx

from cli_runner import Cli
from fieldcrm.paths import resolve_paths


def _choose(cli: Cli, language: str) -> None:
    """What the GUI's Settings write (QSettings, IniFormat, key ui/language)."""
    config = resolve_paths(cli.folder).ensure().config
    (config / "fieldcrm-ui.ini").write_text(f"[ui]\nlanguage={language}\n", encoding="utf-8")


@pytest.fixture
def chinese_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def _bad_list(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "名单.xlsx", [["客户名称", "客户等级"], ["甲公司", "A"], ["", "Q"]])


def test_the_profiles_chinese_reaches_the_import_reasons_and_the_error_workbook(rep: Cli, tmp_path: Path) -> None:
    _choose(rep, "zh_CN")
    errors = tmp_path / "错误.xlsx"
    code, _out, err = rep("import", str(_bad_list(tmp_path)), "--errors", str(errors))
    assert code == 0
    assert "row 3, 客户名称: 为必填项，但未填写" in err and "“Q”不是客户等级" in err
    assert "is required" not in err
    sheet = openpyxl.load_workbook(errors).active
    assert sheet.cell(1, 3).value == "错误原因"
    assert "为必填项，但未填写" in sheet.cell(2, 3).value and "is required" not in sheet.cell(2, 3).value


def test_a_refusal_follows_the_system_locale_when_the_profile_chose_none(rep: Cli, chinese_system: None) -> None:
    line = rep.fails(1, "customers", "add", "--name", "乙公司", "--grade", "Q")
    assert "“Q”不是客户等级" in line


def test_the_profiles_english_wins_over_a_chinese_system(rep: Cli, chinese_system: None, tmp_path: Path) -> None:
    _choose(rep, "en")
    line = rep.fails(1, "customers", "add", "--name", "乙公司", "--grade", "Q")
    assert "'Q' is not a grade" in line
    errors = tmp_path / "errors.xlsx"
    rep("import", str(_bad_list(tmp_path)), "--errors", str(errors))
    sheet = openpyxl.load_workbook(errors).active
    assert sheet.cell(1, 3).value == "Why it failed" and "is required" in sheet.cell(2, 3).value

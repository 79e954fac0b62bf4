"""`fieldcrm import / export / export-template` as a user runs them, against the profile's real store."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from excel_helpers import write_xlsx

from fieldcrm.cli import main


@pytest.fixture
def profile() -> None:
    assert main(["init", "--name", "张伟", "--role", "rep"]) == 0


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_import_json_errors_workbook_history_and_undo(
    profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        [["Customer name", "Phone", "Level", "Remark"], ["Alpha Ltd", 13800000001, "a", "x"], ["", "12", "Q", None]],
    )
    errors = tmp_path / "errors.xlsx"
    dry = _json(capsys, ["import", str(path), "--dry-run", "--format", "json"])
    assert dry["import_id"] is None and dry["new"] == 1
    out = _json(capsys, ["import", str(path), "--format", "json", "--errors", str(errors)])
    assert {k: out[k] for k in ("new", "update", "duplicate", "skipped", "error")} == {
        "new": 1, "update": 0, "duplicate": 0, "skipped": 0, "error": 1,
    }  # fmt: skip
    assert {(e["row"], e["column"]) for e in out["errors"]} == {(3, "Customer name"), (3, "Phone"), (3, "Level")}
    assert openpyxl.load_workbook(errors).active.max_row == 2
    history = _json(capsys, ["import", "history", "--format", "json"])
    assert history[0]["import_id"] == out["import_id"]
    undo = _json(capsys, ["import", "undo", out["import_id"], "--format", "json"])
    assert undo["removed"] == 1


def test_map_option_and_text_preview(profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "m.xlsx", [["客户名称", "片区"], ["甲公司", "华东"]])
    assert main(["import", str(path), "--dry-run", "--map", "片区=region", "--save-mapping"]) == 0
    out = capsys.readouterr().out
    assert "片区→region" in out and "华东" in out and "nothing was written" in out
    assert main(["import", str(path), "--dry-run"]) == 0  # the saved mapping is used again
    assert "片区→region" in capsys.readouterr().out


def test_bad_input_gives_one_line(profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00\x01\x02 not a workbook" * 10)
    assert main(["import", str(junk)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err and "junk.xlsx" in err
    path = write_xlsx(tmp_path / "m.xlsx", [["客户名称"], ["甲"]])
    assert main(["import", str(path), "--map", "没有的列=region"]) == 2
    assert "no column" in capsys.readouterr().err
    assert main(["import", "undo"]) == 2
    assert main(["import", str(path), "--max-rows", "1"]) == 1
    assert "import limit" in capsys.readouterr().err


def test_export_and_template(profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "l.xlsx", [["客户名称", "客户等级"], ["甲公司", "A"], ["乙公司", "B"]])
    assert main(["import", str(path)]) == 0
    out = tmp_path / "out.xlsx"
    assert main(["export", str(out), "--grade", "A", "--lang", "en"]) == 0
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Company" and ws["A2"].value == "甲公司" and ws.max_row == 2
    template = tmp_path / "t.xlsx"
    assert main(["export-template", str(template)]) == 0
    assert openpyxl.load_workbook(template)["客户"]["A1"].value == "客户名称"

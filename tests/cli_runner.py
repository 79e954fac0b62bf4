"""Running `fieldcrm --data-dir DIR …` in-process as a user would, for the CLI tests: the runner and its fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldcrm.cli import main


class Cli:
    """Runs `fieldcrm --data-dir DIR …` in-process and hands back (exit code, stdout, stderr)."""

    def __init__(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.folder = folder
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main(["--data-dir", str(self.folder), *args])
        except SystemExit as exc:  # argparse's way out for usage mistakes
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert (code, err) == (0, ""), err
        return out

    def json(self, *args: str) -> object:
        return json.loads(self.ok(*args, "--format", "json"))

    def fails(self, code: int, *args: str) -> str:
        """The command exits with `code` and says why in exactly one line on stderr (nothing on stdout)."""
        got, out, err = self(*args)
        assert got == code, (got, out, err)
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), err
        return lines[0]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "profile-dir", capsys)


@pytest.fixture
def rep(cli: Cli) -> Cli:
    """A store whose current user is the rep 张伟 of 华东一组, led by 王经理."""
    cli.ok("init", "--name", "张伟", "--role", "rep", "--team", "华东一组")
    cli.ok("users", "add", "--name", "王经理", "--role", "supervisor", "--team", "华东一组")
    return cli


@pytest.fixture
def customer(rep: Cli) -> str:
    out = rep.ok(
        "customers", "add", "--name", "苏州恒泰电子有限公司", "--phone", "0512-66881234", "--region", "华东",
        "--industry", "电子电器", "--grade", "B", "--stage", "新", "--address", "苏州市工业园区星湖街328号",
        "--contact-name", "李明", "--contact-mobile", "13912345678", "--contact-title", "采购经理",
    )  # fmt: skip
    return out.strip()

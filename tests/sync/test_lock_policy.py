"""Head office's lock policy (`fieldcrm-server lock-policy`): with `--cli`, a rep's commands that show customer data
ask for the password on the terminal (once per idle time), and without a terminal say so in one sentence."""

from __future__ import annotations

import getpass
import io
import sys
from datetime import UTC, datetime, timedelta

import pytest

from fieldcrm.cli import main
from fieldcrm.domain.app_lock import LOCKED_NO_TERMINAL, WRONG_PASSWORD
from fieldcrm.server.cli import main as server_main
from fieldcrm.services.app_lock import CLI_UNLOCKED_AT
from fieldcrm.services.state import set_state
from server_fixtures import PASSWORD


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def at_terminal(monkeypatch, laptop, typed: list[str], *args: str) -> tuple[int, list[str]]:
    """Run a command as if typed in a terminal where the user answers each password prompt from `typed`."""
    asked: list[str] = []

    def answer(prompt: str = "") -> str:
        asked.append(prompt)
        return typed.pop(0)

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", answer)
    laptop.close()  # the command opens the store itself
    return main(["--data-dir", str(laptop.folder), *args]), asked


@pytest.fixture
def locked_rep(server, team, laptop_factory, capsys):
    setting = ["lock-policy", "--database-url", server.database_url, "--role", "rep", "--minutes", "10", "--cli"]
    assert server_main(setting) == 0
    assert "rep\tlocks after 10 min\tcommand line asks too" in capsys.readouterr().out
    zhang = laptop_factory("zhang", "张伟")
    zhang.cli("customers", "add", "--name", "甲商贸有限公司")  # before the policy reached the laptop
    zhang.sync()
    return zhang


def test_a_script_without_a_terminal_is_told_why_and_shown_nothing(locked_rep, tmp_path) -> None:
    out = locked_rep.cli("customers", "list", expect=2)
    assert out == ""
    assert locked_rep.last_stderr.strip() == f"error: {LOCKED_NO_TERMINAL}"
    locked_rep.cli("export-template", str(tmp_path / "模板.xlsx"))  # nothing about customers: no password
    locked_rep.sync()


def test_the_password_is_asked_once_per_idle_time(locked_rep, monkeypatch, capsys) -> None:
    code, asked = at_terminal(monkeypatch, locked_rep, [PASSWORD], "customers", "list")
    assert code == 0 and len(asked) == 1
    assert "甲商贸有限公司" in capsys.readouterr().out
    code, asked = at_terminal(monkeypatch, locked_rep, [], "plan", "show")
    assert code == 0 and asked == []  # within ten minutes
    with locked_rep.store.transaction() as session:  # eleven minutes later
        set_state(session, CLI_UNLOCKED_AT, (datetime.now(UTC) - timedelta(minutes=11)).isoformat())
    code, asked = at_terminal(monkeypatch, locked_rep, ["wrong one", PASSWORD], "customers", "list")
    assert code == 0 and len(asked) == 2


def test_three_wrong_passwords_show_nothing(locked_rep, monkeypatch, capsys) -> None:
    code, asked = at_terminal(monkeypatch, locked_rep, ["a", "b", "c"], "customers", "list")
    assert code == 2 and len(asked) == 3
    captured = capsys.readouterr()
    assert "甲商贸有限公司" not in captured.out
    assert WRONG_PASSWORD in captured.err


def test_a_policy_for_supervisors_leaves_reps_alone(server, team, laptop_factory) -> None:
    assert server_main(["lock-policy", "--database-url", server.database_url, "--role", "supervisor", "--cli"]) == 0
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    zhang.cli("customers", "list")
    boss = laptop_factory("boss", "王经理")
    boss.sync()
    boss.cli("customers", "list", expect=2)

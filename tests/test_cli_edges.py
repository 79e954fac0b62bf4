"""What a new user meets at the edges of the command line: one sentence saying what to do, never a traceback."""

from __future__ import annotations

import io
import socket
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from excel_helpers import write_xlsx

from cli_runner import Cli


@pytest.mark.parametrize("command", ["export", "export-template"])
def test_writing_into_a_missing_folder_says_which_folder(rep: Cli, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no-such-dir"
    line = rep.fails(2, command, str(missing / "x.xlsx"))
    assert line == (
        f"error: {command}: there is no folder '{missing}'; create it first or choose another place for the file"
    )


def test_import_errors_workbook_into_a_missing_folder_is_refused_before_importing(
    rep: Cli, customer: str, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    source.write_text("客户名称,电话\n宁波新光贸易有限公司,0574-87654321\n", encoding="utf-8")
    missing = tmp_path / "no-such-dir"
    line = rep.fails(2, "import", str(source), "--errors", str(missing / "errors.xlsx"))
    assert f"--errors: there is no folder '{missing}'" in line
    assert [c["id"] for c in rep.json("customers", "list")] == [customer]  # nothing was imported


def test_a_data_dir_that_is_a_file_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    for data_dir in (a_file, a_file / "inside"):
        line = Cli(data_dir, capsys).fails(2, "customers", "list")
        assert line.startswith(f"error: the data folder '{data_dir}' (--data-dir or FIELDCRM_DATA_DIR) is a file")
        assert line.endswith("give a folder (a new one is made)")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/sys refuses new folders to everyone, root too")
def test_a_data_dir_that_cannot_be_made_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = Cli(Path("/sys/fieldcrm-profile"), capsys).fails(2, "customers", "list")
    assert line == (
        "error: cannot make the data folder '/sys/fieldcrm-profile' (--data-dir or FIELDCRM_DATA_DIR): "
        "Operation not permitted; choose a folder you can write to"
    )


@pytest.fixture
def refusing_port() -> Iterator[int]:
    """A loopback port held by a socket that never listens: a connection to it is refused, every time."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def _login(cli: Cli, monkeypatch: pytest.MonkeyPatch, server: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO("secret\n"))
    return cli.fails(2, "login", "--server", server, "--user", "张伟", "--password-stdin")


def test_login_to_an_address_without_http_says_to_add_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, refusing_port: int
) -> None:
    line = _login(cli, monkeypatch, f"127.0.0.1:{refusing_port}")
    assert line == (
        f"error: '127.0.0.1:{refusing_port}' is not a server address: add http:// or https:// in front of the address"
    )


def test_login_to_a_port_where_nothing_answers_asks_whether_the_server_runs(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, refusing_port: int
) -> None:
    line = _login(cli, monkeypatch, f"http://127.0.0.1:{refusing_port}")
    assert line == (
        f"error: nothing answers at http://127.0.0.1:{refusing_port}: is the server running, is the address right?"
    )


def test_import_of_a_folder_says_it_is_a_folder(rep: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "客户资料"
    folder.mkdir()
    assert rep.fails(1, "import", str(folder)) == (
        "error: 客户资料: is a folder; give the workbook inside it (.xlsx, .xls or .csv)"
    )


def test_import_warns_of_phones_of_an_odd_shape_and_keeps_their_rows(rep: Cli, tmp_path: Path) -> None:
    book = write_xlsx(
        tmp_path / "名单.xlsx",
        [
            ["客户名称", "电话", "联系人", "手机"],
            ["苏州甲电子有限公司", 51262345678, "李明", "13912345678"],  # 0512-62345678 typed as a number
            ["宁波乙贸易有限公司", "0574-1234", None, None],
            ["上海丙机械有限公司", "021-62345678", "王芳", "1391234567"],
            ["北京丁科技有限公司", "010-62345678", "赵六", "+86 139-1234-5678"],
        ],
    )
    preview = rep.json("import", str(book), "--dry-run")
    assert [(w["row"], w["column"]) for w in preview["warnings"]] == [(2, "电话"), (3, "电话"), (4, "手机")]
    assert preview["warnings"][0]["reason"].startswith("'51262345678' looks like a landline that lost its leading 0")
    assert preview["warnings"][1]["reason"].startswith("'0574-1234' is too short for a landline")
    assert preview["warnings"][2]["reason"].startswith("'1391234567' is not the shape of a mobile")
    assert (preview["new"], preview["error"], preview["errors"]) == (4, 0, [])

    out = rep.ok("import", str(book))
    assert "row 3, 电话: warning: '0574-1234' is too short for a landline" in out
    assert "new 4, update 0, duplicate 0, skipped 0, error 0" in out
    assert len(rep.json("customers", "list", "--search", "有限公司")) == 4  # warned rows are imported all the same


@pytest.mark.parametrize("command", ["export", "export-template"])
def test_writing_over_an_existing_file_needs_force(rep: Cli, tmp_path: Path, command: str) -> None:
    target = tmp_path / "客户.xlsx"
    target.write_bytes(b"the only copy of last month's list")
    line = rep.fails(2, command, str(target))
    assert line == f"error: {command}: '{target}' exists already; give --force to replace it, or another name"
    assert target.read_bytes() == b"the only copy of last month's list"
    rep.ok(command, str(target), "--force")
    assert target.read_bytes().startswith(b"PK")  # now a workbook


def test_customers_list_says_when_it_stopped_at_the_limit(rep: Cli) -> None:
    for name in ("杭州甲公司", "杭州乙公司", "杭州丙公司"):
        rep.ok("customers", "add", "--name", name)
    assert rep.ok("customers", "list", "--limit", "2").splitlines()[-1] == (
        "showing 2 of 3; use --limit (or --offset 2) to see more"
    )
    assert rep.ok("customers", "list", "--limit", "1", "--offset", "1").splitlines()[-1] == (
        "showing 1 of 3 (from number 2); use --limit (or --offset 2) to see more"
    )
    assert "showing" not in rep.ok("customers", "list", "--limit", "3")  # all of them: nothing more to see
    assert len(rep.json("customers", "list", "--limit", "2")) == 2  # scripts get the rows only, as before


def test_empty_listings_say_so(rep: Cli) -> None:
    assert rep.ok("customers", "list") == (
        "No customers yet: add one with `fieldcrm customers add` or `fieldcrm import FILE`.\n"
    )
    assert rep.ok("import", "history") == "No imports yet.\n"
    rep.ok("customers", "add", "--name", "杭州甲公司")
    assert rep.ok("customers", "list", "--search", "北京") == "No customers match.\n"
    assert rep.ok("customers", "list", "--offset", "5") == "No customers past the first 1; give a smaller --offset.\n"


def test_visits_log_finds_the_customer_by_a_part_of_its_name(rep: Cli, customer: str) -> None:
    code, out, err = rep("visits", "log", "--customer", "恒泰", "--outcome", "送样品")
    assert (code, err) == (0, f"--customer: '恒泰' is 苏州恒泰电子有限公司 ({customer})\n")
    assert [v["id"] for v in rep.json("customers", "show", customer)["visits"]] == [out.strip()]
    rep.ok("visits", "log", "--customer", "苏州恒泰电子有限公司", "--outcome", "报价")  # the whole name: no note
    assert len(rep.json("customers", "show", customer)["visits"]) == 2


def test_visits_log_lists_the_customers_a_name_could_mean_and_writes_nothing(
    rep: Cli, customer: str, today: date
) -> None:
    other = rep.ok("customers", "add", "--name", "宁波恒泰塑料有限公司").strip()
    code, out, err = rep("visits", "log", "--customer", "恒泰", "--outcome", "送样品")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "error: --customer: '恒泰' matches 2 customers; give more of the name, or the id:",
        f"  宁波恒泰塑料有限公司  {other}",
        f"  苏州恒泰电子有限公司  {customer}",
    ]
    assert rep.json("customers", "show", customer)["visits"] == []
    assert rep.json("customers", "show", other)["visits"] == []
    code, out, err = rep("plan", "add", "--date", str(today), "--customer", "宁波恒泰")
    assert (code, err) == (0, f"--customer: '宁波恒泰' is 宁波恒泰塑料有限公司 ({other})\n")
    stops = rep.json("plan", "show", "--date", str(today))["stops"]
    assert [s["customer_id"] for s in stops if s["id"] == out.strip()] == [other]


def test_dates_a_rep_cannot_mean_are_refused_in_plain_words(rep: Cli, customer: str, today: date) -> None:
    tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)
    assert rep.fails(2, "visits", "log", "--customer", customer, "--outcome", "x", "--at", f"{tomorrow} 09:00") == (
        f"error: at: {tomorrow} 09:00 is after today; a visit is logged once it has happened "
        "(to plan one, use `fieldcrm plan add`)"
    )
    assert rep.fails(2, "visits", "log", "--customer", customer, "--outcome", "x", "--next-date", str(yesterday)) == (
        f"error: next-date: {yesterday} is in the past; a follow-up is today or later (today is {today})"
    )
    assert rep.json("customers", "show", customer)["visits"] == []
    assert rep.fails(2, "plan", "add", "--date", str(yesterday), "--customer", customer) == (
        f"error: date: {yesterday} is in the past; a plan is for today or a day to come (today is {today})"
    )
    far = today + timedelta(days=367)
    assert rep.fails(2, "plan", "add", "--date", str(far), "--customer", customer) == (
        f"error: date: {far} is more than a year away; check the year (today is {today})"
    )
    # The edges a rep does mean: a visit earlier today or yesterday, a follow-up today, a plan for today.
    rep.ok(
        "visits",
        "log",
        "--customer",
        customer,
        "--outcome",
        "x",
        "--at",
        f"{yesterday} 16:00",
        "--next-date",
        str(today),
    )
    rep.ok("plan", "add", "--date", str(today), "--customer", customer)
    rep.ok("plan", "add", "--date", str(today + timedelta(days=365)), "--customer", customer)


@pytest.fixture
def in_shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This laptop's clock on China time (UTC+8, no daylight saving): local and UTC times differ by 8 hours."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_read_local_for_people_and_iso_with_offset_for_scripts(
    rep: Cli, tmp_path: Path, in_shanghai: None
) -> None:
    book = write_xlsx(tmp_path / "名单.xlsx", [["客户名称"], ["苏州甲电子有限公司"]])
    import_id = rep.json("import", str(book))["import_id"]
    [entry] = rep.json("import", "history")
    stamp = datetime.fromisoformat(entry["created_at"])
    assert stamp.utcoffset() is not None  # ISO 8601 with its offset
    local = stamp.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    table = rep.ok("import", "history").splitlines()
    assert table[0].split()[:2] == ["id", "when"]
    assert table[2].split()[:3] == [import_id, *local.split()]
    rep.ok("import", "undo", import_id)
    [entry] = rep.json("import", "history")
    undone = datetime.fromisoformat(entry["undone_at"]).astimezone(ZoneInfo("Asia/Shanghai"))
    assert rep.fails(1, "import", "undo", import_id) == (
        f"error: import {import_id} was already undone on {undone:%Y-%m-%d %H:%M}"
    )

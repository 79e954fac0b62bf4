"""The scripted command line: each command's happy path, its one-line errors, and the demo acceptance flow."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from cli_runner import Cli
from fieldcrm import __version__
from waiting import HANG_GUARD


def count_customers(cli: Cli) -> int:
    return len(cli.json("customers", "list", "--limit", "1000"))


def test_version_from_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fieldcrm", "--version"], capture_output=True, text=True, timeout=HANG_GUARD
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"fieldcrm {__version__}"


def test_a_real_process_reports_an_error_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fieldcrm", "--data-dir", str(tmp_path / "p"), "customers", "show", "no-such-id"],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "error: no customer with id no-such-id"


def test_init_and_users_list(cli: Cli) -> None:
    out = cli.ok("init", "--name", "张伟", "--role", "rep", "--team", "华东一组")
    assert "Profile ready: 张伟 (rep, team 华东一组)" in out
    users = cli.json("users", "list")
    assert [(u["name"], u["role"], u["team"], u["current"]) for u in users] == [("张伟", "rep", "华东一组", True)]
    table = cli.ok("users", "list").splitlines()
    assert table[0].split() == ["name", "role", "team", "id"]
    assert table[2].split()[:4] == ["*", "张伟", "rep", "华东一组"]


def test_init_again_switches_the_current_user(rep: Cli) -> None:
    assert "王经理 (supervisor, team 华东一组)" in rep.ok("init", "--name", "王经理")  # role kept from the store
    assert [u["name"] for u in rep.json("users", "list") if u["current"]] == ["王经理"]
    rep.ok("init", "--name", "张伟")
    assert [u["name"] for u in rep.json("users", "list") if u["current"]] == ["张伟"]


def test_init_of_an_unknown_name_needs_a_role(rep: Cli) -> None:
    line = rep.fails(2, "init", "--name", "赵六")
    assert line.startswith("error: role: '赵六' is a new user here")
    assert "赵六" not in [u["name"] for u in rep.json("users", "list")]


def test_commands_that_act_for_a_user_need_a_profile(cli: Cli) -> None:
    line = cli.fails(1, "customers", "add", "--name", "杭州新华贸易有限公司")
    assert "no local profile yet" in line and "fieldcrm init" in line


def test_customers_add_list_show(rep: Cli, customer: str) -> None:
    rows = rep.json("customers", "list", "--search", "恒泰")
    assert [r["id"] for r in rows] == [customer]
    row = rows[0]
    for key in ("id", "name", "phone", "grade", "stage", "region", "industry", "owner", "protection_until",
                "next_follow_up"):  # fmt: skip
        assert key in row
    expected = ("苏州恒泰电子有限公司", "0512-66881234", "B", "张伟")
    assert (row["name"], row["phone"], row["grade"], row["owner"]) == expected
    assert rep.json("customers", "list", "--search", "李明")[0]["id"] == customer  # a contact's name finds it
    assert rep.json("customers", "list", "--search", "8812")[0]["id"] == customer  # a phone fragment too
    assert rep.json("customers", "list", "--region", "华北") == []
    assert rep.json("customers", "list", "--owner", "张伟", "--grade", "B")[0]["id"] == customer
    table = rep.ok("customers", "list", "--search", "恒泰")
    assert "苏州恒泰电子有限公司" in table and table.splitlines()[0].split()[:2] == ["id", "name"]

    shown = rep.json("customers", "show", customer)
    assert shown["owner"] == "张伟" and shown["address"] == "苏州市工业园区星湖街328号"
    assert [(c["name"], c["mobile"], c["title"], c["is_primary"]) for c in shown["contacts"]] == [
        ("李明", "13912345678", "采购经理", True)
    ]
    assert shown["visits"] == []
    text = rep.ok("customers", "show", customer)
    assert "name:" in text and "苏州恒泰电子有限公司" in text and "李明" in text and "Visits (0" in text


def test_customers_list_sorts_names_in_pinyin_order_and_finds_their_pinyin(rep: Cli) -> None:
    for name in ("中国工商银行股份有限公司", "重庆长安汽车股份有限公司", "北京燕山电子有限公司", "厦门航空有限公司"):
        rep.ok("customers", "add", "--name", name)
    listed = [row["name"] for row in rep.json("customers", "list", "--sort", "name")]
    assert listed == [
        "北京燕山电子有限公司",
        "重庆长安汽车股份有限公司",
        "厦门航空有限公司",
        "中国工商银行股份有限公司",
    ]
    assert [row["name"] for row in rep.json("customers", "list")] == listed  # the default order
    assert [row["name"] for row in rep.json("customers", "list", "--sort", "name", "--desc")] == listed[::-1]
    assert [row["name"] for row in rep.json("customers", "list", "--search", "zggs")] == ["中国工商银行股份有限公司"]


def test_customers_list_filters_by_due_follow_up(rep: Cli, customer: str, today: date) -> None:
    soon = (today + timedelta(days=3)).isoformat()
    rep.ok("customers", "edit", customer, "--next-follow-up", soon)
    assert rep.json("customers", "list", "--due", today.isoformat()) == []
    assert [r["next_follow_up"] for r in rep.json("customers", "list", "--due", soon)] == [soon]
    assert rep.fails(2, "customers", "list", "--due", "next week") == (
        "error: due: 'next week' is not a date; write it as YYYY-MM-DD"
    )
    assert rep.fails(2, "customers", "list", "--limit", "0").startswith("error: limit:")


def test_duplicate_customer_is_refused_with_its_owner(rep: Cli, customer: str) -> None:
    line = rep.fails(1, "customers", "add", "--name", "苏州 恒泰电子（有限公司）")
    assert "same company name" in line and "owner 张伟" in line and customer in line
    assert "--allow-duplicate" in line
    line = rep.fails(1, "customers", "add", "--name", "别的公司", "--phone", "+86 0512 6688 1234")
    assert "same phone" in line
    assert count_customers(rep) == 1
    new_id = rep.ok("customers", "add", "--name", "苏州恒泰电子有限公司", "--allow-duplicate").strip()
    assert new_id != customer and count_customers(rep) == 2


def test_invalid_field_writes_nothing(rep: Cli) -> None:
    line = rep.fails(1, "customers", "add", "--name", "上海新材有限公司", "--grade", "Z")
    assert line == "error: grade: 'Z' is not a grade; use one of A, B, C"
    line = rep.fails(
        1, "customers", "add", "--name", "上海新材有限公司", "--contact-name", "王芳", "--contact-mobile", "12"
    )
    assert line.startswith("error: mobile: '12' is not a phone number")
    assert count_customers(rep) == 0  # the customer was not left behind without its contact
    line = rep.fails(2, "customers", "add", "--name", "上海新材有限公司", "--contact-mobile", "13800001111")
    assert line.startswith("error: contact-name: is required")
    line = rep.fails(1, "customers", "add", "--name", "上海新材有限公司", "--credit-code", "91310000ABCDEFGH12")
    assert line.startswith("error: credit_code:") and "check digit" in line


def test_customers_edit(rep: Cli, customer: str) -> None:
    assert rep.ok("customers", "edit", customer, "--grade", "A", "--stage", "重要").strip() == "Updated grade, stage"
    assert rep.ok("customers", "edit", customer, "--grade", "a").startswith("No change")
    rep.ok("customers", "edit", customer, "--phone", "")  # an empty value clears the field
    shown = rep.json("customers", "show", customer)
    assert (shown["grade"], shown["stage"], shown["phone"]) == ("A", "重要", None)
    assert rep.fails(2, "customers", "edit", customer).startswith("error: nothing to change")
    assert rep.fails(1, "customers", "edit", customer, "--stage", "很好").startswith("error: stage: '很好'")
    assert rep.fails(1, "customers", "edit", "missing", "--grade", "A") == "error: no customer with id missing"
    other = rep.ok("customers", "add", "--name", "无锡宏远机械有限公司").strip()
    line = rep.fails(1, "customers", "edit", other, "--name", "苏州恒泰电子股份有限公司")
    assert "same company name" in line
    assert rep.json("customers", "show", other)["name"] == "无锡宏远机械有限公司"


def test_customers_delete(rep: Cli, customer: str) -> None:
    assert rep.ok("customers", "delete", customer).strip() == f"Deleted 苏州恒泰电子有限公司 ({customer})"
    assert rep.json("customers", "list", "--search", "恒泰") == []
    assert rep.fails(1, "customers", "show", customer) == f"error: no customer with id {customer}"
    assert rep.fails(1, "customers", "delete", customer) == f"error: no customer with id {customer}"


def test_a_rep_cannot_edit_another_reps_customer(rep: Cli, customer: str) -> None:
    rep.ok("users", "add", "--name", "李娜", "--role", "rep", "--team", "华东一组")
    rep.ok("init", "--name", "李娜")
    line = rep.fails(1, "customers", "edit", customer, "--grade", "C")
    assert line == "error: this customer belongs to another rep; ask your supervisor to reassign it"


def test_contacts_add(rep: Cli, customer: str) -> None:
    contact = rep.ok(
        "contacts", "add", customer, "--name", "王芳", "--mobile", "13700002222", "--email", "wf@163.com",
        "--title", "财务经理", "--primary",
    ).strip()  # fmt: skip
    contacts = rep.json("customers", "show", customer)["contacts"]
    assert [(c["name"], c["is_primary"]) for c in contacts] == [("王芳", True), ("李明", False)]
    assert contacts[0]["id"] == contact
    assert rep.json("customers", "list", "--search", "王芳")[0]["id"] == customer
    assert rep.fails(1, "contacts", "add", customer, "--name", "赵强", "--email", "not-mail") == (
        "error: email: 'not-mail' is not an e-mail address"
    )
    assert rep.fails(1, "contacts", "add", "nope", "--name", "赵强") == "error: no customer with id nope"


def test_visits_log(rep: Cli, customer: str, today: date) -> None:
    at = f"{today.isoformat()} 10:30"
    follow = (today + timedelta(days=7)).isoformat()
    visit = rep.ok(
        "visits", "log", "--customer", customer, "--kind", "meeting", "--outcome", "介绍新品，客户有兴趣",
        "--notes", "带了样品", "--next-step", "发送报价", "--next-date", follow, "--at", at, "--minutes", "45",
    ).strip()  # fmt: skip
    shown = rep.json("customers", "show", customer)
    assert shown["next_follow_up"] == follow
    [logged] = shown["visits"]
    assert (logged["id"], logged["kind"], logged["rep"]) == (visit, "meeting", "张伟")
    assert (logged["outcome"], logged["notes"], logged["next_step"]) == ("介绍新品，客户有兴趣", "带了样品", "发送报价")
    assert "10:30" in rep.ok("customers", "show", customer)  # shown in local time, as typed


def test_visits_log_errors(rep: Cli, customer: str) -> None:
    assert rep.fails(2, "visits", "log", "--customer", customer, "--outcome", "x", "--at", "tomorrow 9am") == (
        "error: at: 'tomorrow 9am' is not a time; write it as \"YYYY-MM-DD HH:MM\""
    )
    assert rep.fails(1, "visits", "log", "--customer", "gone", "--outcome", "x") == (
        "error: no customer with id or name 'gone' (see `fieldcrm customers list --search …`)"
    )
    assert rep.fails(1, "visits", "log", "--customer", customer, "--outcome", "  ") == (
        "error: outcome: is required and was left empty"
    )
    line = rep.fails(1, "visits", "log", "--customer", customer, "--outcome", "x", "--next-date", "31/02")
    assert line.startswith("error: next_date: '31/02' is not a date")
    assert rep.json("customers", "show", customer)["visits"] == []
    line = rep.fails(2, "visits", "log", "--customer", customer, "--outcome", "x", "--kind", "fax")
    assert line.startswith("error: argument --kind: invalid choice: 'fax'")
    assert line.endswith("(see `fieldcrm visits log --help`)")
    assert rep.fails(2, "customers", "add", "--phone", "123456").startswith(
        "error: the following arguments are required: --name"
    )


def test_plan_add_show_and_a_visit_fulfils_a_stop(rep: Cli, customer: str, today: date) -> None:
    day = today.isoformat()  # the visit fulfilling a stop is logged on its day: a visit is never logged ahead
    other = rep.ok("customers", "add", "--name", "无锡宏远机械有限公司", "--address", "无锡市滨湖区人民路1号").strip()
    first = rep.ok("plan", "add", "--date", day, "--customer", customer, "--purpose", "送样品").strip()
    second = rep.ok("plan", "add", "--date", day, "--customer", other).strip()
    plan = rep.json("plan", "show", "--date", day)
    assert plan["date"] == day
    assert [(s["id"], s["customer_name"], s["status"]) for s in plan["stops"]] == [
        (first, "苏州恒泰电子有限公司", "planned"),
        (second, "无锡宏远机械有限公司", "planned"),
    ]
    assert plan["stops"][0]["purpose"] == "送样品" and plan["stops"][1]["address"] == "无锡市滨湖区人民路1号"
    rep.ok("visits", "log", "--customer", customer, "--outcome", "样品已送达", "--stop", first, "--at", f"{day} 09:00")
    stops = rep.json("plan", "show", "--date", day)["stops"]
    assert stops[0]["status"] == "done" and stops[0]["visit_id"]
    assert "送样品" in rep.ok("plan", "show", "--date", day)
    assert rep.fails(2, "plan", "add", "--date", "2024-13-01", "--customer", customer).startswith("error: date:")
    line = rep.fails(1, "visits", "log", "--customer", other, "--outcome", "x", "--stop", first)
    assert line == "error: stop_id: belongs to another customer"


def test_report_build_edit_submit_show(rep: Cli, customer: str, today: date) -> None:
    day = today.isoformat()
    rep.ok("visits", "log", "--customer", customer, "--outcome", "介绍新品", "--at", f"{day} 09:30")
    built = rep.json("report", "build", "--date", day)
    assert built["status"] == "draft" and [v["customer_name"] for v in built["visits"]] == ["苏州恒泰电子有限公司"]
    edited = rep.json("report", "edit", "--date", day, "--summary", "拜访一家，客户有兴趣")
    assert edited["summary"] == "拜访一家，客户有兴趣"
    submitted = rep.json("report", "submit", "--date", day)
    assert (submitted["status"], submitted["times_submitted"]) == ("submitted", 1)
    shown = rep.json("report", "show", "--date", day)
    assert (shown["status"], shown["signature"], shown["signature_valid"]) == ("submitted", None, None)
    text = rep.ok("report", "show", "--date", day)
    assert "status:" in text and "submitted" in text and "介绍新品" in text
    line = rep.fails(1, "report", "edit", "--date", day, "--summary", "改")
    assert line.startswith("error: this report is submitted")


def test_report_errors(rep: Cli, today: date) -> None:
    day = today.isoformat()
    assert rep.fails(1, "report", "submit", "--date", day) == (
        "error: summary: a report with no visits needs a summary of the day"
    )
    assert rep.fails(1, "report", "show", "--date", "2020-01-01") == "error: 张伟 has no report for 2020-01-01"
    line = rep.fails(1, "report", "show", "--date", day, "--rep", "无名")
    assert line == "error: rep: no user named '无名' in this store"
    assert rep.fails(2, "report", "build", "--date", "01.01.2024").startswith("error: date: '01.01.2024'")


def test_countersign_and_return_between_two_users_of_one_store(rep: Cli, customer: str, today: date) -> None:
    day = today.isoformat()
    rep.ok("visits", "log", "--customer", customer, "--outcome", "洽谈合同", "--at", f"{day} 14:00")
    rep.ok("report", "submit", "--date", day)
    line = rep.fails(1, "report", "countersign", "--rep", "张伟", "--date", day)
    assert line == "error: only the rep's own supervisor or an admin can countersign or return a report"

    rep.ok("init", "--name", "王经理")
    assert rep.fails(1, "report", "return", "--rep", "张伟", "--date", day) == (
        "error: comment: is required: tell the rep what to change"
    )
    returned = rep.json("report", "return", "--rep", "张伟", "--date", day, "--comment", "请写明合同金额")
    assert (returned["status"], returned["return_comment"]) == ("returned", "请写明合同金额")

    rep.ok("init", "--name", "张伟")
    assert rep.json("report", "show", "--date", day)["return_comment"] == "请写明合同金额"
    rep.ok("report", "edit", "--date", day, "--summary", "合同金额约20万")
    rep.ok("report", "submit", "--date", day)

    rep.ok("init", "--name", "王经理")
    signed = rep.json("report", "countersign", "--rep", "张伟", "--date", day)
    assert (signed["status"], signed["signed_by_name"]) == ("countersigned", "王经理")
    assert signed["signed_at"] and len(signed["signature"]) == 64 and signed["signature_valid"] is True
    shown = rep.json("report", "show", "--rep", "张伟", "--date", day)
    assert (shown["status"], shown["signature_valid"]) == ("countersigned", True)
    assert shown["signature"] == signed["signature"]
    assert "(valid)" in rep.ok("report", "show", "--rep", "张伟", "--date", day)
    assert rep.fails(1, "report", "countersign", "--rep", "张伟", "--date", day) == (
        "error: this report is countersigned and can no longer be changed"  # as the server says it too
    )
    rep.ok("init", "--name", "张伟")
    line = rep.fails(1, "report", "edit", "--date", day, "--summary", "事后修改")
    assert line == "error: this report is countersigned and can no longer be changed"


def test_demo_needs_a_profile(cli: Cli) -> None:
    line = cli.fails(1, "demo", "--customers", "10")
    assert line == "error: no local profile yet: run `fieldcrm init --name NAME --role rep` first"


def test_acceptance_flow_demo_then_search(tmp_path: Path, cli: Cli) -> None:
    """README quick start: init, demo --customers 2000, then a search for 科技 returns real matches."""
    cli.ok("init", "--name", "张伟", "--role", "rep")
    out = cli.ok("demo", "--customers", "2000")
    assert "customers" in out and "2,000" in out
    results = cli.json("customers", "list", "--search", "科技")
    assert len(results) == 50  # a full first page: 科技 is a common word in company names
    for row in results:
        if "科技" in row["name"]:
            continue
        shown = cli.json("customers", "show", row["id"])
        texts = [shown["address"] or "", shown["phone"] or ""] + [c["name"] for c in shown["contacts"]]
        assert any("科技" in t for t in texts), row
    assert len(cli.json("customers", "list", "--limit", "5000")) == 2000


def test_init_help_explains_switching_users(cli: Cli) -> None:
    code, out, _err = cli("init", "--help")
    assert code == 0
    assert "switches the store's current user" in " ".join(out.split())


def test_demo_with_the_same_seed_gives_the_same_customers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def names(folder: str, seed: str) -> list[str]:
        cli = Cli(tmp_path / folder, capsys)
        cli.ok("init", "--name", "王经理", "--role", "supervisor", "--team", "华南二组")
        summary = cli.json("demo", "--customers", "60", "--seed", seed)
        assert summary["reps_added"] == ["李娜", "王强", "刘洋"] and summary["counts"]["customers"] == 60
        return [r["name"] for r in cli.json("customers", "list", "--limit", "100")]

    first = names("one", "42")
    assert len(first) == 60
    assert names("two", "42") == first
    assert names("three", "43") != first


def test_customers_list_sorts_and_pages(rep: Cli) -> None:
    for name, grade in (("杭州乙公司", "B"), ("杭州甲公司", "A"), ("杭州丙公司", "C")):
        rep.ok("customers", "add", "--name", name, "--grade", grade)
    by_grade = [r["name"] for r in rep.json("customers", "list", "--sort", "grade")]
    assert by_grade == ["杭州甲公司", "杭州乙公司", "杭州丙公司"]
    assert [r["grade"] for r in rep.json("customers", "list", "--sort", "grade", "--desc")] == ["C", "B", "A"]
    page = rep.json("customers", "list", "--sort", "grade", "--limit", "1", "--offset", "1")
    assert [r["name"] for r in page] == ["杭州乙公司"]
    line = rep.fails(2, "customers", "list", "--sort", "colour")
    assert line.startswith("error: argument --sort: invalid choice: 'colour'")


def test_demo_writes_a_sample_list_to_try_the_import_with(tmp_path: Path, cli: Cli) -> None:
    cli.ok("init", "--name", "张伟", "--role", "rep")
    sample = tmp_path / "客户名单.xlsx"
    out = cli.ok("demo", "--customers", "30", "--workbook", str(sample))
    assert f"Sample list to import: {sample}" in out
    preview = cli.json("import", str(sample), "--dry-run")
    assert (preview["new"], preview["duplicate"], preview["error"]) == (2, 1, 2)
    assert {(e["row"], e["column"]) for e in preview["errors"]} == {(5, "客户名称"), (7, "客户等级")}


def test_demo_refuses_a_sample_list_it_cannot_write_before_adding_anything(tmp_path: Path, cli: Cli) -> None:
    cli.ok("init", "--name", "张伟", "--role", "rep")
    missing = tmp_path / "没有这个文件夹" / "客户名单.xlsx"
    assert cli.fails(2, "demo", "--customers", "5", "--workbook", str(missing)) == (
        f"error: --workbook: there is no folder '{missing.parent}'"
    )
    assert cli.fails(2, "demo", "--customers", "5", "--workbook", str(tmp_path / "名单.csv")).endswith(
        "should end in .xlsx"
    )
    assert cli.json("customers", "list") == []


def test_output_cut_short_by_the_reader_ends_quietly(tmp_path: Path) -> None:
    """`fieldcrm … | head -1`: the reader closes the pipe early; no traceback, a plain non-zero exit."""
    command = [sys.executable, "-m", "fieldcrm", "--data-dir", str(tmp_path / "p")]
    subprocess.run([*command, "init", "--name", "张伟", "--role", "rep"], check=True, capture_output=True)
    subprocess.run([*command, "demo", "--customers", "300"], check=True, capture_output=True)
    process = subprocess.Popen(
        [*command, "customers", "list", "--limit", "300"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # the reader is gone before the first line is written
    _out, err = process.communicate(timeout=HANG_GUARD)
    assert process.returncode == 1
    assert b"Traceback" not in err and err == b""

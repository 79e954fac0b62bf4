"""`fieldcrm conflicts list` and `conflicts resolve --all` as a rep meets them after two laptops disagreed."""

from __future__ import annotations

import re


def _two_laptops_disagree(laptop_factory) -> tuple:
    """The rep 张伟 on two laptops; both change the phone and the grade of one customer offline: two conflicts on b."""
    a, b = laptop_factory("a", "张伟"), laptop_factory("b", "张伟")
    customer_id = a.cli("customers", "add", "--name", "上海华信科技有限公司", "--phone", "021-61111111").strip()
    a.sync()
    b.sync()
    a.cli("customers", "edit", customer_id, "--phone", "021-62222222", "--grade", "A")
    b.cli("customers", "edit", customer_id, "--phone", "021-63333333", "--grade", "C")
    a.sync()
    b.sync()
    assert sorted(c["field"] for c in b.cli_json("conflicts", "list")) == ["grade", "phone"]
    return a, b, customer_id


def test_conflicts_list_shows_the_field_both_values_and_the_time(server, team, laptop_factory) -> None:
    _, b, _ = _two_laptops_disagree(laptop_factory)
    table = b.cli("conflicts", "list").splitlines()
    assert table[0].split() == ["id", "when", "kind", "table", "field", "mine", "theirs", "reason"]
    rows = sorted(line.split()[1:8] for line in table[2:])
    assert [r[2:] for r in rows] == [
        ["field", "customer", "grade", "C", "A"],
        ["field", "customer", "phone", "021-63333333", "021-62222222"],
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", f"{r[0]} {r[1]}") for r in rows)  # local, to the minute
    assert not set('{}"') & set("".join(table))  # no JSON for people


def test_conflicts_resolve_all_keeps_one_side_for_every_open_conflict(server, team, laptop_factory) -> None:
    a, b, customer_id = _two_laptops_disagree(laptop_factory)
    b.cli("conflicts", "resolve", "--keep", "theirs", expect=2)
    assert b.last_stderr == "error: resolve: give the ID of one conflict, or --all for every open one\n"
    out = b.cli("conflicts", "resolve", "--all", "--keep", "theirs")
    assert out == "Resolved 2 of 2 keeping theirs; they are sent with the next sync\n"
    assert b.cli("conflicts", "list") == "No open conflicts.\n"
    shown = b.cli_json("customers", "show", customer_id)
    assert (shown["phone"], shown["grade"]) == ("021-62222222", "A")
    assert b.cli("conflicts", "resolve", "--all", "--keep", "mine") == "No open conflicts.\n"


def test_a_delete_against_an_edit_lists_the_edited_field_and_deleted(server, team, laptop_factory) -> None:
    deleter, editor = laptop_factory("deleter", "张伟"), laptop_factory("editor", "张伟")
    customer_id = deleter.cli("customers", "add", "--name", "删改冲突甲有限公司").strip()
    deleter.sync()
    editor.sync()
    deleter.cli("customers", "delete", customer_id)
    editor.cli("customers", "edit", customer_id, "--notes", "离线时写的备注")
    deleter.sync()
    assert editor.sync().conflicts == 1
    [line] = editor.cli("conflicts", "list").splitlines()[2:]
    assert line.split()[3:8] == ["deleted", "customer", "notes", "notes:", "离线时写的备注"]
    assert line.split()[8] == "deleted"

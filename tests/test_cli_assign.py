"""`fieldcrm customers assign`: a supervisor gives customers to reps, by hand or by a strategy; who got what for
scripts; each customer that could not be placed, and a refusal, one line."""

from __future__ import annotations

from cli_runner import Cli


def _team(rep: Cli) -> list[str]:
    """Three reps (张伟, 李娜, 刘洋) with a customer each in 华东 / 华南 / 华北, and the supervisor 王经理 current."""
    rep.ok("users", "add", "--name", "李娜", "--role", "rep", "--team", "华东一组")
    rep.ok("users", "add", "--name", "刘洋", "--role", "rep", "--team", "华东一组")
    made = []
    for name, region in (("张伟", "华东"), ("李娜", "华南"), ("刘洋", "华北")):
        rep.ok("init", "--name", name)
        made.append(rep.ok("customers", "add", "--name", f"{name}的{region}客户有限公司", "--region", region).strip())
    rep.ok("init", "--name", "王经理")
    return made


def test_round_robin_says_who_got_what(rep: Cli) -> None:
    held = _team(rep)
    data = rep.json("customers", "assign", *held, "--strategy", "round-robin", "--reason", "重新平衡")
    # In turn by pinyin (李娜, 刘洋, 张伟), each skipping the rep who holds the customer already.
    assert [(p["customer"], p["rep"]) for p in data["placed"]] == [
        ("张伟的华东客户有限公司", "李娜"),
        ("李娜的华南客户有限公司", "刘洋"),
        ("刘洋的华北客户有限公司", "张伟"),
    ]
    assert data["unplaced"] == [] and data["strategy"] == "round_robin" and data["dry_run"] is False
    history = rep.json("ownership", "history", held[0])["events"]
    assert (history[0]["kind"], history[0]["to_owner"], history[0]["reason"], history[0]["rule"]) == (
        "assignment",
        "李娜",
        "重新平衡",
        "round_robin",
    )


def test_by_hand_and_by_region_with_the_unplaced_one_line_each(rep: Cli) -> None:
    held = _team(rep)
    preview = rep.json("customers", "assign", held[0], "--to", "刘洋", "--dry-run")
    assert [p["rep"] for p in preview["placed"]] == ["刘洋"] and preview["dry_run"] is True
    assert rep.json("ownership", "history", held[0])["events"][0]["kind"] == "first_contact"  # nothing written
    code, out, err = rep("customers", "assign", held[0], "--to", "刘洋")
    assert code == 0 and err == "" and out.splitlines()[2].split() == ["张伟的华东客户有限公司", held[0], "刘洋"]
    # A 华南 customer goes to 李娜, whose customers are in 华南; one without a region stays where it is.
    south = rep.ok("customers", "add", "--name", "广州南方贸易有限公司", "--region", "华南").strip()
    nowhere = rep.ok("customers", "add", "--name", "无区域有限公司").strip()
    code, out, err = rep("customers", "assign", south, nowhere, "--strategy", "region")
    assert code == 1
    assert out.splitlines()[2].split() == ["广州南方贸易有限公司", south, "李娜"]
    assert err.splitlines() == ["not assigned: 无区域有限公司: this customer has no region"]


def test_the_wrong_rep_and_a_rep_assigning_are_one_line(rep: Cli, customer: str) -> None:
    assert rep.fails(1, "customers", "assign", customer, "--strategy", "capacity") == (
        "error: only a supervisor or an admin can assign customers"
    )
    rep.ok("init", "--name", "王经理")
    assert rep.fails(2, "customers", "assign", customer, "--to", "赵强") == (
        "error: --to: '赵强' is not a rep on your team (they are: 张伟)"
    )

"""Handover (客户交接) end to end on the real server, SQLite and PostgreSQL: 张伟 hands a customer to 李娜 while her
laptop is offline; she syncs later, sees the customer read-only and accepts; their supervisor approves; after the
syncs the customer, its contacts, its open deal and its future stop are hers and its visit history is on her laptop,
and 张伟's laptop no longer holds it. Head office refuses a step by anyone but its party, whatever op kind carries it,
and a handover to another team; a declined handover takes the customer off the receiving rep's laptop again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from handmade import add_second_team, push_one, read_row, token_of
from laptops import local_count

from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.domain.handover import OTHER_TEAM
from fieldcrm.ids import uuid7
from fieldcrm.models import utcnow
from fieldcrm.services.handover import HandoverService
from server_fixtures import wire_op as op

pytestmark = pytest.mark.server_threads(1)


def _has(laptop, table: str, row_id: str) -> bool:
    return local_count(laptop, f"SELECT count(*) FROM {table} WHERE id = '{row_id}' AND deleted = 0") == 1


def _zhangs_customer(zhang) -> dict[str, str]:
    """张伟's customer with a contact, an open deal, a logged visit and a stop planned for tomorrow, synced."""
    services = zhang.services()
    customer = services.customers.create(name="宁波港华物流有限公司", contacts=[{"name": "孙经理"}])
    ids = {
        "customer": customer,
        "contact": services.customers.get(customer)["contacts"][0]["id"],
        "deal": services.opportunities.create(customer, "仓储扩容", amount=80000),
        "visit": services.visits.log(customer, outcome="谈了扩容方案", started_at=utcnow() - timedelta(days=2)),
        "stop": services.plans.add_stop((utcnow() + timedelta(days=2)).date(), customer, "签约"),
    }
    result = zhang.sync()
    assert (result.rejected, result.conflicts) == (0, 0)
    return ids


def test_a_handover_while_the_receiver_is_offline_reaches_her_and_moves_the_customer_on_approval(
    server, team, laptop_factory
) -> None:
    other = add_second_team(server)
    zhang = laptop_factory("zhang", "张伟")
    li = laptop_factory("li", "李娜")
    ids = _zhangs_customer(zhang)
    customer = ids["customer"]
    li.sync()  # her cursor passes his customer's rows (none of them hers to see); then she goes offline
    assert not _has(li, "customer", customer)

    asked = zhang.cli_json("customers", "handover", customer, "--to", "李娜", "--reason", "调往华南区")
    (handover,) = [r["id"] for r in asked["requested"]]
    assert zhang.sync().rejected == 0
    assert not _has(li, "customer", customer)  # offline: nothing reached her laptop yet

    li.sync()  # later: the customer, what hangs off it, and the handover waiting for her
    hers = {"customer": customer, "contact": ids["contact"], "opportunity": ids["deal"], "visit": ids["visit"]}
    for table, row_id in {**hers, "handover": handover}.items():
        assert _has(li, table, row_id), table
    (waiting,) = li.cli_json("handovers", "list")
    assert (waiting["id"], waiting["status"], waiting["steps"], waiting["waiting_for_me"]) == (
        handover,
        "requested",
        ["accept", "decline"],
        True,
    )
    # Read-only until approved: her laptop refuses an edit, and so does head office when a client sends one.
    with pytest.raises(PermissionDeniedError):
        li.services().customers.update(customer, notes="我的备注")
    version = li.cli_json("customers", "show", customer)["version"]
    li_headers = token_of(server, "李娜")
    edit = push_one(server, li_headers, op("customer", customer, "update", {"notes": "我的备注"}, base=version))
    assert edit["status"] == "rejected", edit

    # Nobody but the receiver accepts; whatever op kind carries the step.
    server_handover = read_row(server, token_of(server, "管理员"), "handover", handover)
    base = server_handover["version"]
    accept = {"status": "accepted", "accepted_by": team["rep"], "accepted_at": utcnow().isoformat()}
    for who in ("张伟", "王经理", "赵强"):
        for kind in ("update", "action"):
            pushed = op("handover", handover, kind, accept, action="accept" if kind == "action" else None, base=base)
            result = push_one(server, token_of(server, who), pushed)
            assert result["status"] == "rejected" and result["reason"], (who, kind, result)

    li.cli("handovers", "accept", handover[:13])
    assert li.sync().rejected == 0
    row = read_row(server, token_of(server, "管理员"), "handover", handover)
    assert (row["status"], row["accepted_by"]) == ("accepted", team["other"])  # head office names who accepted

    # Only the supervisor of both approves: not the reps, not another team's supervisor.
    approve = {"status": "approved", "approved_by": other["陈主管"], "approved_at": utcnow().isoformat()}
    for who in ("张伟", "李娜", "陈主管"):
        result = push_one(server, token_of(server, who), op("handover", handover, "action", approve, action="approve",
                                                            base=row["version"]))  # fmt: skip
        assert result["status"] == "rejected" and result["reason"], (who, result)

    boss = laptop_factory("wang", "王经理")
    boss.sync()
    boss.cli("handovers", "approve", handover)
    result = boss.sync()
    assert (result.rejected, result.conflicts) == (0, 0)

    li.sync()
    shown = li.cli_json("customers", "show", customer)
    assert shown["owner_id"] == team["other"]
    assert [c["owner_id"] for c in shown["contacts"]] == [team["other"]]
    assert [o["owner_id"] for o in shown["opportunities"]] == [team["other"]]
    assert [v["id"] for v in shown["visits"]] == [ids["visit"]]  # 张伟's visit, now in her customer's history
    event = shown["ownership"][0]
    assert (event["kind"], event["from_owner_id"], event["to_owner_id"], event["reason"]) == (
        "handover",
        team["rep"],
        team["other"],
        "调往华南区",
    )
    stop = local_count(
        li, f"SELECT count(*) FROM planned_stop WHERE id = '{ids['stop']}' AND owner_id = '{team['other']}'"
    )
    assert stop == 1  # his stop for it is on her plan

    zhang.sync()
    # He no longer holds it: it is hers on his laptop too, and his to read only (he logged a visit to it, and a rep
    # keeps seeing the customers he visited), so his edit is refused there and at head office.
    his_view = zhang.cli_json("customers", "show", customer)
    assert his_view["owner_id"] == team["other"] and his_view["contacts"][0]["owner_id"] == team["other"]
    with pytest.raises(PermissionDeniedError):
        zhang.services().customers.update(customer, notes="还是我的")
    edit = push_one(server, token_of(server, "张伟"), op("customer", customer, "update", {"notes": "还是我的"},
                                                        base=his_view["version"]))  # fmt: skip
    assert edit["status"] == "rejected", edit
    li.services().customers.update(customer, notes="我的客户了")  # hers to edit now
    assert li.sync().rejected == 0


def test_a_handover_to_another_team_is_refused_and_a_declined_one_leaves_the_receivers_laptop(
    server, team, laptop_factory
) -> None:
    other = add_second_team(server)
    zhang = laptop_factory("zhang", "张伟")
    customer = _zhangs_customer(zhang)["customer"]
    # His laptop never offers 赵强; a client that sends the handover anyway is refused by head office.
    assert HandoverService(zhang.store).request([customer], other["赵强"], "调岗")["refused"][0]["reason"] == OTHER_TEAM
    fields = {
        "customer_id": customer,
        "from_rep_id": team["rep"],
        "to_rep_id": other["赵强"],
        "reason": "调岗",
        "status": "requested",
        "requested_by": team["rep"],
        "requested_at": utcnow().isoformat(),
        "owner_id": team["rep"],
    }
    refused = push_one(server, token_of(server, "张伟"), op("handover", uuid7(), "insert", fields))
    assert refused["status"] == "rejected" and refused["reason"] == OTHER_TEAM, refused
    assert read_row(server, token_of(server, "赵强"), "customer", customer) is None

    (asked,) = zhang.cli_json("customers", "handover", customer, "--to", "李娜", "--reason", "调往华南区")["requested"]
    zhang.sync()
    li = laptop_factory("li", "李娜")
    li.sync()
    assert _has(li, "customer", customer) and _has(li, "handover", asked["id"])
    li.cli("handovers", "decline", asked["id"], "--reason", "区域太远")
    assert li.sync().rejected == 0
    li.sync()
    assert not _has(li, "customer", customer) and not _has(li, "handover", asked["id"])
    assert read_row(server, token_of(server, "李娜"), "customer", customer) is None
    zhang.sync()
    (row,) = zhang.cli_json("handovers", "list")
    assert (row["status"], row["declined_by"], row["decline_reason"]) == ("declined", "李娜", "区域太远")
    assert zhang.cli_json("customers", "show", customer)["owner_id"] == team["rep"]


def test_a_customer_registered_and_handed_over_in_one_sync_reaches_the_receiver(server, team, laptop_factory) -> None:
    """张伟 registers a customer and hands it to 李娜 before his laptop syncs: one push holds the new customer and the
    handover. Her next pull must bring the customer and the handover waiting for her (found failing: head office
    takes a customer created in the push, with every row under it 张伟's, for private to his side and leaves its
    feed rows' `shared` flag lowered, so her pull never probes them)."""
    zhang, li = laptop_factory("zhang", "张伟"), laptop_factory("li", "李娜")
    for laptop in (zhang, li):
        laptop.sync()  # the team's directory on his laptop, her cursor at the top
    customer = zhang.services().customers.create(name="嘉兴新登记即交接有限公司", contacts=[{"name": "冯经理"}])
    (asked,) = HandoverService(zhang.store).request([customer], team["other"], "调往华南区")["requested"]
    assert zhang.sync().rejected == 0
    assert read_row(server, token_of(server, "李娜"), "customer", customer) is not None  # the full rule: she sees it
    li.sync()
    assert _has(li, "customer", customer) and _has(li, "handover", asked["id"])

"""Exactly once is per sender: an op id is a retry only when the same user on the same device sends it again.
Anyone else sending an op with that id gets neither the first op's answer nor an effect."""

from __future__ import annotations

import httpx
from handmade import push_one, server_row, token_of
from laptops import server_count

from fieldcrm.ids import uuid7
from server_fixtures import wire_op as op
from waiting import HANG_GUARD


def test_an_op_id_reused_by_another_user_gets_no_stored_answer_and_no_effect(server, team) -> None:
    zhang, li = token_of(server, "张伟"), token_of(server, "李娜")
    customer_id = uuid7()
    first = op("customer", customer_id, "insert", {"name": "张伟的新客户有限公司", "owner_id": team["rep"]})
    assert push_one(server, zhang, first)["status"] == "applied"

    # 李娜 sends a different change under the very same op id (copied from a log, or guessed).
    forged = {**op("customer", uuid7(), "insert", {"name": "李娜的客户有限公司", "owner_id": team["other"]}),
              "op_id": first["op_id"]}  # fmt: skip
    answer = push_one(server, li, forged)
    assert answer["status"] == "rejected" and "id was used by another device" in answer["reason"]
    assert server_count(server, "SELECT count(*) FROM customer WHERE name = '李娜的客户有限公司'") == 0

    # Together with an op of hers that is fine, in one push: that one applies, the forged one does not.
    fine = op("customer", uuid7(), "insert", {"name": "李娜的正常客户有限公司", "owner_id": team["other"]})
    body = {"ops": [forged, {**fine, "client_seq": 2}]}
    response = httpx.post(f"{server.url}/sync/push", json=body, headers=li, timeout=HANG_GUARD).json()
    assert [r["status"] for r in response["results"]] == ["rejected", "applied"]

    # 张伟's real retry (same user, same device) still gets his first answer, once.
    assert push_one(server, zhang, first)["status"] == "applied"
    assert server_row(server, zhang, "customer", customer_id)["name"] == "张伟的新客户有限公司"
    assert server_count(server, f"SELECT count(*) FROM applied_op WHERE op_id = '{first['op_id']}'") == 1

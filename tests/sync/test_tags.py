"""Tags edited on two laptops at once are set-merged (an add beats a concurrent remove), in either push order, and
every laptop ends with the server's value."""

from __future__ import annotations

import pytest
from laptops import local_count
from sqlalchemy import text

BASE = "老客户,华东,重点"
#: The rep drops 华东 and adds 展会 and 待报价; the supervisor, offline too, drops 老客户 and adds 展会 and VIP.
REP_TAGS = "老客户,重点,展会,待报价"
SUPERVISOR_TAGS = "华东,重点,展会,VIP"
#: Each side's removals and additions, all kept; the tag both added is there once.
MERGED = {"重点", "展会", "待报价", "VIP"}


def _tags(laptop, customer_id: str) -> str:
    return laptop.cli_json("customers", "show", customer_id)["tags"]


@pytest.mark.parametrize("first", ["rep", "supervisor"])
def test_concurrent_tag_edits_merge_to_one_result_everywhere(server, team, laptop_factory, first: str) -> None:
    rep = laptop_factory("zhang", "张伟")
    supervisor = laptop_factory("wang", "王经理")
    customer_id = rep.cli("customers", "add", "--name", "宁波标签测试有限公司", "--tags", BASE).strip()
    rep.cli("sync")
    supervisor.cli("sync")
    assert _tags(supervisor, customer_id) == BASE

    rep.cli("customers", "edit", customer_id, "--tags", REP_TAGS)  # both offline, both from BASE
    supervisor.cli("customers", "edit", customer_id, "--tags", SUPERVISOR_TAGS)
    one, two = (rep, supervisor) if first == "rep" else (supervisor, rep)
    assert one.sync().rejected == 0
    second = two.sync()
    assert second.rejected == 0 and second.conflicts == 0  # merged, not a conflict for anyone to resolve
    one.sync()  # fetches the merged row

    with server.engine.connect() as conn:
        on_server = conn.execute(text("SELECT tags FROM customer WHERE id = :id"), {"id": customer_id}).scalar_one()
    assert set(on_server.split(",")) == MERGED and len(on_server.split(",")) == len(MERGED)
    assert _tags(rep, customer_id) == on_server
    assert _tags(supervisor, customer_id) == on_server
    for laptop in (rep, supervisor):
        assert local_count(laptop, "SELECT count(*) FROM outbox") == 0
        assert laptop.cli_json("conflicts", "list", "--all") == []  # nothing lost, nothing to log
        assert laptop.sync().pulled == 0  # settled: no side changes it again

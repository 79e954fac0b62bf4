"""Faults on real parts: connections cut mid-upload and mid-download, retried batches, a stalled queue."""

from __future__ import annotations

import httpx
import pytest
from laptops import add_customers, local_count, server_count
from proxy import CuttingProxy
from test_security import op, push, token_of

from waiting import HANG_GUARD


@pytest.fixture
def proxy(server):
    running = CuttingProxy(int(server.url.rsplit(":", 1)[1]))
    yield running
    running.close()


def _assert_converged(server, laptop, prefix: str, expected: int) -> None:
    sql = f"SELECT count(*) FROM customer WHERE name LIKE '{prefix}%'"
    assert server_count(server, sql) == expected
    assert server_count(server, f"SELECT count(DISTINCT name) FROM customer WHERE name LIKE '{prefix}%'") == expected
    assert local_count(laptop, sql) == expected
    assert local_count(laptop, "SELECT count(*) FROM outbox") == 0


def test_connection_cut_mid_upload_then_retried(server, team, laptop_factory, proxy) -> None:
    laptop = laptop_factory("a")
    laptop.server_url = proxy.url
    laptop.login("张伟", "secret-pass-1")
    add_customers(laptop, team["rep"], 120, groups=6, prefix="上传中断")
    proxy.cut_upload = 3000  # the first push request stops in the middle of its body
    result = laptop.sync()
    assert proxy.cuts == 1 and result.pushed == 120
    _assert_converged(server, laptop, "上传中断", 120)


def test_response_lost_mid_upload_is_applied_once(server, team, laptop_factory, proxy) -> None:
    laptop = laptop_factory("a")
    laptop.server_url = proxy.url
    laptop.login("张伟", "secret-pass-1")
    add_customers(laptop, team["rep"], 60, groups=3, prefix="回应丢失")
    proxy.cut_download = 200  # the server applied the push, its answer is lost on the way
    laptop.sync()
    assert proxy.cuts == 1
    _assert_converged(server, laptop, "回应丢失", 60)
    assert server_count(server, "SELECT count(*) FROM applied_op") == 60


def test_connection_cut_mid_download_resumes_from_the_cursor(server, team, laptop_factory, proxy) -> None:
    writer = laptop_factory("writer", "张伟")
    add_customers(writer, team["rep"], 150, groups=3, prefix="下载中断")
    writer.sync()
    reader = laptop_factory("reader")
    reader.server_url = proxy.url
    reader.login("张伟", "secret-pass-1")
    proxy.cut_download = 30_000  # a few pages in, mid-page
    first = reader.client(retries=0, page_size=20).sync_once()
    assert first.offline and proxy.cuts == 1
    cursor = reader.client().status()["cursor"]
    partial = local_count(reader, "SELECT count(*) FROM customer WHERE name LIKE '下载中断%'")
    assert 0 < partial < 150 and cursor > 0
    second = reader.sync(page_size=20)
    assert second.repaired == []  # nothing missing, nothing doubled: checksums agree
    _assert_converged(server, reader, "下载中断", 150)


def test_a_retried_batch_takes_effect_once(server, team) -> None:
    headers = token_of(server, "张伟")
    row_id = "01a20000-0000-7000-8000-000000000001"
    fields = {"id": row_id, "name": "重试客户", "owner_id": team["rep"]}
    batch = [op("customer", row_id, "insert", fields)]
    first = push(server, headers, *batch).json()["results"]
    seq = server_count(server, "SELECT value FROM sync_counter")
    again = push(server, headers, *batch).json()["results"]
    assert again == first and first[0]["status"] == "applied"
    assert server_count(server, "SELECT value FROM sync_counter") == seq
    assert server_count(server, "SELECT count(*) FROM customer WHERE name = '重试客户'") == 1


def test_a_rejected_op_does_not_block_the_queue(server, team, laptop_factory) -> None:
    li = laptop_factory("li", "李娜")
    theirs = li.cli("customers", "add", "--name", "别人的客户有限公司").strip()
    li.cli("sync")
    zhang = laptop_factory("zhang", "张伟")
    # An edit queued against a customer that is not 张伟's (e.g. reassigned while he was offline).
    from fieldcrm.models import Customer
    from fieldcrm.services.changes import unit_of_work

    with unit_of_work(zhang.store) as uow:
        uow.session.add(Customer(id=theirs, name="别人的客户有限公司", owner_id=team["other"], version=1))
        uow.session.flush()
        row = uow.session.get(Customer, theirs)
        uow.update(row, {"notes": "我来改"})
    mine = zhang.cli("customers", "add", "--name", "自己的客户有限公司").strip()
    result = zhang.sync()
    assert result.rejected == 1 and result.pushed == 3  # the refused edit; his customer and its first contact
    headers = token_of(server, "张伟")
    assert httpx.get(f"{server.url}/rows/customer/{mine}", headers=headers, timeout=HANG_GUARD).status_code == 200
    problems = zhang.cli_json("conflicts", "list")
    assert [p["kind"] for p in problems] == ["rejected"]
    # The refused row left the laptop (it is not 张伟's to see); nothing is stuck in the outbox.
    assert local_count(zhang, f"SELECT count(*) FROM customer WHERE id = '{theirs}'") == 0
    assert local_count(zhang, "SELECT count(*) FROM outbox") == 0
    assert zhang.sync().pushed == 0

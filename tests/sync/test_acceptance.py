"""The issue's acceptance story, driven through the real `fieldcrm` CLI against a real server on loopback; also
against two server replicas on different ports sharing one PostgreSQL (as deploy/ runs them behind a proxy), and
against any running servers named in FIELDCRM_ACCEPTANCE_SERVERS (comma-separated URLs; their fresh, empty
database in FIELDCRM_ACCEPTANCE_DATABASE, where the test makes its accounts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from laptops import PASSWORD, Laptop, free_port
from sqlmodel import select

from fieldcrm.models import Customer, DailyReport, Visit
from fieldcrm.server import accounts
from fieldcrm.server.db import make_engine
from fieldcrm.services.changes import unit_of_work
from waiting import HANG_GUARD, wait_for

ENV_SERVERS = "FIELDCRM_ACCEPTANCE_SERVERS"
ENV_DATABASE = "FIELDCRM_ACCEPTANCE_DATABASE"

# As a busy server runs (`--threads 1`): push and pull are answered on the event loop itself.
pytestmark = pytest.mark.server_threads(1)


def _customer(laptop, customer_id: str) -> dict:
    return laptop.cli_json("customers", "show", customer_id)


def test_two_laptops_and_a_supervisor(server, team, laptop_factory) -> None:
    story(laptop_factory)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_two_laptops_and_a_supervisor_on_two_replicas(database_url, tmp_path) -> None:
    ports = [free_port(), free_port()]
    replicas = [serve_process(database_url, port) for port in ports]
    try:
        for port, process in zip(ports, replicas, strict=True):
            wait_until_serving(port, process)
        with accounts_in(database_url):
            story(round_robin_laptops(tmp_path, [f"http://127.0.0.1:{port}" for port in ports]))
    finally:
        for process in replicas:
            process.terminate()
            process.wait(HANG_GUARD)


@pytest.mark.skipif(not os.environ.get(ENV_SERVERS), reason=f"{ENV_SERVERS} names no running servers")
def test_two_laptops_and_a_supervisor_on_given_servers(tmp_path) -> None:
    database = os.environ.get(ENV_DATABASE)
    assert database, f"{ENV_DATABASE} must name the servers' fresh database (the test makes its accounts there)"
    with accounts_in(database):
        story(round_robin_laptops(tmp_path, [u.strip() for u in os.environ[ENV_SERVERS].split(",") if u.strip()]))


def serve_process(database_url: str, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "fieldcrm.server.cli", "serve", "--database-url", database_url,
               "--port", str(port), "--threads", "1", "--access-log", "off"]  # fmt: skip
    env = {**os.environ, "FIELDCRM_ARGON2_PROFILE": "cheapest"}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def wait_until_serving(port: int, process: subprocess.Popen) -> None:
    def serving() -> bool:
        if process.poll() is not None:
            raise AssertionError(
                f"the server on port {port} stopped: {process.stderr.read() if process.stderr else ''}"
            )
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=HANG_GUARD).status_code == 200
        except httpx.TransportError:
            return False

    wait_for(serving, f"the server on port {port} answers")


@contextmanager
def accounts_in(database_url: str) -> Iterator[None]:
    """The story's accounts, made in the servers' database as the admin's `create-user` makes them."""
    engine = make_engine(database_url)
    try:
        for name, role, team_name in (
            ("王经理", "supervisor", "华东一组"),
            ("张伟", "rep", "华东一组"),
            ("李娜", "rep", "华东一组"),
            ("管理员", "admin", None),
        ):
            accounts.create_user(engine, name, role, team_name, PASSWORD)
        yield
    finally:
        engine.dispose()


def round_robin_laptops(folder: Path, urls: list[str]):  # noqa: ANN201 - a laptop factory like conftest's
    """Laptops that each talk to the next server in turn: one rep's two laptops land on different replicas."""
    made: list[Laptop] = []

    def make(name: str, user: str | None = None) -> Laptop:
        laptop = Laptop(folder / "laptops" / name, urls[len(made) % len(urls)])
        made.append(laptop)
        if user:
            laptop.login(user, PASSWORD)
        return laptop

    return make


def story(laptop_factory) -> None:  # noqa: ANN001 - makes laptops logged in as a user
    a = laptop_factory("a", "张伟")
    b = laptop_factory("b", "张伟")
    sup = laptop_factory("sup", "王经理")
    li = laptop_factory("li", "李娜")

    customer_id = a.cli("customers", "add", "--name", "上海华信科技有限公司", "--phone", "021-61111111").strip()
    assert "pushed 2" in a.cli("sync")  # the customer and its first contact (its ownership history)
    b.cli("sync")
    assert _customer(b, customer_id)["name"] == "上海华信科技有限公司"

    # Offline on both laptops, different fields of one customer: both edits survive.
    a.cli("customers", "edit", customer_id, "--address", "上海市浦东新区张江路88号")
    b.cli("customers", "edit", customer_id, "--tags", "重点,华东")
    a.cli("sync")
    b.cli("sync")
    a.cli("sync")
    for laptop in (a, b):
        shown = _customer(laptop, customer_id)
        assert shown["address"] == "上海市浦东新区张江路88号"
        assert shown["tags"] == "重点,华东"

    # Both change the phone: a conflict on both laptops until the rep resolves it.
    a.cli("customers", "edit", customer_id, "--phone", "021-62222222")
    b.cli("customers", "edit", customer_id, "--phone", "021-63333333")
    a.cli("sync")
    assert "conflicts 1" in b.cli("sync")
    a.cli("sync")
    listed = {name: laptop.cli_json("conflicts", "list") for name, laptop in (("a", a), ("b", b))}
    for name, rows in listed.items():
        assert [(r["kind"], r["field"], r["row_id"]) for r in rows] == [("field", "phone", customer_id)], name
    assert json.loads(listed["b"][0]["local_value"]) == "021-63333333"
    assert json.loads(listed["b"][0]["server_value"]) == "021-62222222"
    assert json.loads(listed["a"][0]["local_value"]) == "021-62222222"
    assert listed["a"][0]["id"] == listed["b"][0]["id"]
    b.cli("conflicts", "resolve", listed["b"][0]["id"], "--keep", "mine")
    b.cli("sync")
    a.cli("sync")
    for laptop in (a, b):
        assert _customer(laptop, customer_id)["phone"] == "021-63333333"
        assert laptop.cli_json("conflicts", "list") == []

    # Two reps create the same supermarket offline: one customer, both reps' visits, a case for the supervisor.
    name = "上海华润万家超市有限公司"
    first = a.cli("customers", "add", "--name", name, "--phone", "021-65555555").strip()
    second = li.cli("customers", "add", "--name", name, "--phone", "021 6555 5555", "--address", "上海市长宁区").strip()
    assert first != second
    a.cli("visits", "log", "--customer", first, "--outcome", "谈了年度采购")
    li.cli("visits", "log", "--customer", second, "--outcome", "送了样品")
    a.cli("sync")
    li.cli("sync")
    a.cli("sync")
    sup.cli("sync")
    for laptop in (a, li, sup):
        with laptop.store.session() as session:
            live = session.exec(select(Customer).where(Customer.name == name, Customer.deleted == False)).all()
            assert [c.id for c in live] == [first]
            assert live[0].address == "上海市长宁区"  # filled from the second creation, nothing dropped
            visits = session.exec(select(Visit).where(Visit.customer_id == first)).all()
            assert sorted(v.outcome for v in visits) == ["谈了年度采购", "送了样品"]
    cases = [c for c in sup.cli_json("conflicts", "list") if c["kind"] == "duplicate"]
    assert [c["row_id"] for c in cases] == [first]

    # The supervisor countersigns A's report; A's later edit is refused by the client and by the server.
    a.cli("report", "submit")
    a.cli("sync")
    sup.cli("sync")
    signed = sup.cli_json("report", "countersign", "--rep", "张伟")
    assert signed["status"] == "countersigned"
    sup.cli("sync")
    a.cli("sync")
    shown = a.cli_json("report", "show")
    assert shown["status"] == "countersigned" and shown["signature_valid"] is True
    a.cli("report", "edit", "--summary", "改一下", expect=1)
    assert "countersigned" in a.last_stderr

    # An older client without that check writes the edit anyway: the server refuses it, the laptop shows why
    # and goes back to the signed text.
    with unit_of_work(a.store) as uow:
        report = uow.session.get(DailyReport, shown["id"])
        uow.update(report, {"summary": "偷偷改了"})
    out = a.cli("sync", expect=1)  # a refusal is not a quiet success
    assert "rejected 1" in out and "refused 1 change(s)" in a.last_stderr
    problems = [c for c in a.cli_json("conflicts", "list") if c["kind"] == "rejected"]
    assert len(problems) == 1 and "countersigned" in problems[0]["reason"]
    shown = a.cli_json("report", "show")
    assert shown["summary"] == "" and shown["signature_valid"] is True

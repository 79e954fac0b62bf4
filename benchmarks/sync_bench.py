"""Sync benchmark on loopback with PostgreSQL: initial sync vs a local-load floor, incremental round trips, and
many reps pushing and pulling at once. Prints its figures; sizes are flags (defaults are the issue's)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psutil
import psycopg

os.environ.setdefault("FIELDCRM_ARGON2_PROFILE", "cheapest")

from sqlalchemy import insert  # noqa: E402

from fieldcrm.ids import uuid7  # noqa: E402
from fieldcrm.models import Customer, Visit  # noqa: E402
from fieldcrm.models.codec import encode_value  # noqa: E402
from fieldcrm.paths import resolve_paths  # noqa: E402
from fieldcrm.server import accounts  # noqa: E402
from fieldcrm.server.db import make_engine, migrate  # noqa: E402
from fieldcrm.server.tables import row_seq, sync_counter  # noqa: E402
from fieldcrm.store import Store  # noqa: E402
from fieldcrm.sync.client import SyncClient  # noqa: E402
from fieldcrm.sync.protocol import PROTOCOL_HEADER  # noqa: E402

os.environ.setdefault("FIELDCRM_PASSPHRASE", "benchmark passphrase")  # the store is encrypted; no keyring here

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "bench-password"


def seed(engine, rep_id: str, customers: int, visits: int) -> None:
    """Rows as the server would hold them after pushes: versions are sequence numbers, row_seq filled."""
    now = datetime.now(UTC)
    seq = 1000
    cust_ids = []
    with engine.begin() as conn:
        batch, feed = [], []
        for i in range(customers):
            seq += 1
            cid = uuid7()
            cust_ids.append(cid)
            name = f"基准客户{i:07d}有限公司"
            batch.append(
                {
                    "id": cid,
                    "created_at": now,
                    "updated_at": now,
                    "version": seq,
                    "deleted": False,
                    "owner_id": rep_id,
                    "name": name,
                    "name_norm": name,
                    "phone": f"021-{i:08d}",
                    "phone_norm": f"021{i:08d}",
                    "address": "上海市浦东新区",
                    "in_public_pool": False,
                    "tags": "华东",
                    "notes": "",
                    "first_contact_at": now,
                    "first_contact_by": rep_id,
                }
            )
            feed.append(
                {
                    "table_name": "customer",
                    "row_id": cid,
                    "seq": seq,
                    "owner_id": rep_id,
                    "customer_id": cid,
                    "prev_owner_id": rep_id,
                    "prev_public": False,
                    "shared": False,  # one rep's private customers and their visits
                }
            )
            if len(batch) >= 5000:
                conn.execute(insert(Customer.__table__), batch)
                conn.execute(insert(row_seq), feed)
                batch, feed = [], []
        if batch:
            conn.execute(insert(Customer.__table__), batch)
            conn.execute(insert(row_seq), feed)
        batch, feed = [], []
        for i in range(visits):
            seq += 1
            vid = uuid7()
            cid = cust_ids[i % len(cust_ids)]
            batch.append(
                {
                    "id": vid,
                    "created_at": now,
                    "updated_at": now,
                    "version": seq,
                    "deleted": False,
                    "owner_id": rep_id,
                    "customer_id": cid,
                    "rep_id": rep_id,
                    "kind": "visit",
                    "started_at": now - timedelta(minutes=i),
                    "received_at": now,
                    "outcome": "拜访，谈了需求",
                    "notes": "",
                }
            )
            feed.append(
                {
                    "table_name": "visit",
                    "row_id": vid,
                    "seq": seq,
                    "owner_id": rep_id,
                    "customer_id": cid,
                    "prev_owner_id": rep_id,
                    "prev_public": False,
                    "shared": False,  # one rep's private customers and their visits
                }
            )
            if len(batch) >= 5000:
                conn.execute(insert(Visit.__table__), batch)
                conn.execute(insert(row_seq), feed)
                batch, feed = [], []
        if batch:
            conn.execute(insert(Visit.__table__), batch)
            conn.execute(insert(row_seq), feed)
        conn.execute(sync_counter.update().where(sync_counter.c.id == 1), {"value": seq})
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def start_server(url: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fieldcrm.server.cli",
            "serve",
            "--database-url",
            url,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def floor_load(folder: Path, dump: Path, template_store: Path) -> float:
    """Load the same rows into an empty laptop store from a local JSON file: the floor sync is compared with."""
    import shutil

    from fieldcrm.store.search_index import reindex_customers
    from fieldcrm.sync.apply import _decode_row

    target = folder / "floor.sqlite3"
    shutil.copy(template_store, target)
    store = Store.open(target)
    start = time.perf_counter()
    data = json.loads(dump.read_text(encoding="utf-8"))
    with store.engine.begin() as conn:
        for table, model in (("customer", Customer), ("visit", Visit)):
            rows = [_decode_row(model, r) for r in data[table]]
            for i in range(0, len(rows), 5000):
                conn.execute(insert(model.__table__), rows[i : i + 5000])
        reindex_customers(conn, [r["id"] for r in data["customer"]])
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def dump_rows(engine, path: Path) -> None:
    from sqlalchemy import select

    with engine.connect() as conn:
        data = {
            name: [{k: encode_value(v) for k, v in r.items()} for r in conn.execute(select(model.__table__)).mappings()]
            for name, model in (("customer", Customer), ("visit", Visit))
        }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def laptop(folder: Path, template_store: Path, url: str, user: str) -> SyncClient:
    import shutil

    paths = resolve_paths(folder).ensure()
    shutil.copy(template_store, paths.database)
    store = Store.open(paths.database, paths.backups)
    client = SyncClient(store, paths, page_size=5000)
    client.login(url, user, PASSWORD)
    return client


def bench_initial(args, engine, url: str, work: Path, template: Path) -> None:
    rep = accounts.create_user(engine, "基准代表", "rep", "基准组", PASSWORD)
    t = time.perf_counter()
    seed(engine, rep.id, args.customers, args.visits)
    print(
        f"seeded {args.customers} customers and {args.visits} visits on the server in {time.perf_counter() - t:.1f} s"
    )
    dump = work / "rows.json"
    dump_rows(engine, dump)
    client = laptop(work / "initial", template, url, "基准代表")
    start = time.perf_counter()
    result = client.sync_once()
    elapsed = time.perf_counter() - start
    assert not result.offline, result.message
    floor = floor_load(work, dump, template)
    print(
        f"(a) initial sync: {result.pulled} rows in {elapsed:.1f} s; local JSON load floor {floor:.1f} s; "
        f"ratio {elapsed / floor:.2f}x (target <= 3x); repaired tables: {result.repaired or 'none'}"
    )
    times = []
    services_store = client.store
    from fieldcrm.services import Services

    services = Services.for_store(services_store)
    with services_store.session() as session:
        from sqlmodel import select

        ids = list(session.exec(select(Customer.id).limit(50)))
    for round_ in range(args.rounds):
        for i, cid in enumerate(ids):
            services.customers.update(cid, notes=f"第{round_}轮修改{i}")
        start = time.perf_counter()
        result = client.sync_once()
        times.append(time.perf_counter() - start)
        assert result.pushed == 50 and not result.offline, result.summary()
    print(
        f"(b) incremental sync of 50 edits: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; target < 300 ms)"
    )
    client.store.close()


def cpu_seconds(server: subprocess.Popen) -> dict[str, float]:
    """CPU time used so far by the server's processes, by PostgreSQL's, and by this benchmark (its 200 clients)."""

    def total(processes) -> float:
        seconds = 0.0
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            seconds += times.user + times.system
        return seconds

    parent = psutil.Process(server.pid)
    postgres = [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"]
    return {
        "server": total([parent, *parent.children(recursive=True)]),
        "PostgreSQL": total(postgres),
        "benchmark": total([psutil.Process()]),
    }


def bench_concurrent(args, engine, url: str, server: subprocess.Popen) -> None:
    names = [f"并发代表{i:03d}" for i in range(args.reps)]
    for name in names:
        accounts.create_user(engine, name, "rep", "并发组", PASSWORD)
    tokens = {}
    for i, name in enumerate(names):
        # Each rep's laptop from its own address (the server trusts X-Forwarded-For from loopback): one address
        # logging in 200 times would meet the per-address login throttle.
        address = {"X-Forwarded-For": f"10.0.{i // 250}.{i % 250 + 1}"}
        login = {"user": name, "password": PASSWORD, "device_id": uuid7()}
        answer = httpx.post(f"{url}/auth/login", json=login, headers=address)
        tokens[name] = answer.json()["token"]
    rounds = []
    warmup_errors: list[str] = []
    for n in range(1 - args.warmup, args.concurrent_rounds + 1):
        wall, p95, errors, used = _concurrent_round(args, engine, url, names, tokens, server)
        if n > 0:
            rounds.append((wall, p95, errors))
        else:
            warmup_errors += errors  # counted in the errors all the same
        cpu = ", ".join(f"{k} {seconds:.2f} s" for k, seconds in used.items())
        print(
            f"    {f'round {n}' if n > 0 else 'warm-up'}: {args.reps * args.changes / wall:.0f} changes/s,"
            f" p95 {p95 * 1000:.0f} ms, errors {len(errors)}; wall {wall:.2f} s, CPU: {cpu}"
        )
    wall, p95, _ = sorted(rounds, key=lambda r: r[1])[len(rounds) // 2]
    errors = warmup_errors + [e for r in rounds for e in r[2]]
    print(
        f"(c) {args.reps} reps x {args.changes} changes, push + pull each, concurrently (median of {len(rounds)}"
        f" rounds by p95, after {args.warmup} warm-up): {args.reps * args.changes / wall:.0f} changes/s,"
        f" p95 request latency {p95 * 1000:.0f} ms, errors {len(errors)} in all rounds"
        " (targets: 0 errors, p95 < 1000 ms)"
    )
    for problem in errors[:5]:
        print("   ", problem)


def _concurrent_round(args, engine, url: str, names: list[str], tokens: dict[str, str], server: subprocess.Popen):
    """Every rep pushes its queued changes, then pulls, all at once.

    Returns (wall, p95 latency, errors, CPU seconds each side used while the clock ran)."""
    # Each rep synced before (as on a normal working day): its cursor is the server's current sequence number.
    with engine.connect() as conn:
        top = int(conn.execute(sync_counter.select()).one().value)
    # Every request is encoded before the clock starts, and every answer checked after it stops. The 200 laptops
    # are one event loop in this process, sharing the server's two cores: the less CPU they use, the less of
    # their own work is measured as the server's latency.
    host, port = url.removeprefix("http://").split(":")
    requests = {name: _rep_requests(args, host, name, tokens[name], top) for name in names}
    answers: dict[str, list[tuple[float, int, bytes]]] = {}

    async def one_rep(name: str) -> None:
        answers[name] = []
        start = time.perf_counter()  # the first request's time includes connecting
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            for raw in requests[name]:
                writer.write(raw)
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                body = await reader.readexactly(length)
                answers[name].append((time.perf_counter() - start, int(head.split(b" ")[1]), body))
                start = time.perf_counter()
        finally:
            writer.close()

    async def all_reps() -> list:
        return await asyncio.gather(*(one_rep(name) for name in names), return_exceptions=True)

    before = cpu_seconds(server)
    start = time.perf_counter()
    failures = asyncio.run(all_reps())
    wall = time.perf_counter() - start
    after = cpu_seconds(server)
    errors = [f"connection: {exc!r}" for exc in failures if exc is not None]
    latencies = []
    for name in names:
        for (elapsed, status, body), path in zip(answers[name], ("/sync/push", "/sync/pull"), strict=False):
            latencies.append(elapsed)
            ok = status == 200 and (
                path != "/sync/push" or all(r["status"] == "applied" for r in json.loads(body)["results"])
            )
            if not ok:
                errors.append(f"{path} {status} {body[:120]!r}")
    latencies.sort()
    used = {k: after[k] - before[k] for k in before}
    return wall, latencies[int(len(latencies) * 0.95) - 1], errors, used


def _rep_requests(args, host: str, name: str, token: str, cursor: int) -> list[bytes]:
    """The HTTP/1.1 requests of one rep's sync: a push of `args.changes` new customers (name and mobile), then a
    pull."""
    now = datetime.now(UTC).isoformat()
    ops = []
    for i in range(args.changes):
        cid = uuid7()
        ops.append(
            {
                "op_id": uuid7(),
                "client_seq": i + 1,
                "group_id": uuid7(),
                "table": "customer",
                "row_id": cid,
                "op": "insert",
                "base_version": 0,
                # With a mobile number, as a rep enters a new customer: the server checks each for a twin.
                "fields": {
                    "id": cid,
                    "name": f"{name}的客户{cid[-6:]}",
                    "phone": f"13{secrets.randbelow(10**9):09d}",
                    "created_at": now,
                    "updated_at": now,
                },
            }
        )
    body = json.dumps({"ops": ops}, ensure_ascii=False).encode()
    headers = f"Host: {host}\r\n{PROTOCOL_HEADER}: 1\r\nAuthorization: Bearer {token}\r\n"
    push = (
        f"POST /sync/push HTTP/1.1\r\n{headers}Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    pull = f"GET /sync/pull?after={cursor} HTTP/1.1\r\n{headers}\r\n".encode()
    return [push, pull]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=7, help="incremental rounds for (b)")
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--concurrent-rounds", type=int, default=3, help="rounds of (c); the median is reported")
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="rounds of (c) run first and not counted: on a new database the first round pays for the tables'"
        " first statistics and plans (PostgreSQL's CPU about 1.7x a later round's)",
    )
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--threads", type=int, default=1, help="requests each server process runs at once")
    parser.add_argument("--skip", choices=("initial", "concurrent"), action="append", default=[])
    args = parser.parse_args()
    database = f"fieldcrm_bench_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
    engine = make_engine(url)
    migrate(engine)
    port = 18000 + secrets.randbelow(2000)
    server = start_server(url, port, args.workers, args.threads)
    print(f"server: {args.workers} processes x {args.threads} threads, PostgreSQL {database}")
    base = f"http://127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            template = work / "template.sqlite3"
            Store.open(template).close()
            if "initial" not in args.skip:
                bench_initial(args, engine, base, work, template)
            if "concurrent" not in args.skip:
                bench_concurrent(args, engine, base, server)
    finally:
        server.terminate()
        server.wait()
        engine.dispose()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    main()

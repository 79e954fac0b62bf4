"""Login storm: a rep's pull p95 on a quiet server, then while 16 clients hammer `/auth/login` (unknown names, as
the issue found), side by side in one run. Real Argon2 (the production profile), a real `fieldcrm-server serve`
subprocess with its default threads. Three storms: from one address (the per-address throttle answers), from 16
addresses (X-Forwarded-For from loopback, which uvicorn trusts as from a local proxy), and from 16 addresses with
the throttle opened wide (as a botnet of many addresses: only the bounded hashing pool stands in the way).
Target: each storm's p95 within 2x of quiet. The storm runs in its own process (niced), so this process's
measuring thread does not wait for the interpreter lock behind 16 hammering threads."""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

os.environ.pop("FIELDCRM_ARGON2_PROFILE", None)  # production hashing: the point of this benchmark

from fieldcrm.ids import uuid7  # noqa: E402
from fieldcrm.server import accounts  # noqa: E402
from fieldcrm.server.db import make_engine, migrate  # noqa: E402
from fieldcrm.sync.protocol import PROTOCOL_HEADER  # noqa: E402

PASSWORD = "bench-password"
REP = "基准代表"


def start_server(url: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "fieldcrm.server.cli", "serve", "--database-url", url, "--port", str(port)]
    process = subprocess.Popen([*command, "--access-log", "off"], stdout=subprocess.DEVNULL, env={**os.environ, **env})
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def seed(base: str, customers: int) -> dict[str, str]:
    """The rep's bearer headers, after pushing `customers` customers of his."""
    answer = httpx.post(f"{base}/auth/login", json={"user": REP, "password": PASSWORD, "device_id": uuid7()})
    answer.raise_for_status()
    headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {answer.json()['token']}"}
    owner = answer.json()["user"]["id"]
    now = datetime.now(UTC).isoformat()
    for start in range(0, customers, 200):
        ops = []
        for i in range(start, min(customers, start + 200)):
            row_id = uuid7()
            fields = {"id": row_id, "name": f"风暴基准客户{i:05d}有限公司", "owner_id": owner}
            fields |= {"created_at": now, "updated_at": now, "first_contact_at": now, "first_contact_by": owner}
            ops.append(
                {"op_id": uuid7(), "client_seq": i + 1, "group_id": uuid7(), "table": "customer", "row_id": row_id}
                | {"op": "insert", "fields": fields, "base_version": 0}
            )
        httpx.post(f"{base}/sync/push", json={"ops": ops}, headers=headers, timeout=120).raise_for_status()
    return headers


def pull_p95(base: str, headers: dict[str, str], rounds: int) -> float:
    """p95 of a full pull (first page from the start), in milliseconds."""
    times = []
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        client.get("/sync/pull", params={"after": 0}).raise_for_status()  # warm
        for _ in range(rounds):
            start = time.perf_counter()
            client.get("/sync/pull", params={"after": 0}).raise_for_status()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.quantiles(times, n=20)[18]


def storm(base: str, clients: int, spread: bool, stop, counts, sent) -> None:  # noqa: ANN001 - mp.Event, dict, Value
    """`clients` threads logging in as unknown users as fast as they are answered (attackers ignore Retry-After)."""
    os.nice(10)
    tally: Counter[int] = Counter()
    lock = threading.Lock()

    def hammer(n: int) -> None:
        headers = {"X-Forwarded-For": f"198.51.100.{n + 1}"} if spread else {}
        with httpx.Client(base_url=base, timeout=120, headers=headers) as client:
            while not stop.is_set():
                body = {"user": f"nobody-{n}-{uuid7()[-6:]}", "password": "guess-password", "device_id": uuid7()}
                status = client.post("/auth/login", json=body).status_code
                with lock:
                    tally[status] += 1
                with sent.get_lock():
                    sent.value += 1

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts.update({str(k): v for k, v in tally.items()})


def during_storm(base: str, headers: dict[str, str], rounds: int, clients: int, spread: bool) -> tuple[float, dict]:
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        stop, counts, sent = manager.Event(), manager.dict(), ctx.Value("i", 0)
        process = ctx.Process(target=storm, args=(base, clients, spread, stop, counts, sent))
        process.start()
        while sent.value < 20 * clients:  # the storm under way, and the throttle's bursts spent, before measuring
            time.sleep(0.05)
        start, before = time.perf_counter(), sent.value
        p95 = pull_p95(base, headers, rounds)
        rate = (sent.value - before) / (time.perf_counter() - start)
        stop.set()
        process.join()
        return p95, {**dict(counts), "logins/s": round(rate)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a new SQLite file")
    parser.add_argument("--customers", type=int, default=2000, help="the rep's customers (what a pull carries)")
    parser.add_argument("--rounds", type=int, default=60, help="pulls measured per phase")
    parser.add_argument("--clients", type=int, default=16, help="clients hammering /auth/login")
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="login-storm-"))
    url = args.database_url or f"sqlite:///{work / 'server.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    accounts.create_user(engine, REP, "rep", "华东一组", PASSWORD)
    engine.dispose()

    servers = {
        "default limits": {},
        "throttle opened wide": {"FIELDCRM_LOGIN_BURST": "1000000", "FIELDCRM_LOGIN_PER_MINUTE": "1000000"},
    }
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    headers: dict[str, str] | None = None
    for label, env in servers.items():
        server = start_server(url, args.port, env)
        try:
            headers = headers or seed(base, args.customers)
            storms = [("one address", False)] if label == "default limits" else []
            storms.append((f"{args.clients} addresses", True))
            for name, spread in storms:
                quiet = pull_p95(base, headers, args.rounds)  # right before its storm: the machine may be shared
                p95, counts = during_storm(base, headers, args.rounds, args.clients, spread)
                rows.append((label, name, quiet, p95, counts))
        finally:
            server.terminate()
            server.wait()
    print(f"rep's pull of {args.customers} customers, p95 of {args.rounds}; {args.clients} clients hammering login")
    for label, name, quiet, p95, counts in rows:
        answers = ", ".join(f"{k}: {v}" for k, v in counts.items())
        print(
            f"{label:22} storm from {name:13}  quiet {quiet:7.1f} ms   storm {p95:7.1f} ms   "
            f"ratio {p95 / quiet:4.2f}x   login answers {answers}"
        )


if __name__ == "__main__":
    main()

"""Store benchmark: bulk creation of customers beside raw sqlite3.executemany, and first-page search latency, today's
search beside the one before pinyin (`legacy_search.py`, names in code point order) on the same store.

    uv run python benchmarks/store_bench.py                 # 100,000 demo customers
    uv run python benchmarks/store_bench.py --customers 20000 --runs 9

Everything lives in a temporary folder that is removed at the end (unless --keep). It measures only: it never
changes the store or the services.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import fieldcrm.pinyin
from fieldcrm.demo import generate_demo
from fieldcrm.models import Contact, Customer
from fieldcrm.services import CustomerQuery, Services
from fieldcrm.store import Store, cipher, keys

sys.path.insert(0, str(Path(__file__).parent))
from legacy_search import SearchService as LegacySearchService  # noqa: E402

os.environ.setdefault("FIELDCRM_PASSPHRASE", "benchmark passphrase")  # the store is encrypted; no keyring here

PAGE = 50
PINYIN_SECONDS = [0.0]  # time spent working out pinyin while the store is built


def _timed_pinyin() -> None:
    """Count the time `fieldcrm.pinyin.name_pinyin` takes (its callers import it when they run)."""
    work = fieldcrm.pinyin.name_pinyin

    def timed(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return work(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            PINYIN_SECONDS[0] += time.perf_counter() - start

    fieldcrm.pinyin.name_pinyin = timed  # type: ignore[assignment]


def build_store(folder: Path, customers: int, seed: int) -> tuple[Store, object]:
    store = Store.open(folder / "fieldcrm.sqlite3")
    profile = Services.for_store(store).profile
    profile.add_user("王经理", "supervisor", "华东一组")  # so the demo's reports are countersigned, as in real use
    profile.init_profile("张伟", "rep", "华东一组")
    return store, generate_demo(store, customers, seed)


def raw_executemany(store_path: Path, folder: Path) -> tuple[int, float, float]:
    """The same customer and contact rows (all columns, values as stored) into plain tables of a fresh SQLite file,
    encrypted as the store is, with the store's journal settings: (rows, seconds for executemany, seconds for the
    commit)."""
    target = cipher.connect(folder / "raw.sqlite3", key=keys.new_key(folder / "raw.sqlite3"))  # encrypted alike
    source = cipher.connect(store_path)
    try:
        target.execute("PRAGMA journal_mode=WAL")
        target.execute("PRAGMA synchronous=NORMAL")
        tables = []
        for model in (Customer, Contact):
            columns = list(model.__table__.columns.keys())  # type: ignore[attr-defined]
            name = model.__tablename__  # type: ignore[attr-defined]
            rows = source.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall()
            target.execute(f"CREATE TABLE {name}_plain ({', '.join(columns)})")
            tables.append((f"INSERT INTO {name}_plain VALUES ({', '.join('?' * len(columns))})", rows))
        target.commit()
        start = time.perf_counter()
        for sql, rows in tables:
            target.executemany(sql, rows)
        inserted = time.perf_counter()
        target.commit()
        return sum(len(rows) for _, rows in tables), inserted - start, time.perf_counter() - inserted
    finally:
        source.close()
        target.close()


def typical_queries(store: Store) -> list[tuple[str, CustomerQuery]]:
    """20 searches a rep types: 2-4 character words of names and addresses, region or grade plus a word, phone
    fragments, and contact names (two common ones and a rare one, taken from the generated data)."""
    with store.engine.connect() as conn:
        common = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM contact GROUP BY name HAVING length(name) >= 2 ORDER BY count(*) DESC, name LIMIT 2"
            )
        ]
        rare = conn.exec_driver_sql(
            "SELECT name FROM contact WHERE length(name) = 3 GROUP BY name HAVING count(*) = 1 ORDER BY name LIMIT 1"
        ).scalar_one()
    queries = [(word, CustomerQuery(text=word)) for word in ("科技", "上海", "贸易", "电子", "华信", "浦东", "人民路")]
    queries += [(word, CustomerQuery(text=word)) for word in ("医疗器械", "南山区")]
    queries += [
        ("华东 + 科技", CustomerQuery(text="科技", region="华东")),
        ("华南 + 贸易", CustomerQuery(text="贸易", region="华南")),
        ("华北 + 机械", CustomerQuery(text="机械", region="华北")),
        ("grade A + 上海", CustomerQuery(text="上海", grade="A")),
    ]
    queries += [(digits, CustomerQuery(text=digits)) for digits in ("1381", "5678", "0755", "13912")]
    queries += [(name, CustomerQuery(text=name)) for name in [*common, rare]]
    return queries


def pinyin_queries(store: Store) -> list[tuple[str, CustomerQuery]]:
    """14 searches typed in pinyin: cities (polyphonic ones among them), industry and trade-name words in full
    pinyin, with a space and with tone marks, company initials, and the contact names of `typical_queries` in
    full pinyin and initials."""
    with store.engine.connect() as conn:
        people = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM contact GROUP BY name HAVING length(name) >= 2 ORDER BY count(*) DESC, name LIMIT 1"
            )
        ]
        people += conn.exec_driver_sql(
            "SELECT name FROM contact WHERE length(name) = 3 GROUP BY name HAVING count(*) = 1 ORDER BY name LIMIT 1"
        ).scalars()
    words = ["shanghai", "chongqing", "xiamen", "changsha", "keji", "maoyi", "huaxin", "hua xin", "huáxìn", "hxkj"]
    words += ["htmy"]  # 恒泰贸易
    for name in people:
        keys = fieldcrm.pinyin.name_pinyin(name, person=True)
        words += [keys.tokens.split()[0]] if name == people[0] else [keys.tokens.split()[0], keys.initials]
    return [(word, CustomerQuery(text=word)) for word in words]


def time_queries(
    services: dict[str, object], queries: list[tuple[str, CustomerQuery]], runs: int
) -> dict[str, dict[str, list[float] | int]]:
    """Per query label and service: the rows found and `runs` timings in ms, the services taking turns run by run
    (after one warm-up each), so both see the same machine load."""
    out: dict[str, dict[str, list[float] | int]] = {}
    for label, query in queries:
        query.limit = PAGE
        entry: dict[str, list[float] | int] = {}
        for name, search in services.items():
            entry[f"{name} rows"] = len(search.search(query))  # type: ignore[attr-defined]
            entry[name] = []
        for _ in range(runs):
            for name, search in services.items():
                start = time.perf_counter()
                search.search(query)  # type: ignore[attr-defined]
                entry[name].append((time.perf_counter() - start) * 1000)  # type: ignore[union-attr]
        out[label] = entry
    return out


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _print_figures(figures: dict[str, dict[str, list[float] | int]], names: tuple[str, ...]) -> None:
    head = "  ".join(f"{n + ' rows':>11}  {n + ' median':>11}  {n + ' max':>8}" for n in names)
    print(f"  {pad('query', 18)}  {head}")
    for label, entry in figures.items():
        cells = "  ".join(
            f"{entry[n + ' rows']:>11}  {statistics.median(entry[n]):11.2f}  {max(entry[n]):8.2f}"  # type: ignore[arg-type]
            for n in names
        )
        print(f"  {pad(label, 18)}  {cells}")
    for n in names:
        runs = [t for entry in figures.values() for t in entry[n]]  # type: ignore[union-attr]
        print(
            f"  {n}: all {len(runs)} runs: median {statistics.median(runs):.2f} ms, p95 {percentile(runs, 0.95):.2f} ms"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="runs of each search query")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print where it is")
    args = parser.parse_args(argv)

    _timed_pinyin()
    folder = Path(tempfile.mkdtemp(prefix="fieldcrm-bench-"))
    print(
        f"FieldCRM store benchmark: {args.customers:,} demo customers (seed {args.seed}); Python "
        f"{platform.python_version()}, SQLite {cipher.dbapi.sqlite_version} (SQLCipher), {os.cpu_count()} CPUs, "
        f"{platform.machine()}"
    )
    store, summary = build_store(folder, args.customers, args.seed)
    try:
        bulk_seconds = summary.timings["insert customers and contacts"]
        bulk_rows = summary.counts["customers"] + summary.counts["contacts"]
        bulk_rate = bulk_rows / bulk_seconds
        raw_rows, raw_seconds, raw_commit = raw_executemany(store.path, folder)
        raw_rate = raw_rows / raw_seconds
        print("\n(a) bulk creation of customers with their contacts")
        print(
            f"  BulkWriter.insert_customers (rows + outbox + search index)  {bulk_rows:>9,} rows"
            f"  {bulk_seconds:7.2f} s  {bulk_rate:>10,.0f} rows/s"
        )
        print(
            f"  raw executemany (plain tables, same columns, encrypted)    {raw_rows:>9,} rows"
            f"  {raw_seconds:7.2f} s  {raw_rate:>10,.0f} rows/s   (+ commit {raw_commit:.2f} s)"
        )
        print(f"  ratio: raw is {raw_rate / bulk_rate:.1f}x faster than BulkWriter")
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.timings.items())
        print(f"  whole demo: {summary.seconds:.1f} s ({phases})")
        counts = ", ".join(f"{name} {count:,}" for name, count in summary.counts.items())
        print(f"  demo rows: {counts}")

        services = {"before": LegacySearchService(store), "now": Services.for_store(store).search}
        print(
            f"  of which working out pinyin (names of customers and contacts): {PINYIN_SECONDS[0]:.2f} s"
            " (the search index, written by BulkWriter, holds it)"
        )
        queries = typical_queries(store)
        print(
            f"\n(b) SearchService.search, first page (limit {PAGE}), {args.runs} runs per query after one warm-up;"
            " before = the search before pinyin (names in code point order), now = today's, taking turns"
        )
        figures = time_queries(services, queries, args.runs)
        _print_figures(figures, ("before", "now"))
        py_queries = pinyin_queries(store)
        print("\n(c) the same, for words typed in pinyin (before: found through the bigram index alone, if at all)")
        py_figures = time_queries(services, py_queries, args.runs)
        _print_figures(py_figures, ("before", "now"))
        every = [t for fig in (figures, py_figures) for entry in fig.values() for t in entry["now"]]  # type: ignore[union-attr]
        print(
            f"  now, all {len(every)} runs of (b) and (c): median {statistics.median(every):.2f} ms,"
            f" p95 {percentile(every, 0.95):.2f} ms (target < 30 ms)"
        )
        print("\n(d) the list in name order, no text: first page and every id (what the window holds), median ms")
        for label, query in (("first page", CustomerQuery(limit=PAGE)), ("all ids", None)):
            samples: dict[str, list[float]] = {name: [] for name in services}
            for _ in range(args.runs + 1):
                for name, search in services.items():
                    start = time.perf_counter()
                    search.search(query) if query else search.ids(CustomerQuery())  # type: ignore[attr-defined]
                    samples[name].append((time.perf_counter() - start) * 1000)
            shown = "  ".join(f"{name} {statistics.median(v[1:]):8.2f}" for name, v in samples.items())
            print(f"  {pad(label, 12)}  {shown}")
    finally:
        store.close()
        if args.keep:
            print(f"\nkept: {folder}")
        else:
            for path in sorted(folder.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())

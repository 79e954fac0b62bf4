"""`fieldcrm demo`: fill the profile's store with realistic demo data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldcrm.cli.common import CommandError, print_json, services_of
from fieldcrm.demo import generate_demo
from fieldcrm.excel.sample import sample_list
from fieldcrm.services import CustomerQuery


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="add realistic demo data for the current user (needs `init` first)",
        description="Adds customers with contacts, 90 days of visits, visit plans, daily reports and opportunities "
        "for the current user; a supervisor also gets three reps in the team with data of their own. The same "
        "seed gives the same data on an empty store.",
    )
    p.add_argument("--customers", type=int, required=True, help="how many customers to add, e.g. 2000")
    p.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    p.add_argument(
        "--workbook",
        type=Path,
        metavar="FILE.xlsx",
        help="also write a small messy customer list to try `fieldcrm import` (or the import wizard) with: a title "
        "row, a phone stored as a number, two bad rows and one of the new demo customers again",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_demo)


def _progress(done: int, total: int) -> None:
    print(f"\r{done:,} / {total:,} customers", end="", file=sys.stderr, flush=True)
    if done == total:
        print(file=sys.stderr)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.workbook is not None:  # checked before any data is added, so a typo costs nothing
        if args.workbook.suffix.lower() != ".xlsx":
            raise CommandError(f"--workbook: '{args.workbook}' should end in .xlsx")
        if not args.workbook.parent.is_dir():
            raise CommandError(f"--workbook: there is no folder '{args.workbook.parent}'")
    with services_of(args) as services:
        progress = _progress if sys.stderr.isatty() and args.customers >= 20_000 else None
        summary = generate_demo(services.store, args.customers, args.seed, progress=progress)
        if args.workbook:
            existing = services.search.search(CustomerQuery(limit=1))
            name, phone = (existing[0].name, existing[0].phone or "") if existing else ("上海华东机械有限公司", "")
            try:
                sample_list(args.workbook, name, phone)
            except OSError as exc:
                raise CommandError(f"--workbook: cannot write '{args.workbook}': {exc.strerror or exc}") from None
    if args.format == "json":
        print_json(summary.__dict__)
        return 0
    print(f"Demo data for {summary.user} ({summary.role}), seed {args.seed}, in {summary.seconds:.1f} s:")
    if summary.reps_added:
        print(f"  reps added to the team: {', '.join(summary.reps_added)}")
    width = max(len(k) for k in summary.counts)
    for what, count in summary.counts.items():
        print(f"  {what:<{width}}  {count:>8,}")
    if args.workbook:
        print(f"Sample list to import: {args.workbook}")
    return 0

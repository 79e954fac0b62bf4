"""`fieldcrm ownership history CUSTOMER`: who held a customer, newest change first, and its protection period;
`fieldcrm ownership fairness`: the fairness report per rep and month (to the screen, as JSON or to Excel)."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldcrm.cli.common import (
    CommandError,
    OneLineParser,
    add_format,
    output_file,
    print_json,
    print_table,
    services_of,
    writing,
)
from fieldcrm.cli.lookup import resolve_customer
from fieldcrm.cli.pool_cmds import RETURN_WORDS
from fieldcrm.domain.fairness import FIGURES, FLAG_RULE
from fieldcrm.models.ownership import CLAIM_LOST
from fieldcrm.services.fairness import FairnessService, parse_months
from fieldcrm.services.ownership import OwnershipService
from fieldcrm.times import for_people

#: How the table names each kind of change.
KIND_WORDS = {
    "first_contact": "first contact",
    "claim": "claimed from the pool",
    "release": "released to the pool",
    "return_to_pool": "returned to the pool",
    "assignment": "assigned",
    "handover": "handed over",
    "arbitration": "arbitration",
    "claim_lost": "claim lost (another's came first)",
}


def register(sub: argparse._SubParsersAction) -> None:
    ownership = sub.add_parser("ownership", help="who holds a customer, and since when").add_subparsers(
        dest="ownership_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = ownership.add_parser("history", help="a customer's changes of owner, newest first, and its protection")
    p.add_argument("customer", metavar="CUSTOMER", help="customer id, or its name or part of it (e.g. 恒泰)")
    add_format(p)
    p.set_defaults(func=cmd_history)
    f = ownership.add_parser(
        "fairness",
        help="the fairness report: per rep and month, customers received by way, released, returned, won, appeals",
    )
    f.add_argument("--month", metavar="YYYY-MM", help="one month of the team's calendar (default: this month)")
    f.add_argument("--from", dest="first", metavar="YYYY-MM", help="the first month of a range")
    f.add_argument("--to", dest="last", metavar="YYYY-MM", help="the last month of a range (at most 24 months)")
    f.add_argument("--xlsx", metavar="FILE", help="also write the report to this workbook (logged as an export)")
    f.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the workbook")
    f.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_format(f)
    f.set_defaults(func=cmd_fairness)


def _moved(event: dict) -> str:
    """From whom to whom; a claim lost moved nothing."""
    if event["kind"] == CLAIM_LOST:
        return "-"
    return f"{event['from_owner'] or '-'} -> {event['to_owner'] or 'public pool'}"


def cmd_history(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        customer_id = resolve_customer(services, args.customer, "CUSTOMER")
        ownership = OwnershipService(services.store, services.user_id)
        events = ownership.history(customer_id)
        protection = ownership.protection(customer_id)
    if args.format == "json":
        print_json({"customer_id": customer_id, "protection": protection, "events": events})
        return 0
    if protection["days_left"] is not None:
        print(f"Protected for {protection['days_left']} more day(s), until {protection['until']}")
    elif protection["until"]:
        print(f"Protection ended on {protection['until']}")
    else:
        print("Not protected")
    if protection.get("returns_on"):
        why = RETURN_WORDS.get(protection["return_rule"], protection["return_rule"])
        print(f"Goes back to the public pool on {protection['returns_on']} if nothing changes ({why})")
    rows = [
        {
            **e,
            "when": for_people(e["at"]),
            "what": KIND_WORDS.get(e["kind"], e["kind"]),
            "moved": _moved(e),
            "why": e["reason"] or e["rule"] or "",
        }
        for e in events
    ]
    print_table(rows, [("when", "when"), ("what", "change"), ("moved", "from -> to"), ("by", "by"), ("why", "why")])
    return 0


#: The table's columns for people: the rep, then each figure under a short heading.
FAIRNESS_HEADINGS = {
    "first_contact": "first",
    "claim": "claimed",
    "assignment": "assigned",
    "handover": "handover",
    "arbitration": "arbitr.",
    "received": "received",
    "released": "released",
    "returned": "returned",
    "handed_away": "given",
    "won": "won",
    "appeals_filed": "appeals",
    "appeals_upheld": "upheld",
}


def cmd_fairness(args: argparse.Namespace) -> int:
    first, last = parse_months(args.month, args.first, args.last)
    target = None
    if args.xlsx:
        if Path(args.xlsx).suffix.lower() != ".xlsx":
            raise CommandError(f"--xlsx: '{args.xlsx}' should end in .xlsx")
        target = output_file(args.xlsx, "--xlsx", force=args.force)
    with services_of(args) as services:
        report = FairnessService(services.store, services.user_id).report(first, last)
        if target is not None:
            from fieldcrm.excel.fairness_book import export_fairness  # openpyxl: only when a workbook is asked for

            with writing(target, "--xlsx"):
                export_fairness(services.store, target, report.first, report.last, lang=args.lang,
                                user_id=services.user_id)  # fmt: skip
    if args.format == "json":
        print_json({**report.to_json(), "xlsx": str(target) if target else None})
        return 0
    columns = [("rep", "rep"), *((f, FAIRNESS_HEADINGS[f]) for f in FIGURES), ("flag", "flag")]
    for month in report.to_json()["months"]:
        print(f"{month['month']} ({report.timezone})")
        rows = [{**r, "flag": f"far {r['flag']} the mean" if r["flag"] else ""} for r in month["reps"]]
        rows.append({**month["total"], "rep": "total", "flag": ""})
        rows.append({**month["mean"], "rep": "mean", "flag": ""})
        print_table(rows, columns)
        print()
    print(FLAG_RULE)
    if target is not None:
        print(f"Wrote the report to {target}")
    return 0

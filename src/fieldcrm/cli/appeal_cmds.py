"""`fieldcrm appeals list|file|decide`: a rep's appeal about a customer they lost, and the supervisor's arbitration."""

from __future__ import annotations

import argparse

from fieldcrm.cli.common import OneLineParser, add_format, print_json, print_table, services_of
from fieldcrm.cli.lookup import resolve_customer
from fieldcrm.services.appeals import AppealService
from fieldcrm.times import for_people


def register(sub: argparse._SubParsersAction) -> None:
    appeals = sub.add_parser(
        "appeals", help="appeals about lost customers, and the supervisor's decisions"
    ).add_subparsers(dest="appeals_command", metavar="ACTION", required=True, parser_class=OneLineParser)
    p = appeals.add_parser("list", help="the appeals you may see: open ones first, with both sides' evidence")
    p.add_argument("--status", choices=("open", "upheld", "rejected"), help="only appeals in this state")
    add_format(p)
    p.set_defaults(func=cmd_list)
    p = appeals.add_parser("file", help="appeal about a customer you lost, to your supervisor")
    p.add_argument("customer", metavar="CUSTOMER", help="customer id, or its name or part of it")
    p.add_argument("--reason", required=True, help="why the customer should be yours (your statement)")
    p.set_defaults(func=cmd_file)
    p = appeals.add_parser("decide", help="decide an appeal (supervisors), with the reason both reps will read")
    p.add_argument("appeal", metavar="ID", help="the appeal's id")
    outcome = p.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--uphold", action="store_true", help="the customer goes to the appellant")
    outcome.add_argument("--reject", action="store_true", help="the customer stays where it is")
    p.add_argument("--reason", required=True, help="the written decision")
    p.set_defaults(func=cmd_decide)


def cmd_list(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        rows = AppealService(services.store, services.user_id).appeals(args.status)
    if args.format == "json":
        print_json(rows)
        return 0
    if not rows:
        print("No appeals")
        return 0
    table = [
        {
            **r,
            "filed": for_people(r["filed_at"]),
            "parties": f"{r['appellant']} vs {r['holder'] or 'public pool'}",
            "outcome": r["decision"] if r["status"] != "open" else r["statement"],
        }
        for r in rows
    ]
    print_table(
        table,
        [("id", "id"), ("customer", "customer"), ("parties", "appellant vs holder"), ("status", "status"),
         ("filed", "filed"), ("outcome", "statement or decision")],
    )  # fmt: skip
    return 0


def cmd_file(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        customer_id = resolve_customer(services, args.customer, "CUSTOMER")
        filed = AppealService(services.store, services.user_id).file(customer_id, args.reason)
        name = services.customers.get(customer_id)["name"]
    print(f"Appeal {filed['id']} filed about {name}; your supervisor decides it")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        service = AppealService(services.store, services.user_id)
        decided = service.decide(args.appeal, bool(args.uphold), args.reason)
        appeal = service.get(args.appeal)
    if decided["status"] == "upheld":
        print(f"Upheld: {appeal['customer']} goes to {appeal['appellant']}")
    else:
        print(f"Rejected: {appeal['customer']} stays with {appeal['holder'] or 'the public pool'}")
    return 0

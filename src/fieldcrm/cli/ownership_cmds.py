"""`fieldcrm ownership history CUSTOMER`: who held a customer, newest change first, and its protection period."""

from __future__ import annotations

import argparse

from fieldcrm.cli.common import OneLineParser, add_format, print_json, print_table, services_of
from fieldcrm.cli.lookup import resolve_customer
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
}


def register(sub: argparse._SubParsersAction) -> None:
    ownership = sub.add_parser("ownership", help="who holds a customer, and since when").add_subparsers(
        dest="ownership_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = ownership.add_parser("history", help="a customer's changes of owner, newest first, and its protection")
    p.add_argument("customer", metavar="CUSTOMER", help="customer id, or its name or part of it (e.g. 恒泰)")
    add_format(p)
    p.set_defaults(func=cmd_history)


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
    rows = [
        {
            **e,
            "when": for_people(e["at"]),
            "what": KIND_WORDS.get(e["kind"], e["kind"]),
            "moved": f"{e['from_owner'] or '-'} -> {e['to_owner'] or 'public pool'}",
            "why": e["reason"] or e["rule"] or "",
        }
        for e in events
    ]
    print_table(rows, [("when", "when"), ("what", "change"), ("moved", "from -> to"), ("by", "by"), ("why", "why")])
    return 0

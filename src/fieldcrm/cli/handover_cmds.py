"""`fieldcrm customers handover ID... --to REP --reason TEXT` and `fieldcrm handovers list|accept|approve|decline`:
handing customers to a teammate (客户交接) from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldcrm.cli.common import CommandError, OneLineParser, add_format, print_json, print_table, services_of
from fieldcrm.cli.lookup import resolve_customer
from fieldcrm.services.handover import HandoverService
from fieldcrm.times import for_people

#: How the table names each status.
STATUS_WORDS = {"requested": "waiting to be accepted", "accepted": "waiting for approval"}


def register(sub: argparse._SubParsersAction) -> None:
    handovers = sub.add_parser("handovers", help="customers handed between reps: list, accept, approve, decline")
    actions = handovers.add_subparsers(
        dest="handovers_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = actions.add_parser("list", help="handovers waiting for you first, then the others you can see")
    add_format(p)
    p.set_defaults(func=cmd_list)
    p = actions.add_parser("accept", help="take on a customer handed to you (the supervisor approves next)")
    p.add_argument("handover", metavar="ID", help="the handover's id, or its first characters")
    p.set_defaults(func=cmd_step, step="accept")
    p = actions.add_parser("approve", help="approve an accepted handover (supervisors): the customer moves now")
    p.add_argument("handover", metavar="ID", help="the handover's id, or its first characters")
    p.set_defaults(func=cmd_step, step="approve")
    p = actions.add_parser("decline", help="say no to a handover, with a reason; the customer stays")
    p.add_argument("handover", metavar="ID", help="the handover's id, or its first characters")
    p.add_argument("--reason", required=True, help="why not (both reps and the supervisor see it)")
    p.set_defaults(func=cmd_step, step="decline")


def register_customer_commands(customers: argparse._SubParsersAction) -> None:
    """`customers handover`, beside the other customer commands."""
    p = customers.add_parser(
        "handover",
        help="hand customers to a teammate, with a reason (they accept, your supervisor approves)",
        description="One handover per customer, asked for in one go; each customer moves (with its contacts, deals "
        "and future plan stops) once the receiving rep accepted and the supervisor approved. Customers that cannot "
        "be handed over are listed with why, one a line.",
    )
    p.add_argument("customers", metavar="ID", nargs="+", help="customer ids, or names or parts of them")
    p.add_argument("--to", required=True, metavar="REP", help="the teammate who takes them on (name or id)")
    p.add_argument("--reason", required=True, help="why (kept in each customer's ownership history)")
    add_format(p)
    p.set_defaults(func=cmd_handover)


def cmd_handover(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        ids = [resolve_customer(services, text, "ID") for text in args.customers]
        handing = HandoverService(services.store, services.user_id)
        reps = handing.receivers(ids)
        matches = [r for r in reps if args.to in (r["id"], r["name"])]
        if not matches:
            names = ", ".join(r["name"] for r in reps) or "none"
            raise CommandError(f"--to: '{args.to}' is not a teammate these customers can go to (they are: {names})")
        outcome = handing.request(ids, matches[0]["id"], args.reason)
    if args.format == "json":
        print_json(outcome)
    else:
        for asked in outcome["requested"]:
            print(f"Asked to hand {asked['customer']} to {matches[0]['name']} (handover {asked['id']})")
    for refused in outcome["refused"]:
        print(f"not handed over: {refused['customer']}: {refused['reason']}", file=sys.stderr)
    return 1 if outcome["refused"] else 0


def cmd_list(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        rows = HandoverService(services.store, services.user_id).handovers()
    rows.sort(key=lambda r: not r["waiting_for_me"])  # stable: newest first within each part
    if args.format == "json":
        print_json(rows)
        return 0
    if not rows:
        print("No handovers")
        return 0
    columns = [("id", "id"), ("customer", "customer"), ("moves", "from -> to"), ("status", "status")]
    print_table([_line(r) for r in rows], [*columns, ("when", "asked"), ("why", "why"), ("you", "you")])
    return 0


def _line(row: dict[str, Any]) -> dict[str, Any]:
    status = STATUS_WORDS.get(row["status"], row["status"])
    if row["status"] == "declined":
        status = f"declined by {row['declined_by']}: {row['decline_reason']}"
    return {
        **row,
        "id": row["id"],
        "moves": f"{row['from_rep']} -> {row['to_rep']}",
        "status": status,
        "when": for_people(row["requested_at"]),
        "why": row["reason"],
        "you": ", ".join(row["steps"]) if row["waiting_for_me"] else "",
    }


def cmd_step(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        handing = HandoverService(services.store, services.user_id)
        row = _find(handing.handovers(), args.handover)
        if args.step == "accept":
            handing.accept(row["id"])
            print(f"Accepted {row['customer']} from {row['from_rep']}; the supervisor approves next")
        elif args.step == "approve":
            handing.approve(row["id"])
            print(f"Approved: {row['customer']} is {row['to_rep']}'s now")
        else:
            handing.decline(row["id"], args.reason)
            print(f"Declined: {row['customer']} stays with {row['from_rep']}")
    return 0


def _find(rows: list[dict[str, Any]], text: str) -> dict[str, Any]:
    wanted = text.strip()
    found = [r for r in rows if r["id"] == wanted] or [r for r in rows if wanted and r["id"].startswith(wanted)]
    if len(found) != 1:
        hint = "several handovers start with it" if found else "no handover you can see has it"
        raise CommandError(f"ID: '{text}': {hint}; `fieldcrm handovers list` shows them")
    return found[0]

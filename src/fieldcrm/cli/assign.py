"""`fieldcrm customers assign ID... --to REP | --strategy …`: a supervisor's assignment of customers (分配客户)."""

from __future__ import annotations

import argparse
import sys

from fieldcrm.cli.common import CommandError, add_format, print_json, print_table, services_of
from fieldcrm.cli.lookup import resolve_customer
from fieldcrm.services.assignment import AssignmentService

#: The strategies as typed on the command line, and as the rules name them.
STRATEGY_OPTIONS = {"round-robin": "round_robin", "region": "region", "industry": "industry", "capacity": "capacity"}


def register_assign(customers: argparse._SubParsersAction) -> None:
    """Add `assign` to the `customers` commands."""
    p = customers.add_parser(
        "assign",
        help="give customers to reps of your team (supervisors): to one rep, or by a strategy",
        description="Each customer goes to a rep of your team, never past a rep's limit of customers; those that "
        "cannot be placed are listed with why, one a line. Round-robin continues after the rep who got the last "
        "customer in turn; by region, a rep's region is the one most of their customers are in.",
    )
    p.add_argument("customers", metavar="CUSTOMER", nargs="+", help="customer ids, or names or parts of them")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--to", metavar="REP", help="give them all to this rep (name or id)")
    how.add_argument("--strategy", choices=sorted(STRATEGY_OPTIONS), help="share them out by this rule")
    p.add_argument("--reason", default="", help="why, for the ownership history everyone on the team sees")
    p.add_argument("--dry-run", action="store_true", help="show who would get what; change nothing")
    add_format(p)
    p.set_defaults(func=cmd_assign)


def cmd_assign(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        ids = [resolve_customer(services, text, "CUSTOMER") for text in args.customers]
        assigner = AssignmentService(services.store, services.user_id)
        rep_id = None
        if args.to:
            reps = assigner.candidates()
            matches = [r for r in reps if args.to in (r["id"], r["name"])]
            if not matches:
                names = ", ".join(r["name"] for r in reps) or "none"
                raise CommandError(f"--to: '{args.to}' is not a rep on your team (they are: {names})")
            rep_id = matches[0]["id"]
        strategy = "by_hand" if args.to else STRATEGY_OPTIONS[args.strategy]
        if args.dry_run:
            outcome = assigner.preview(ids, strategy, rep_id)  # type: ignore[arg-type]
        else:
            outcome = assigner.assign(ids, strategy, rep_id, args.reason)  # type: ignore[arg-type]
    if args.format == "json":
        print_json({**outcome, "dry_run": args.dry_run})
    else:
        print_table(outcome["placed"], [("customer", "customer"), ("customer_id", "id"), ("rep", "to")])
    for refused in outcome["unplaced"]:
        print(f"not assigned: {refused['customer'] or refused['customer_id']}: {refused['reason']}", file=sys.stderr)
    return 1 if outcome["unplaced"] else 0

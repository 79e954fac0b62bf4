"""`fieldcrm pool list` and `fieldcrm customers claim|release`: the public pool (公海) from the command line."""

from __future__ import annotations

import argparse

from fieldcrm.cli.common import OneLineParser, add_format, print_json, print_table, services_of
from fieldcrm.cli.lookup import resolve_customer
from fieldcrm.services.pool import PoolService
from fieldcrm.services.returns import ReturnsService

#: The rules that send a held customer back to the pool (`domain.pool.ReturnRule`), as the CLI says them.
RETURN_WORDS = {
    "no_followup": "no follow-up in time",
    "no_deal": "no deal in time",
    "protection_ended": "protection ends without a deal",
}


def register(sub: argparse._SubParsersAction) -> None:
    pool = sub.add_parser("pool", help="the public pool (公海): customers anyone may claim").add_subparsers(
        dest="pool_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = pool.add_parser("list", help="the pool's customers, by name (mobile numbers masked)")
    p.add_argument("--search", default="", help="part of a name, a region or an industry")
    p.add_argument("--pool", metavar="NAME", help="only the customers of this pool of your team's (e.g. 公海)")
    add_format(p)
    p.set_defaults(func=cmd_list)
    p = pool.add_parser(
        "returning", help="your customers going back to the pool within the reminder days, and why (follow up now)"
    )
    add_format(p)
    p.set_defaults(func=cmd_returning)


def register_customer_commands(customers: argparse._SubParsersAction) -> None:
    """`customers claim` and `customers release`, beside the other customer commands."""
    p = customers.add_parser("claim", help="claim a customer from the public pool (within your limits)")
    p.add_argument("customer", metavar="ID", help="customer id, or its name or part of it")
    p.set_defaults(func=cmd_claim)
    p = customers.add_parser("release", help="release your customer to the public pool, with a reason")
    p.add_argument("customer", metavar="ID", help="customer id, or its name or part of it")
    p.add_argument("--reason", required=True, help="why it goes back (kept in its ownership history)")
    p.set_defaults(func=cmd_release)


def cmd_list(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        rows = PoolService(services.store, services.user_id).pool_customers(args.search, pool=args.pool)
    if args.format == "json":
        print_json(rows)
        return 0
    if not rows:
        where = f" {args.pool}" if args.pool else ""
        print(f"The public pool{where} is empty" + (f" for '{args.search}'" if args.search else ""))
        return 0
    print_table(
        rows,
        [
            ("id", "id"),
            ("name", "name"),
            ("phone", "phone"),
            ("region", "region"),
            ("industry", "industry"),
            ("pool", "pool"),
        ],
    )
    return 0


def cmd_claim(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        customer_id = resolve_customer(services, args.customer, "ID")
        claimed = PoolService(services.store, services.user_id).claim(customer_id)
        name = services.customers.get(customer_id)["name"]
    print(f"Claimed {name} ({customer_id}); protected for you until {claimed['protection_until']}")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        customer_id = resolve_customer(services, args.customer, "ID")
        name = services.customers.get(customer_id)["name"]
        PoolService(services.store, services.user_id).release(customer_id, args.reason)
    print(f"Released {name} ({customer_id}) to the public pool")
    return 0


def cmd_returning(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        rows = ReturnsService(services.store, services.user_id).returning_soon()
    if args.format == "json":
        print_json(rows)
        return 0
    if not rows:
        print("None of your customers goes back to the public pool within the reminder days")
        return 0
    shown = [{**r, "why": RETURN_WORDS.get(r["return_rule"], r["return_rule"])} for r in rows]
    columns = [("returns_on", "goes back on"), ("days_left", "days left"), ("name", "customer"), ("why", "why")]
    print_table(shown, columns)
    return 0

"""`fieldcrm customers …` and `fieldcrm contacts add`: customer files (客户档案) from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldcrm.cli import handover_cmds, pool_cmds
from fieldcrm.cli.assign import register_assign
from fieldcrm.cli.common import (
    CommandError,
    OneLineParser,
    add_format,
    parse_day,
    print_fields,
    print_json,
    print_table,
    profile_paths,
    services_of,
)
from fieldcrm.domain.errors import DuplicateError
from fieldcrm.domain.masking import with_numbers
from fieldcrm.services import CustomerQuery
from fieldcrm.services.exports import ExportService
from fieldcrm.services.search import SORTS
from fieldcrm.times import for_people

#: Customer options: (option, field, help). Values are cleaned by services/validation, like the GUI's.
CUSTOMER_OPTIONS = (
    ("--name", "name", "company name, e.g. 上海华信科技有限公司"),
    ("--phone", "phone", "switchboard or main phone"),
    ("--credit-code", "credit_code", "unified social credit code (统一社会信用代码), 18 characters"),
    ("--address", "address", None),
    ("--region", "region", "e.g. 华东"),
    ("--industry", "industry", None),
    ("--size", "size", "e.g. 50-199人"),
    ("--grade", "grade", "A, B or C"),
    ("--stage", "stage", "潜在/新/一般/重要/战略/流失"),
    ("--source", "source", "e.g. 展会"),
    ("--tags", "tags", "comma-separated"),
    ("--notes", "notes", None),
    ("--next-follow-up", "next_follow_up", "YYYY-MM-DD"),
)
CONTACT_OPTIONS = (
    ("--phone", "phone", "landline"),
    ("--mobile", "mobile", None),
    ("--email", "email", None),
    ("--wechat", "wechat", None),
    ("--title", "title", "e.g. 采购经理"),
)
LIST_COLUMNS = (
    ("mark", ""),
    ("id", "id"),
    ("name", "name"),
    ("phone", "phone"),
    ("grade", "grade"),
    ("stage", "stage"),
    ("region", "region"),
    ("industry", "industry"),
    ("owner", "owner"),
    ("next_follow_up", "follow-up"),
)


REFUSED_HINT = (
    "not accepted by head office; it stays here until you edit it (then it is sent again) or discard it "
    "(`fieldcrm conflicts list`, then `conflicts resolve ID --keep theirs`)"
)


def register(sub: argparse._SubParsersAction) -> None:
    customers = sub.add_parser("customers", help="customer files: list, add, edit, delete, show").add_subparsers(
        dest="customers_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = customers.add_parser("list", help="search and filter customers")
    p.add_argument("--search", default="", help="any part of name, phone, address, credit code or a contact")
    for option in ("grade", "stage", "region", "industry"):
        p.add_argument(f"--{option}")
    p.add_argument("--owner", help="owner's name")
    p.add_argument("--due", help="next follow-up on or before this day (YYYY-MM-DD)")
    p.add_argument("--sort", choices=sorted(SORTS), default="name")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    add_format(p)
    p.set_defaults(func=cmd_list)

    register_assign(customers)

    p = customers.add_parser("add", help="add a customer owned by you; prints its id")
    _customer_options(p, creating=True)
    p.add_argument("--contact-name", help="add a first (primary) contact with this name")
    for option, _field, help_text in CONTACT_OPTIONS:
        p.add_argument(f"--contact-{option[2:]}", help=help_text)
    p.add_argument("--allow-duplicate", action="store_true", help="add it even if the name or phone is known")
    p.set_defaults(func=cmd_add)

    p = customers.add_parser("edit", help="change fields of a customer (an empty value clears a field)")
    p.add_argument("id")
    _customer_options(p, creating=False)
    p.set_defaults(func=cmd_edit)

    p = customers.add_parser("delete", help="delete a customer and its contacts")
    p.add_argument("id")
    p.set_defaults(func=cmd_delete)

    p = customers.add_parser("show", help="one customer with contacts, opportunities and visit timeline")
    p.add_argument("id")
    p.add_argument("--reveal", action="store_true", help="show masked mobile numbers in full (logged for head office)")
    add_format(p)
    p.set_defaults(func=cmd_show)
    pool_cmds.register_customer_commands(customers)
    handover_cmds.register_customer_commands(customers)

    contacts = sub.add_parser("contacts", help="contacts of a customer").add_subparsers(
        dest="contacts_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = contacts.add_parser("add", help="add a contact to a customer; prints its id")
    p.add_argument("customer_id")
    p.add_argument("--name", required=True)
    for option, _field, help_text in CONTACT_OPTIONS:
        p.add_argument(option, help=help_text)
    p.add_argument("--primary", action="store_true", help="make this the primary contact")
    p.set_defaults(func=cmd_contact_add)


def _customer_options(p: argparse.ArgumentParser, *, creating: bool) -> None:
    for option, field, help_text in CUSTOMER_OPTIONS:
        p.add_argument(option, dest=field, help=help_text, required=creating and field == "name")


def _given(args: argparse.Namespace, options: tuple[tuple[str, str, str | None], ...], prefix: str = "") -> dict:
    """Only the options typed on the command line (None = not given; "" = clear)."""
    values = {}
    for option, field, _help in options:
        dest = f"{prefix}{option[2:].replace('-', '_')}" if prefix else field
        value = getattr(args, dest)
        if value is not None:
            values[field] = value
    return values


def cmd_list(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError(f"limit: {args.limit} is not a number of rows; give 1 or more")
    query = CustomerQuery(
        text=args.search,
        grade=args.grade,
        stage=args.stage,
        region=args.region,
        industry=args.industry,
        owner_name=args.owner,
        follow_up_due=parse_day(args.due, "due") if args.due else None,
        sort=args.sort,
        descending=args.desc,
        limit=args.limit,
        offset=max(0, args.offset),
    )
    with services_of(args) as services:
        found = [r.to_json() for r in services.search.search(query)]
        rows = ExportService(services.store, services.user_id).masked("customer", found)
        if args.format == "json":
            print_json(rows)
            return 0
        total = services.search.count(query) if len(rows) == query.limit or (query.offset and not rows) else None
    if not rows:
        print(_nothing_listed(args, total))
        return 0
    print_table([{**r, "mark": "!" if r["refused"] else ""} for r in rows], LIST_COLUMNS)
    if total is not None and query.offset + len(rows) < total:
        start = f" (from number {query.offset + 1})" if query.offset else ""
        more = f"use --limit (or --offset {query.offset + len(rows)}) to see more"
        print(f"\nshowing {len(rows)} of {total}{start}; {more}")
    if any(r["refused"] for r in rows):
        print(f"\n! {REFUSED_HINT}")
    return 0


def _nothing_listed(args: argparse.Namespace, total: int | None) -> str:
    if total:
        return f"No customers past the first {total}; give a smaller --offset."
    if args.search or args.grade or args.stage or args.region or args.industry or args.owner or args.due:
        return "No customers match."
    return "No customers yet: add one with `fieldcrm customers add` or `fieldcrm import FILE`."


def cmd_add(args: argparse.Namespace) -> int:
    values = _given(args, CUSTOMER_OPTIONS)
    contact = _given(args, CONTACT_OPTIONS, prefix="contact_")
    if args.contact_name is not None:
        contact["name"] = args.contact_name
    elif contact:
        raise CommandError("contact-name: is required when other --contact-… options are given")
    with services_of(args) as services:
        try:
            customer_id = services.customers.create(
                allow_duplicate=args.allow_duplicate, contacts=[contact] if contact else None, **values
            )
        except DuplicateError as exc:
            hint = "" if any(m.reason == "credit_code" for m in exc.matches) else " (--allow-duplicate adds it anyway)"
            print(f"error: {exc}{hint}", file=sys.stderr)
            return 1
    print(customer_id)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    values = _given(args, CUSTOMER_OPTIONS)
    if not values:
        raise CommandError("nothing to change: give at least one --FIELD VALUE (see `customers edit --help`)")
    with services_of(args) as services:
        changed = services.customers.update(args.id, **values)
    print(f"Updated {', '.join(sorted(changed))}" if changed else "No change: the customer already had these values")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        name = services.customers.get(args.id)["name"]
        services.customers.delete(args.id)
    print(f"Deleted {name} ({args.id})")
    return 0


def _head_office_reveal(args: argparse.Namespace, services: Any) -> Any:
    """How `--reveal` asks head office for numbers this laptop holds masked (with the profile's sign-in)."""

    def fetch(customer_id: str) -> dict[str, Any]:
        from fieldcrm.sync.client import SyncClient
        from fieldcrm.sync.transport import Offline, SyncError

        try:
            return SyncClient(services.store, profile_paths(args)).reveal(customer_id)
        except (Offline, SyncError) as exc:
            raise CommandError(f"the numbers are kept at head office and could not be fetched: {exc}") from None

    return fetch


def cmd_show(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        data = services.customers.get(args.id)
        exports = ExportService(services.store, services.user_id)
        if args.reveal:
            data = with_numbers(data, exports.reveal(args.id, _head_office_reveal(args, services)))
        else:
            data = exports.masked_customer(data)
    if args.format == "json":
        print_json(data)
        return 0
    print_fields([(label, _shown(data.get(key))) for key, label in _SHOWN])
    if data["refused"]:
        print(f"\n! {REFUSED_HINT}: {data['refused']}")
    if data["contacts"]:
        print("\nContacts")
        print_table(
            [
                {**c, "primary": "*" if c["is_primary"] else "", "mark": "!" if c["refused"] else ""}
                for c in data["contacts"]
            ],
            [
                ("mark", ""),
                ("primary", ""),
                ("name", "name"),
                ("title", "title"),
                ("mobile", "mobile"),
                ("phone", "phone"),
                ("email", "email"),
                ("id", "id"),
            ],
        )
    if data["opportunities"]:
        print("\nOpportunities")
        print_table(
            [{**o, "amount": f"{o['amount_cents'] / 100:,.2f}"} for o in data["opportunities"]],
            [("title", "title"), ("stage", "stage"), ("amount", "amount"), ("expected_close", "close")],
        )
    print(f"\nVisits ({len(data['visits'])}, newest first)")
    if data["visits"]:
        print_table(
            [{**v, "at": for_people(v["started_at"])} for v in data["visits"]],
            [("at", "when"), ("kind", "kind"), ("rep", "rep"), ("outcome", "outcome"), ("next_step", "next step")],
        )
    return 0


_SHOWN = (
    ("id", "id"),
    ("name", "name"),
    ("credit_code", "credit code"),
    ("phone", "phone"),
    ("address", "address"),
    ("region", "region"),
    ("industry", "industry"),
    ("size", "size"),
    ("grade", "grade"),
    ("stage", "stage"),
    ("source", "source"),
    ("owner", "owner"),
    ("protection_until", "protected until"),
    ("in_public_pool", "public pool"),
    ("tags", "tags"),
    ("next_follow_up", "next follow-up"),
    ("notes", "notes"),
)


def _shown(value: object) -> object:
    return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


def cmd_contact_add(args: argparse.Namespace) -> int:
    values: dict[str, Any] = {"name": args.name, **_given(args, CONTACT_OPTIONS), "is_primary": args.primary}
    with services_of(args) as services:
        contact_id = services.customers.add_contact(args.customer_id, **values)
    print(contact_id)
    return 0

"""`fieldcrm users`: the users this store knows of (local profile, team members that arrived by sync)."""

from __future__ import annotations

import argparse

from fieldcrm.cli.common import OneLineParser, add_format, print_json, print_table, services_of
from fieldcrm.models import ROLES


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="the users this store knows of").add_subparsers(
        dest="users_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = users.add_parser("list", help="list the local users; * marks the current one")
    add_format(p)
    p.set_defaults(func=cmd_list)
    p = users.add_parser("add", help="add a user to this store without switching to them (see `init` to switch)")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--team")
    p.set_defaults(func=cmd_add)


def cmd_list(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        current = services.profile.current()
        rows = [
            {**u.__dict__, "team": u.team_name, "current": current is not None and u.id == current.id}
            for u in services.profile.users()
        ]
    if args.format == "json":
        print_json([{k: r[k] for k in ("id", "name", "role", "team_id", "team", "current")} for r in rows])
    else:
        for r in rows:
            r["mark"] = "*" if r["current"] else ""
        print_table(rows, [("mark", ""), ("name", "name"), ("role", "role"), ("team", "team"), ("id", "id")])
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        info = services.profile.add_user(args.name, args.role, args.team)
    print(info.id)
    return 0

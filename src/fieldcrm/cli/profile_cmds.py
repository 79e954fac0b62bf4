"""`fieldcrm init`: set up the local profile, or switch the store's current user."""

from __future__ import annotations

import argparse

from fieldcrm.cli.common import CommandError, print_json, services_of
from fieldcrm.models import ROLES

INIT_HELP = """Set up who uses this store. The first run creates the user and makes them current.
Running it again with another name switches the store's current user: an existing user keeps their role
unless --role is given; a new name needs --role. (Several people may share one store for a demo or a test,
e.g. a rep and the supervisor who countersigns the rep's reports.)"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="set up the local profile, or switch the current user (who uses this laptop)",
        description=INIT_HELP,
    )
    p.add_argument("--name", required=True, help="the user's name, e.g. 张伟")
    p.add_argument("--role", choices=ROLES, help="needed for a new user; given for an existing one, it changes it")
    p.add_argument("--team", help="team name, e.g. 华东一组 (a supervisor given a team leads it)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_init)


def cmd_init(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        known = {u.name: u for u in services.profile.users()}
        name = " ".join(args.name.split())
        if args.role is None and args.team is None and name in known:
            info = services.profile.switch_to(name)
        else:
            role = args.role or (known[name].role if name in known else None)
            if role is None:
                raise CommandError(f"role: '{name}' is a new user here; give --role ({', '.join(ROLES)})")
            info = services.profile.init_profile(name, role, args.team)
        folder = services.store.path.parent
    if args.format == "json":
        print_json(info.__dict__)
    else:
        team = f", team {info.team_name}" if info.team_name else ""
        print(f"Profile ready: {info.name} ({info.role}{team}) in {folder}")
    return 0

"""`fieldcrm init`: set up the local profile."""

from __future__ import annotations

import argparse

from fieldcrm.cli.common import open_services, print_json
from fieldcrm.models import ROLES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="set up the local profile (who uses this laptop)")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--team")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_init)


def cmd_init(args: argparse.Namespace) -> int:
    services = open_services(args)
    info = services.profile.init_profile(args.name, args.role, args.team)
    if args.format == "json":
        print_json(info.__dict__)
    else:
        team = f", team {info.team_name}" if info.team_name else ""
        print(f"Profile ready: {info.name} ({info.role}{team}) in {services.store.path.parent}")
    return 0

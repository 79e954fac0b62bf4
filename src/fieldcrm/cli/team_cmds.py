"""`fieldcrm team rules show|set`: the team's own ownership settings (团队规则) from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from fieldcrm.cli.common import OneLineParser, print_json, services_of
from fieldcrm.domain.team_rules import CLI_SETTINGS, parse_assignment, parse_setting, pool_summary, read_pools_file
from fieldcrm.services.team_rules import TeamRulesService, TeamRulesView


def register(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="your team: its ownership settings").add_subparsers(
        dest="team_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    rules = team.add_parser("rules", help="the team's protection and public-pool settings").add_subparsers(
        dest="rules_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = rules.add_parser("show", help="the settings your team works under")
    p.add_argument("--format", choices=("table", "json"), default="table", help="table for people, json for scripts")
    p.set_defaults(func=cmd_show)
    p = rules.add_parser("set", help="change your team's settings (its supervisor, or an admin)")
    for name in CLI_SETTINGS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=f"rule_{name}", metavar="VALUE")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="any setting, e.g. caps=REP_ID:50")
    p.add_argument(
        "--pools-json",
        metavar="FILE",
        help="the team's named pools, a JSON list replacing them all, e.g."
        ' [{"name": "制造业公海", "industries": ["制造业"], "rules": {"claims_per_day": 3}}];'
        " [] for the default pool alone",
    )
    p.set_defaults(func=cmd_set)


def _show(view: TeamRulesView) -> None:
    print(f"Team {view.team_name}" + ("" if view.can_edit else " (read only: set by its supervisor)"))
    for name, value in view.settings().items():
        if name == "pools":
            continue
        shown: Any = "off" if value is None else value
        print(f"  {name:<30} {shown}")
    print("  Pools (a customer is in the first whose filter matches its region and industry, else in 公海):")
    for pool in view.settings()["pools"]:
        print(f"    {pool_summary(pool)}")
    print("    公海: every other customer (the team's rules)")


def cmd_show(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        view = TeamRulesService(services.store, services.user_id).show()
    if args.format == "json":
        print_json(
            {"team": view.team_name, "team_id": view.team_id, "editable": view.can_edit, "rules": view.settings()}
        )
    else:
        _show(view)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    changes = {n: parse_setting(n, v) for n in CLI_SETTINGS if (v := getattr(args, f"rule_{n}")) is not None}
    changes.update(parse_assignment(text) for text in args.set)
    if args.pools_json:
        changes["pools"] = read_pools_file(args.pools_json)
    with services_of(args) as services:
        service = TeamRulesService(services.store, services.user_id)
        if changes:
            service.set(changes)
        view = service.show()
    _show(view)
    print(
        "Sent to head office with the next sync."
        if changes
        else "Nothing to change: give a setting, e.g. --protection-days 45"
    )
    return 0

"""`fieldcrm exports list`: the export log (导出记录), a user's own and, for a supervisor, their team's."""

from __future__ import annotations

import argparse

from fieldcrm.cli.common import OneLineParser, add_format, print_json, print_table, services_of
from fieldcrm.services.exports import ExportService
from fieldcrm.times import for_people


def register(sub: argparse._SubParsersAction) -> None:
    exports = sub.add_parser(
        "exports", help="the export log: `exports list` (a supervisor sees their team's after a sync)"
    ).add_subparsers(dest="exports_command", metavar="ACTION", required=True, parser_class=OneLineParser)
    q = exports.add_parser("list", help="who exported which customers, when, to which file (newest first)")
    q.add_argument("--limit", type=int, default=200)
    add_format(q)
    q.set_defaults(func=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        rows = ExportService(services.store, services.user_id).exports(args.limit)
    if args.format == "json":
        print_json([{**r, "at": r["at"].isoformat()} for r in rows])
    elif not rows:
        print("No exports yet.")
    else:
        shown = [{**r, "at": for_people(r["at"])} for r in rows]
        print_table(shown, [("at", "when"), ("user", "user"), ("rows", "rows"), ("file", "file"), ("filter", "filter")])
    return 0

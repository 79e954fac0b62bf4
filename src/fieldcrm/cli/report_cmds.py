"""`fieldcrm report …`: the daily visit report (销售日报) from build to countersignature."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from fieldcrm.cli.common import (
    OneLineParser,
    add_format,
    parse_day,
    print_fields,
    print_json,
    print_table,
    services_of,
)
from fieldcrm.services import Services
from fieldcrm.times import for_people


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="daily reports: build, show, edit, submit, countersign, return")
    actions = report.add_subparsers(dest="report_command", metavar="ACTION", required=True, parser_class=OneLineParser)
    for name, help_text in (
        ("build", "create or refresh your report for a day from that day's visits"),
        ("submit", "submit your report for a day to your supervisor"),
    ):
        p = actions.add_parser(name, help=help_text)
        _date(p)
        add_format(p)
        p.set_defaults(func=cmd_step, step=name)
    p = actions.add_parser("edit", help="write the summary of your report for a day")
    _date(p)
    p.add_argument("--summary", required=True)
    add_format(p)
    p.set_defaults(func=cmd_step, step="edit")
    p = actions.add_parser("show", help="a report with its status and signature")
    _date(p)
    p.add_argument("--rep", help="whose report (supervisors; default: yours)")
    add_format(p)
    p.set_defaults(func=cmd_show)
    for name, help_text in (
        ("countersign", "countersign a rep's submitted report (freezes it with a signature)"),
        ("return", "send a rep's submitted report back with a comment"),
    ):
        p = actions.add_parser(name, help=help_text)
        p.add_argument("--rep", required=True, help="the rep's name")
        _date(p)
        p.add_argument("--comment", help="what the rep should change (required to return)")
        add_format(p)
        p.set_defaults(func=cmd_review, step=name)


def _date(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")


def _day(args: argparse.Namespace) -> date:
    return parse_day(args.date) if args.date else date.today()


def cmd_step(args: argparse.Namespace) -> int:
    day = _day(args)
    with services_of(args) as services:
        if args.step == "build":
            report = services.reports.build(day)
        elif args.step == "submit":
            report = services.reports.submit(day)
        else:
            report = services.reports.edit_summary(day, args.summary)
    _print(report, args.format)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        report = services.reports.find(args.rep, _day(args))
    _print(report, args.format)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    day = _day(args)
    with services_of(args) as services:
        report_id = services.reports.find(args.rep, day)["id"]
        report = _review(services, args.step, report_id, args.comment)
    _print(report, args.format)
    return 0


def _review(services: Services, step: str, report_id: str, comment: str | None) -> dict[str, Any]:
    if step == "countersign":
        return services.reports.countersign(report_id)
    return services.reports.return_report(report_id, comment or "")


def _print(report: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(report)
        return
    valid = {True: "valid", False: "INVALID: the report changed after signing", None: None}[report["signature_valid"]]
    print_fields(
        [
            ("report", f"{report['rep']} {report['report_date']}"),
            ("status", report["status"]),
            ("submitted", for_people(report["submitted_at"])),
            ("returned", report["return_comment"]),
            ("signed by", report["signed_by_name"]),
            ("signed at", for_people(report["signed_at"])),
            ("signature", f"{report['signature']} ({valid})" if report["signature"] else None),
            ("summary", report["summary"]),
            ("id", report["id"]),
        ]
    )
    print(f"\nVisits ({len(report['visits'])})")
    if report["visits"]:
        print_table(
            [{**v, "at": for_people(v["started_at"])} for v in report["visits"]],
            [
                ("at", "when"),
                ("kind", "kind"),
                ("customer_name", "customer"),
                ("outcome", "outcome"),
                ("next_step", "next step"),
            ],
        )

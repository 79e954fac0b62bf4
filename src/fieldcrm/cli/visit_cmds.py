"""`fieldcrm visits log` and `fieldcrm plan add|show`: the interaction history and the day's visit plan."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta

from fieldcrm.cli.common import (
    CommandError,
    OneLineParser,
    add_format,
    parse_day,
    parse_time,
    print_json,
    print_table,
    services_of,
)
from fieldcrm.cli.lookup import resolve_customer
from fieldcrm.models import VISIT_KINDS

#: How far ahead a plan may be made: further is a mistyped year far more often than a real plan.
PLAN_AHEAD = timedelta(days=366)


def register(sub: argparse._SubParsersAction) -> None:
    visits = sub.add_parser("visits", help="log visits, calls, meetings and e-mails").add_subparsers(
        dest="visits_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = visits.add_parser("log", help="log one contact with a customer; prints the visit id")
    p.add_argument("--customer", required=True, help="customer id, or its name or part of it (e.g. 恒泰)")
    p.add_argument("--kind", choices=VISIT_KINDS, default="visit")
    p.add_argument("--outcome", required=True, help="what came of it")
    p.add_argument("--notes", default="")
    p.add_argument("--next-step", help="what to do next")
    p.add_argument("--next-date", help="when (YYYY-MM-DD); becomes the customer's next follow-up")
    p.add_argument("--stop", help="id of the planned stop this visit fulfils (marks it done)")
    p.add_argument("--at", help='start time, "YYYY-MM-DD HH:MM" local (default: now)')
    p.add_argument("--minutes", type=int, help="how long it took")
    p.set_defaults(func=cmd_log)

    plan = sub.add_parser("plan", help="visit plans: the ordered stops of a day").add_subparsers(
        dest="plan_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    p = plan.add_parser("add", help="add a stop to a day's plan; prints the stop id")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--customer", required=True, help="customer id, or its name or part of it (e.g. 恒泰)")
    p.add_argument("--purpose", default="")
    p.set_defaults(func=cmd_plan_add)
    p = plan.add_parser("show", help="the stops of a day in order")
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    add_format(p)
    p.set_defaults(func=cmd_plan_show)


def cmd_log(args: argparse.Namespace) -> int:
    started = parse_time(args.at) if args.at else None
    ended = None
    if args.minutes is not None:
        if args.minutes < 0:
            raise CommandError(f"minutes: {args.minutes} is negative; give how long the visit took")
        if started is None:
            raise CommandError("minutes: give --at too, so the end of the visit is known")
        ended = started + timedelta(minutes=args.minutes)
    _check_log_dates(started, args.next_date)
    with services_of(args) as services:
        visit_id = services.visits.log(
            resolve_customer(services, args.customer),
            kind=args.kind,
            outcome=args.outcome,
            notes=args.notes,
            started_at=started,
            ended_at=ended,
            next_step=args.next_step,
            next_date=args.next_date,
            stop_id=args.stop,
        )
    print(visit_id)
    return 0


def _check_log_dates(started: datetime | None, next_date: str | None) -> None:
    """Refuse the dates a rep cannot mean (a typo, most often in the year or the month); nothing is written."""
    today = date.today()
    if started is not None and started.date() > today:
        raise CommandError(
            f"at: {started:%Y-%m-%d %H:%M} is after today; a visit is logged once it has happened "
            "(to plan one, use `fieldcrm plan add`)"
        )
    try:
        follow_up = date.fromisoformat(next_date) if next_date else None
    except ValueError:
        return  # not a date at all: the service says so, as for any other way in
    if follow_up is not None and follow_up < today:
        raise CommandError(f"next-date: {follow_up} is in the past; a follow-up is today or later (today is {today})")


def cmd_plan_add(args: argparse.Namespace) -> int:
    day = parse_day(args.date)
    today = date.today()
    if day < today:
        raise CommandError(f"date: {day} is in the past; a plan is for today or a day to come (today is {today})")
    if day > today + PLAN_AHEAD:
        raise CommandError(f"date: {day} is more than a year away; check the year (today is {today})")
    with services_of(args) as services:
        stop_id = services.plans.add_stop(day, resolve_customer(services, args.customer), args.purpose)
    print(stop_id)
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    day = parse_day(args.date) if args.date else date.today()
    with services_of(args) as services:
        stops = services.plans.day(day)
    if args.format == "json":
        print_json({"date": day.isoformat(), "stops": stops})
        return 0
    print(f"Plan for {day.isoformat()}: {len(stops)} stop(s)")
    if stops:
        rows = [{**s, "n": n} for n, s in enumerate(stops, 1)]
        print_table(
            rows,
            [
                ("n", "#"),
                ("customer_name", "customer"),
                ("purpose", "purpose"),
                ("status", "status"),
                ("address", "address"),
                ("id", "stop id"),
            ],
        )
    return 0

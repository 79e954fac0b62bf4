"""`fieldcrm-server`: serve the sync API, migrate the database, manage user accounts."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from fieldcrm.domain.errors import ServiceError
from fieldcrm.domain.team_rules import CLI_SETTINGS
from fieldcrm.models import EXPORT_SCOPES, ROLES
from fieldcrm.server import access_log, accounts, processes
from fieldcrm.server.access_log import ENV_ACCESS_LOG
from fieldcrm.server.db import ENV_DATABASE_URL, database_url, make_engine, migrate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldcrm-server", description="FieldCRM head-office sync server.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--database-url", help="SQLAlchemy URL (env FIELDCRM_DATABASE_URL; default a SQLite file)")
        return p

    p = command("serve", "run the sync server (migrates the database first)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (each with its own listening socket where the OS allows)",
    )
    p.add_argument(
        "--threads",
        type=int,
        default=4,
        help="requests each process runs at once (busy servers: 1, with one or two --workers per core)",
    )
    p.add_argument(
        "--access-log",
        default=os.environ.get(ENV_ACCESS_LOG, "-"),
        help="a line per request to this file, '-' for standard output (default), or 'off' (env FIELDCRM_ACCESS_LOG)",
    )
    p.add_argument("--certfile", help="serve https with this certificate (PEM, the chain after it); needs --keyfile")
    p.add_argument("--keyfile", help="the certificate's private key (PEM)")
    command("migrate", "bring the database schema up to date")
    command("doctor", "check the database, its schema, the clocks, the disk and the accounts; one line each")
    p = command("create-user", "create an account; the password is read from standard input")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--team")
    p.add_argument("--password-stdin", action="store_true", required=True)
    command("list-users", "list the accounts")
    p = command("disable-user", "disable an account and revoke its tokens")
    p.add_argument("--name", required=True)
    p.add_argument(
        "--wipe",
        action="store_true",
        help="also mark every laptop the user logged in on departed: it sends what is pending, then erases its data",
    )
    add_marked_by(p)
    p = command("devices", "the laptops that logged in, and remote wipe")
    actions = p.add_subparsers(dest="devices_command", metavar="ACTION", required=True)
    d = actions.add_parser("list", help="user, device, last seen and state of every laptop")
    d.add_argument("--database-url", default=argparse.SUPPRESS, help="as for `devices` itself")
    d.add_argument("--format", choices=("table", "json"), default="table")
    d = actions.add_parser("wipe", help="make a laptop erase its FieldCRM data at its next contact")
    d.add_argument("--database-url", default=argparse.SUPPRESS, help="as for `devices` itself")
    d.add_argument("device_id", metavar="DEVICE_ID", help="as `devices list` shows it")
    kind = d.add_mutually_exclusive_group(required=True)
    kind.add_argument("--lost", dest="kind", action="store_const", const="lost", help="erase without sending anything")
    kind.add_argument(
        "--departed", dest="kind", action="store_const", const="departed", help="send what is pending, then erase"
    )
    add_marked_by(d)
    p = command("export-policy", "set what a role may export (none, own, visible) and its row cap; alone: show it")
    p.add_argument("--role", choices=ROLES)
    p.add_argument(
        "--scope", choices=EXPORT_SCOPES, help="none, own (their side's customers) or visible (all they see)"
    )
    p.add_argument("--cap", type=int, help="the most rows one export may hold")
    p.add_argument("--no-cap", action="store_true", help="no row cap")
    p = command("lock-policy", "set the app lock a role must keep (idle minutes, the command line too); alone: show it")
    p.add_argument("--role", choices=ROLES)
    p.add_argument("--minutes", type=int, help="the window locks after at most this many idle minutes")
    p.add_argument("--no-minutes", action="store_true", help="the user chooses the idle time (Never included)")
    p.add_argument(
        "--cli", action=argparse.BooleanOptionalAction, help="commands that show customer data ask for the password"
    )
    p = command("team-rules", "set a team's ownership settings (protection, pool rules); without options: show them")
    p.add_argument("team", metavar="TEAM", help="the team's name (or id)")
    for name in CLI_SETTINGS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=f"rule_{name}", metavar="VALUE")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="any setting, e.g. caps=REP_ID:50")
    p.add_argument("--pools-json", metavar="FILE", help="the team's named pools, a JSON list replacing them all")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p = command("pool-returns", "return held customers whose day has come to the public pool (a daily job)")
    p.add_argument("--dry-run", action="store_true", help="only list what would go back")
    p = command("purge-tombstones", "forget deletions older than the tombstone horizon")
    p.add_argument("--days", type=int, help="the horizon in days (env FIELDCRM_TOMBSTONE_DAYS; default 180)")
    return parser


def add_marked_by(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", default=os_user(), help="who orders it, for the record (default: your login name)")


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor in the password database
        return "admin"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = database_url(args.database_url)
    engine = make_engine(url)
    if args.command == "doctor":
        try:
            return run_doctor(engine, url)
        finally:
            engine.dispose()
    try:
        migrate(engine)
        if args.command == "serve":
            tls = tls_files(args)
            access_log.configure(args.access_log)
            banner(url, args)
            import uvicorn

            from fieldcrm.server.app import ENV_THREADS, create_app, freeze_startup_heap

            if args.workers > 1:
                # Worker processes build their own app (and engine) from the environment.
                os.environ[ENV_DATABASE_URL] = url
                os.environ[ENV_THREADS] = str(args.threads)
                os.environ[ENV_ACCESS_LOG] = args.access_log
                os.environ[processes.ENV_TLS] = os.pathsep.join(tls.values())
                engine.dispose()
                if processes.reuse_port_supported():
                    try:
                        processes.serve(args.host, args.port, args.workers)
                    except OSError as exc:  # the port is taken, or not ours to listen on
                        print(
                            f"error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr
                        )
                        return 2
                else:
                    uvicorn.run(
                        "fieldcrm.server.app:app_from_env",
                        factory=True,
                        host=args.host,
                        port=args.port,
                        workers=args.workers,
                        log_level="warning",
                        **tls,
                    )
            else:
                app = create_app(engine, args.threads)
                freeze_startup_heap()
                uvicorn.run(app, host=args.host, port=args.port, log_level="warning", **tls)
        elif args.command == "create-user":
            password = sys.stdin.readline().rstrip("\r\n")
            user = accounts.create_user(engine, args.name, args.role, args.team, password)
            print(user.id)
        elif args.command == "list-users":
            for u in accounts.list_users(engine):
                state = "" if u["active"] else "  (disabled)"
                print(f"{u['name']}\t{u['role']}\t{u['team'] or '-'}\t{u['id']}{state}")
        elif args.command == "disable-user":
            marked = accounts.disable_user(engine, args.name, args.wipe, args.by)
            if args.wipe:
                print(
                    f"disabled {args.name}; {marked} laptop(s) marked departed: each sends what is pending, then "
                    "erases its data at its next contact; their other tokens are revoked"
                )
            else:
                print(f"disabled {args.name}; their tokens are revoked")
        elif args.command == "devices":
            run_devices(engine, args)
        elif args.command == "export-policy":
            run_export_policy(engine, args)
        elif args.command == "lock-policy":
            run_lock_policy(engine, args)
        elif args.command == "team-rules":
            run_team_rules(engine, args)
        elif args.command == "pool-returns":
            run_pool_returns(engine, args.dry_run)
        elif args.command == "purge-tombstones":
            from datetime import timedelta

            from fieldcrm.server.horizon import purge_tombstones, tombstone_days

            days = args.days if args.days is not None else tombstone_days()
            print(f"purged {purge_tombstones(engine, timedelta(days=days))} deletions older than {days} days")
        elif args.command == "migrate":
            print("database schema is up to date")
        return 0
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"error: cannot use the database: {str(exc.orig).splitlines()[0]}", file=sys.stderr)
        return 3
    finally:
        engine.dispose()


def run_pool_returns(engine: Engine, dry_run: bool) -> None:
    from fieldcrm.models import utcnow
    from fieldcrm.server.pool_returns import run_returns

    due = run_returns(engine, utcnow(), dry_run=dry_run)
    for item in due:
        print(f"{item.customer_id}  {item.name}  owner {item.owner_id}  {item.due.rule} (due {item.due.on})")
    verb = "would go back" if dry_run else "returned"
    print(f"{len(due)} customer(s) {verb} to the public pool")


def run_devices(engine: Engine, args: argparse.Namespace) -> None:
    from fieldcrm.models import utcnow
    from fieldcrm.server import devices

    if args.devices_command == "wipe":
        devices.mark(engine, args.device_id, args.kind, args.by, utcnow())
        then = "erases" if args.kind == "lost" else "sends what is pending, then erases"
        print(f"device {args.device_id} marked {args.kind}: at its next contact it {then} its FieldCRM data")
        return
    rows = devices.list_devices(engine)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        print("no laptop has logged in yet")
        return
    table = [(r["user"] or "-", r["device_id"], r["last_seen"][:19].replace("T", " "), r["status"]) for r in rows]
    header = ("user", "device", "last seen (UTC)", "status")
    widths = [max(len(str(row[i])) for row in (header, *table)) for i in range(len(header))]
    for row in (header, *table):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def tls_files(args: argparse.Namespace) -> dict[str, Any]:
    """uvicorn's TLS arguments from `--certfile`/`--keyfile`: both or neither, each a file we can read, and a
    pair that belongs together (checked now, with one sentence, rather than as a worker's traceback)."""
    if not args.certfile and not args.keyfile:
        return {}
    if not args.certfile or not args.keyfile:
        raise ServiceError("--certfile and --keyfile go together: give both to serve https, or neither")
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(args.certfile, args.keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise ServiceError(f"cannot use {args.certfile} with {args.keyfile}: {exc}") from None
    return {"ssl_certfile": args.certfile, "ssl_keyfile": args.keyfile}


def banner(url: str, args: argparse.Namespace) -> None:
    """What `serve` is about to do, so an admin can see it started right."""
    from fieldcrm import __version__
    from fieldcrm.server.doctor import shown_url

    processes_ = f"{args.workers} process{'es' if args.workers > 1 else ''}"
    log_to = {"-": "standard output", "off": "off"}.get(args.access_log, args.access_log)
    scheme = "https" if args.certfile else "http"
    print(
        f"FieldCRM sync server {__version__} serving on {scheme}://{args.host}:{args.port} "
        f"({processes_}, {args.threads} request(s) at once each)\n"
        f"database: {shown_url(url)} (schema up to date)\naccess log: {log_to}",
        flush=True,
    )


def run_export_policy(engine: Engine, args: argparse.Namespace) -> None:
    """Set one role's rule (laptops follow it from their next sync), then show every role's."""
    from fieldcrm.server.policy import export_policy, set_export_policy

    if args.role or args.scope or args.cap is not None or args.no_cap:
        if not args.role or not args.scope:
            raise ServiceError("export-policy: give --role and --scope together (and --cap N or --no-cap)")
        if args.cap is not None and args.no_cap:
            raise ServiceError("export-policy: --cap and --no-cap contradict each other; give one")
        set_export_policy(engine, args.role, args.scope, None if args.no_cap else args.cap)
    for role, rule in export_policy(engine).items():
        print(f"{role}\t{rule.scope}\t{'no cap' if rule.cap is None else f'cap {rule.cap}'}")


def run_lock_policy(engine: Engine, args: argparse.Namespace) -> None:
    """Set one role's app lock (laptops follow it from their next sync), then show every role's."""
    from fieldcrm.server.policy import lock_policy, set_lock_policy

    if args.role or args.minutes is not None or args.no_minutes or args.cli is not None:
        if not args.role:
            raise ServiceError("lock-policy: say which --role it is for")
        if args.minutes is not None and args.no_minutes:
            raise ServiceError("lock-policy: --minutes and --no-minutes contradict each other; give one")
        current = lock_policy(engine)[args.role]
        minutes = None if args.no_minutes else args.minutes if args.minutes is not None else current.minutes
        set_lock_policy(engine, args.role, minutes, current.cli if args.cli is None else args.cli)
    for role, rule in lock_policy(engine).items():
        idle = "as the user sets it" if rule.minutes is None else f"locks after {rule.minutes} min"
        print(f"{role}\t{idle}\t{'command line asks too' if rule.cli else 'window only'}")


def run_team_rules(engine: Engine, args: argparse.Namespace) -> None:
    """Set some of a team's settings (its laptops follow them from their next sync), then show them all."""
    from fieldcrm.domain.team_rules import parse_assignment, parse_setting, pool_summary, read_pools_file, settings_of
    from fieldcrm.server.team_rules import set_team_rules, show_team_rules

    changes = {n: parse_setting(n, v) for n in CLI_SETTINGS if (v := getattr(args, f"rule_{n}")) is not None}
    changes.update(parse_assignment(text) for text in args.set)
    if args.pools_json:
        changes["pools"] = read_pools_file(args.pools_json)
    if changes:
        set_team_rules(engine, args.team, changes)
    team, rules = show_team_rules(engine, args.team)
    settings = settings_of(rules)
    if args.format == "json":
        print(json.dumps({"team": team.name, "team_id": team.id, "rules": settings}, ensure_ascii=False, indent=2))
        return
    print(f"team: {team.name}")
    for name, value in settings.items():
        if name != "pools":
            print(f"{name}\t{'off' if value is None else value}")
    for pool in settings["pools"]:
        print(f"pool\t{pool_summary(pool)}")


def run_doctor(engine: Engine, url: str) -> int:
    from fieldcrm.server.doctor import check

    findings = check(engine, url)
    for finding in findings:
        print(finding.line())
    bad = [f for f in findings if not f.ok]
    print(f"{len(bad)} problem(s) found" if bad else "all checks passed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

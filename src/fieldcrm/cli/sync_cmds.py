"""`fieldcrm login`, `fieldcrm sync [status]`, `fieldcrm conflicts list|show|resolve`: head-office sync."""

from __future__ import annotations

import argparse
import sys

from fieldcrm.cli.common import (
    CommandError,
    OneLineParser,
    add_format,
    print_fields,
    print_json,
    print_table,
    profile_paths,
)
from fieldcrm.cli.lock import require_unlock
from fieldcrm.domain.errors import ServiceError
from fieldcrm.paths import AppPaths
from fieldcrm.store import Store
from fieldcrm.sync import conflicts, remote_wipe
from fieldcrm.sync.client import SyncClient
from fieldcrm.sync.transport import AuthRequired, Offline, PlainHttpRefused, SyncError, WipeOrdered
from fieldcrm.times import for_people


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("login", help="log in to the head-office server and set up this laptop's profile")
    p.add_argument("--server", required=True, help="e.g. https://crm.example.com or http://127.0.0.1:8765")
    p.add_argument("--user", required=True)
    p.add_argument("--password-stdin", action="store_true", required=True, help="read the password from stdin")
    p.add_argument(
        "--insecure",
        action="store_true",
        help="allow plain http:// to a server on another machine (unencrypted; remembered for that server)",
    )
    p.set_defaults(func=cmd_login)
    p = sub.add_parser("logout", help="revoke and forget this laptop's sync token")
    p.set_defaults(func=cmd_logout)

    p = sub.add_parser("sync", help="send local changes to head office, then fetch theirs")
    actions = p.add_subparsers(dest="sync_command", metavar="ACTION", parser_class=OneLineParser)
    p.set_defaults(func=cmd_sync)
    s = actions.add_parser("status", help="server, pending changes, last sync, open conflicts")
    add_format(s)
    s.set_defaults(func=cmd_status)

    c = sub.add_parser("conflicts", help="conflicts and sync problems: list, show, resolve")
    actions = c.add_subparsers(dest="conflicts_command", metavar="ACTION", required=True, parser_class=OneLineParser)
    p = actions.add_parser("list", help="open conflicts and sync problems")
    p.add_argument("--all", action="store_true", help="include resolved and logged ones")
    add_format(p)
    p.set_defaults(func=cmd_list)
    p = actions.add_parser("show", help="one conflict with both values")
    p.add_argument("id")
    add_format(p)
    p.set_defaults(func=cmd_show)
    p = actions.add_parser("resolve", help="resolve a conflict (or --all open ones) by keeping your value or theirs")
    p.add_argument("id", nargs="?", help="the conflict to resolve (see `conflicts list`)")
    p.add_argument("--all", action="store_true", help="every open conflict and sync problem, the same way")
    p.add_argument("--keep", required=True, choices=("mine", "theirs"))
    p.set_defaults(func=cmd_resolve)


def _open(args: argparse.Namespace) -> tuple[Store, AppPaths]:
    paths = profile_paths(args)
    store = Store.open(paths.database, paths.backups)
    try:
        require_unlock(args, store)  # `conflicts` shows rows
    except BaseException:
        store.close()
        raise
    return store, paths


def cmd_login(args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CommandError("password: nothing on standard input")
    store, paths = _open(args)
    client = SyncClient(store, paths)
    try:
        answer = client.login(args.server, args.user, password, args.insecure)
    except PlainHttpRefused as exc:
        raise CommandError(str(exc)) from None
    except (AuthRequired, SyncError) as exc:
        raise CommandError(f"login refused: {exc}") from None
    except Offline as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    team = f", team {answer.user.team_name}" if answer.user.team_name else ""
    print(f"Logged in as {answer.user.name} ({answer.user.role}{team}); profile ready in {paths.data}")
    adopted = client.adoption
    if adopted is not None:
        print(
            f"The work done on this laptop before logging in is now {answer.user.name}'s at head office "
            f"({adopted.rows} record(s), {adopted.entries} waiting change(s)); `fieldcrm sync` sends it. "
            f"Backup taken first: {adopted.backup}"
        )
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    store, paths = _open(args)
    try:
        SyncClient(store, paths).logout()
    except AuthRequired as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print("Logged out; local data is kept")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    store, paths = _open(args)
    order: WipeOrdered | None = None
    try:
        result = SyncClient(store, paths).sync_once()
    except WipeOrdered as exc:
        order = exc
    except (AuthRequired, SyncError) as exc:
        raise CommandError(f"sync refused: {exc}") from None
    finally:
        store.close()
    if order is not None:  # the store is closed: now it can go
        remote_wipe.carry_out(order, paths)
        print(f"error: {_in_their_language(paths, remote_wipe.sentence(order))}", file=sys.stderr)
        return 1
    print(result.summary())
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if result.rejected:
        print(
            f"error: head office refused {result.rejected} change(s); they stay on this laptop, each with the "
            "reason: see `fieldcrm conflicts list`, then edit the record (it is sent again) or "
            "`fieldcrm conflicts resolve ID --keep mine|theirs`",
            file=sys.stderr,
        )
        return 1
    return 0


def _in_their_language(paths: AppPaths, sentence: str) -> str:
    """The wipe's sentence in the profile's language, as the window says it (the settings outlive the store)."""
    from fieldcrm.cli.language import localizer

    try:
        return localizer(paths)(sentence)
    except Exception:  # noqa: BLE001 - the sentence matters more than its translation
        return sentence


def cmd_status(args: argparse.Namespace) -> int:
    store, paths = _open(args)
    try:
        status = SyncClient(store, paths).status()
    finally:
        store.close()
    if args.format == "json":
        print_json(status)
    else:
        print_fields([(k, for_people(v) if k == "last_sync" else v) for k, v in status.items()])
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store, _ = _open(args)
    try:
        rows = conflicts.list_conflicts(store, include_closed=args.all)
    finally:
        store.close()
    if args.format == "json":
        print_json(rows)
    elif not rows:
        print("No open conflicts.")
    else:
        shown = [{**r, **conflicts.summarise(r), "when": for_people(r["created_at"])} for r in rows]
        columns = [
            ("id", "id"),
            ("when", "when"),
            ("kind", "kind"),
            ("table_name", "table"),
            ("field", "field"),
            ("mine", "mine"),
            ("theirs", "theirs"),
            ("reason", "reason"),
        ]
        print_table(shown, columns)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    store, _ = _open(args)
    try:
        record = conflicts.get_conflict(store, args.id)
    finally:
        store.close()
    if args.format == "json":
        print_json(record)
    else:
        print_fields([(k, for_people(v) if k.endswith("_at") else v) for k, v in record.items()])
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    if args.all == bool(args.id):
        raise CommandError("resolve: give the ID of one conflict, or --all for every open one")
    store, _ = _open(args)
    try:
        if args.all:
            return _resolve_all(store, args.keep)
        conflicts.resolve(store, args.id, args.keep)
    finally:
        store.close()
    print(f"Resolved {args.id} keeping {args.keep}; it is sent with the next sync")
    return 0


def _resolve_all(store: Store, keep: str) -> int:
    """Each open conflict resolved in a transaction of its own: one that cannot be resolved this way is left open,
    said, and the rest are resolved all the same."""
    open_ones = conflicts.list_conflicts(store)
    left: list[str] = []
    for record in open_ones:
        try:
            conflicts.resolve(store, record["id"], keep)
        except ServiceError as exc:
            left.append(f"{record['id']}: {exc}")
    done = len(open_ones) - len(left)
    if not open_ones:
        print("No open conflicts.")
    else:
        print(f"Resolved {done} of {len(open_ones)} keeping {keep}; they are sent with the next sync")
    for line in left:
        print(f"error: not resolved: {line}", file=sys.stderr)
    return 1 if left else 0

"""The command line under head office's lock policy (`fieldcrm-server lock-policy --cli`): a command that shows
customer data asks for the user's password on the terminal, then runs without asking for the policy's idle time
(as `sudo` does). Without a terminal (a script, a closed stdin) it stops with one sentence, never hangs."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime

from fieldcrm.cli.common import CommandError
from fieldcrm.domain.app_lock import LOCKED_NO_TERMINAL, WRONG_PASSWORD
from fieldcrm.services import app_lock
from fieldcrm.store import Store

#: Commands that show or take out customer data (a new area's commands are added here).
SHOWS_CUSTOMERS = frozenset(
    {"customers", "contacts", "visits", "plan", "report", "export", "import", "exports", "conflicts", "ownership"}
    | {"pool", "appeals"}
)
TRIES = 3


def require_unlock(args: argparse.Namespace, store: Store) -> None:
    """Ask for the password if this command shows customer data and the policy says the command line locks."""
    if getattr(args, "command", None) not in SHOWS_CUSTOMERS:
        return
    rule = app_lock.current_rule(store)
    if not rule.cli:
        return
    now = datetime.now(UTC)
    if not app_lock.cli_password_needed(store, rule, now):
        app_lock.remember_cli_use(store, now)  # the idle time counts from the last command
        return
    stdin = sys.stdin
    if stdin is None or stdin.closed or not stdin.isatty():
        raise CommandError(LOCKED_NO_TERMINAL)
    for _ in range(TRIES):
        typed = getpass.getpass("Your FieldCRM password (head office locks commands that show customers): ")
        if app_lock.cli_unlock(store, typed, datetime.now(UTC)):
            return
        print("That is not your password; try again.", file=sys.stderr)
    raise CommandError(WRONG_PASSWORD)

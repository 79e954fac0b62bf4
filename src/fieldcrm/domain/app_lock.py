"""The app lock head office asks for (锁屏策略), per role: how long a window may stay unlocked without use, and
whether the commands that show customer data ask for the password. Pure rules; the policy row is the role's
`export_policy` row (`models/audit.py`), set with `fieldcrm-server lock-policy`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

#: How long a password typed for the command line holds when the policy sets no idle time.
CLI_MINUTES = 15
MINUTES_PROBLEM = "the idle time must be between 1 and 1440 minutes (a day)"
LOCKED_NO_TERMINAL = (
    "head office asks for your password before FieldCRM shows customer data, and there is no terminal to ask it on; "
    "run the command in a terminal"
)
WRONG_PASSWORD = "that is not your password (the one you log in to head office with); nothing was shown"


@dataclass(frozen=True)
class LockRule:
    """`minutes`: the window locks after at most this many idle minutes (None: as the user sets it); `cli`: the
    command line asks for the password too."""

    minutes: int | None = None
    cli: bool = False


def check_minutes(minutes: int | None) -> str | None:
    return None if minutes is None or 1 <= minutes <= 24 * 60 else MINUTES_PROBLEM


def window_minutes(chosen: int, rule: LockRule) -> int:
    """The idle minutes after which the window locks: the user's choice (0: never), but no longer than the policy."""
    if rule.minutes is None:
        return chosen
    return rule.minutes if chosen == 0 else min(chosen, rule.minutes)


def cli_needs_password(rule: LockRule, unlocked_at: datetime | None, now: datetime) -> bool:
    """Whether a command that shows customer data must ask for the password: under a policy that says so, unless it
    was typed within the idle time (as `sudo` remembers it), counted from the last command that asked or ran."""
    if not rule.cli:
        return False
    if unlocked_at is None or now < unlocked_at:  # a clock set back does not stretch the time
        return True
    return now - unlocked_at > timedelta(minutes=rule.minutes or CLI_MINUTES)

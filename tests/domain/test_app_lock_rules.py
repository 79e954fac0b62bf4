"""Head office's lock policy: the window's idle time within it, and when the command line asks again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fieldcrm.domain.app_lock import CLI_MINUTES, LockRule, check_minutes, cli_needs_password, window_minutes

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_the_window_locks_no_later_than_the_policy_and_never_is_not_a_choice_under_one() -> None:
    assert window_minutes(30, LockRule()) == 30
    assert window_minutes(0, LockRule()) == 0  # the user's Never, with no policy
    assert window_minutes(30, LockRule(10)) == 10
    assert window_minutes(5, LockRule(10)) == 5
    assert window_minutes(0, LockRule(10)) == 10


def test_the_command_line_asks_once_per_idle_time() -> None:
    rule = LockRule(10, cli=True)
    assert not cli_needs_password(LockRule(10), None, NOW)  # the window only
    assert cli_needs_password(rule, None, NOW)
    assert not cli_needs_password(rule, NOW - timedelta(minutes=10), NOW)
    assert cli_needs_password(rule, NOW - timedelta(minutes=10, seconds=1), NOW)
    assert cli_needs_password(rule, NOW + timedelta(minutes=1), NOW)  # a clock set back asks again
    assert not cli_needs_password(LockRule(None, True), NOW - timedelta(minutes=CLI_MINUTES), NOW)
    assert cli_needs_password(LockRule(None, True), NOW - timedelta(minutes=CLI_MINUTES + 1), NOW)


def test_idle_times_are_a_minute_to_a_day() -> None:
    assert check_minutes(None) is None and check_minutes(1) is None and check_minutes(1440) is None
    assert check_minutes(0) and check_minutes(1441)


def test_a_command_in_the_same_instant_as_the_password_does_not_ask_again() -> None:
    assert not cli_needs_password(LockRule(10, cli=True), NOW, NOW)

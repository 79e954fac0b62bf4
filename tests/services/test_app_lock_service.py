"""The app lock's password check on the laptop (services/app_lock.py): the login's verifier first, else the store's
passphrase; head office's lock rule for the user's role as synced; the command line's remembered unlock. Real
encrypted store (opened with the suite's passphrase), fake times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fieldcrm.domain.app_lock import LockRule
from fieldcrm.ids import stable_id
from fieldcrm.models import ExportPolicy
from fieldcrm.services import Services
from fieldcrm.services.app_lock import (
    CLI_UNLOCKED_AT,
    LOCK_VERIFIER,
    can_lock,
    cli_password_needed,
    cli_unlock,
    current_rule,
    lock_rule,
    unlocks,
    verifier_for,
)
from fieldcrm.services.state import get_state, set_state

PASSPHRASE = "test-passphrase 测试口令"  # the suite's (tests/conftest.py)
T0 = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)


def _policy(services: Services, role: str, minutes: int | None, cli: bool) -> None:
    with services.store.transaction() as session:
        session.add(ExportPolicy(id=stable_id("export_policy", role), role=role, lock_minutes=minutes, cli_lock=cli))


def test_the_passphrase_unlocks_until_a_login_leaves_its_verifier(services: Services) -> None:
    store = services.store
    with store.read_connection() as conn:
        assert can_lock(conn, store.path)  # opened with a passphrase: there is one to ask for
        assert unlocks(conn, store.path, PASSPHRASE)
        assert not unlocks(conn, store.path, "wrong")
    with store.transaction() as session:
        set_state(session, LOCK_VERIFIER, verifier_for("登录密码 2027"))
    with store.read_connection() as conn:
        assert unlocks(conn, store.path, "登录密码 2027")
        assert not unlocks(conn, store.path, PASSPHRASE)  # the login's password now, not the store's
        assert not unlocks(conn, store.path, "wrong")
    with store.transaction() as session:
        set_state(session, LOCK_VERIFIER, "not a hash")
    with store.read_connection() as conn:
        assert can_lock(conn, store.path)
        assert not unlocks(conn, store.path, "登录密码 2027")  # a damaged verifier unlocks nothing


def test_the_lock_rule_is_head_offices_for_the_users_role(services: Services) -> None:
    store = services.store
    assert current_rule(store) == LockRule()  # nothing synced yet
    _policy(services, "supervisor", 5, True)
    assert current_rule(store) == LockRule()  # another role's
    _policy(services, "rep", 10, True)
    assert current_rule(store) == LockRule(10, True)
    with store.read_connection() as conn:
        assert lock_rule(conn, "supervisor") == LockRule(5, True)
        assert lock_rule(conn, None) == LockRule()
        assert lock_rule(conn, "admin") == LockRule()


def test_the_command_line_asks_again_only_after_the_idle_time(services: Services) -> None:
    store = services.store
    assert not cli_password_needed(store, LockRule(10, False), T0)  # the policy does not ask it of commands
    rule = LockRule(10, True)
    assert cli_password_needed(store, rule, T0)  # never typed
    assert not cli_unlock(store, "wrong", T0)
    with store.session() as session:
        assert get_state(session, CLI_UNLOCKED_AT) is None  # a wrong password is not remembered
    assert cli_password_needed(store, rule, T0)
    assert cli_unlock(store, PASSPHRASE, T0)
    with store.session() as session:
        assert get_state(session, CLI_UNLOCKED_AT) == T0.isoformat()
    assert not cli_password_needed(store, rule, T0 + timedelta(minutes=10))
    assert cli_password_needed(store, rule, T0 + timedelta(minutes=10, seconds=1))

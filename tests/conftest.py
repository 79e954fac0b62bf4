"""Shared fixtures: every test gets its own data folder, and a migrated empty store copied from a template; the day
a test runs; and settings that keep every test independent of the machine's speed."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from pytestqt.qtbot import QtBot

from waiting import HANG_GUARD

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The store is encrypted; CI machines have no keyring, so every store of the suite (and of the commands it starts)
# takes its key from this passphrase. Tests of the keyring and of the prompts change it for themselves.
os.environ.setdefault("FIELDCRM_PASSPHRASE", "test-passphrase 测试口令")

from fieldcrm.services import Services  # noqa: E402
from fieldcrm.store import Store  # noqa: E402

#: The head office's databases (SQLite and PostgreSQL) and accounts, for the server's and the sync tests; the
#: command-line runner and its profiles (`cli`, `rep`, `customer`) for the CLI tests.
pytest_plugins = ["server_fixtures", "cli_runner"]

# Hypothesis judges no example by how long it took: a busy machine is no bug. (A test's own `settings(...)` starts
# from this profile; one that names `suppress_health_check` lists `too_slow` itself.)
settings.register_profile("fieldcrm", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fieldcrm")

HANG_GUARD_MS = int(HANG_GUARD * 1000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user folders: platformdirs and the data dir point below tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("FIELDCRM_DATA_DIR", str(tmp_path / "profile"))
    # An English system, whatever the machine's: tests that need Chinese say so (the profile's choice or LANG).
    monkeypatch.setenv("LANG", "C.UTF-8")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(scope="session")
def _template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "fieldcrm.sqlite3"
    Store.open(path).close()
    return path


@pytest.fixture
def store(_template_store: Path, tmp_path: Path) -> Store:
    """A migrated, empty store of this test's own (a copy of one migrated once per session)."""
    target = tmp_path / "store" / "fieldcrm.sqlite3"
    target.parent.mkdir(parents=True)
    shutil.copy(_template_store, target)
    opened = Store.open(target)
    yield opened
    opened.close()


@pytest.fixture
def team_services(store: Store) -> dict[str, Services]:
    """A team 华东一组 with supervisor 王经理 and reps 张伟 (the current profile) and 李娜; services per user."""
    profile = Services.for_store(store).profile
    supervisor = profile.add_user("王经理", "supervisor", "华东一组")
    other = profile.add_user("李娜", "rep", "华东一组")
    rep = profile.init_profile("张伟", "rep", "华东一组")
    return {
        "rep": Services.for_store(store, rep.id),
        "other": Services.for_store(store, other.id),
        "supervisor": Services.for_store(store, supervisor.id),
    }


@pytest.fixture
def services(team_services: dict[str, Services]) -> Services:
    """Services acting as the rep 张伟."""
    return team_services["rep"]


@pytest.fixture
def today() -> date:
    """The day this test runs, read when it starts: never at import, where a run that crosses midnight would mix up
    two days."""
    return date.today()


class PatientQtBot(QtBot):
    """pytest-qt's bot whose waits time out only at the hang guard: its default of 5 s is a speed requirement on a
    busy machine. A wait still ends as soon as its condition or signal comes."""

    def waitUntil(self, callback, *, timeout: int = HANG_GUARD_MS) -> None:
        return super().waitUntil(callback, timeout=timeout)

    def waitSignal(self, signal, *, timeout: int = HANG_GUARD_MS, **kwargs):
        return super().waitSignal(signal, timeout=timeout, **kwargs)

    def waitSignals(self, signals, *, timeout: int = HANG_GUARD_MS, **kwargs):
        return super().waitSignals(signals, timeout=timeout, **kwargs)

    def waitCallback(self, *, timeout: int = HANG_GUARD_MS, **kwargs):
        return super().waitCallback(timeout=timeout, **kwargs)

    def waitExposed(self, widget, *, timeout: int = HANG_GUARD_MS):
        return super().waitExposed(widget, timeout=timeout)

    def waitActive(self, widget, *, timeout: int = HANG_GUARD_MS):
        return super().waitActive(widget, timeout=timeout)


@pytest.fixture
def qtbot(qapp, request: pytest.FixtureRequest) -> QtBot:
    """pytest-qt's `qtbot`, patient (see `PatientQtBot`)."""
    return PatientQtBot(request)

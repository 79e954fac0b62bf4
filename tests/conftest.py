"""Shared fixtures: every test gets its own data folder, and a migrated empty store copied from a template."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fieldcrm.services import Services  # noqa: E402
from fieldcrm.store import Store  # noqa: E402


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

"""Fixtures of the domain tests: a laptop whose own time zone is not the team's."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def laptop_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own time zone is New York's (the team's stays Asia/Shanghai): a rule that leans on the
    machine's zone anywhere shows it."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()

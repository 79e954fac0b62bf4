"""Fixtures for the Excel tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"

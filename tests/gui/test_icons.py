"""Every icon the app names exists, carries its licence, and draws in the theme's colours."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

import fieldcrm
from fieldcrm.ui import theme
from fieldcrm.ui.icons import icon
from fieldcrm.ui.screens import SCREENS

ICONS = resources.files("fieldcrm.resources") / "icons"


def _named_in_code() -> set[str]:
    names: set[str] = set()
    for path in Path(fieldcrm.__file__).parent.rglob("*.py"):
        names |= set(re.findall(r"\bicon\(\"([a-z-]+)\"", path.read_text(encoding="utf-8")))
    return names | {spec.icon for spec in SCREENS}


def test_every_icon_the_code_names_is_shipped_with_its_licence() -> None:
    named = _named_in_code()
    assert {"today", "settings", "countersign"} <= named
    missing = {name for name in named if not (ICONS / f"{name}.svg").is_file()}
    assert not missing
    assert "CC BY 4.0" in (ICONS / "LICENSE.txt").read_text(encoding="utf-8")


def test_icons_draw_in_the_theme_and_tone_colours(qapp) -> None:
    plain, tinted = icon("today"), icon("countersign", "success")
    for drawn in (plain, tinted):
        assert not drawn.isNull()
        assert not drawn.pixmap(16, 16).isNull() and not drawn.pixmap(16, 16, QIcon.Mode.Selected).isNull()
    image = tinted.pixmap(24, 24).toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha() == 255
    }
    assert theme.LIGHT["success"] in colours

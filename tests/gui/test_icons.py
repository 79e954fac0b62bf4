"""Every icon the app names exists, carries its licence, and draws in the theme's colours, following a switch
between light and dark."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QPushButton

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


def _ink(drawn: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    image = drawn.pixmap(24, 24, mode).toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_an_icon_follows_a_switch_to_dark_without_being_made_again(qapp) -> None:
    plain, tinted = icon("today"), icon("countersign", "success")
    assert "#3c4043" in _ink(plain) and theme.LIGHT["success"] in _ink(tinted)
    assert _ink(plain, QIcon.Mode.Selected) == {"#ffffff"}  # white on the rail's current screen
    before = QGuiApplication.palette()
    try:
        dark = QPalette()
        dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        QGuiApplication.setPalette(dark)
        assert "#e8eaed" in _ink(plain) and "#3c4043" not in _ink(plain)
        assert theme.DARK["success"] in _ink(tinted)
        button = QPushButton(plain, "今日")
        assert not button.grab().isNull()  # painted through the engine
    finally:
        QGuiApplication.setPalette(before)
    assert "#3c4043" in _ink(plain)


def test_a_copied_and_changed_icon_keeps_drawing(qapp) -> None:
    copy = QIcon(icon("sync"))
    copy.addPixmap(QPixmap(8, 8))  # Qt clones the engine of an icon changed after copying
    assert not copy.pixmap(16, 16).isNull()
    assert "#3c4043" in _ink(icon("sync"))

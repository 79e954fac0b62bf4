"""The app's icons: SVGs in resources/icons (Font Awesome Free 6, CC BY 4.0; see scripts/make_icons.py), drawn in
the theme's text colour or a tone's, so they read on light and dark alike. Loaded when first asked for."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from fieldcrm.ui.theme import colours, is_dark

SIZES = (16, 24)  # the sizes buttons and the rail ask for; others scale from the nearest


def _svg(name: str) -> str:
    return (resources.files("fieldcrm.resources") / "icons" / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _icon(name: str, colour: str) -> QIcon:
    icon = QIcon()
    # normal, and white on a selected (accent-coloured) item such as the rail's current screen
    for mode, fill in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Selected, "#ffffff")):
        renderer = QSvgRenderer(QByteArray(_svg(name).replace("#000000", fill).encode()))
        for size in SIZES:
            for ratio in (1, 2):
                pixmap = QPixmap(size * ratio, size * ratio)
                pixmap.fill(Qt.GlobalColor.transparent)
                painter = QPainter(pixmap)
                renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
                painter.end()
                pixmap.setDevicePixelRatio(ratio)
                icon.addPixmap(pixmap, mode)
    return icon


def icon(name: str, tone: str | None = None) -> QIcon:
    """The icon `name` in the text colour of the current theme, or in a tone's colour (see ui.theme)."""
    dark = is_dark()
    colour = colours(dark)[tone] if tone else ("#e8eaed" if dark else "#3c4043")
    return _icon(name, colour)

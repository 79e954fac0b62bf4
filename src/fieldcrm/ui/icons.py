"""The app's icons: SVGs in resources/icons (Font Awesome Free 6, CC BY 4.0; see scripts/make_icons.py), drawn in
the theme's text colour or a tone's, so they read on light and dark alike.

Each icon picks its colour when it is drawn (`ThemedIconEngine`), not when it is made: when the system switches
between light and dark, every button and the rail follow without being rebuilt. Drawn pixmaps are cached per
colour and size."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from fieldcrm.ui.theme import colours, is_dark

#: Icon colours outside the tones: text on light and on dark, a disabled button's grey, and white on a selected
#: (accent-coloured) item such as the rail's current screen.
TEXT = {False: "#3c4043", True: "#e8eaed"}
DISABLED = {False: "#a0a4a8", True: "#6f7378"}
SELECTED = "#ffffff"

#: Engines made by Qt's `clone()` (when an icon is copied and then changed): PySide6 does not hand their ownership
#: to Qt, so they are kept here for as long as the app runs (Qt clones rarely; the app never changes an icon).
_CLONES: list[QIconEngine] = []


@cache
def _svg(name: str) -> str:
    return (resources.files("fieldcrm.resources") / "icons" / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _pixmap(name: str, colour: str, width: int, height: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("#000000", colour).encode()))
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def colour_for(tone: str | None, mode: QIcon.Mode, dark: bool) -> str:
    """The colour an icon of `tone` (None: the text's) is drawn in, in a mode, on light or dark."""
    if mode == QIcon.Mode.Selected:
        return SELECTED
    if mode == QIcon.Mode.Disabled:
        return DISABLED[dark]
    return colours(dark)[tone] if tone else TEXT[dark]


class ThemedIconEngine(QIconEngine):
    """Draws the icon `name` in the current theme's colour for `tone` each time it is asked for."""

    def __init__(self, name: str, tone: str | None) -> None:
        super().__init__()
        self.name, self.tone = name, tone

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return _pixmap(self.name, colour_for(self.tone, mode, is_dark()), size.width(), size.height(), scale)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def clone(self) -> QIconEngine:
        twin = ThemedIconEngine(self.name, self.tone)
        _CLONES.append(twin)
        return twin

    def key(self) -> str:
        return "fieldcrm-themed"


def icon(name: str, tone: str | None = None) -> QIcon:
    """The icon `name` in the text colour of the current theme, or in a tone's colour (see ui.theme)."""
    _svg(name)  # a missing icon fails here, where it is named, not when first painted
    return QIcon(ThemedIconEngine(name, tone))

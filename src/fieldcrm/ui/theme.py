"""One visual language: a few tones with a meaning, used the same way on every screen, in a light and a dark
variant that follows the system.

- danger (red): overdue; errors
- warning (amber): due today, about to lapse
- success (green): done, countersigned
- attention (orange): returned to the rep
- info (blue): planned, submitted, waiting for someone
- muted (grey): draft, cancelled

Tables colour a status cell by its tone (`Column.tone`), labels take a `tone` property the style sheet colours,
and the style sheet itself is written with the tones' names (`$success`), filled in for light or dark."""

from __future__ import annotations

from datetime import date
from importlib import resources
from string import Template
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

Tone = Literal["danger", "warning", "success", "attention", "info", "muted"]

LIGHT: dict[str, str] = {
    "danger": "#c62828",
    "warning": "#a15c00",
    "success": "#2e7d32",
    "attention": "#d84315",
    "info": "#1565c0",
    "muted": "#616161",
    # surfaces
    "accent": "#2f6fd6",
    "rail": "#f2f4f7",
    "hint_text": "#555555",
    "hint_back": "#fff8e1",
    "hint_border": "#ffe082",
    "strong": "#37474f",
    "on_tone": "#ffffff",  # text on a tone's colour (a status chip)
    "card": "#ffffff",
    "card_border": "#dde1e6",
    "figure": "#202124",
}
DARK: dict[str, str] = {
    "danger": "#ef9a9a",
    "warning": "#ffcc80",
    "success": "#a5d6a7",
    "attention": "#ffab91",
    "info": "#90caf9",
    "muted": "#bdbdbd",
    "accent": "#5b8def",
    "rail": "#23262b",
    "hint_text": "#e0e0e0",
    "hint_back": "#3a3323",
    "hint_border": "#6d5a1f",
    "strong": "#cfd8dc",
    "on_tone": "#1b1b1f",
    "card": "#2a2d32",
    "card_border": "#3c4047",
    "figure": "#f1f3f4",
}

#: The tone of each status a row can be in (plan stops, reports).
STATUS_TONES: dict[str, Tone] = {
    "done": "success",
    "countersigned": "success",
    "returned": "attention",
    "planned": "info",
    "submitted": "info",
    "draft": "muted",
    "cancelled": "muted",
    "requested": "info",
    "accepted": "attention",
    "approved": "success",
    "declined": "muted",
    "open": "attention",  # an appeal waiting for its decision
    "upheld": "success",
    "rejected": "muted",
}


def is_dark() -> bool:
    """Whether the system asks for dark colours (or the application already runs on a dark palette)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return True
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colours(dark: bool | None = None) -> dict[str, str]:
    return DARK if (is_dark() if dark is None else dark) else LIGHT


def tone_colour(tone: str, dark: bool | None = None) -> QColor:
    return QColor(colours(dark)[tone])


def status_tone(status: object) -> Tone | None:
    return STATUS_TONES.get(str(status)) if status else None


def due_tone(due: object, today: date | None = None) -> Tone | None:
    """A follow-up date: overdue red, due today amber, later nothing."""
    if not due:
        return None
    day = due if isinstance(due, date) else date.fromisoformat(str(due)[:10])
    today = today or date.today()
    return "danger" if day < today else "warning" if day == today else None


#: Protection ending within this many days shows amber: time to visit before the customer can be lost.
LAPSING_DAYS = 7


def protection_tone(until: object, today: date | None = None) -> Tone | None:
    """A customer's protection: ended red, ending within `LAPSING_DAYS` amber, else nothing."""
    if not until:
        return None
    day = until if isinstance(until, date) else date.fromisoformat(str(until)[:10])
    today = today or date.today()
    return "danger" if day < today else "warning" if (day - today).days <= LAPSING_DAYS else None


def style_sheet(dark: bool | None = None) -> str:
    """The application's style sheet in the light or dark colours."""
    sheet = resources.files("fieldcrm.resources") / "qss" / "fieldcrm.qss"
    if not sheet.is_file():
        return ""
    return Template(sheet.read_text(encoding="utf-8")).substitute(colours(dark))


def follow_system(app: QGuiApplication) -> None:
    """Style `app` now and again whenever the system switches between light and dark."""

    def restyle() -> None:
        app.setStyleSheet(style_sheet())  # type: ignore[attr-defined]  # a QApplication

    restyle()
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: restyle())


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Give a label a tone (the style sheet colours it), or take it away."""
    if widget.property("tone") == tone:
        return
    widget.setProperty("tone", tone)
    widget.style().unpolish(widget)
    widget.style().polish(widget)

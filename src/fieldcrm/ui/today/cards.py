"""`Card`: a framed block on the Today screen with a title, a big figure or line, one line under it and one action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget


class Card(QFrame):
    """The style sheet draws it (`QFrame[role="card"]`); `name` prefixes the object names of its parts, so tests
    and screenshots find them: `<name>Figure`, `<name>Line`, and the action's own name."""

    def __init__(self, name: str, title: str, action: QPushButton | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "card")
        self.title = QLabel(title, objectName=f"{name}Title")
        self.title.setProperty("role", "cardTitle")
        self.figure = QLabel(objectName=f"{name}Figure")
        self.figure.setProperty("role", "figure")
        self.figure.setWordWrap(True)
        self.line = QLabel(objectName=f"{name}Line")
        self.line.setWordWrap(True)
        self.action = action
        self.figure_row = QHBoxLayout()
        self.figure_row.setContentsMargins(0, 0, 0, 0)
        self.figure_row.addWidget(self.figure, 1)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 8, 12, 8)
        self.body.setSpacing(4)
        self.body.addWidget(self.title)
        self.body.addLayout(self.figure_row)
        self.body.addWidget(self.line)

    def add_to_figure_row(self, widget: QWidget) -> None:
        """A widget before the figure (a status chip)."""
        self.figure_row.insertWidget(0, widget, 0, Qt.AlignmentFlag.AlignLeft)

    def line_beside_figure(self) -> None:
        """The line reads after the figure on the same row (a count and what stands out in it)."""
        self.body.removeWidget(self.line)
        self.line.setWordWrap(False)
        self.figure.setWordWrap(False)
        self.figure_row.setStretch(self.figure_row.indexOf(self.figure), 0)
        self.figure_row.addSpacing(12)
        self.figure_row.addWidget(self.line, 0, Qt.AlignmentFlag.AlignBaseline)
        self.figure_row.addStretch(1)

    def add(self, item: QWidget | QLayout, stretch: int = 0) -> None:
        """More of the card under its line (a list)."""
        if isinstance(item, QLayout):
            self.body.addLayout(item, stretch)
        else:
            self.body.addWidget(item, stretch)

    def finish(self) -> None:
        """Put the action at the card's bottom right (after whatever `add` put in)."""
        if self.action is None:
            return
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.action)
        self.body.addStretch(0)
        self.body.addLayout(row)


def action_button(icon: QIcon, text: str, name: str) -> QPushButton:
    return QPushButton(icon, text, objectName=name)

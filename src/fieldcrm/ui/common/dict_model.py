"""`DictTableModel`: a small read-only table over a list of plain dicts (contacts, visits, reports, stops)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from fieldcrm.ui.theme import tone_colour

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TONE_ROLE = Qt.ItemDataRole.UserRole + 2  # the tone's name of a toned column's cell (a chip paints with it)


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # source text, translated in `context` when shown
    show: Callable[[Any], str] | None = None  # how a value reads (translated names, local times)
    tone: Callable[[Any], str | None] | None = None  # the value's tone (see ui.theme): the cell is coloured by it


class DictTableModel(QAbstractTableModel):
    """For short lists that a screen loads whole (a day's stops, a customer's contacts); big lists are lazy."""

    def __init__(self, context: str, columns: list[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._columns = columns
        self._rows: list[dict[str, Any]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return QCoreApplication.translate(self._context, self._columns[section].title)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        value = row.get(column.key)
        if role == ID_ROLE:
            return row.get("id")
        if role == SORT_ROLE:
            return value if value is not None else ""
        if role == TONE_ROLE:
            return column.tone(value) if column.tone is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column.show is not None:
                return column.show(value)
            return "" if value is None else str(value)
        if column.tone is not None and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            tone = column.tone(value)
            if tone is None:
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return tone_colour(tone)
            font = QFont()
            font.setBold(True)
            return font
        return None

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> dict[str, Any] | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

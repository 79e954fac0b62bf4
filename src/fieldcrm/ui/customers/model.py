"""`CustomerTableModel`: holds the ids a search returned and fetches rows lazily, a window at a time, off the GUI."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from fieldcrm.domain.pools import rules_for
from fieldcrm.domain.protection import PoolRules, lapses_soon
from fieldcrm.services.search import CustomerRow
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.theme import colours, due_tone, protection_tone, tone_colour

COL_NAME, COL_PHONE, COL_GRADE, COL_STAGE, COL_REGION, COL_INDUSTRY, COL_OWNER, COL_FOLLOW_UP, COL_PROTECTED = range(9)
COLUMNS = (
    ("name", "name", QT_TRANSLATE_NOOP("CustomerTableModel", "Name")),
    ("phone", "phone", QT_TRANSLATE_NOOP("CustomerTableModel", "Phone")),
    ("grade", "grade", QT_TRANSLATE_NOOP("CustomerTableModel", "Grade")),
    ("stage", "stage", QT_TRANSLATE_NOOP("CustomerTableModel", "Stage")),
    ("region", "region", QT_TRANSLATE_NOOP("CustomerTableModel", "Region")),
    ("industry", "industry", QT_TRANSLATE_NOOP("CustomerTableModel", "Industry")),
    ("owner", "owner", QT_TRANSLATE_NOOP("CustomerTableModel", "Owner")),
    ("next_follow_up", "next_follow_up", QT_TRANSLATE_NOOP("CustomerTableModel", "Next follow-up")),
    ("protection_until", "protection_until", QT_TRANSLATE_NOOP("CustomerTableModel", "Protected until")),
)
#: The search service's sort key per column.
SORT_KEYS = tuple(c[1] for c in COLUMNS)
#: Rows fetched per request; the cache keeps this many windows (a few thousand rows), so memory stays flat.
WINDOW = 100
MAX_WINDOWS = 30
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Plain ints for the paint path: a view asks data() for about ten roles per visible cell on every repaint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ID = int(ID_ROLE)
_SORT = int(SORT_ROLE)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_SERVED_ROLES = frozenset((_DISPLAY, _TOOLTIP, _ID, _SORT, _FOREGROUND, _BACKGROUND))
#: The columns a date's tone colours: a follow-up overdue or due today, protection ended or about to end.
_TONES = {COL_FOLLOW_UP: due_tone, COL_PROTECTED: protection_tone}
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ATTRIBUTES = tuple(c[0] for c in COLUMNS)

RowFetcher = Callable[[list[str], Callable[[dict[str, CustomerRow]], None]], None]


class CustomerTableModel(QAbstractTableModel):
    """Rows are fetched by `fetcher(ids, deliver)`, which runs the read on the database worker and calls
    `deliver(rows)` back on the GUI thread; until then a row shows a placeholder. `flags()` never fetches."""

    sort_requested = Signal(str, int)  # service sort key, 1 if descending (int: see workers.busy_changed)

    def __init__(
        self, fetcher: RowFetcher, parent: Any = None, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._clock = clock
        # Rows whose protection lapses within their pool's reminder days are tinted (`set_rules`); the team's day is
        # read when the list is (re)loaded, not for every painted cell, and a pool's rules once per region and industry.
        self._rules = PoolRules()
        self._pool_rules: dict[tuple[str | None, str | None], PoolRules] = {}
        self._today: date = self._rules.day_of(clock())
        self._ids: list[str] = []
        self._windows: OrderedDict[int, dict[str, CustomerRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0

    # --- what the view asks -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 9:
            return QCoreApplication.translate("CustomerTableModel", COLUMNS[section][2])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        role = int(role)
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._ids):
            return None
        if role == _ID:
            return self._ids[number]
        row = self.row_at(number)
        if row is None:
            return "…" if role == _DISPLAY and index.column() == COL_NAME else None
        value = getattr(row, _ATTRIBUTES[index.column()])
        if role == _SORT:
            return value or ""
        if role == _BACKGROUND:
            return self._lapsing_tint(row)
        if role == _FOREGROUND:
            toned = _TONES.get(index.column())
            tone = toned(value) if toned is not None else None
            return tone_colour(tone) if tone is not None else None
        if row.refused and index.column() == COL_NAME:  # head office refused it: marked until edited or discarded
            if role == _TOOLTIP:
                return QCoreApplication.translate("CustomerTableModel", "Not accepted by head office: {0}").format(
                    localize(row.refused)
                )
            return f"⚠ {value}"
        return value if value is not None else ""

    def _lapsing_tint(self, row: CustomerRow) -> QColor | None:
        """A soft amber behind a row whose protection lapses soon: the theme's hint background, which keeps the
        default text and the tones readable in the light and in the dark palette."""
        until = row.protection_until
        if not until:
            return None
        key = (row.region, row.industry)
        rules = self._pool_rules.get(key)
        if rules is None:
            rules = self._pool_rules[key] = rules_for(self._rules, row.region, row.industry)
        if not lapses_soon(rules, date.fromisoformat(until[:10]), self._today):
            return None
        return QColor(colours()["hint_back"])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the search's job (all rows, not the cached window): ask the screen to search again."""
        if 0 <= column < len(COLUMNS):
            self.sort_requested.emit(SORT_KEYS[column], int(order == Qt.SortOrder.DescendingOrder))

    # --- loading ------------------------------------------------------------------------------------------
    def customer_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_at(self, row: int) -> CustomerRow | None:
        """The cached row, or None while its window is being fetched (a fetch is started if needed)."""
        start = row - row % WINDOW
        window = self._windows.get(start)
        if window is None:
            self._request(start)
            return None
        self._windows.move_to_end(start)
        return window.get(self._ids[row])

    def _request(self, start: int) -> None:
        if start in self._pending:
            return
        self._pending.add(start)
        generation = self._generation
        ids = self._ids[start : start + WINDOW]

        def deliver(rows: dict[str, CustomerRow]) -> None:
            if generation != self._generation:
                return  # the list changed meanwhile; these rows belong to an older search
            self._pending.discard(start)
            self._windows[start] = rows
            while len(self._windows) > MAX_WINDOWS:
                self._windows.popitem(last=False)
            last = min(start + WINDOW, len(self._ids)) - 1
            self.dataChanged.emit(self.index(start, 0), self.index(last, len(COLUMNS) - 1))

        self._fetcher(ids, deliver)

    def set_rules(self, rules: PoolRules) -> None:
        """The team's rules (its pools' reminder days, its calendar) for the tint; the defaults until the screen loads
        them."""
        if rules != self._rules:
            self._rules = rules
            self._pool_rules.clear()
            self.refresh_rows()

    def set_ids(self, ids: list[str], first_rows: dict[str, CustomerRow] | None = None) -> None:
        """Show a new result list (after a search, filter or sort); `first_rows` fills the first window at once."""
        self.beginResetModel()
        self._generation += 1
        self._today = self._rules.day_of(self._clock())
        self._ids = ids
        self._windows.clear()
        self._pending.clear()
        if first_rows and ids:
            self._windows[0] = first_rows
        self.endResetModel()

    def extend_ids(self, ids: list[str]) -> None:
        """The full result list of the search whose first page is shown: rows are appended, nothing is reset
        (scroll position and selection stay); a list that does not start with the shown ids replaces it."""
        shown = len(self._ids)
        if ids[:shown] != self._ids:
            self.set_ids(ids)
            return
        if len(ids) > shown:
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids = ids
            self.endInsertRows()

    def refresh_rows(self) -> None:
        """Forget cached rows (a customer was edited) and repaint; the id list stays."""
        self._generation += 1
        self._today = self._rules.day_of(self._clock())
        self._windows.clear()
        self._pending.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    @property
    def loading(self) -> bool:
        return bool(self._pending)

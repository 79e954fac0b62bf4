"""Status chips: a status shown as a small rounded label in its tone's colour (see ui.theme), as a widget
(`StatusChip`) and in table cells (`ChipDelegate`). Both paint with `paint_chip`, reading the colours when they
paint, so a chip follows the system's switch between light and dark."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fieldcrm.ui.common.dict_model import TONE_ROLE
from fieldcrm.ui.fields import STATUSES, status_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.theme import STATUS_TONES, Tone, colours

#: Every status a chip shows and its tone: the rows' statuses, and the follow-up and protection states.
CHIP_TONES: dict[str, Tone] = {**STATUS_TONES, "overdue": "danger", "lapsing": "warning", "none": "muted"}

#: Names of the chip states that are no row status (those read as `fields.status_name`).
CHIP_NAMES = {
    "overdue": QT_TRANSLATE_NOOP("chips", "Overdue"),
    "lapsing": QT_TRANSLATE_NOOP("chips", "Lapsing"),
    "none": QT_TRANSLATE_NOOP("chips", "Not started"),
}

PAD_X, PAD_Y = 9, 3


def chip_text(status: str | None) -> str:
    """What a chip for `status` reads, in the user's language."""
    key = status or "none"
    if key in STATUSES:
        return status_name(key)
    return QCoreApplication.translate("chips", CHIP_NAMES.get(key, key))


def chip_tone(status: str | None) -> Tone:
    return CHIP_TONES.get(status or "none", "muted")


def chip_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    return font


def chip_size(text: str, font: QFont) -> QSize:
    metrics = QFontMetrics(chip_font(font))
    return QSize(metrics.horizontalAdvance(text) + 2 * PAD_X, metrics.height() + 2 * PAD_Y)


def paint_chip(painter: QPainter, rect: QRect, text: str, tone: str, font: QFont) -> None:
    """A rounded block of the tone's colour with `text` in the colour that reads on it, at the left of `rect`,
    centred vertically."""
    size = chip_size(text, font)
    box = QRectF(rect.x(), rect.y() + (rect.height() - size.height()) / 2, size.width(), size.height())
    palette = colours()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette[tone]))
    radius = box.height() / 2
    painter.drawRoundedRect(box, radius, radius)
    painter.setPen(QColor(palette["on_tone"]))
    painter.setFont(chip_font(font))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class StatusChip(QWidget):
    """A status as a chip: `set_status("returned")` shows "Returned" on orange."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._status: str | None = None
        self._text = chip_text(None)

    def set_status(self, status: str | None) -> None:
        self._status = status
        self._text = chip_text(status)
        self.setToolTip(self._text)
        self.updateGeometry()
        self.update()

    def status(self) -> str | None:
        return self._status

    def text(self) -> str:
        return self._text

    def tone(self) -> Tone:
        return chip_tone(self._status)

    def sizeHint(self) -> QSize:
        return chip_size(self._text, self.font())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_chip(painter, self.rect(), self._text, self.tone(), self.font())
        painter.end()


class ChipDelegate(QStyledItemDelegate):
    """Paints a table cell as a chip: the cell's text on the colour of its tone (the model's `TONE_ROLE`); a cell
    without a tone paints as usual."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        tone = index.data(TONE_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not tone or not text:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the selection and focus background, without the text: the chip draws that
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        cell: QRect = option.rect
        paint_chip(painter, cell.adjusted(4, 0, -2, 0), str(text), str(tone), option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not index.data(TONE_ROLE) or not text:
            return base
        chip = chip_size(str(text), option.font)
        return QSize(max(base.width(), chip.width() + 8), max(base.height(), chip.height() + 4))


def chip_column(view: Any, column: int) -> ChipDelegate:
    """Show `column` of a table view as chips (the delegate is kept by the view)."""
    delegate = ChipDelegate(view)
    view.setItemDelegateForColumn(column, delegate)
    return delegate

"""Status chips: every status reads as its name on its tone's colour, in English and Chinese, light and dark; table
cells of a status column paint as chips."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from fieldcrm.ui import theme
from fieldcrm.ui.common.chips import StatusChip
from fieldcrm.ui.i18n import install_language

#: Written out by hand from the issue: overdue red, lapsing amber, countersigned green, returned orange, draft grey,
#: submitted blue; and the stops' statuses.
EXPECTED = {
    "overdue": ("danger", "Overdue", "已逾期"),
    "lapsing": ("warning", "Lapsing", "即将到期"),
    "countersigned": ("success", "Countersigned", "已会签"),
    "returned": ("attention", "Returned", "已退回"),
    "draft": ("muted", "Draft", "草稿"),
    "submitted": ("info", "Submitted", "已提交"),
    "planned": ("info", "Planned", "计划中"),
    "done": ("success", "Done", "已完成"),
    "cancelled": ("muted", "Cancelled", "已取消"),
    None: ("muted", "Not started", "未开始"),
}


@pytest.fixture
def chinese(qapp, tmp_path):
    install_language("zh_CN", tmp_path / "qm")
    yield
    install_language("en")


@pytest.fixture
def dark(qapp):
    before = QGuiApplication.palette()
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    QGuiApplication.setPalette(palette)
    yield
    QGuiApplication.setPalette(before)


def fill(chip: StatusChip) -> QColor:
    """The chip's colour where no letter is: inside its rounded left end, half way down."""
    image = chip.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(5 * ratio), int(chip.height() / 2 * ratio))


def ink(chip: StatusChip) -> set[str]:
    image = chip.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}


def _chip(qtbot, status) -> StatusChip:
    chip = StatusChip("testChip")
    qtbot.addWidget(chip)
    chip.set_status(status)
    chip.resize(chip.sizeHint())
    return chip


@pytest.mark.parametrize("status", list(EXPECTED), ids=str)
def test_a_chip_reads_its_status_on_its_colour_in_english(qtbot, status) -> None:
    tone, english, _chinese = EXPECTED[status]
    chip = _chip(qtbot, status)
    assert (chip.text(), chip.tone()) == (english, tone)
    assert not theme.is_dark()
    assert fill(chip) == QColor(theme.LIGHT[tone])
    assert theme.LIGHT["on_tone"] in ink(chip)  # the letters, in the colour that reads on the tone


@pytest.mark.parametrize("status", list(EXPECTED), ids=str)
def test_a_chip_reads_its_status_in_chinese(qtbot, chinese, status) -> None:
    tone, _english, chinese_text = EXPECTED[status]
    chip = _chip(qtbot, status)
    assert (chip.text(), chip.tone()) == (chinese_text, tone)
    assert fill(chip) == QColor(theme.LIGHT[tone])


@pytest.mark.parametrize("status", ["overdue", "returned", "countersigned", "draft"])
def test_a_chip_takes_the_dark_colours_on_a_dark_system(qtbot, dark, status) -> None:
    tone = EXPECTED[status][0]
    chip = _chip(qtbot, status)
    assert theme.is_dark()
    assert fill(chip) == QColor(theme.DARK[tone])
    assert theme.DARK["on_tone"] in ink(chip)


def test_a_chip_is_as_wide_as_its_words(qtbot) -> None:
    short, long = _chip(qtbot, "done"), _chip(qtbot, "countersigned")
    assert long.sizeHint().width() > short.sizeHint().width()
    assert chip_fits(long)


def chip_fits(chip: StatusChip) -> bool:
    return chip.fontMetrics().horizontalAdvance(chip.text()) < chip.sizeHint().width()

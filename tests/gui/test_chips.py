"""Status chips: every status reads as its name on its tone's colour, in English and Chinese, light and dark; the
status columns of the plan week and the inbox paint chips, and the report screen and inbox show the state as one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QTableView

from fieldcrm.services import Services
from fieldcrm.ui import theme
from fieldcrm.ui.common.chips import StatusChip
from fieldcrm.ui.common.dict_model import TONE_ROLE

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


def chip_pixels(view, index, tone: str) -> int:
    """How many pixels of the cell at `index` have the tone's colour: a chip fills a block of them, a coloured word
    alone a few dozen."""
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    rect = view.visualRect(index)
    colour = QColor(theme.LIGHT[tone])
    return sum(
        1
        for x in range(int(rect.left() * ratio), int(rect.right() * ratio))
        for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio))
        if image.pixelColor(x, y) == colour
    )


def test_the_plan_week_paints_stop_statuses_as_chips(qtbot, make_window, team_services, idle, today) -> None:
    rep: Services = team_services["rep"]
    done_id = rep.customers.create(name="上海华东机械有限公司")
    stop = rep.plans.add_stop(today, done_id, "介绍新产品")
    rep.plans.add_stop(today, rep.customers.create(name="南京华东电子科技有限公司"), "回访")
    rep.visits.log(done_id, outcome="客户同意试用", stop_id=stop, kind="visit")
    window = make_window("rep")
    screen = window.show_screen("plans")
    idle()
    [view] = [v for v in screen.findChildren(QTableView) if v.model().rowCount() == 2]
    model = view.model()
    assert [model.data(model.index(r, 1)) for r in range(2)] == ["Done", "Planned"]
    view.clearSelection()
    view.setCurrentIndex(model.index(-1, -1))
    qtbot.wait(10)
    assert chip_pixels(view, model.index(0, 1), "success") > 300
    assert chip_pixels(view, model.index(1, 1), "info") > 300


def test_the_inbox_shows_each_report_state_as_a_chip(qtbot, make_window, team_services, idle, today) -> None:
    rep: Services = team_services["rep"]
    rep.visits.log(rep.customers.create(name="上海华东机械有限公司"), outcome="客户同意试用", kind="visit")
    rep.reports.submit(today)
    boss = make_window("supervisor")
    inbox = boss.show_screen("inbox")
    idle()
    assert not inbox.status_chip.isVisible()  # nothing selected yet
    status = inbox.reports.index(0, 5)
    assert inbox.reports.headerData(5, Qt.Orientation.Horizontal) == "Status"
    assert inbox.reports.data(status) == "Submitted" and inbox.reports.data(status, TONE_ROLE) == "info"
    assert chip_pixels(inbox.list, status, "info") > 300
    inbox.list.selectRow(0)
    idle()
    assert inbox.status_chip.isVisible()
    assert (inbox.status_chip.text(), inbox.status_chip.tone()) == ("Submitted", "info")
    assert inbox.state.text().startswith("submitted ") and inbox.state.text().endswith("— 张伟")


def test_the_report_screen_shows_its_state_as_a_chip(qtbot, make_window, team_services, idle, today) -> None:
    rep: Services = team_services["rep"]
    rep.visits.log(rep.customers.create(name="上海华东机械有限公司"), outcome="客户同意试用", kind="visit")
    window = make_window("rep")
    reports = window.show_screen("reports")
    idle()
    assert (reports.status_chip.text(), reports.status_chip.tone()) == ("Not started", "muted")
    assert reports.state.text() == "This preview lists the day's visits; nothing is saved yet."
    report = rep.reports.submit(today)
    team_services["supervisor"].reports.return_report(report["id"], "请补充客户需求")
    window.worker.announce(frozenset({"reports"}))
    idle()
    assert (reports.status_chip.text(), reports.status_chip.tone()) == ("Returned", "attention")
    assert reports.state.text() == "returned with comment: 请补充客户需求"
    assert reports.state.property("tone") == "attention"

"""The window's side of a remote wipe: the app, started on a laptop head office has marked lost, syncs by itself,
closes its window, erases the store and says why in one sentence (a message box; reading it quits)."""

from __future__ import annotations

import contextlib
import io

import pytest
import shiboken6

from fieldcrm.app import GuiApp
from fieldcrm.server.cli import main as server_main
from fieldcrm.sync.remote_wipe import SENTENCES
from fieldcrm.ui.workers import protect_singletons

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_the_window_closes_and_says_why_the_data_is_gone(
    qtbot, qapp, server, team, laptop_factory, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    quits: list[int] = []  # reading the sentence quits the app; the test's application must go on
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(1)))
    protect_singletons()
    laptop = laptop_factory("zhang", "张伟")
    laptop.cli("customers", "add", "--name", "未发送的客户有限公司")
    device = laptop.cli_json("sync", "status")["device_id"]
    laptop.close()
    with contextlib.redirect_stdout(io.StringIO()):
        assert server_main(["devices", "wipe", device, "--lost", "--database-url", server.database_url]) == 0

    gui = GuiApp(laptop.paths, cache_dir=tmp_path / "qm")
    gui.start()
    try:
        qtbot.waitUntil(lambda: gui.window is not None and gui.window.isVisible())
        window = gui.window
        # Its background sync, due at start, meets the order.
        qtbot.waitUntil(lambda: gui.wipe_box is not None and gui.wipe_box.isVisible(), timeout=30_000)
        assert gui.window is None and not (shiboken6.isValid(window) and window.isVisible())
        # Let go of the window before the app closes, so that it is collected on this (the GUI) thread.
        del window
        assert gui.wipe_box.text() == SENTENCES["lost"]
        assert not laptop.paths.database.exists()
        assert not [p for p in laptop.paths.backups.glob("*") if p.is_file()]
    finally:
        gui.close()
        if gui.wipe_box is not None:
            gui.wipe_box.done(0)
    assert quits == [1]


@pytest.mark.parametrize("kind", sorted(SENTENCES))
def test_the_sentence_is_said_in_chinese_too(qapp, tmp_path, kind: str) -> None:
    from fieldcrm.ui.i18n import install_language
    from fieldcrm.ui.reasons import localize

    install_language("zh_CN", tmp_path / "qm")
    try:
        said = localize(SENTENCES[kind])
    finally:
        install_language("en")
    assert said != SENTENCES[kind] and "FieldCRM" in said and "总部" in said

"""Plain http:// only to this machine unless the user says so: `fieldcrm login` refuses http to another machine,
with the sentence saying why, until `--insecure`, which the profile remembers for that server (and only that
one); the login dialog shows the same sentence and offers the choice.

The server is this test's, on 127.0.0.1; the laptop reaches it at http://0.0.0.0:PORT, which Linux connects to
this machine, but which is not one of the loopback addresses the client trusts (so it stands for another machine)."""

from __future__ import annotations

import sys

import pytest
from laptops import PASSWORD, server_count
from PySide6.QtCore import Qt

from fieldcrm.sync import plain_http
from fieldcrm.sync.plain_http import ALLOWED_KEY, WHY
from fieldcrm.ui.first_run import FirstRunDialog
from fieldcrm.ui.workers import DbWorker, GarbageCollector, SingletonGuard, protect_singletons
from waiting import HANG_GUARD

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="connecting to 0.0.0.0 is Linux's"),
    pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)"),
]


def elsewhere(server) -> str:
    """The test server's address as if on another machine."""
    return server.url.replace("127.0.0.1", "0.0.0.0")


def login(laptop, server_url: str, *extra: str, expect: int = 0) -> str:
    args = ("login", "--server", server_url, "--user", "张伟", "--password-stdin", *extra)
    return laptop.cli(*args, stdin=PASSWORD + "\n", expect=expect)


def test_login_refuses_plain_http_to_another_machine_until_told_insecure(server, team, laptop_factory) -> None:
    laptop = laptop_factory("zhang")
    url = elsewhere(server)
    login(laptop, url, expect=2)
    assert WHY.format(host="0.0.0.0") in laptop.last_stderr and "--insecure" in laptop.last_stderr
    assert server_count(server, "SELECT count(*) FROM auth_token") == 0  # the password was never sent

    assert "Logged in as 张伟" in login(laptop, url, "--insecure")
    laptop.cli("customers", "add", "--name", "明文同步客户有限公司")
    assert "pushed 2" in laptop.cli(
        "sync"
    )  # (the customer and its first contact) remembered for this server: sync goes on
    login(laptop, url)  # and a later login needs no flag
    login(laptop, "http://crm.example.com:8765", expect=2)  # another server is another question
    assert "crm.example.com could read your password" in laptop.last_stderr
    login(laptop, server.url)  # loopback is always allowed

    # A profile made before the client asked (its server not on the list): sync refuses, saying why.
    with laptop.store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET value = ? WHERE key = 'server_url'", (url,))
        conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (ALLOWED_KEY,))
    laptop.cli("sync", expect=2)
    assert WHY.format(host="0.0.0.0") in laptop.last_stderr


@pytest.fixture
def laptop_worker(qapp, laptop_factory):
    """A new laptop (no profile yet) and its database worker, as the app builds them."""
    protect_singletons()
    laptop = laptop_factory("new-laptop")
    worker = DbWorker(laptop.services())
    guard, collector = SingletonGuard(worker), GarbageCollector(worker)
    yield laptop, worker
    worker.shutdown()
    collector.stop()
    del guard


def test_the_login_dialog_says_why_and_offers_the_choice(qtbot, server, team, laptop_worker) -> None:
    laptop, worker = laptop_worker
    dialog = FirstRunDialog(worker, "", laptop.paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.server, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.server_url, server.url)
    assert not dialog.plain_http.isVisible()  # this machine: nothing to choose
    dialog.server_url.clear()
    qtbot.keyClicks(dialog.server_url, elsewhere(server))
    assert dialog.plain_http.isVisible() and not dialog.plain_http.allow.isChecked()
    assert dialog.plain_http.why.text() == WHY.format(host="0.0.0.0")  # the sentence `fieldcrm login` says
    dialog.server_user.setText("张伟")  # as an input method commits it
    qtbot.keyClicks(dialog.server_password, PASSWORD)

    qtbot.mouseClick(dialog.login, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == WHY.format(host="0.0.0.0")
    assert worker.pending == 0 and server_count(server, "SELECT count(*) FROM auth_token") == 0  # nothing sent

    dialog.plain_http.allow.click()
    with qtbot.waitSignal(dialog.profile_created, timeout=int(HANG_GUARD * 1000)):
        qtbot.mouseClick(dialog.login, Qt.MouseButton.LeftButton)
    assert server_count(server, "SELECT count(*) FROM auth_token") == 1
    with laptop.store.session() as session:
        assert plain_http.allowed(session, elsewhere(server))  # remembered for this server

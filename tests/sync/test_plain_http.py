"""Plain http:// only to this machine unless the user says so: `fieldcrm login` refuses http to another machine,
with the sentence saying why, until `--insecure`, which the profile remembers for that server (and only that
one); the login dialog shows the same sentence and offers the choice.

The server is this test's, on 127.0.0.1; the laptop reaches it at http://0.0.0.0:PORT, which Linux connects to
this machine, but which is not one of the loopback addresses the client trusts (so it stands for another machine)."""

from __future__ import annotations

import sys

import pytest
from laptops import PASSWORD, server_count

from fieldcrm.sync.plain_http import ALLOWED_KEY, WHY

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="connecting to 0.0.0.0 is Linux's")


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
    assert "pushed 1" in laptop.cli("sync")  # remembered for this server: sync goes on
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

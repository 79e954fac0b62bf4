"""The sync commands as a user meets them: login, status, offline, logout, the token file's permissions."""

from __future__ import annotations

import stat

from laptops import PASSWORD, free_port


def test_login_status_offline_and_logout(server, team, laptop_factory) -> None:
    laptop = laptop_factory("a")
    laptop.cli("login", "--server", server.url, "--user", "张伟", "--password-stdin", stdin="wrong\n", expect=2)
    assert "login refused" in laptop.last_stderr and "\n" not in laptop.last_stderr.strip()
    laptop.login("张伟", PASSWORD)
    token_file = laptop.paths.config / "sync-token.json"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert laptop.cli_json("users", "list")[0]["name"] == "张伟"

    laptop.cli("customers", "add", "--name", "状态客户有限公司")
    status = laptop.cli_json("sync", "status")
    # the customer and its first contact (the start of its ownership history)
    assert status["user"] == "张伟" and status["pending_changes"] == 2 and status["logged_in"] is True
    assert "pushed 2" in laptop.cli("sync")
    status = laptop.cli_json("sync", "status")
    assert status["pending_changes"] == 0 and status["cursor"] > 0 and status["last_sync"]

    # Offline is a normal state: exit 0, nothing lost, the change waits for the next sync.
    with laptop.store.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE sync_state SET value = ? WHERE key = 'server_url'", (f"http://127.0.0.1:{free_port()}",)
        )
    laptop.cli("customers", "add", "--name", "离线客户有限公司")
    token = token_file.read_text()
    token_file.write_text(token.replace(server.url, laptop.cli_json("sync", "status")["server"]))
    out = laptop.cli("sync")
    assert out.startswith("offline:")
    assert laptop.cli_json("sync", "status")["pending_changes"] == 2  # the customer and its first contact
    with laptop.store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET value = ? WHERE key = 'server_url'", (server.url,))
    token_file.write_text(token)
    assert "pushed 2" in laptop.cli("sync")

    laptop.cli("logout")
    assert not token_file.exists()
    laptop.cli("sync", expect=2)
    assert "log in again" in laptop.last_stderr


def test_conflicts_show_and_bad_ids(server, team, laptop_factory) -> None:
    laptop = laptop_factory("a", "张伟")
    laptop.cli("conflicts", "show", "no-such-id", expect=1)
    assert "no conflict" in laptop.last_stderr
    laptop.cli("conflicts", "resolve", "no-such-id", "--keep", "mine", expect=1)
    assert laptop.cli("conflicts", "list") == "No open conflicts.\n"

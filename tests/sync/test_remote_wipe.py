"""Remote wipe on a real server and real laptops: a device marked lost erases its store, backups, token and key
without sending anything; a departed user's laptop sends what is pending, then erases; a marked device's token is
refused at once; everybody else syncs on. (The window's side: tests/gui/test_remote_wipe_gui.py.)"""

from __future__ import annotations

import contextlib
import io
import json

import httpx
import pytest
from laptops import Laptop
from sqlalchemy import text

from fieldcrm.server.cli import main as server_main
from fieldcrm.store.backups import backup_now
from fieldcrm.sync import remote_wipe
from fieldcrm.sync.protocol import PROTOCOL_HEADER
from fieldcrm.sync.tokens import TokenStore
from memory_keyring import memory_keyring
from server_fixtures import PASSWORD
from waiting import HANG_GUARD


def server_cli(server, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert server_main([*args, "--database-url", server.database_url]) == 0
    return out.getvalue()


def devices(server) -> dict[str, dict]:
    return {row["device_id"]: row for row in json.loads(server_cli(server, "devices", "list", "--format", "json"))}


def on_server(server, name: str) -> int:
    with server.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM customer WHERE name = :n"), {"n": name}).scalar_one()


def bearer(laptop: Laptop, user: str) -> dict[str, str]:
    token = TokenStore(laptop.paths.config).load(laptop.server_url, user)
    assert token
    return {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"}


def with_pending_work(laptop: Laptop, user: str, unsent: str) -> str:
    """A profile that has synced once, then holds `unsent` (not pushed) and two backups; its device id."""
    laptop.login(user, PASSWORD)
    laptop.cli("customers", "add", "--name", f"{user}已同步的客户有限公司")
    laptop.cli("sync")
    laptop.cli("customers", "add", "--name", unsent)
    backup_now(laptop.paths.database, laptop.paths.backups, "manual")
    backup_now(laptop.paths.database, laptop.paths.backups, "daily")
    device = laptop.cli_json("sync", "status")["device_id"]
    laptop.close()
    return device


def nothing_left(laptop: Laptop) -> None:
    assert not laptop.paths.database.exists()
    assert not [p for p in laptop.paths.data.glob("fieldcrm.sqlite3*")]
    assert not [p for p in laptop.paths.backups.glob("*") if p.is_file()]


def test_a_lost_laptop_erases_everything_and_sends_nothing(server, team, tmp_path) -> None:
    with memory_keyring() as ring:
        lost = Laptop(tmp_path / "lost", server.url)  # a store of its own, its key in the keyring
        unsent = "丢失前未发送的客户有限公司"
        device = with_pending_work(lost, "张伟", unsent)
        assert len(ring.secrets) == 2  # the store's key and the sync token
        headers = bearer(lost, "张伟")

        said = server_cli(server, "devices", "wipe", device, "--lost", "--by", "王经理")
        assert f"device {device} marked lost" in said
        assert devices(server)[device]["status"] == "lost" and devices(server)[device]["marked_by"] == "王经理"
        # At once, before the laptop calls: no pull, no rows, no push; the answer says what to do.
        pulled = httpx.get(f"{server.url}/sync/pull", params={"after": 0}, headers=headers, timeout=HANG_GUARD)
        assert pulled.status_code == 410 and pulled.json()["wipe"] == "lost"
        pushed = httpx.post(f"{server.url}/sync/push", json={"ops": []}, headers=headers, timeout=HANG_GUARD)
        assert pushed.status_code == 410 and pushed.json()["wipe"] == "lost"
        row = httpx.get(f"{server.url}/rows/app_user/{team['rep']}", headers=headers, timeout=HANG_GUARD)
        assert row.status_code == 410

        lost.cli("sync", expect=1)
        assert lost.last_stderr.strip() == f"error: {remote_wipe.SENTENCES['lost']}"
        nothing_left(lost)
        assert ring.secrets == {}  # neither the store's key nor the token
        assert on_server(server, unsent) == 0
        assert on_server(server, "张伟已同步的客户有限公司") == 1
        shown = devices(server)[device]
        assert shown["status"] == "wiped" and shown["wiped_at"] is not None
        # Confirmed: every token of the device is revoked, and still answers the order.
        again = httpx.get(f"{server.url}/sync/pull", params={"after": 0}, headers=headers, timeout=HANG_GUARD)
        assert again.status_code == 410 and again.json()["wipe"] == "lost"


def test_a_departed_users_laptop_sends_its_work_then_erases(server, team, laptop_factory, tmp_path) -> None:
    zhang = laptop_factory("zhang")
    unsent = "离职前未发送的客户有限公司"
    device = with_pending_work(zhang, "张伟", unsent)
    li = laptop_factory("li", "李娜")
    li.cli("sync")
    said = server_cli(server, "disable-user", "--name", "张伟", "--wipe")
    assert "1 laptop(s) marked departed" in said
    # Refused at once for anything but the last push, though his account is disabled.
    headers = bearer(zhang, "张伟")
    pulled = httpx.get(f"{server.url}/sync/pull", params={"after": 0}, headers=headers, timeout=HANG_GUARD)
    assert pulled.status_code == 410 and pulled.json()["wipe"] == "departed"

    zhang.cli("sync", expect=1)
    assert zhang.last_stderr.strip() == f"error: {remote_wipe.SENTENCES['departed']}"
    assert on_server(server, unsent) == 1  # the company keeps the work
    nothing_left(zhang)
    assert TokenStore(zhang.paths.config).load(server.url, "张伟") is None
    # His colleague syncs on, and sees nothing of this.
    li.cli("customers", "add", "--name", "李娜的新客户有限公司")
    assert "pushed 2" in li.cli("sync")  # the customer and its first contact
    table = server_cli(server, "devices", "list")
    lines = {line.split()[0]: line.split() for line in table.splitlines()[1:]}
    assert lines["张伟"][1] == device and lines["张伟"][-1] == "wiped"
    assert lines["李娜"][-1] == "active"
    assert table.splitlines()[0].split() == ["user", "device", "last", "seen", "(UTC)", "status"]


def test_a_device_not_marked_cannot_confirm_a_wipe(server, team, laptop_factory) -> None:
    zhang = laptop_factory("zhang", "张伟")
    headers = bearer(zhang, "张伟")
    answer = httpx.post(f"{server.url}/auth/wiped", headers=headers, timeout=HANG_GUARD)
    assert answer.status_code == 409
    assert "pushed 0" in zhang.cli("sync")
    assert {row["status"] for row in devices(server).values()} == {"active"}


@pytest.mark.parametrize("kind", ["lost", "departed"])
def test_marking_an_unknown_device_says_so(server, team, kind: str) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = server_main(["devices", "wipe", "no-such-device", f"--{kind}", "--database-url", server.database_url])
    assert code == 1 and "no device no-such-device" in err.getvalue()

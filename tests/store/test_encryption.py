"""The store is encrypted at rest: without its key the file is noise, a plain store from an older FieldCRM is
converted (backup first, encrypted too) without losing a row, and the key comes from the keyring, the passphrase in
FIELDCRM_PASSPHRASE or the person at the keyboard, never from a hang on a closed stdin."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldcrm.services import CustomerQuery, Services
from fieldcrm.store import Store, StoreLockedError, cipher, keys
from fieldcrm.store.backups import backup_now, inspect_backup, restore_backup
from memory_keyring import memory_keyring

SECRET_NAME = "绝密客户上海蓝鲸精密机械有限公司"
SECRET_MOBILE = "13912345678"
BULK = 100_000


def _profile_bytes(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for file in folder.rglob("*"):
        if file.is_file():
            yield file, file.read_bytes()


def _assert_no_plain_copy(folder: Path) -> None:
    needles = [SECRET_NAME.encode(), SECRET_MOBILE.encode(), cipher.PLAIN_HEADER]
    for file, data in _profile_bytes(folder):
        for needle in needles:
            assert needle not in data, f"{file.name} holds {needle!r} in the clear"


def _fill(store: Store) -> Services:
    services = Services.for_store(store)
    rep = services.profile.init_profile("张伟", "rep", "华东一组")
    services = Services.for_store(store, rep.id)
    customer_id = services.customers.create(name=SECRET_NAME, region="上海")
    services.customers.add_contact(customer_id, name="李总", mobile=SECRET_MOBILE)
    return services


def _names(services: Services, text: str = "") -> list[str]:
    return [row.name for row in services.search.search(CustomerQuery(text=text, limit=100))]


def _digest(conn: cipher.Connection, table: str) -> str:
    rows = conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture
def no_key_at_hand(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No passphrase in the environment, no keyring, no keys held by this process, nobody to ask."""
    monkeypatch.delenv(keys.ENV_PASSPHRASE, raising=False)
    monkeypatch.setenv("FIELDCRM_NO_KEYRING", "1")
    keys.forget_all()
    keys.set_asker(None)
    yield
    keys.set_asker(None)
    keys.forget_all()


def test_without_the_key_the_store_and_its_backups_are_noise(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    store = Store.open(profile / "fieldcrm.sqlite3", profile / "backups")
    try:
        _fill(store)
        backup = backup_now(store.path, profile / "backups", "manual")
        with store.engine.connect() as conn:  # what the app wrote, including the WAL, is on disk
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        _assert_no_plain_copy(profile)
        for file in (store.path, backup):
            with pytest.raises(sqlite3.DatabaseError, match="not a database"):
                sqlite3.connect(file).execute("SELECT count(*) FROM sqlite_master").fetchall()
        # The backup opens with the store's own key (it carries the store's salt) and holds the customer.
        assert cipher.header(backup) == cipher.header(store.path)
        assert inspect_backup(backup).customers == 1
    finally:
        store.close()


def test_a_plain_store_of_100k_customers_is_encrypted_on_upgrade_and_loses_nothing(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO customer (id, created_at, updated_at, version, deleted, name, name_norm, in_public_pool,"
            " tags, notes) SELECT printf('bulk-%06d', i), '2026-01-02 03:04:05', '2026-01-02 03:04:05', 1, 0,"
            " printf('批量客户%06d有限公司', i), printf('批量客户%06d', i), 0, '', '' FROM n",
            (BULK,),
        )
        conn.exec_driver_sql(
            "INSERT INTO contact (id, created_at, updated_at, version, deleted, customer_id, name, mobile, is_primary)"
            " SELECT 'k' || id, created_at, updated_at, 1, 0, id, '联系人', '138' || substr(id, 6), 1"
            " FROM customer WHERE id LIKE 'bulk-%'"
        )
    encrypted = cipher.connect(store.path)
    counts = cipher.row_counts(encrypted)
    digests = {t: _digest(encrypted, t) for t in ("customer", "contact", "outbox")}
    # The same store as an older FieldCRM left it: a plain SQLite file, with a plain backup beside it.
    profile = tmp_path / "old-profile"
    (profile / "backups").mkdir(parents=True)
    old = profile / "fieldcrm.sqlite3"
    cipher.export(encrypted, old, None)
    cipher.export(encrypted, profile / "backups" / "fieldcrm-daily-20261201T000000000000.sqlite3", None)
    encrypted.close()
    store.close()
    assert cipher.state(old) == "plain" and SECRET_NAME.encode() in old.read_bytes()

    upgraded = Store.open(old, profile / "backups")
    try:
        assert cipher.state(old) == "encrypted"
        conn = cipher.connect(old)
        assert cipher.row_counts(conn) == counts
        assert {t: _digest(conn, t) for t in digests} == digests
        conn.close()
        services = Services.for_store(upgraded)
        assert _names(services, "蓝鲸精密") == [SECRET_NAME]
        kept = sorted(f.name for f in (profile / "backups").glob("*.sqlite3"))
        assert len(kept) == 2 and any("before-encryption" in name for name in kept)
        for name in kept:  # the backup taken first and the old one: both encrypted, both whole
            assert inspect_backup(profile / "backups" / name).customers == BULK + 1
        _assert_no_plain_copy(profile)
    finally:
        upgraded.close()


def test_a_wrong_passphrase_is_refused_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_key_at_hand: None
) -> None:
    path = tmp_path / "p" / "fieldcrm.sqlite3"
    monkeypatch.setenv(keys.ENV_PASSPHRASE, "the right passphrase")
    Store.open(path).close()
    keys.forget_all()
    monkeypatch.setenv(keys.ENV_PASSPHRASE, "a wrong passphrase")
    with pytest.raises(StoreLockedError, match="FIELDCRM_PASSPHRASE does not open"):
        Store.open(path)
    monkeypatch.setenv(keys.ENV_PASSPHRASE, "the right passphrase")
    Store.open(path).close()


def test_the_person_at_the_keyboard_is_asked_again_after_a_wrong_passphrase(
    tmp_path: Path, no_key_at_hand: None
) -> None:
    path = tmp_path / "p" / "fieldcrm.sqlite3"
    asked: list[tuple[bool, bool]] = []
    answers = iter(["chosen passphrase", "mistyped passphrase", "chosen passphrase"])

    def asker(_path: Path, *, new: bool, wrong: bool) -> str | None:
        asked.append((new, wrong))
        return next(answers)

    keys.set_asker(asker)
    _fill(Store.open(path)).store.close()
    keys.forget_all()
    reopened = Store.open(path)
    try:
        assert _names(Services.for_store(reopened), "蓝鲸") == [SECRET_NAME]
    finally:
        reopened.close()
    assert asked == [(True, False), (False, False), (False, True)]


def test_a_new_passphrase_must_be_long_enough(tmp_path: Path, no_key_at_hand: None) -> None:
    keys.set_asker(lambda _path, *, new, wrong: "short")
    with pytest.raises(StoreLockedError, match="at least 8 characters"):
        Store.open(tmp_path / "p" / "fieldcrm.sqlite3")


def test_with_a_keyring_the_key_is_random_and_kept_there(tmp_path: Path) -> None:
    with memory_keyring() as ring:
        path = tmp_path / "p" / "fieldcrm.sqlite3"
        Store.open(path).close()
        salt = cipher.header(path)
        stored = ring.secrets[(keys.KEYRING_SERVICE, salt.hex())]
        assert len(bytes.fromhex(stored)) == 32
        keys.forget_all()
        Store.open(path).close()  # opened with the keyring's key, nobody asked
        keys.forget_all()
        keys.remove_from_keyring(salt)
        with pytest.raises(StoreLockedError, match="no key for it is at hand"):
            Store.open(path)


def test_restoring_a_plain_backup_from_an_older_fieldcrm_keeps_the_store_encrypted(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    plain = tmp_path / "old-backup.sqlite3"
    conn = cipher.connect(store.path)
    cipher.export(conn, plain, None)
    conn.close()
    Services.for_store(store).customers.create(name="备份之后新建的客户")
    info, _kept = restore_backup(store.path, tmp_path / "backups", plain)
    assert info.customers == 1 and cipher.state(store.path) == "encrypted"
    assert _names(Services.for_store(store)) == [SECRET_NAME]


def test_the_cli_without_a_terminal_or_a_key_stops_with_a_sentence(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != keys.ENV_PASSPHRASE}
    env["FIELDCRM_NO_KEYRING"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "fieldcrm", "--data-dir", str(tmp_path / "p"), "init", "--name", "张伟"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "FIELDCRM_PASSPHRASE is not set" in done.stderr and "Traceback" not in done.stderr


def test_erasing_the_store_leaves_no_file_and_no_key(tmp_path: Path) -> None:
    from fieldcrm.store.wipe import erase_store

    with memory_keyring() as ring:
        profile = tmp_path / "p"
        store = Store.open(profile / "fieldcrm.sqlite3", profile / "backups")
        _fill(store)
        backup_now(store.path, profile / "backups", "manual")
        backup_now(store.path, profile / "backups", "daily")
        store.close()
        erased = erase_store(profile / "fieldcrm.sqlite3", profile / "backups")
        assert len([f for f in erased.files if f.parent.name == "backups"]) == 2
        assert ring.secrets == {} and erased.keyring_entries == 1
        assert not any(p.is_file() for p in profile.rglob("*")), list(profile.rglob("*"))


def test_a_start_derives_the_key_once_in_the_background_while_qt_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p" / "fieldcrm.sqlite3"
    Store.open(path).close()
    keys.forget_all()
    computed: list[bytes] = []
    compute = keys._compute

    def counting(result, passphrase: str, salt: bytes, threads: int) -> None:  # noqa: ANN001
        computed.append(salt)
        assert threads == 1  # in the background: one core, the other is Qt's
        compute(result, passphrase, salt, threads)

    monkeypatch.setattr(keys, "_compute", counting)
    keys.prefetch(path)
    Store.open(path).close()  # waits for the background derivation instead of starting its own
    assert computed == [cipher.header(path)]

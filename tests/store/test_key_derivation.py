"""The store key of a passphrase is a stored contract: a store keyed by one version must open with the next. The key
is Argon2id (3 passes, 64 MiB, 4 lanes, 32 bytes) of the passphrase and the file's salt, computed here independently
with argon2-cffi's plain function, whether derived at once or in the background on one thread."""

from __future__ import annotations

from argon2.low_level import Type, hash_secret_raw

from fieldcrm.store import keys

SALT = bytes(range(16))


def _expected(passphrase: str) -> bytes:
    return hash_secret_raw(passphrase.encode("utf-8"), SALT, 3, 64 * 1024, 4, 32, Type.ID)


def test_the_key_is_argon2id_with_the_documented_costs() -> None:
    keys.forget_all()
    assert keys.derive("correct horse 电池 staple", SALT) == _expected("correct horse 电池 staple")


def test_a_background_derivation_gives_the_same_key() -> None:
    keys.forget_all()
    future = keys._derivation("另一个口令 passphrase", SALT, background=True)
    assert future.result(timeout=60) == _expected("另一个口令 passphrase")

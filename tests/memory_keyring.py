"""A keyring backend that keeps its secrets in this process (CI machines have no OS keyring to test with), and a
context that puts it in place of the OS keyring with no passphrase in the environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from keyring.backend import KeyringBackend
from keyring.compat import properties

from fieldcrm.store import keys


class MemoryKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - a class property
        """Never viable: keyring's discovery, first run after this class exists, would make it the default backend
        of the whole test process. Tests put an instance in place by hand (`memory_keyring`)."""
        raise RuntimeError("set by hand only")

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Keys and tokens go to a MemoryKeyring (not FIELDCRM_PASSPHRASE, not files) until the block ends."""
    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    saved = {name: os.environ.pop(name, None) for name in (keys.ENV_PASSPHRASE, "FIELDCRM_NO_KEYRING")}
    keyring.set_keyring(ring)
    keys.forget_all()
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)
        for name, value in saved.items():
            if value is not None:
                os.environ[name] = value
        keys.forget_all()

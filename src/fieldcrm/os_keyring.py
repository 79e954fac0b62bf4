"""The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service on Linux) when a real one exists.

Used for the sync token and for the store's key. `FIELDCRM_NO_KEYRING=1` turns it off (then the caller falls back
to its file or passphrase)."""

from __future__ import annotations

import os
from typing import Any

ENV_NO_KEYRING = "FIELDCRM_NO_KEYRING"


def usable_keyring() -> Any:
    """The keyring module if a real backend answers, else None (a headless Linux has only the "fail" backend)."""
    if os.environ.get(ENV_NO_KEYRING):
        return None
    try:
        import keyring
        from keyring.backends import chainer, fail, null
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    return keyring

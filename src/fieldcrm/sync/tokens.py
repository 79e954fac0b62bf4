"""Where the sync token lives: the OS keyring when a real one exists, else a 0600 file in the profile's config."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fieldcrm.os_keyring import ENV_NO_KEYRING, usable_keyring

__all__ = ["ENV_NO_KEYRING", "SERVICE", "TokenStore"]

SERVICE = "FieldCRM sync"


class TokenStore:
    """The bearer token of one profile for one server account."""

    def __init__(self, config_dir: Path) -> None:
        self.file = config_dir / "sync-token.json"

    @staticmethod
    def _key(server: str, user: str) -> str:
        return f"{server}|{user}"

    @property
    def backend(self) -> str:
        return "keyring" if usable_keyring() is not None else f"file {self.file}"

    def save(self, server: str, user: str, token: str) -> None:
        ring = usable_keyring()
        if ring is not None:
            ring.set_password(SERVICE, self._key(server, user), token)
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        # Created 0600 from the start: the token is never readable by others, not even for a moment.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"server": server, "user": user, "token": token}, out)
        os.replace(tmp, self.file)

    def load(self, server: str, user: str) -> str | None:
        ring = usable_keyring()
        if ring is not None:
            return ring.get_password(SERVICE, self._key(server, user))
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("server") == server and data.get("user") == user:
            return data.get("token")
        return None

    def clear(self, server: str, user: str) -> None:
        ring = usable_keyring()
        if ring is not None:
            try:
                ring.delete_password(SERVICE, self._key(server, user))
            except Exception:  # noqa: BLE001 - keyring backends raise their own "not found" types
                pass
            return
        self.file.unlink(missing_ok=True)

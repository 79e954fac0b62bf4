"""Reading the local store with the bare DB-API driver (SQLCipher's): is it at the newest schema, read-only queries.

The GUI paints its first screen from here before SQLAlchemy, SQLModel and Alembic are imported (they cost seconds);
anything that writes, or any store that needs a migration, goes through `Store.open` as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fieldcrm.store import cipher

VERSIONS = Path(__file__).with_name("migrations") / "versions"
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]+)?=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


def head_revision(versions: Path = VERSIONS) -> str | None:
    """The head revision of the migration scripts, read from their `revision = ...` lines without importing
    Alembic; None if that is not one clear head (then the caller asks Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in versions.glob("*.py"):
        found = dict(_ASSIGNMENT.findall(script.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        ids = _QUOTED.findall(found["revision"])
        if len(ids) != 1:
            return None
        revisions.add(ids[0])
        parents.update(_QUOTED.findall(found.get("down_revision", "")))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


class ReadStore:
    """One query-only connection to an encrypted store file, for reads (any one thread at a time)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn = cipher.connect(self.path, mode="rw", check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._conn.execute("PRAGMA query_only=1")

    def revision(self) -> str | None:
        """The store's schema revision (Alembic's `alembic_version`), None if it has none yet."""
        has_table = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        rows = self._conn.execute("SELECT version_num FROM alembic_version").fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def at_head(self) -> bool:
        """Whether the store needs no migration (False when in doubt: then Alembic decides)."""
        head = head_revision()
        return head is not None and self.revision() == head

    @contextmanager
    def read_connection(self) -> Iterator[Any]:
        yield self._conn

    def close(self) -> None:
        self._conn.close()

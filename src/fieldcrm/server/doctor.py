"""`fieldcrm-server doctor`: what an admin checks first, one line each: the database answers, its schema is this
server's, its clock agrees with this machine's, there is disk to grow into, and someone can log in."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from fieldcrm.server.db import MIGRATIONS

#: Below this much free disk (or this share of the disk) the check warns.
MIN_FREE_BYTES = 1_000_000_000
MIN_FREE_SHARE = 0.05
#: A database clock this far from the server machine's is worth fixing (the pull's horizon and tokens use both).
MAX_SKEW_SECONDS = 5.0


@dataclass
class Finding:
    name: str
    ok: bool
    text: str

    def line(self) -> str:
        return f"{'ok ' if self.ok else 'BAD'} {self.name}: {self.text}"


def shown_url(url: str) -> str:
    """The database URL with its password hidden, for banners and messages."""
    return make_url(url).render_as_string(hide_password=True)


def _head() -> str | None:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def _first_line(exc: BaseException) -> str:
    text_ = str(getattr(exc, "orig", None) or exc).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__


def check(engine: Engine, url: str, now: Callable[[], datetime] | None = None) -> list[Finding]:
    """Every check, in order; a database that does not answer stops the ones that need it."""
    now = now or (lambda: datetime.now(UTC))
    found: list[Finding] = []
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                version = "PostgreSQL " + str(conn.execute(text("SHOW server_version")).scalar())
                db_now = conn.execute(text("SELECT now()")).scalar()
            else:
                version = "SQLite " + str(conn.execute(text("SELECT sqlite_version()")).scalar())
                db_now = None
            found.append(Finding("database", True, f"{version} at {shown_url(url)}"))
            revision = MigrationContext.configure(conn).get_current_revision()
            found.append(_schema(revision))
            if db_now is not None:
                skew = abs((now() - db_now).total_seconds())
                ok = skew <= MAX_SKEW_SECONDS
                found.append(
                    Finding(
                        "clock",
                        ok,
                        f"the database's clock is {skew:.1f} s from this machine's"
                        + ("" if ok else "; set both to the same time source (NTP)"),
                    )
                )
            else:
                found.append(Finding("clock", True, "one machine's clock (SQLite)"))
            found.append(_accounts(conn, revision))
    except SQLAlchemyError as exc:
        found.append(Finding("database", False, f"cannot connect to {shown_url(url)}: {_first_line(exc)}"))
    found.append(_disk(url))
    return found


def _schema(revision: str | None) -> Finding:
    head = _head()
    if revision == head:
        return Finding("schema", True, f"up to date ({head})")
    if revision is None:
        return Finding("schema", False, "empty database: run `fieldcrm-server migrate` (serve does it too)")
    from fieldcrm.server.db import known_revision

    if not known_revision(revision):
        return Finding("schema", False, f"made by a newer server ({revision}); update this server before serving")
    return Finding("schema", False, f"at {revision}, this server needs {head}: run `fieldcrm-server migrate`")


def _accounts(conn, revision: str | None) -> Finding:  # noqa: ANN001 - a SQLAlchemy connection
    if revision is None:
        return Finding("accounts", False, "none yet (no schema)")
    from fieldcrm.models import User

    table = User.__table__
    live = (table.c.active == True) & (table.c.deleted == False)  # noqa: E712 - SQL, not Python truth
    rows = conn.execute(select(table.c.role, func.count()).where(live).group_by(table.c.role)).all()
    counts = {role: int(n) for role, n in rows}
    total = sum(counts.values())
    if not total:
        return Finding("accounts", False, "no active account: `fieldcrm-server create-user --role admin …`")
    parts = ", ".join(f"{n} {role}" for role, n in sorted(counts.items()))
    return Finding("accounts", True, f"{total} active ({parts})")


def _disk(url: str) -> Finding:
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    folder = Path(parsed.database or ".").expanduser().resolve().parent if sqlite else Path.cwd()
    what = "the database's folder" if sqlite else "this machine's working folder"
    try:
        usage = shutil.disk_usage(folder)
    except OSError as exc:
        return Finding("disk", False, f"cannot read the free space of {folder}: {exc.strerror or exc}")
    free_gb = usage.free / 1e9
    ok = usage.free >= MIN_FREE_BYTES and usage.free >= MIN_FREE_SHARE * usage.total
    advice = "" if ok else "; free some space before the database or the logs fill it"
    return Finding("disk", ok, f"{free_gb:.1f} GB free of {usage.total / 1e9:.0f} GB in {what} ({folder}){advice}")

"""Test helpers: a simulated laptop (its own data dir and SQLite store) driven through the real CLI or API."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import socket
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from fieldcrm.cli import main
from fieldcrm.paths import resolve_paths
from fieldcrm.services import Services
from fieldcrm.store import Store
from fieldcrm.sync.client import SyncClient, SyncResult
from server_fixtures import PASSWORD as PASSWORD  # every account's password: sync tests take it from here


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerClock:
    """The clock a test server's account rules go by (login locks, token expiry): the real time until a test
    stops it (`freeze`) or moves it on (`advance`), so a 15-minute lock is tested without waiting for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._frozen: datetime | None = None

    def __call__(self) -> datetime:
        from fieldcrm.models import utcnow

        with self._lock:
            return self._frozen if self._frozen is not None else utcnow() + self._offset

    def freeze(self) -> datetime:
        now = self()
        with self._lock:
            self._frozen = now
        return now

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            if self._frozen is not None:
                self._frozen += delta
            else:
                self._offset += delta


@dataclass
class ServerHandle:
    url: str
    engine: Engine
    database_url: str
    clock: ServerClock = field(default_factory=ServerClock)  # the in-process test server's; see ServerClock
    app: Any = None  # the in-process test server's FastAPI app


class Laptop:
    def __init__(self, folder: Path, server_url: str, template: Path | None = None) -> None:
        self.folder = folder
        self.server_url = server_url
        self.paths = resolve_paths(folder).ensure()
        if template is not None and not self.paths.database.exists():
            shutil.copy(template, self.paths.database)  # a migrated empty store, without migrating again
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.paths.database, self.paths.backups)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def cli(self, *args: str, stdin: str = "", expect: int = 0) -> str:
        """Run `fieldcrm --data-dir <this laptop> ARGS` in-process; returns stdout, checks the exit status."""
        out, err = io.StringIO(), io.StringIO()
        old_stdin = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--data-dir", str(self.folder), *args])
        finally:
            sys.stdin = old_stdin
        assert code == expect, f"fieldcrm {' '.join(args)} exited {code}: {err.getvalue()}{out.getvalue()}"
        self.last_stderr = err.getvalue()
        return out.getvalue()

    def cli_json(self, *args: str) -> Any:
        return json.loads(self.cli(*args, "--format", "json"))

    def login(self, user: str, password: str) -> None:
        self.cli("login", "--server", self.server_url, "--user", user, "--password-stdin", stdin=password + "\n")

    def services(self, user_id: str | None = None) -> Services:
        return Services.for_store(self.store, user_id)

    def client(self, **kwargs: Any) -> SyncClient:
        return SyncClient(self.store, self.paths, **kwargs)

    def sync(self, **kwargs: Any) -> SyncResult:
        result = self.client(**kwargs).sync_once()
        assert not result.offline, result.message
        return result


def add_customers(laptop: Laptop, owner_id: str, count: int, groups: int = 1, prefix: str = "批量客户") -> list[str]:
    """`count` customers made offline in `groups` user actions (bulk writes, with their outbox entries)."""
    from fieldcrm.models import Customer, utcnow
    from fieldcrm.normalize import normalise_company_name
    from fieldcrm.services.bulk import BulkWriter
    from fieldcrm.services.changes import unit_of_work

    ids: list[str] = []
    per_group = -(-count // groups)
    for start in range(0, count, per_group):
        with unit_of_work(laptop.store) as uow:
            rows = []
            for i in range(start, min(count, start + per_group)):
                name = f"{prefix}{i:05d}有限公司"
                rows.append(
                    {
                        "name": name,
                        "name_norm": normalise_company_name(name),
                        "owner_id": owner_id,
                        "first_contact_at": utcnow(),
                        "first_contact_by": owner_id,
                    }
                )
            ids += BulkWriter(uow).insert_many(Customer, rows)
    return ids


def pooled(admin: Laptop, names: list[str], **fields: Any) -> list[str]:
    """Customers in the public pool, made on `admin`'s laptop and sent to head office (none refused)."""
    create = admin.services().customers.create
    ids = [create(name=name, owner_id=None, in_public_pool=True, **fields) for name in names]
    assert admin.sync().rejected == 0
    return ids


def customer_with_a_nul(laptop: Laptop, owner: str) -> tuple[str, str]:
    """A customer and its contact stored as an older version let them be: a NUL character in the notes, which no
    head-office database stores. Returns (customer id, contact id)."""
    from fieldcrm.models import Contact, Customer, utcnow
    from fieldcrm.normalize import normalise_company_name
    from fieldcrm.services.changes import unit_of_work

    with unit_of_work(laptop.store) as uow:
        customer = Customer(
            name="坏字符客户有限公司",
            name_norm=normalise_company_name("坏字符客户有限公司"),
            notes="从旧表格粘贴\x00的备注",
            owner_id=owner,
            first_contact_at=utcnow(),
            first_contact_by=owner,
        )
        uow.insert(customer)
        uow.session.flush()
        contact = Contact(customer_id=customer.id, name="周经理", owner_id=owner)
        uow.insert(contact)
        return customer.id, contact.id


def server_count(server: ServerHandle, sql: str) -> int:
    from sqlalchemy import text

    with server.engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def local_count(laptop: Laptop, sql: str) -> int:
    with laptop.store.engine.connect() as conn:
        return int(conn.exec_driver_sql(sql).scalar_one())

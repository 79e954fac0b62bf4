"""The laptop sync client: log in, push the outbox, pull until up to date, check and heal. Qt-free.

The GUI runs `SyncClient.sync_once` in a worker; progress comes back through a callback and cancel is a
`threading.Event` checked between batches. Offline is a normal result, not an exception.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, func, select

from fieldcrm.models import SYNCED_TABLES, ConflictRecord, Team, User, utcnow
from fieldcrm.paths import AppPaths
from fieldcrm.services import app_lock
from fieldcrm.services.refusals import refused_count
from fieldcrm.services.state import CURRENT_USER, device_id, get_state, set_state
from fieldcrm.store import Store
from fieldcrm.sync import adopt, apply, outbox, plain_http
from fieldcrm.sync.protocol import PAGE_SIZE, LoginResponse, PullResponse, PushResponse
from fieldcrm.sync.tokens import TokenStore
from fieldcrm.sync.transport import AuthRequired, Cancelled, Offline, SyncError, Transport, WipeOrdered

log = logging.getLogger(__name__)

SERVER_KEY = "server_url"
SERVER_USER_KEY = "server_user"
LAST_SYNC_KEY = "last_sync"
LAST_RESULT_KEY = "last_sync_result"
SKEW_WARNING = 300  # seconds
#: The checksum self-check costs the server a pass over all the user's rows: on the first sync, then every Nth.
VERIFY_EVERY = 10
VERIFY_KEY = "syncs_until_check"
#: Set while a fresh pull (after the server's tombstone horizon passed this laptop's cursor) is unfinished.
FRESH_PULL_KEY = "fresh_pull_pending"
WARNINGS_KEY = "last_sync_warnings"
GONE = 410  # the server's answer to a cursor older than its tombstone horizon

Progress = Callable[[str, int, int], None]


@dataclass
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    repaired: list[str] = field(default_factory=list)
    fresh_pull: bool = False
    offline: bool = False
    cancelled: bool = False
    message: str = ""
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.offline:
            return f"offline: {self.message} (pushed {self.pushed}, pulled {self.pulled}; will retry next time)"
        text = f"pushed {self.pushed}, pulled {self.pulled}, conflicts {self.conflicts}"
        if self.rejected:
            text += f", rejected {self.rejected} (see `fieldcrm conflicts list`)"
        if self.repaired:
            text += f", repaired {', '.join(self.repaired)}"
        if self.fresh_pull:
            text += ", fetched a fresh copy"
        return text + (" (cancelled)" if self.cancelled else "")


class SyncClient:
    def __init__(
        self,
        store: Store,
        paths: AppPaths,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        page_size: int = PAGE_SIZE,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.clock = clock or (lambda: datetime.now(UTC))  # this laptop's clock: only ever compared, for a warning
        self.store = store
        self.paths = paths
        self.tokens = TokenStore(paths.config)
        self.timeout = timeout
        self.retries = retries
        self.page_size = page_size
        self.adoption: adopt.Adoption | None = None  # what the last login re-keyed, if anything

    # -- account -----------------------------------------------------------------------------------------
    def login(self, server: str, user: str, password: str, insecure: bool = False) -> LoginResponse:
        """Log in and set up this laptop's profile from the server account (no separate `init`). `insecure`: the
        user allows plain http to this server (another machine's), remembered in the profile."""
        server = server.rstrip("/")
        with self.store.session() as session:
            plain_http.check(session, server, insecure)  # before a password is sent
        adopt.check_login(self.store, user)  # another person's unsent work here: refuse before sending a password
        with self.store.transaction() as session:
            device = device_id(session)
        transport = Transport(server, timeout=self.timeout, retries=self.retries)
        try:
            body = transport.request(
                "POST", "/auth/login", json={"user": user, "password": password, "device_id": device}
            )
            answer = LoginResponse.model_validate(body)
            info = answer.user
            try:
                self.adoption = adopt.adopt(self.store, self.paths.backups, info)
            except adopt.ProfileInUse:
                transport.token = answer.token
                try:
                    transport.request("POST", "/auth/logout")  # the token this login made is of no use here
                except (Offline, SyncError):
                    pass  # it expires by itself; nothing was stored here
                raise
        finally:
            transport.close()
        self.tokens.save(server, info.name, answer.token)
        verifier = app_lock.verifier_for(password)  # the app lock's password, checked offline
        with self.store.transaction() as session:
            if info.team_id and session.get(Team, info.team_id) is None:
                session.add(Team(id=info.team_id, name=info.team_name or info.team_id))
            if session.get(User, info.id) is None:
                session.add(User(id=info.id, name=info.name, role=info.role, team_id=info.team_id, owner_id=info.id))
            set_state(session, CURRENT_USER, info.id)
            set_state(session, SERVER_KEY, server)
            set_state(session, SERVER_USER_KEY, info.name)
            set_state(session, app_lock.LOCK_VERIFIER, verifier)
            if insecure and plain_http.unencrypted_host(server):
                plain_http.allow(session, server)
        return answer

    def _account(self) -> tuple[str, str, str]:
        with self.store.session() as session:
            server = get_state(session, SERVER_KEY)
            user = get_state(session, SERVER_USER_KEY)
            if server:
                plain_http.check(session, server)  # a profile from before plain http needed the user's word
        if not server or not user:
            raise AuthRequired(
                "this laptop is not connected to a server; run `fieldcrm login --server URL --user NAME`"
            )
        token = self.tokens.load(server, user)
        if not token:
            raise AuthRequired(f"log in again: `fieldcrm login --server {server} --user {user}`")
        return server, user, token

    def logout(self) -> None:
        server, user, token = self._account()
        transport = Transport(server, token, timeout=self.timeout, retries=0)
        try:
            transport.request("POST", "/auth/logout")
        except (Offline, SyncError):
            pass  # the token is forgotten here either way; head office can revoke it too
        finally:
            transport.close()
            self.tokens.clear(server, user)

    def reveal(self, customer_id: str) -> dict[str, Any]:
        """A customer's numbers in full from head office (which logs the reveal): `{"phone": …, "contacts": {contact
        id: {"phone": …, "mobile": …}}}`. Raises Offline, AuthRequired or SyncError (404: not visible)."""
        server, _user, token = self._account()
        transport = Transport(server, token, timeout=self.timeout, retries=0)
        try:
            return dict(transport.request("POST", f"/reveal/{customer_id}"))
        finally:
            transport.close()

    # -- sync --------------------------------------------------------------------------------------------
    def sync_once(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> SyncResult:
        """Push then pull until up to date. Raises AuthRequired/SyncError when refused; offline is a result.

        Raises `WipeOrdered` when head office marked this laptop for a remote wipe, once the order is ready to be
        carried out: a departed user's pending changes are pushed and the wipe confirmed. The caller then closes
        the store and calls `sync.remote_wipe.carry_out`."""
        server, user, token = self._account()
        transport = Transport(server, token, timeout=self.timeout, retries=self.retries)
        result = SyncResult()
        try:
            try:
                self._push(transport, result, progress, cancel)
                self._pull(transport, result, progress, cancel)
            except WipeOrdered as order:
                final = self._before_wipe(transport, order, result)
                final.server, final.user = server, user
                raise final from None
        except Offline as exc:
            result.offline = True
            result.message = str(exc)
        except Cancelled:
            result.cancelled = True
        finally:
            transport.close()
        self._remember(result)
        return result

    def _before_wipe(self, transport: Transport, order: WipeOrdered, result: SyncResult) -> WipeOrdered:
        """Get ready to erase: a departed user's laptop pushes what is pending first (without a cancel: the
        company keeps the work; offline, nothing is erased and the next sync tries again), then the laptop
        confirms. An unconfirmed wipe is carried out all the same: head office then still shows the device marked,
        not wiped. Returns the order to carry out (a departed laptop marked lost meanwhile pushes no more)."""
        if order.kind == "departed":
            try:
                self._push(transport, result, None, None, refetch=False)
            except WipeOrdered as again:
                order = again
        try:
            transport.request("POST", "/auth/wiped")
        except (Offline, SyncError) as exc:
            log.info("the remote wipe could not be confirmed to head office: %s", exc)
        log.info("head office ordered this laptop's data erased (%s): %s", order.kind, order)
        return order

    def _push(
        self,
        transport: Transport,
        result: SyncResult,
        progress: Progress | None,
        cancel: threading.Event | None,
        refetch: bool = True,
    ) -> None:
        with self.store.session() as session:
            total = outbox.pending_count(session)
        rejected_rows: list[tuple[str, str]] = []
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            with self.store.session() as session:
                ops = outbox.next_batch(session)
            if not ops:
                break
            body = transport.request("POST", "/sync/push", json={"ops": [o.model_dump() for o in ops]}, cancel=cancel)
            answer = PushResponse.model_validate(body)
            with self.store.transaction() as session:
                rejected = outbox.acknowledge(session, ops, answer.results)
            result.pushed += len(answer.results)
            result.rejected += len(rejected)
            result.conflicts += sum(1 for r in answer.results if r.status == "conflict")
            rejected_rows += [(op.table, op.row_id) for op in rejected]
            self._check_clock(answer.server_time, result)
            if progress:
                progress("push", result.pushed, total)
        if refetch:
            self._refetch(transport, rejected_rows)

    def _refetch(self, transport: Transport, rows: list[tuple[str, str]]) -> None:
        """A refused change leaves the row as the server has it (the refused values stay in the problems list).

        A row head office never accepted (version 0 here) stays as the user made it, marked by its open problem,
        until the user edits it (it is sent again) or discards it: a refusal never makes the user's work vanish."""
        from fieldcrm.sync.protocol import RowChange

        changes = []
        for table, row_id in dict.fromkeys(rows):
            model = SYNCED_TABLES.get(table)
            if model is None:
                continue
            try:
                row = transport.request("GET", f"/rows/{table}/{row_id}")
                changes.append(RowChange(seq=0, table=table, id=row_id, row=row))
            except SyncError as exc:
                if exc.status != 404:
                    raise
                with self.store.session() as session:
                    local = session.get(model, row_id)
                    if local is not None and local.version == 0:
                        continue  # only here: kept, with its problem open
                changes.append(RowChange(seq=0, table=table, id=row_id, gone=True))
        if changes:
            with self.store.session() as session:
                device = device_id(session)
            apply.apply_page(self.store, changes, device, None)

    def _cursor(self) -> int:
        with self.store.session() as session:
            return int(get_state(session, apply.CURSOR_KEY) or 0)

    def _pull(
        self, transport: Transport, result: SyncResult, progress: Progress | None, cancel: threading.Event | None
    ) -> None:
        with self.store.session() as session:
            device = device_id(session)
        after = self._cursor()
        with self.store.transaction() as session:
            countdown = int(get_state(session, VERIFY_KEY) or 0)
            verify = countdown <= 0
            set_state(session, VERIFY_KEY, str(VERIFY_EVERY if verify else countdown - 1))
            fresh = get_state(session, FRESH_PULL_KEY) == "1"
        try:
            if not fresh:
                self._pull_pages(transport, result, progress, cancel, device, after, verify)
                return
        except SyncError as exc:
            if exc.status != GONE or isinstance(exc, WipeOrdered):
                raise
        self._fresh_pull(transport, result, progress, cancel, device)

    def _pull_pages(
        self,
        transport: Transport,
        result: SyncResult,
        progress: Progress | None,
        cancel: threading.Event | None,
        device: str,
        after: int,
        verify: bool,
    ) -> None:
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            params = {"after": after, "limit": self.page_size, "checksums": "true" if verify else "false"}
            body = transport.request("GET", "/sync/pull", params=params, cancel=cancel, raw=True)
            page = PullResponse.model_validate_json(body)
            apply.apply_page(self.store, page.changes, device, page.next_after)
            result.pulled += len(page.changes)
            after = page.next_after
            if progress:
                progress("pull", result.pulled, 0)
            if not page.has_more:
                self._check_clock(page.server_time, result)
                if page.checksums:
                    self._verify(transport, page, device, result)
                return

    def _fresh_pull(
        self,
        transport: Transport,
        result: SyncResult,
        progress: Progress | None,
        cancel: threading.Event | None,
        device: str,
    ) -> None:
        """The server purged deletions this laptop never saw: fetch the whole view again from 0, then drop local
        rows the server no longer has, except rows with unsent changes (the outbox is kept and pushed as usual).
        Interrupted, it starts over on the next sync (the flag stays set until the prune is done)."""
        with self.store.transaction() as session:
            set_state(session, FRESH_PULL_KEY, "1")
        seen: dict[str, set[str]] = {name: set() for name in SYNCED_TABLES}
        after = 0
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            body = transport.request(
                "GET",
                "/sync/pull",
                params={"after": after, "limit": self.page_size, "fresh": "true"},
                cancel=cancel,
                raw=True,
            )
            page = PullResponse.model_validate_json(body)
            apply.apply_page(self.store, page.changes, device, page.next_after)
            for change in page.changes:
                if change.table in seen and not change.gone:
                    seen[change.table].add(change.id)
            result.pulled += len(page.changes)
            after = page.next_after
            if progress:
                progress("pull", result.pulled, 0)
            if not page.has_more:
                break
        for name in reversed(list(seen)):
            apply.prune_table(self.store, name, seen[name])
        with self.store.transaction() as session:
            set_state(session, FRESH_PULL_KEY, "0")
        result.fresh_pull = True
        self._check_clock(page.server_time, result)

    def _verify(self, transport: Transport, page: PullResponse, device: str, result: SyncResult) -> None:
        """Compare per-table checksums; a table that differs is fetched again alone and the event recorded."""
        local = apply.local_checksums(self.store)
        busy = apply.tables_with_pending(self.store)
        for name, theirs in (page.checksums or {}).items():
            if name in busy or local.get(name) == theirs:
                continue
            seen: set[str] = set()
            after = 0
            while True:
                body = transport.request(
                    "GET", "/sync/pull", params={"after": after, "limit": self.page_size, "table": name}
                )
                part = PullResponse.model_validate(body)
                apply.apply_page(self.store, part.changes, device, None)
                seen |= {c.id for c in part.changes if not c.gone}
                after = part.next_after
                if not part.has_more:
                    break
            apply.prune_table(self.store, name, seen)
            result.repaired.append(name)
            with self.store.transaction() as session:
                set_state(session, "last_repair", f"{utcnow().isoformat()} {name}")

    def _check_clock(self, server_time: str, result: SyncResult) -> None:
        """Clock skew only warns: ordering comes from the server, never from this laptop's clock."""
        skew = abs((self.clock() - datetime.fromisoformat(server_time)).total_seconds())
        if skew > SKEW_WARNING and not any("clock" in w for w in result.warnings):
            result.warnings.append(f"this laptop's clock is off by {int(skew // 60)} minutes; please correct it")

    def _remember(self, result: SyncResult) -> None:
        with self.store.transaction() as session:
            if not result.offline and not result.cancelled:
                set_state(session, LAST_SYNC_KEY, utcnow().isoformat())
            set_state(session, LAST_RESULT_KEY, result.summary())
            set_state(session, WARNINGS_KEY, "\n".join(result.warnings))

    def status(self) -> dict[str, Any]:
        with self.store.session() as session:
            open_conflicts = session.exec(
                select(func.count()).select_from(ConflictRecord).where(col(ConflictRecord.status) == "open")
            ).one()
            server = get_state(session, SERVER_KEY)
            user = get_state(session, SERVER_USER_KEY)
            return {
                "server": server,
                "user": user,
                "logged_in": bool(server and user and self.tokens.load(server, user)),
                "token_store": self.tokens.backend,
                "pending_changes": outbox.pending_count(session),
                "cursor": int(get_state(session, apply.CURSOR_KEY) or 0),
                "last_sync": get_state(session, LAST_SYNC_KEY),
                "last_result": get_state(session, LAST_RESULT_KEY),
                "warnings": [w for w in (get_state(session, WARNINGS_KEY) or "").split("\n") if w],
                "open_conflicts": int(open_conflicts),
                "refused": refused_count(session.connection().exec_driver_sql),
                "device_id": get_state(session, "device_id"),
            }

"""The FastAPI application: login, push, pull and single-row reads, each checked against role and visibility."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import datetime
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from fieldcrm import __version__
from fieldcrm.domain.masking import mask_row, sees_numbers
from fieldcrm.models import SYNCED_TABLES, Team, User, utcnow
from fieldcrm.models.codec import row_to_dict
from fieldcrm.server import auth, devices
from fieldcrm.server.access_log import AccessLog
from fieldcrm.server.horizon import HorizonPassed
from fieldcrm.server.limits import BodyLimit, Limits
from fieldcrm.server.login_guard import AddressThrottle, HashingPool, LoginLimits
from fieldcrm.server.login_throttle import SharedThrottle
from fieldcrm.server.pool_returns import PullReturns
from fieldcrm.server.pull import pull
from fieldcrm.server.push import push
from fieldcrm.server.reveal import reveal
from fieldcrm.server.visibility import sees_row, viewer_for
from fieldcrm.sync.protocol import (
    MAX_INT64,
    MAX_PAGE_SIZE,
    MIN_CLIENT_PROTOCOL,
    NO_CONTROL,
    PAGE_SIZE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    GoneBody,
    LoginRequest,
    LoginResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    UserInfo,
)

ENV_THREADS = "FIELDCRM_SERVER_THREADS"
UPDATE_MESSAGE = (
    "this FieldCRM speaks sync protocol {got}; the server needs {need} or newer. Please update the app "
    "(your unsynced changes are kept and will be sent after the update)."
)


def check_protocol(version: int | None) -> None:
    if version is None or version < MIN_CLIENT_PROTOCOL:
        raise HTTPException(426, UPDATE_MESSAGE.format(got=version or "unknown", need=MIN_CLIENT_PROTOCOL))


async def protocol(x_fieldcrm_protocol: Annotated[int | None, Header(alias=PROTOCOL_HEADER)] = None) -> int:
    """Async (it does no I/O): FastAPI runs a plain function dependency in a worker thread of its own."""
    check_protocol(x_fieldcrm_protocol)
    return x_fieldcrm_protocol  # type: ignore[return-value]


Protocol = Annotated[int, Depends(protocol)]


async def bearer(_protocol: Protocol, authorization: Annotated[str | None, Header()] = None) -> str:
    """The request's bearer token (not yet checked). Async, as it does no I/O: FastAPI runs a plain function
    dependency in a worker thread of its own."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise auth.AuthError("log in first (no bearer token)")
    return authorization[7:].strip()


Token = Annotated[str, Depends(bearer)]


def principal(request: Request, token: Token) -> auth.Principal:
    who = auth.authenticate(request.app.state.engine, token, request.app.state.clock)
    request.state.user = who.name  # for the access log
    return who


Who = Annotated[auth.Principal, Depends(principal)]

#: The device states whose token a route still serves (every other marked device gets the wipe order): the last
#: push of a departed user's laptop, and the confirmation of the wipe.
FINAL_PUSH = frozenset({devices.DEPARTED})
CONFIRMING = frozenset({devices.LOST, devices.DEPARTED, devices.WIPED})


@contextmanager
def signed_in(
    engine: Engine, token: str, clock: auth.Clock = utcnow, allow: frozenset[str] = frozenset()
) -> Iterator[tuple[Connection, auth.Principal]]:
    """A connection and the principal the token stands for. Push and pull check the token on the connection they
    then work on, in the endpoint's own thread: one pool checkout (and liveness ping) and one thread hand-off per
    request instead of two. (A dependency holding the connection from one worker thread hand-off to the next
    could run the pool dry while the requests that would return connections wait for a thread.)"""
    with engine.connect() as conn:
        yield conn, auth.authenticate(conn, token, clock, allow)


#: What each status means on every route that answers it, for the OpenAPI document.
_STATUS = {
    400: "the request holds text that is not valid Unicode, or a body that is not JSON",
    401: "no token, or an unknown, expired or revoked one; or a wrong user name or password",
    403: "the account is disabled",
    404: "no such row, or not one this user may see",
    409: "this device was not asked to erase its data",
    410: "this device is marked for a remote wipe: `wipe` says how (lost: erase without pushing; departed: push "
    "what is pending, then erase)",
    413: "the request body is larger than this route takes",
    426: "the app speaks an older sync protocol than the server needs",
    429: "too many failed logins; try again later",
}


#: The pull's 410 has a second meaning.
_PULL_GONE = "the cursor is older than the tombstone horizon: pull a fresh copy; or " + _STATUS[410]


def _answers(*statuses: int, gone: str = _STATUS[410]) -> dict[int | str, dict]:
    return {
        status: {"model": GoneBody, "description": gone}
        if status == 410
        else {"model": ErrorBody, "description": _STATUS[status]}
        for status in statuses
    }


def _public_errors(exc: RequestValidationError) -> list[dict]:
    """What was wrong, without the values sent (a 50 MB field came back four times): each error's type, where and
    a message; keys of the input in a location are cut short."""
    out = []
    for error in exc.errors():
        loc = [part[:40] if isinstance(part, str) else part for part in error.get("loc", ())]
        msg = str(error.get("msg", ""))[:200]
        if error.get("type") == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == NO_CONTROL:
            msg = "must not contain control characters (such as NUL)"
        out.append({"type": str(error.get("type", "")), "loc": loc, "msg": msg})
    return out


def create_app(
    engine: Engine,
    threads: int | None = None,
    clock: auth.Clock = utcnow,
    limits: Limits | None = None,
    login_limits: LoginLimits | None = None,
) -> FastAPI:
    """The app on `engine`. `threads` caps the requests one process runs at once (default: anyio's 40). `clock` is
    the time the account rules go by (login locks, token expiry, the login throttle): tests pass one they can move.
    `limits` are the request and page sizes (default: from the environment, see `server.limits`); `login_limits`
    the login throttle and hashing pool (default: from the environment, see `login_guard`).

    Fewer is faster under load: every request holds the interpreter lock between its database round trips, and a
    push waiting for the lock while holding the feed counter's row lock makes every other push wait too."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        hashing.close()

    app = FastAPI(
        lifespan=lifespan,
        title="FieldCRM sync server",
        version=__version__,
        description=f"Head-office sync for FieldCRM laptops, protocol {PROTOCOL_VERSION}.",
    )
    limits = limits or Limits.from_env()
    app.state.engine = engine
    app.state.clock = clock
    app.state.limits = limits
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(AccessLog)  # outermost: it logs the refusals of body limits too
    guard = login_limits or LoginLimits.from_env()
    throttle = AddressThrottle(guard.burst, guard.per_minute, clock)
    shared_throttle = SharedThrottle(engine, guard.burst, guard.per_minute, clock)
    hashing = app.state.hashing = HashingPool(guard.hash_slots, guard.hash_queue)
    pull_returns = PullReturns()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _public_errors(exc)
        if any(e["type"] == "string_unicode" for e in errors):  # as a lone surrogate elsewhere (below)
            return JSONResponse({"detail": "the request holds text that is not valid Unicode"}, status_code=400)
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(auth.AuthError)
    async def _auth_error(_request: Request, exc: auth.AuthError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        if exc.retry_after is not None:
            headers = {"Retry-After": str(exc.retry_after)}
        body = {"detail": str(exc)}
        if isinstance(exc, auth.WipeOrder):
            body |= {"wipe": exc.kind, "reason": str(exc)}
        return JSONResponse(body, status_code=exc.status, headers=headers)

    @app.exception_handler(UnicodeEncodeError)
    async def _not_unicode(_request: Request, _exc: UnicodeEncodeError) -> JSONResponse:
        """Half a surrogate pair (a JSON \\u escape can carry one) where no field check looked, such as an id: no
        database can store it."""
        return JSONResponse({"detail": "the request holds text that is not valid Unicode"}, status_code=400)

    @app.post("/auth/login", response_model=LoginResponse, responses=_answers(400, 401, 403, 413, 426, 429))
    async def login(body: LoginRequest, request: Request) -> LoginResponse:
        """Async: this process's throttle answers on the event loop, and the database work (the bucket all
        processes share, then the password check) runs in the hashing pool, never on a worker thread that sync
        requests need."""
        check_protocol(body.protocol)
        host = request.client.host if request.client else None

        def check() -> tuple[str, datetime, User, Team | None]:
            shared_throttle.take(host)
            return auth.login(engine, body.user, body.password, body.device_id, clock)

        try:
            throttle.take(host)  # a flood stops here, without a database round trip
            token, expires, user, team = await hashing.run(check)
        except auth.AuthError as exc:
            if exc.status == 429 and guard.refusal_delay > 0:
                await asyncio.sleep(guard.refusal_delay)  # the tarpit: a flood's next try waits for this answer
            raise
        request.state.user = user.name
        info = UserInfo(
            id=user.id, name=user.name, role=user.role, team_id=user.team_id, team_name=team.name if team else None
        )
        return LoginResponse(token=token, expires_at=expires.isoformat(), user=info, server_time=utcnow().isoformat())

    @app.post("/auth/logout", status_code=204, responses=_answers(401, 403, 410, 413, 426))
    def logout(who: Who) -> None:
        auth.revoke(engine, who, clock)

    @app.post("/auth/wiped", status_code=204, responses=_answers(401, 403, 409, 413, 426))
    def wiped(token: Token) -> None:
        """The laptop confirms a remote wipe as it begins erasing: the device is recorded wiped and every token of
        it revoked. Only a device that was told to erase may say so (409 otherwise)."""
        who = auth.authenticate(engine, token, clock, CONFIRMING)
        try:
            devices.confirm_wiped(engine, who.device_id, clock())
        except devices.NotWiping as exc:
            raise HTTPException(409, str(exc)) from None

    async def run(work: Callable[[], str]) -> Response:
        """Run a sync request's work (blocking: database round trips) and answer its JSON. With one request at a
        time per process it runs right here, on the event loop, instead of being handed to a worker thread and
        back (the hand-offs, and the two threads taking the interpreter lock in turns, cost ~5 % of a push's and a
        pull's CPU); with more, on a worker thread as FastAPI runs plain endpoints."""
        content = work() if threads == 1 else await anyio.to_thread.run_sync(work)
        return Response(content=content, media_type="application/json")

    # The answers are serialised once, by their own model: letting FastAPI validate them again would double the
    # cost of big pages.
    @app.post("/sync/push", response_model=PushResponse, responses=_answers(400, 401, 403, 410, 413, 426))
    async def sync_push(body: PushRequest, token: Token, request: Request) -> Response:
        def work() -> str:
            with signed_in(engine, token, clock, FINAL_PUSH) as (conn, who):
                request.state.user = who.name
                results = push(conn, who, body.ops, clock)
            return PushResponse(results=results, server_time=utcnow().isoformat()).model_dump_json()

        return await run(work)

    @app.get("/sync/pull", response_model=PullResponse, responses=_answers(401, 403, 410, 413, 426, gone=_PULL_GONE))
    async def sync_pull(
        token: Token,
        request: Request,
        after: Annotated[int, Query(ge=0, le=MAX_INT64)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE,
        checksums: bool = False,
        table: Annotated[str | None, Query(min_length=1, max_length=40, pattern=NO_CONTROL)] = None,
        fresh: bool = False,
    ) -> Response:
        def work() -> str:
            try:
                with signed_in(engine, token, clock) as (conn, who):
                    request.state.user = who.name
                    pull_returns(conn, who, clock())  # what went back to the pool by now, in this round of pulls
                    page = pull(conn, who, after, limit, checksums, table, fresh, limits.page_bytes)
                    return page.model_dump_json()
            except HorizonPassed as exc:  # the laptop must fetch a fresh copy
                raise HTTPException(410, str(exc)) from None

        return await run(work)

    @app.get("/rows/{table}/{row_id}", responses=_answers(401, 403, 404, 410, 413, 426))
    def read_row(
        table: Annotated[str, Path(max_length=40, pattern=NO_CONTROL)],
        row_id: Annotated[str, Path(max_length=36, pattern=NO_CONTROL)],
        who: Who,
    ) -> dict:
        """One row, if this user may see it (404 otherwise, so ids cannot be probed)."""
        model = SYNCED_TABLES.get(table)
        if model is None:
            raise HTTPException(404, f"unknown table '{table}'")
        with Session(engine) as session:
            row = session.get(model, row_id)
            viewer = viewer_for(session, who)
            if row is None or not sees_row(session, viewer, table, row_id):
                raise HTTPException(404, f"no {table} with id {row_id}")
            shown = row_to_dict(row)
            return shown if sees_numbers(viewer.actor, row.owner_id) else mask_row(table, shown)

    @app.post("/reveal/{customer_id}", responses=_answers(401, 403, 404, 410, 413, 426))
    def reveal_numbers(customer_id: Annotated[str, Path(max_length=36, pattern=NO_CONTROL)], who: Who) -> dict:
        """A customer's and its contacts' numbers in full, for a user who may see the customer (404 otherwise, so
        ids cannot be probed); a reveal of numbers they would see masked is logged (an audit event)."""
        with Session(engine) as session:
            numbers = reveal(session, viewer_for(session, who), customer_id)
        if numbers is None:
            raise HTTPException(404, f"no customer with id {customer_id}")
        return numbers

    @app.get("/health", responses=_answers(413))
    def health() -> dict:
        return {"status": "ok", "protocol": PROTOCOL_VERSION, "server_time": utcnow().isoformat()}

    return app


def app_from_env() -> FastAPI:
    """The app for `uvicorn --factory` worker processes: database from FIELDCRM_DATABASE_URL, threads from
    FIELDCRM_SERVER_THREADS."""
    from fieldcrm.server import access_log
    from fieldcrm.server.db import database_url, make_engine

    access_log.configure(os.environ.get(access_log.ENV_ACCESS_LOG))
    app = create_app(make_engine(database_url()), int(os.environ.get(ENV_THREADS) or 0) or None)
    freeze_startup_heap()
    return app


def freeze_startup_heap() -> None:
    """Take what a server process built at start-up (modules, the app, SQLAlchemy's and pydantic's structures:
    ~130,000 objects) out of the garbage collector's way. A full collection walks every tracked object, and in a
    worker it held up every request for ~0.1 s each time. For server processes only: a test process freezing its
    heap again for each server it starts would keep the garbage it has at those moments."""
    gc.collect()
    gc.freeze()

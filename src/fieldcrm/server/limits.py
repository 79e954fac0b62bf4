"""How much a request may carry: body sizes counted while the body streams in, and the bytes of one pull page.

A body is refused (413) before the app parses it: from its Content-Length up front, or, sent in chunks, as soon as
the bytes received pass the route's limit. A request with a body to a route that needs a token, sent without one,
is refused (401) before any of its body is read. The limits come from the environment (so that worker processes
started by `fieldcrm-server serve --workers N` read the same ones).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException

ENV_MAX_PUSH_BYTES = "FIELDCRM_MAX_PUSH_BYTES"
ENV_MAX_LOGIN_BYTES = "FIELDCRM_MAX_LOGIN_BYTES"
ENV_MAX_BODY_BYTES = "FIELDCRM_MAX_BODY_BYTES"
ENV_MAX_PAGE_BYTES = "FIELDCRM_MAX_PAGE_BYTES"

MiB = 1024 * 1024
PUSH_PATH = "/sync/push"
LOGIN_PATH = "/auth/login"
#: Routes anyone may call: everything else needs a bearer token.
OPEN_PATHS = frozenset({LOGIN_PATH, "/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
NO_TOKEN = "log in first (no bearer token)"


@dataclass(frozen=True)
class Limits:
    #: A push: 500 ops of a batch, or one user action (an import) of many thousands.
    push_bytes: int = 16 * MiB
    #: A login: a name, a password and a device id.
    login_bytes: int = 64 * 1024
    #: Any other request (logout; reads carry no body).
    body_bytes: int = 64 * 1024
    #: A pull page stops before its rows pass this many bytes (a single bigger row still goes, alone).
    page_bytes: int = 4 * MiB

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Limits:
        """The defaults, each replaced by its environment variable where that is set (a number of bytes)."""
        names = {
            "push_bytes": ENV_MAX_PUSH_BYTES,
            "login_bytes": ENV_MAX_LOGIN_BYTES,
            "body_bytes": ENV_MAX_BODY_BYTES,
            "page_bytes": ENV_MAX_PAGE_BYTES,
        }
        values = {}
        for field, name in names.items():
            text = environ.get(name, "").strip()
            if text:
                try:
                    values[field] = int(text)
                except ValueError:
                    raise ValueError(f"{name} must be a number of bytes, not '{text}'") from None
                if values[field] < 1:
                    raise ValueError(f"{name} must be at least 1 byte, not {text}")
        return cls(**values)

    def body_limit(self, path: str) -> int:
        if path == PUSH_PATH:
            return self.push_bytes
        if path == LOGIN_PATH:
            return self.login_bytes
        return self.body_bytes


class BodyTooLarge(HTTPException):
    """Raised from the body stream once a request passes its limit: FastAPI passes HTTP exceptions through its body
    parsing untouched, so the client gets this 413 (and the connection is closed, the rest of the body unread)."""

    def __init__(self, limit: int, path: str) -> None:
        super().__init__(413, f"the request is larger than {limit:,} bytes, the most this server takes on {path}")


def _header(scope: dict[str, Any], name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None


class BodyLimit:
    """Pure ASGI middleware enforcing `Limits` on request bodies (see the module's docstring)."""

    def __init__(self, app: Any, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = self.limits.body_limit(path)
        length = _header(scope, b"content-length")
        has_body = (length is not None and length.strip() not in (b"", b"0")) or (
            _header(scope, b"transfer-encoding") is not None
        )
        if has_body and path not in OPEN_PATHS and not _bearer(_header(scope, b"authorization")):
            await _answer(send, 401, NO_TOKEN, {"www-authenticate": "Bearer"})
            return
        if length is not None and length.isdigit() and int(length) > limit:
            detail = f"the request is {int(length):,} bytes; this server takes at most {limit:,} bytes on {path}"
            await _answer(send, 413, detail)
            return
        received = 0
        started = False

        async def counting() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit, path)
            return message

        async def sending(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, sending)
        except BodyTooLarge as exc:  # read outside FastAPI's body parsing (no route parses it): answered here
            if started:
                raise
            await _answer(send, 413, exc.detail)


def _bearer(value: bytes | None) -> bool:
    return value is not None and value[:7].lower() == b"bearer " and bool(value[7:].strip())


async def _answer(send: Any, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    # Sent without reading the body: the server closes the connection after this answer.
    raw.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})

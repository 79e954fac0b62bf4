"""HTTP to the sync server: timeouts, retries with backoff, and errors sorted into offline / refused / bug."""

from __future__ import annotations

import functools
import ssl
import threading
import time
from typing import Any

import httpx

from fieldcrm.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION


class SyncError(Exception):
    """The server refused (bad login, protocol too old, forbidden): a message the user can act on."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AuthRequired(SyncError):
    pass


class PlainHttpRefused(AuthRequired):
    """Plain http:// to another machine, which the user has not allowed for this server (see `plain_http`)."""


class WipeOrdered(SyncError):
    """Head office marked this laptop for a remote wipe (answered 410 with `wipe`): `kind` is lost (erase without
    pushing) or departed (push what is pending, then erase). The client sets `server` and `user`, whose token
    `sync.remote_wipe.carry_out` forgets with the store."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason, 410)
        self.kind = kind
        self.server = ""
        self.user = ""


class Offline(Exception):
    """The server could not be reached; a normal state for a field laptop, not an error."""


class Cancelled(Exception):
    pass


RETRYABLE = (httpx.TransportError,)


def unreachable(base_url: str, exc: httpx.TransportError) -> str:
    """Why `base_url` could not be reached, in words that say what to do (the class name alone said nothing)."""
    if isinstance(exc, httpx.UnsupportedProtocol):
        return f"'{base_url}' is not a server address: add http:// or https:// in front of the address"
    if isinstance(exc, httpx.ConnectError) and "SSL" not in str(exc).upper():
        return f"nothing answers at {base_url}: is the server running, is the address right?"
    return f"cannot reach {base_url}: {exc.__class__.__name__}"


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Certificate checks as httpx sets them up (its CA roots, or SSL_CERT_FILE), built once per process: building
    one reads the whole CA bundle (about 18 ms), which every sync paid again, over http too."""
    return httpx.create_ssl_context()


class Transport:
    def __init__(
        self, base_url: str, token: str | None = None, *, timeout: float = 30.0, retries: int = 3, backoff: float = 0.25
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.retries = retries
        self.backoff = backoff
        self.client = httpx.Client(
            base_url=self.base_url, timeout=httpx.Timeout(timeout, connect=5.0), verify=tls_context()
        )

    def close(self) -> None:
        self.client.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict | None = None,
        cancel: threading.Event | None = None,
        raw: bool = False,
    ) -> Any:
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        delay = self.backoff
        for attempt in range(self.retries + 1):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            try:
                response = self.client.request(method, path, json=json, params=params, headers=headers)
            except RETRYABLE as exc:
                if attempt == self.retries or isinstance(exc, httpx.UnsupportedProtocol):  # no retry mends an address
                    raise Offline(unreachable(self.base_url, exc)) from exc
            else:
                if response.status_code < 500:
                    if raw and response.status_code == 200:
                        return response.content  # parsed by the caller straight into its model
                    return self._answer(response)
                if attempt == self.retries:
                    raise Offline(f"the server had a problem (HTTP {response.status_code}); try again later")
            # A retried push is safe: the server applies each op once and returns the stored answer.
            if cancel is not None and cancel.wait(delay):
                raise Cancelled()
            if cancel is None:
                time.sleep(delay)
            delay = min(delay * 2, 5.0)
        raise Offline("unreachable")  # pragma: no cover - the loop returns or raises

    @staticmethod
    def _answer(response: httpx.Response) -> Any:
        if response.status_code == 204:
            return None
        try:
            body = response.json()
        except ValueError:
            body = {"detail": response.text[:200]}
        if response.status_code == 410 and isinstance(body, dict) and body.get("wipe") in ("lost", "departed"):
            raise WipeOrdered(str(body["wipe"]), str(body.get("reason") or body.get("detail", "")))
        if response.status_code in (401, 403):
            raise AuthRequired(str(body.get("detail", "log in again")), response.status_code)
        if response.status_code >= 400:
            detail = body.get("detail", body) if isinstance(body, dict) else body
            raise SyncError(str(detail), response.status_code)
        return body

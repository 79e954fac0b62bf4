"""One access-log line per request, for the admin: time, client, method, path, status, milliseconds, user.

Never the query string's values beyond the path, the headers (tokens) or a body. The user is whoever the request
signed in as (endpoints put the name in the request's state); "-" before a login or when it was refused.
Written to the `fieldcrm.access` logger; `configure` sends it to stdout or a file.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("fieldcrm.access")
ENV_ACCESS_LOG = "FIELDCRM_ACCESS_LOG"  # "-" for stdout (the default), "off", or a file path


def configure(target: str | None) -> None:
    """Send access lines to stdout ("-" or None), a file, or nowhere ("off"); called once per server process."""
    for old in list(log.handlers):
        log.removeHandler(old)
        old.close()
    log.propagate = False
    if target == "off":
        log.disabled = True
        return
    log.disabled = False
    log.setLevel(logging.INFO)
    if target in (None, "", "-"):
        handler: logging.Handler = logging.StreamHandler(sys.stdout)
    else:
        path = Path(target).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    log.addHandler(handler)


class AccessLog:
    """Pure ASGI middleware (no per-request task or body copy, unlike BaseHTTPMiddleware)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or log.disabled or not log.handlers:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app fails before it answers

        async def sending(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client") or ("-", 0)
            user = scope.get("state", {}).get("user", "-")
            millis = (time.perf_counter() - started) * 1000
            log.info("%s %s %s %d %.1fms %s", client[0], scope["method"], scope["path"], status, millis, user)

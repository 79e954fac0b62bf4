"""Several server processes on one port, each with its own listening socket (SO_REUSEPORT), so the kernel spreads
connections evenly between them.

uvicorn's own `--workers` shares one listening socket, and asyncio accepts up to the whole backlog in one wake-up:
in a burst (a team syncing at 18:00) the process that wakes first takes nearly every connection while the others
idle. Measured with 200 reps pushing at once on two workers: one worker took ~85% of the requests. Where the
platform lacks SO_REUSEPORT (Windows), `serve` falls back to uvicorn's shared socket.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import socket
import threading
import time
from types import FrameType
from typing import Any

RESTART_PAUSE = 1.0  # seconds between restarts of a worker that died, so a crash loop does not spin
PARENT_CHECK = 0.5  # seconds between a worker's looks at whether its supervisor is still there


#: "certfile<os.pathsep>keyfile" for the worker processes when `serve` terminates TLS itself, else empty.
ENV_TLS = "FIELDCRM_TLS_FILES"


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _exit_with_parent(parent: int) -> None:
    """A worker whose supervisor died (SIGKILL, a crash) stops too, rather than serving on as an orphan that holds
    the port and its database connections."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's own shutdown: finish the requests in hand, then exit

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker(host: str, port: int, parent: int) -> None:  # pragma: no cover - runs in the child process
    import uvicorn

    _exit_with_parent(parent)
    sock = _listen(host, port)
    certfile, _, keyfile = os.environ.get(ENV_TLS, "").partition(os.pathsep)
    tls: dict[str, Any] = {"ssl_certfile": certfile, "ssl_keyfile": keyfile} if certfile else {}
    config = uvicorn.Config("fieldcrm.server.app:app_from_env", factory=True, log_level="warning", **tls)
    uvicorn.Server(config).run(sockets=[sock])


def check_port_free(host: str, port: int) -> None:
    """Fail now, with the OS's reason, if something else already listens on the port (SO_REUSEPORT would
    otherwise let a second server join the first one's port silently)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def serve(host: str, port: int, workers: int) -> None:
    """Run `workers` server processes until SIGINT or SIGTERM; a worker that dies is started again."""
    check_port_free(host, port)
    context = mp.get_context("spawn")
    processes: list[mp.process.BaseProcess] = []
    stopping = False

    def start() -> mp.process.BaseProcess:
        process = context.Process(target=_worker, args=(host, port, os.getpid()), daemon=True)
        process.start()
        return process

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        processes = [start() for _ in range(workers)]
        while not stopping:
            time.sleep(0.2)
            for i, process in enumerate(processes):
                if not process.is_alive() and not stopping:
                    time.sleep(RESTART_PAUSE)
                    processes[i] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # uvicorn finishes the requests it is serving, then exits
        for process in processes:
            process.join(30)
            if process.is_alive():
                process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

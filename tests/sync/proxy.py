"""A small TCP proxy for fault tests: forwards to the server and can cut a connection after N bytes."""

from __future__ import annotations

import socket
import threading


class CuttingProxy:
    """Forwards 127.0.0.1:port to the target. `cut_upload`/`cut_download` drop the next connection once that
    many bytes went that way (both directions are closed: the peer sees a reset mid-message)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_upload: int | None = None
        self.cut_download: int | None = None
        self.down = False
        self.stall = False  # accept connections and say nothing (a silent mobile network), until `release()`
        self._stalled: list[socket.socket] = []
        self.cuts = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def held(self) -> int:
        """Connections accepted while stalling and not answered: a client is waiting on them."""
        with self._lock:
            return len(self._stalled)

    def close(self) -> None:
        self.release()
        self.listener.close()

    def release(self) -> None:
        """Stop stalling: the held connections are dropped (the client sees a reset and retries)."""
        self.stall = False
        with self._lock:
            held, self._stalled = self._stalled, []
        for sock in held:
            sock.close()

    def _take(self, direction: str) -> int | None:
        with self._lock:
            limit = getattr(self, direction)
            setattr(self, direction, None)
            return limit

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            if self.stall:
                with self._lock:
                    self._stalled.append(client)
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            up_limit, down_limit = self._take("cut_upload"), self._take("cut_download")
            pair = (client, upstream)
            threading.Thread(target=self._pipe, args=(client, upstream, up_limit, pair), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, down_limit, pair), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, limit: int | None, pair: tuple) -> None:
        sent = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) >= limit:
                    sink.sendall(data[: max(0, limit - sent)])
                    self.cuts += 1
                    break
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for sock in pair:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

"""Row ids: UUIDv7 made on the device, and deterministic ids for rows two devices may create independently."""

from __future__ import annotations

import os
import threading
import time
import uuid

_NAMESPACE = uuid.UUID("6f1c2a4e-9b7d-4c53-8e0f-6a2d5b9c1e77")
_lock = threading.Lock()
_last_ms = 0
_counter = 0


def _stamps(count: int) -> list[tuple[int, int]]:
    """(milliseconds, 12-bit counter) for `count` ids: a new millisecond starts at a random counter below 0x400;
    within one (or when the clock went back) the counter goes up, spilling into the next millisecond."""
    global _last_ms, _counter
    stamps = []
    with _lock:
        for _ in range(count):
            ms = time.time_ns() // 1_000_000
            if ms <= _last_ms:
                ms = _last_ms
                _counter += 1
                if _counter > 0xFFF:
                    ms += 1
                    _counter = 0
            else:
                _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
            _last_ms = ms
            stamps.append((ms, _counter))
    return stamps


def _format(ms: int, counter: int, rand: int) -> str:
    """48 bits of milliseconds, version 7, the 12-bit counter, variant 0b10 and 62 random bits, written as
    str(uuid.UUID(...)) writes them."""
    h = f"{ms & 0xFFFFFFFFFFFF:012x}7{counter:03x}{rand & 0x3FFFFFFFFFFFFFFF | 0x8000000000000000:016x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7() -> str:
    """A UUIDv7 string: 48-bit Unix milliseconds, then randomness; ids made on one device sort by creation."""
    ((ms, counter),) = _stamps(1)
    return _format(ms, counter, int.from_bytes(os.urandom(8), "big"))


def uuid7_many(count: int) -> list[str]:
    """`count` UUIDv7 strings, increasing as successive `uuid7()` calls give them; cheaper per id, for bulk writes."""
    stamps = _stamps(count)
    rand = os.urandom(8 * count)
    return [_format(ms, c, int.from_bytes(rand[8 * i : 8 * i + 8], "big")) for i, (ms, c) in enumerate(stamps)]


def stable_id(kind: str, *parts: str) -> str:
    """A UUIDv5 from a kind and its natural key, so two devices creating the same thing offline agree on its id."""
    return str(uuid.uuid5(_NAMESPACE, kind + ":" + "\x1f".join(parts)))

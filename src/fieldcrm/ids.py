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


def uuid7() -> str:
    """A UUIDv7 string: 48-bit Unix milliseconds, then randomness; ids made on one device sort by creation."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            # Same or earlier millisecond (clock went back): keep ids increasing with a 12-bit counter.
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:
                ms += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = ms
        counter = _counter
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand
    return str(uuid.UUID(int=value))


def stable_id(kind: str, *parts: str) -> str:
    """A UUIDv5 from a kind and its natural key, so two devices creating the same thing offline agree on its id."""
    return str(uuid.uuid5(_NAMESPACE, kind + ":" + "\x1f".join(parts)))

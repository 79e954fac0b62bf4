"""Where the store's key comes from: the OS keyring where one exists, else a passphrase stretched with Argon2id.

A store file is encrypted with a random 256-bit key (keyring) or with the Argon2id hash of a passphrase; either way
SQLCipher gets the raw key, so opening a connection costs no key stretching. The salt is the 16 bytes SQLCipher
writes at the start of every encrypted file: a backup is written with the store's key *and* salt, so the same
key (the same keyring entry, the same passphrase) opens the store and all its backups, and no key file can go
missing beside the store.

Sources, in order, for an existing file: the keys this process already holds; the keyring entry for the file's salt;
the passphrase in `FIELDCRM_PASSPHRASE` (scripts, tests); the asker the front end installs (a terminal prompt in
the CLI, a dialog in the GUI). A new store takes `FIELDCRM_PASSPHRASE` if set, else a random key kept in the
keyring, else asks for a new passphrase. Nothing here imports SQLCipher: `cipher` checks a candidate key.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from fieldcrm.os_keyring import usable_keyring
from fieldcrm.store.errors import StoreLockedError

ENV_PASSPHRASE = "FIELDCRM_PASSPHRASE"
KEYRING_SERVICE = "FieldCRM store"
KEY_BYTES = 32
SALT_BYTES = 16
#: Argon2id cost (RFC 9106's second recommended option: 3 passes over 64 MiB, 4 lanes): about 0.2 s on a laptop,
#: paid once per start and store, never per connection.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_LANES = 4
#: How many times the asker is asked again after a wrong passphrase.
TRIES = 3
MIN_PASSPHRASE = 8


@dataclass(frozen=True, repr=False)
class StoreKey:
    """A raw SQLCipher key and the salt of the file(s) it opens. Never printed: `repr` hides the key."""

    raw: bytes
    salt: bytes

    def pragma(self) -> str:
        return f"PRAGMA key = \"x'{self.raw.hex()}{self.salt.hex()}'\""

    def __repr__(self) -> str:
        return f"StoreKey(salt={self.salt.hex()})"


class Asker(Protocol):
    """Asks the person at the keyboard for the passphrase of `path` (`new`: choose one; `wrong`: the last one did
    not open it). Returns None when they cancel or nobody can be asked (a closed stdin)."""

    def __call__(self, path: Path, *, new: bool, wrong: bool) -> str | None: ...


_lock = threading.Lock()
_known: dict[bytes, bytes] = {}
_passphrase_salts: set[bytes] = set()  # the stores this process opened with a passphrase (the app lock asks it)
_asker: Asker | None = None


def set_asker(asker: Asker | None) -> None:
    """Install how this process asks for a passphrase (the CLI's terminal prompt, the GUI's dialog)."""
    global _asker
    _asker = asker


def forget_all() -> None:
    """Drop every key this process holds (a remote wipe calls this; tests too)."""
    with _lock:
        _known.clear()
        _passphrase_salts.clear()
        _derivations.clear()


#: Derivations done or under way, by (passphrase, salt): a start begins the one it will need in the background
#: (`prefetch`) while Qt loads, and whoever needs it first waits for it instead of starting a second.
_derivations: dict[tuple[str, bytes], Future[bytes]] = {}
KEEP_DERIVATIONS = 32


class KeyDerivationError(RuntimeError):
    """Argon2 could not derive the key (such as too little memory for its 64 MiB)."""


def _derivation(passphrase: str, salt: bytes, *, background: bool = False) -> Future[bytes]:
    with _lock:
        found = _derivations.get((passphrase, salt))
        start = found is None
        if found is None:
            found = _derivations[(passphrase, salt)] = Future()
            while len(_derivations) > KEEP_DERIVATIONS:
                del _derivations[next(iter(_derivations))]
    if start:
        if background:
            threading.Thread(target=_compute, args=(found, passphrase, salt, 1), daemon=True).start()
        else:
            _compute(found, passphrase, salt, ARGON2_LANES)
    return found


def _compute(result: Future[bytes], passphrase: str, salt: bytes, threads: int) -> None:
    """Derive the key into `result`. `threads`: how many of the 4 lanes are computed at once. The key is the same
    whatever the number (lanes are fixed, threads only share them out): a derivation started in the background at
    start-up takes one core and leaves the other to Qt's start (two threads or four took both cores from it on a
    two-core laptop), one someone waits for takes them all."""
    # argon2-cffi's own binding module, not the `argon2` package: importing that costs ~50 ms of interpreter time
    # (its password hasher, profiles and metadata) that a derivation begun at start-up would take from Qt's start.
    from _argon2_cffi_bindings import ffi, lib

    try:  # the binding lets go of the GIL while it hashes: a background derivation runs beside the imports
        secret, salted = passphrase.encode("utf-8"), bytes(salt)
        out = ffi.new("uint8_t[]", KEY_BYTES)
        pwd, csalt = ffi.new("uint8_t[]", secret), ffi.new("uint8_t[]", salted)
        context = ffi.new(
            "argon2_context *",
            {
                "version": lib.ARGON2_VERSION_NUMBER,
                "out": out,
                "outlen": KEY_BYTES,
                "pwd": pwd,
                "pwdlen": len(secret),
                "salt": csalt,
                "saltlen": len(salted),
                "secret": ffi.NULL,
                "secretlen": 0,
                "ad": ffi.NULL,
                "adlen": 0,
                "t_cost": ARGON2_TIME_COST,
                "m_cost": ARGON2_MEMORY_KIB,
                "lanes": ARGON2_LANES,
                "threads": threads,
                "allocate_cbk": ffi.NULL,
                "free_cbk": ffi.NULL,
                "flags": lib.ARGON2_DEFAULT_FLAGS,
            },
        )
        code = lib.argon2_ctx(context, lib.Argon2_id)
        if code != lib.ARGON2_OK:
            raise KeyDerivationError(ffi.string(lib.argon2_error_message(code)).decode("ascii"))
        result.set_result(bytes(ffi.buffer(out, KEY_BYTES)))
    except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the key
        result.set_exception(exc)


def derive(passphrase: str, salt: bytes) -> bytes:
    """The raw key of a passphrase for one salt (Argon2id)."""
    return _derivation(passphrase, salt).result()


_warming: list[threading.Thread] = []


def _keyring_warmed() -> None:
    """Wait for the keyring's start-up begun by `prefetch`, if any (so it is not done twice at once)."""
    while _warming:
        _warming.pop().join()


def prefetch(path: Path) -> None:
    """At start, before Qt loads, in the background: derive the key of the store at `path` from
    `FIELDCRM_PASSPHRASE` (about 0.1 s of Argon2), or else load the keyring (about 0.3 s: its backends are
    discovered at import). Both would otherwise come after the imports. Asks nobody, opens nothing."""
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if not passphrase:
        warm = threading.Thread(target=usable_keyring, daemon=True)
        warm.start()
        _warming.append(warm)
        return
    try:
        with open(path, "rb") as file:
            salt = file.read(SALT_BYTES)
    except OSError:
        return
    if len(salt) == SALT_BYTES and salt != b"SQLite format 3\x00" and known(salt) is None:
        _derivation(passphrase, salt, background=True)


def _remember(key: StoreKey, *, passphrase: bool = False) -> StoreKey:
    with _lock:
        _known[key.salt] = key.raw
        if passphrase:
            _passphrase_salts.add(key.salt)
    return key


def opened_with_passphrase(salt: bytes) -> bool:
    with _lock:
        return salt in _passphrase_salts and salt in _known


def passphrase_opens(salt: bytes, passphrase: str) -> bool | None:
    """Whether `passphrase` is the one that opened the store with this salt; None if that store was not opened
    with a passphrase in this process (its key is in the keyring: there is no passphrase to check)."""
    with _lock:
        if salt not in _passphrase_salts:
            return None
        raw = _known.get(salt)
    return raw is not None and secrets.compare_digest(derive(passphrase, salt), raw)


def known(salt: bytes) -> StoreKey | None:
    with _lock:
        raw = _known.get(salt)
    return StoreKey(raw, salt) if raw is not None else None


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused, or None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"the passphrase must have at least {MIN_PASSPHRASE} characters"
    return None


def new_key(path: Path) -> StoreKey:
    """The key of a store about to be created at `path` (a fresh salt)."""
    salt = secrets.token_bytes(SALT_BYTES)
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase:
        return _remember(StoreKey(derive(passphrase, salt), salt), passphrase=True)
    ring = usable_keyring()
    if ring is not None:
        raw = secrets.token_bytes(KEY_BYTES)
        ring.set_password(KEYRING_SERVICE, salt.hex(), raw.hex())
        return _remember(StoreKey(raw, salt))
    asked = _ask(path, new=True, wrong=False)
    problem = passphrase_problem(asked)
    if problem is not None:
        raise StoreLockedError(f"{problem}; the store {path} was not created")
    return _remember(StoreKey(derive(asked, salt), salt), passphrase=True)


def existing_key(path: Path, salt: bytes, opens: Callable[[StoreKey], bool]) -> StoreKey:
    """The key that opens the encrypted file `path` whose salt is `salt`; `opens` tries a candidate."""
    held = known(salt)
    if held is not None:
        return held
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase:  # said explicitly: tried first (and looking at the keyring costs a third of a second)
        candidate = StoreKey(derive(passphrase, salt), salt)
        if opens(candidate):
            return _remember(candidate, passphrase=True)
    _keyring_warmed()
    ring = usable_keyring()
    if ring is not None:
        stored = ring.get_password(KEYRING_SERVICE, salt.hex())
        if stored:
            candidate = StoreKey(bytes.fromhex(stored), salt)
            if opens(candidate):
                return _remember(candidate)
    if passphrase and _asker is None:
        raise StoreLockedError(f"{ENV_PASSPHRASE} does not open {path}: it was encrypted with another passphrase")
    wrong = False
    for _ in range(TRIES):
        candidate = StoreKey(derive(_ask(path, new=False, wrong=wrong), salt), salt)
        if opens(candidate):
            return _remember(candidate, passphrase=True)
        wrong = True
    raise StoreLockedError(f"the passphrase does not open {path}")


def _ask(path: Path, *, new: bool, wrong: bool) -> str:
    answer = _asker(path, new=new, wrong=wrong) if _asker is not None else None
    if not answer:
        raise StoreLockedError(
            f"{path} is encrypted and no key for it is at hand: this machine has no keyring with its key, "
            f"{ENV_PASSPHRASE} is not set and nobody could be asked for the passphrase"
            if not new
            else f"no key for a new store at {path}: this machine has no keyring, {ENV_PASSPHRASE} is not set "
            "and nobody could be asked to choose a passphrase"
        )
    return answer


def remove_from_keyring(salt: bytes) -> None:
    """Forget the keyring entry of a store (remote wipe): its files cannot be opened on this machine again."""
    ring = usable_keyring()
    if ring is None:
        return
    try:
        ring.delete_password(KEYRING_SERVICE, salt.hex())
    except Exception:  # noqa: BLE001 - keyring backends raise their own "not found" types
        pass

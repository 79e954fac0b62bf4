"""The Argon2id hasher of account passwords, one for the server's accounts and the laptop's lock verifier.

`FIELDCRM_ARGON2_PROFILE=cheapest` exists for the test suite only, where hundreds of accounts are made and logged
in to. A hash names its own parameters, so any hasher verifies a hash whatever they were."""

from __future__ import annotations

import os

from argon2 import PasswordHasher


def password_hasher() -> PasswordHasher:
    if os.environ.get("FIELDCRM_ARGON2_PROFILE") == "cheapest":
        from argon2.profiles import CHEAPEST

        return PasswordHasher.from_parameters(CHEAPEST)
    return PasswordHasher()

"""Asking for the store's passphrase on the terminal, when the machine has no keyring and FIELDCRM_PASSPHRASE is
not set. Without a terminal (a script, a closed stdin) nobody is asked: the command stops with one sentence."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from fieldcrm.store.keys import ENV_PASSPHRASE, passphrase_problem

TRIES = 3


def ask_on_terminal(path: Path, *, new: bool, wrong: bool) -> str | None:
    stdin = sys.stdin
    if stdin is None or stdin.closed or not stdin.isatty():
        return None
    if wrong:
        print("That passphrase does not open the store; try again.", file=sys.stderr)
    if not new:
        return getpass.getpass(f"Passphrase of the FieldCRM store {path}: ")
    print(
        f"FieldCRM keeps its store encrypted ({path}) and this machine has no keyring to hold the key.\n"
        f"Choose a passphrase: you will type it whenever FieldCRM starts (scripts can set {ENV_PASSPHRASE}).",
        file=sys.stderr,
    )
    for _ in range(TRIES):
        first = getpass.getpass("New passphrase: ")
        problem = passphrase_problem(first)
        if problem is not None:
            print(f"{problem.capitalize()}.", file=sys.stderr)
            continue
        if getpass.getpass("The same passphrase again: ") == first:
            return first
        print("The two passphrases differ.", file=sys.stderr)
    return None

"""What every command shares: opening the profile's store, printing tables or JSON, one-line errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from fieldcrm.domain.errors import ServiceError
from fieldcrm.paths import AppPaths, resolve_paths
from fieldcrm.services import Services
from fieldcrm.store import Store, StoreError, cipher, keys, known_store_error


class CommandError(Exception):
    """A usage problem found by a command itself; printed as one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """A command's parser whose usage mistakes are one line (which option, why), like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {message} (see `{self.prog} --help`)\n")


def profile_paths(args: argparse.Namespace) -> AppPaths:
    """The profile's folders, made if missing; a data folder that cannot be one is a sentence, not a traceback."""
    paths = resolve_paths(getattr(args, "data_dir", None))
    try:
        return paths.ensure()
    except OSError as exc:
        where = f"the data folder '{paths.data}' (--data-dir or FIELDCRM_DATA_DIR)"
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            raise CommandError(f"{where} is a file, or lies inside one; give a folder (a new one is made)") from None
        raise CommandError(f"cannot make {where}: {exc.strerror or exc}; choose a folder you can write to") from None


def output_file(text: str, option: str, *, force: bool | None = None) -> Path:
    """A file a command is about to write, checked before any work is done: its folder must exist, and with
    `force` given (a command with a --force option) a file already there is replaced only when it is True."""
    target = Path(text).expanduser()
    if target.is_dir():
        raise CommandError(f"{option}: '{text}' is a folder; give a file name inside it")
    if force is False and target.exists():
        raise CommandError(f"{option}: '{text}' exists already; give --force to replace it, or another name")
    if not target.parent.is_dir():
        raise CommandError(
            f"{option}: there is no folder '{target.parent}'; create it first or choose another place for the file"
        )
    return target


@contextmanager
def writing(target: Path, option: str) -> Iterator[None]:
    """Writing `target`: a refusal from the disk (no permission, disk full) becomes one line naming the file."""
    try:
        yield
    except OSError as exc:
        raise CommandError(
            f"{option}: cannot write '{target}': {exc.strerror or exc}; choose a place you can write to"
        ) from None


def open_services(args: argparse.Namespace) -> Services:
    paths = profile_paths(args)
    store = Store.open(paths.database, paths.backups)
    from fieldcrm.cli.lock import require_unlock  # it imports this module

    try:
        require_unlock(args, store)
    except BaseException:
        store.close()
        raise
    return Services.for_store(store)


@contextmanager
def services_of(args: argparse.Namespace) -> Iterator[Services]:
    """The profile's services for one command; the store is closed when the command ends."""
    services = open_services(args)
    try:
        yield services
    finally:
        services.store.close()


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="table for people, json for scripts"
    )


def parse_day(text: str, field: str = "date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{field}: '{text}' is not a date; write it as YYYY-MM-DD") from None


def parse_time(text: str, field: str = "at") -> datetime:
    """A local wall-clock time typed as "YYYY-MM-DD HH:MM" (naive: the services read it as this laptop's zone)."""
    try:
        return datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        raise CommandError(f"{field}: '{text}' is not a time; write it as \"YYYY-MM-DD HH:MM\"") from None


def print_fields(pairs: Sequence[tuple[str, Any]]) -> None:
    """`label: value` lines for one record, labels aligned; empty values are left out."""
    shown = [(label, value) for label, value in pairs if value not in (None, "")]
    width = max((len(label) for label, _ in shown), default=0)
    for label, value in shown:
        print(f"{label + ':':<{width + 1}} {value}")


def print_json(data: Any) -> None:
    """`data` as JSON for scripts (times come as the store's codec writes them: ISO 8601 with their offset)."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> None:
    """A plain text table; `columns` are (key, heading). Widths count CJK characters as two."""

    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    cells = [[("" if r.get(k) is None else str(r.get(k))) for k, _ in columns] for r in rows]
    widths = [max([width(h)] + [width(c[i]) for c in cells]) for i, (_, h) in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    print(line([h for _, h in columns]))
    print(line(["-" * w for w in widths]))
    for c in cells:
        print(line(c))


def _in_their_language(args: argparse.Namespace, message: str) -> str:
    """A reason in the profile's language (the GUI's setting, else the system's), as the GUI shows it."""
    from fieldcrm.cli.language import localizer

    try:
        return localizer(resolve_paths(getattr(args, "data_dir", None)))(message)
    except Exception:  # noqa: BLE001 - the error itself matters more than its translation
        return message


def run_command(args: argparse.Namespace) -> int:
    """Run the parsed command; any error a user can act on becomes one line on stderr and a non-zero exit."""
    from fieldcrm.cli.passphrase import ask_on_terminal

    keys.set_asker(ask_on_terminal)
    try:
        result = args.func(args)
        return int(result or 0)
    except ServiceError as exc:
        print(f"error: {_in_their_language(args, str(exc))}", file=sys.stderr)
        return 1
    except (CommandError, StoreError) as exc:
        print(f"error: {_in_their_language(args, str(exc))}", file=sys.stderr)
        return 2
    except (cipher.Error, SQLAlchemyError) as exc:
        message = known_store_error(exc)
        if message is None:
            raise  # a bug: let the traceback show
        print(f"error: {message}", file=sys.stderr)
        return 3

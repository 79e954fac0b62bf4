"""`fieldcrm`: the GUI with no arguments, scripted commands otherwise (admins, scripts and our own tests)."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from fieldcrm import __version__
from fieldcrm.cli.common import CommandError, OneLineParser, run_command

log = logging.getLogger("fieldcrm.cli")

#: Modules under fieldcrm.cli that add commands, in help order; each has `register(subparsers)` setting `func` on its
#: parsers. A `*_cmds` module not listed here is found anyway and listed after these.
COMMAND_MODULES = (
    "profile_cmds",
    "user_cmds",
    "customer_cmds",
    "visit_cmds",
    "report_cmds",
    "demo_cmds",
    "excel_cmds",
    "sync_cmds",
    "backup_cmds",
)


def command_modules() -> list[str]:
    """The command modules in help order: the listed ones, then any other `*_cmds` module of this package (a new
    area's commands need no line here)."""
    import pkgutil

    found = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmds"))
    return [*COMMAND_MODULES, *(name for name in found if name not in COMMAND_MODULES)]


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="fieldcrm", description="FieldCRM, the offline-first CRM for field sales.")
    parser.add_argument("--version", action="version", version=f"fieldcrm {__version__}")
    parser.add_argument(
        "--data-dir", help="keep the whole store in this folder (default: the user data folder; env FIELDCRM_DATA_DIR)"
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="say more on the console (-vv: debugging detail)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name in command_modules():
        importlib.import_module(f"fieldcrm.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        from fieldcrm.app import run_gui

        return run_gui(data_dir=args.data_dir, verbose=args.verbose)
    from fieldcrm.logs import setup_logging, teardown_logging
    from fieldcrm.paths import resolve_paths

    try:
        setup_logging(resolve_paths(args.data_dir).logs, args.verbose)
        log.info("fieldcrm %s: %s", __version__, args.command)
        return run_command(args)
    except BrokenPipeError:
        # Whoever read the output stopped early (`| head`): stop quietly, as other command-line tools do, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        teardown_logging()


__all__ = ["CommandError", "main"]

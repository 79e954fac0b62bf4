"""`fieldcrm backup [OUT]` and `fieldcrm restore FILE`: a checked copy of the whole store, and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldcrm.cli.common import CommandError, profile_paths
from fieldcrm.paths import resolve_paths
from fieldcrm.store import Store
from fieldcrm.store.backups import backup_now, inspect_backup, restore_backup, write_backup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy the whole store to a file, checked after writing")
    p.add_argument("out", nargs="?", help="file or folder to write (default: the profile's backups folder)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="put a backup back (the current store is kept as a backup first)")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


def cmd_backup(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.data_dir)
    if not paths.database.is_file():
        raise CommandError(f"there is no store in {paths.data} yet; nothing to back up")
    Store.open(paths.database, paths.backups).close()  # brought up to date (and checked) before it is copied
    if args.out is None:
        target = backup_now(paths.database, paths.backups, "manual")
    else:
        out = Path(args.out).expanduser()
        target = out / f"{paths.database.stem}-manual-backup.sqlite3" if out.is_dir() else out
        if not target.parent.is_dir():
            raise CommandError(f"out: the folder {target.parent} does not exist")
        if target.exists() and not args.force:
            raise CommandError(f"out: {target} exists already; give --force to replace it")
        write_backup(paths.database, target)
    info = inspect_backup(target)
    print(f"Backed up {info.customers} customers and {info.visits} visits to {target} ({_size(target)}), checked")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    paths = profile_paths(args)
    source = Path(args.file).expanduser()
    if source.resolve() == paths.database.resolve():
        raise CommandError("file: that is the store itself; choose a backup")
    info, kept = restore_backup(paths.database, paths.backups, source)
    Store.open(paths.database, paths.backups).close()  # a backup of an older schema is migrated now
    print(f"Restored {info.describe()}")
    if kept is not None:
        print(f"The store you had is kept as {kept}")
    return 0

"""Where FieldCRM writes what it does: a rotating log file in the profile's log folder, and a quiet console.

The file keeps INFO and above (DEBUG with `-vv`), five files of 2 MB; the console shows only warnings unless the
user asks for more with `-v`. Log lines never carry customer data: the store's engine hides SQL parameters, and
messages name ids and counts, not names or numbers.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "fieldcrm.log"
MAX_BYTES = 2_000_000
KEEP_FILES = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_MARK = "_fieldcrm_handler"  # our handlers on the root logger, replaced when logging is set up again


def console_level(verbose: int) -> int:
    return logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG


def setup_logging(log_dir: Path | None, verbose: int = 0, *, console: bool = True) -> Path | None:
    """Log to `log_dir/fieldcrm.log` (rotating) and, if `console`, to stderr at the level `verbose` asks for.

    Called again (each CLI command run in one process, a profile switch), it replaces what it set up before.
    Returns the log file, or None when the folder cannot be written (then only the console logs)."""
    teardown_logging()
    root = logging.getLogger()
    setattr(root, _MARK + "_level", root.level)
    level = logging.DEBUG if verbose >= 2 else logging.INFO
    root.setLevel(level)
    path = None
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            path = log_dir / LOG_NAME
            file_handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=KEEP_FILES, encoding="utf-8", delay=True
            )
        except OSError:
            path = None
        else:
            file_handler.setLevel(level)
            file_handler.setFormatter(logging.Formatter(FORMAT))
            setattr(file_handler, _MARK, True)
            root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(console_level(verbose))
        stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        setattr(stream, _MARK, True)
        root.addHandler(stream)
    # Alembic says INFO for every step it takes: in the file, not on the console.
    logging.getLogger("alembic").setLevel(logging.INFO)
    return path


def teardown_logging() -> None:
    """Remove what `setup_logging` added (a command run in-process leaves the caller's logging as it was)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
    previous = getattr(root, _MARK + "_level", None)
    if previous is not None:
        root.setLevel(previous)


def last_lines(log_dir: Path, count: int = 40) -> list[str]:
    """The newest `count` lines of the log, for a crash report (empty when there is no log yet)."""
    path = log_dir / LOG_NAME
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 64_000))
            tail = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return tail.splitlines()[-count:]

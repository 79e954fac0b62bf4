"""What the command line says and where it keeps a record: a quiet console, a rotating log file per profile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldcrm import __version__
from fieldcrm.logs import last_lines, setup_logging, teardown_logging


def fieldcrm(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "fieldcrm", "--data-dir", str(folder), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_console_stays_quiet_and_the_log_file_keeps_the_record(tmp_path: Path) -> None:
    done = fieldcrm(tmp_path / "p", "init", "--name", "张伟", "--role", "rep")
    assert done.returncode == 0 and done.stdout.startswith("Profile ready")
    assert done.stderr == ""  # no INFO:alembic lines at every start
    log = (tmp_path / "p" / "logs" / "fieldcrm.log").read_text(encoding="utf-8")
    assert f"fieldcrm {__version__}: init" in log and "alembic" in log  # the migration steps are on record
    assert "张伟" not in log  # command arguments (a customer's name, a person's) are never logged

    loud = fieldcrm(tmp_path / "p", "-v", "customers", "list")
    assert f"fieldcrm {__version__}: customers" in loud.stderr


def test_the_log_rotates_and_a_report_reads_its_newest_lines(tmp_path: Path) -> None:
    import logging

    setup_logging(tmp_path, console=False)
    try:
        for n in range(40_000):
            logging.getLogger("fieldcrm.test").info("line %05d %s", n, "x" * 60)
    finally:
        teardown_logging()
    files = sorted(p.name for p in tmp_path.glob("fieldcrm.log*"))
    assert files[0] == "fieldcrm.log" and 2 <= len(files) <= 6  # 2 MB each, five old ones kept
    assert last_lines(tmp_path, 3)[-1].endswith("line 39999 " + "x" * 60)

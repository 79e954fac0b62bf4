"""Release check of the built desktop app: start `dist/FieldCRM/FieldCRM` as a rep would, on a fresh data folder.

    scripts/build.sh && python3 scripts/smoke_bundle.py [--bundle dist/FieldCRM]

Runs `--version`, `init` (and checks the store it wrote is encrypted), `demo --customers 100`, a listing, an import
preview and an export, and then the GUI offscreen until its main window is ready (FIELDCRM_SMOKE_TEST makes it quit
then); prints each step's time, the bundle's size, and exits non-zero with the step's output if anything fails.
Needs nothing but the standard library.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def step(name: str, command: list[str], env: dict[str, str], expect: str, timeout: float = 300) -> float:
    started = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        sys.exit(f"smoke test: {name} did not finish within {timeout:.0f} s")
    seconds = time.perf_counter() - started
    if done.returncode != 0 or expect not in done.stdout:
        sys.exit(
            f"smoke test: {name} failed (exit {done.returncode}, expected {expect!r} in its output)\n"
            f"--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
        )
    print(f"{name:<28} {seconds:6.2f} s")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "FieldCRM")
    args = parser.parse_args()
    exe = args.bundle / ("FieldCRM.exe" if os.name == "nt" else "FieldCRM")
    if not exe.is_file():
        sys.exit(f"smoke test: no bundle at {exe}; build it first with scripts/build.sh")
    print(f"bundle {args.bundle}: {size_mb(args.bundle):.0f} MB")
    with tempfile.TemporaryDirectory(prefix="fieldcrm-smoke-") as folder:
        data = Path(folder) / "profile"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "FIELDCRM_NO_KEYRING": "1",
            "FIELDCRM_PASSPHRASE": "smoke-test passphrase",  # no keyring here: the store's key comes from this
            "XDG_CONFIG_HOME": str(Path(folder) / "config"),  # Qt's own settings stay in the temporary folder
        }
        env.pop("FIELDCRM_DATA_DIR", None)
        base = [str(exe), "--data-dir", str(data)]
        step("--version", [str(exe), "--version"], env, "fieldcrm ")
        step("init", [*base, "init", "--name", "张伟", "--role", "rep", "--team", "华东一组"], env, "Profile ready")
        if (data / "fieldcrm.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00":
            sys.exit("smoke test: the bundle wrote a plain, unencrypted store")
        workbook = str(Path(folder) / "客户名单.xlsx")
        step("demo --customers 100", [*base, "demo", "--customers", "100", "--workbook", workbook], env, "customers")
        step("customers list", [*base, "customers", "list", "--limit", "5"], env, "张伟")
        step("import --dry-run", [*base, "import", workbook, "--dry-run"], env, "new")
        step("export", [*base, "export", str(Path(folder) / "out.xlsx")], env, "out.xlsx")
        smoke = {**env, "FIELDCRM_SMOKE_TEST": "1"}
        step("cold start to main window", base, smoke, "main window ready", timeout=120)
        logs = list((data / "logs").glob("fieldcrm.log*"))
        if not logs:
            sys.exit("smoke test: the app wrote no log file")
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

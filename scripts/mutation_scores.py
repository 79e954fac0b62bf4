"""Per-module mutation scores from mutmut's results in mutants/ (run scripts/mutation.sh first).

Killed counts mutants that made a test fail or time out; the score is killed / (killed + survived + no tests).
Mutants not checked yet (a run limited to some modules) are left out of both."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code


def scores(root: Path) -> dict[str, dict[str, int]]:
    by_module: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for meta in sorted(root.glob("src/fieldcrm/**/*.py.meta")):
        module = str(meta.relative_to(root / "src"))[: -len(".py.meta")].replace("/", ".")
        for exit_code in json.loads(meta.read_text())["exit_code_by_key"].values():
            status = "not checked" if exit_code is None else status_by_exit_code[exit_code]
            by_module[module][status] += 1
    return by_module


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "mutants")
    total_killed = total_checked = 0
    print(f"{'module':42} {'killed':>7} {'total':>6} {'score':>7}  (survived, no tests, not checked)")
    for module, counts in scores(root).items():
        killed = counts["killed"] + counts["timeout"]
        checked = killed + counts["survived"] + counts["no tests"]
        if not checked and not counts["not checked"]:
            continue
        total_killed += killed
        total_checked += checked
        score = f"{100 * killed / checked:6.1f}%" if checked else "      -"
        rest = f"({counts['survived']}, {counts['no tests']}, {counts['not checked']})"
        print(f"{module:42} {killed:7} {checked:6} {score}  {rest}")
    if total_checked:
        print(f"{'all':42} {total_killed:7} {total_checked:6} {100 * total_killed / total_checked:6.1f}%")


if __name__ == "__main__":
    main()

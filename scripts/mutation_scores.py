"""Per-module mutation scores from mutmut's results in mutants/ (run scripts/mutation.sh first).

Killed counts mutants that made a test fail or time out; the score is killed / (killed + survived + no tests).
Mutants not checked yet (a run limited to some modules) are left out of both.

    uv run python scripts/mutation_scores.py                       # the table, every module
    uv run python scripts/mutation_scores.py --draw 1500 --seed 2026 --prefix fieldcrm.services. > sample.txt
    uv run python scripts/mutation_scores.py --draw 1500 --prefix fieldcrm. --leave-out fieldcrm.services. >> sample.txt
    scripts/mutation.sh $(cat sample.txt)                           # run just those
    uv run python scripts/mutation_scores.py --sample sample.txt   # modules with a sampled mutant: the sample only

A uniform random sample of a large set of modules (services/: 7,560 mutants, hours on two cores) estimates its score
with a 95% interval; the overall line then weighs the sampled set by its full size."""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

#: The modules the issue sets the higher target for.
STRICT = ("fieldcrm.domain.", "fieldcrm.server.checks")


def exit_codes(root: Path) -> dict[str, dict[str, int | None]]:
    """{module: {mutant name: exit code (None: not checked)}}."""
    found = {}
    for meta in sorted(root.glob("src/fieldcrm/**/*.py.meta")):
        module = str(meta.relative_to(root / "src"))[: -len(".py.meta")].replace("/", ".")
        found[module] = json.loads(meta.read_text())["exit_code_by_key"]
    return found


def scores(root: Path, sample: set[str] | None = None) -> dict[str, dict[str, int]]:
    """Counts by status per module; a module with a mutant in `sample` counts only its sampled mutants."""
    by_module: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for module, codes in exit_codes(root).items():
        if sample and any(name in sample for name in codes):
            by_module[module]["sampled from"] = len(codes)
            codes = {name: code for name, code in codes.items() if name in sample}
        for exit_code in codes.values():
            status = "not checked" if exit_code is None else status_by_exit_code[exit_code]
            by_module[module][status] += 1
    return by_module


class Tally:
    """Killed and checked mutants of some modules. A sampled module counts as its population (`sampled from`) with
    its sample's share killed (post-stratified by module: each module's sample is uniform within it), and adds its
    sampling variance; a sampled module none of whose sampled mutants was checked is left out, and counted."""

    def __init__(self) -> None:
        self.killed = 0.0
        self.total = 0
        self.variance = 0.0
        self.sampled = False
        self.left_out = 0

    def add(self, counts: dict[str, int], killed: int, checked: int) -> None:
        population = counts.get("sampled from", 0)
        if not population:
            self.killed += killed
            self.total += checked
            return
        self.sampled = True
        if not checked:
            self.left_out += population
            return
        p = killed / checked
        fpc = max(0.0, (population - checked) / max(1, population - 1))
        self.killed += p * population
        self.total += population
        self.variance += population**2 * p * (1 - p) / checked * fpc

    def line(self, label: str) -> str:
        if not self.total:
            return f"{label:42}       -"
        score = 100 * self.killed / self.total
        if not self.sampled:
            return f"{label:42} {round(self.killed):7} {self.total:6} {score:6.1f}%"
        margin = 100 * 1.96 * math.sqrt(self.variance) / self.total
        unseen = (
            f"; {self.left_out} mutants of modules with no sampled mutant checked left out" if self.left_out else ""
        )
        return f"{label:42} est. {score:5.1f}% ± {margin:.1f} of {self.total} mutants{unseen}"


def table(root: Path, sample: set[str] | None) -> None:
    strict, overall = Tally(), Tally()
    print(f"{'module':42} {'killed':>7} {'total':>6} {'score':>7}  (survived, no tests, not checked)")
    for module, counts in scores(root, sample).items():
        killed = counts["killed"] + counts["timeout"]
        checked = killed + counts["survived"] + counts["no tests"]
        if not checked and not counts["not checked"]:
            continue
        overall.add(counts, killed, checked)
        if module.startswith(STRICT):
            strict.add(counts, killed, checked)
        score = f"{100 * killed / checked:6.1f}%" if checked else "      -"
        rest = f"({counts['survived']}, {counts['no tests']}, {counts['not checked']})"
        sampled = f"  sample of {counts['sampled from']}" if counts.get("sampled from") else ""
        print(f"{module:42} {killed:7} {checked:6} {score}  {rest}{sampled}")
    print(strict.line("domain/ and server/checks.py"))
    print(overall.line("all"))


def draw(root: Path, size: int, seed: int, prefix: str, leave_out: str | None = None) -> None:
    """Print `size` mutant names drawn uniformly (with `seed`) from the modules starting with `prefix` (and not with
    `leave_out`)."""
    names = [
        n
        for module, codes in exit_codes(root).items()
        if module.startswith(prefix) and not (leave_out and module.startswith(leave_out))
        for n in sorted(codes)
    ]
    for name in sorted(random.Random(seed).sample(names, min(size, len(names)))):
        print(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", nargs="?", default="mutants", type=Path)
    parser.add_argument("--sample", type=Path, help="a file of mutant names (one a line): score those modules by it")
    parser.add_argument("--draw", type=int, metavar="N", help="print N mutant names drawn at random, and stop")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--prefix", default="fieldcrm.services.", help="the modules --draw draws from")
    parser.add_argument("--leave-out", help="modules --draw leaves out (a prefix)")
    args = parser.parse_args()
    if args.draw:
        draw(args.root, args.draw, args.seed, args.prefix, args.leave_out)
        return
    sample = set(args.sample.read_text().split()) if args.sample else None
    table(args.root, sample)


if __name__ == "__main__":
    main()

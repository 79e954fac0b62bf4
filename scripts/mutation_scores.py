"""Per-module mutation scores from mutmut's results in mutants/ (run scripts/mutation.sh first).

Killed counts mutants that made a test fail or time out; the score is killed / (killed + survived + no tests).
Mutants not checked yet (a run limited to some modules) are left out of both.

    uv run python scripts/mutation_scores.py                       # the table, every module
    uv run python scripts/mutation_scores.py --draw 1500 --seed 2026 --prefix fieldcrm.services. > sample.txt
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
    """Killed and checked mutants of some modules; of sampled modules, also the population the sample was drawn from."""

    def __init__(self) -> None:
        self.killed = self.checked = self.population = 0
        self.sampled_killed = self.sampled_checked = 0

    def add(self, counts: dict[str, int], killed: int, checked: int) -> None:
        if counts.get("sampled from"):
            self.sampled_killed += killed
            self.sampled_checked += checked
            self.population += counts["sampled from"]
        else:
            self.killed += killed
            self.checked += checked

    def line(self, label: str) -> str:
        if not self.sampled_checked:
            if not self.checked:
                return f"{label:42}       -"
            return f"{label:42} {self.killed:7} {self.checked:6} {100 * self.killed / self.checked:6.1f}%"
        p = self.sampled_killed / self.sampled_checked
        total = self.checked + self.population
        estimate = (self.killed + p * self.population) / total
        # A uniform sample without replacement: its standard error, scaled by the sampled share of the whole.
        fpc = math.sqrt(max(0.0, (self.population - self.sampled_checked) / max(1, self.population - 1)))
        margin = 1.96 * math.sqrt(p * (1 - p) / self.sampled_checked) * fpc * self.population / total
        return (
            f"{label:42} est. {100 * estimate:5.1f}% ± {100 * margin:.1f}  (full modules {self.killed}/{self.checked};"
            f" sample {self.sampled_killed}/{self.sampled_checked} of {self.population})"
        )


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


def draw(root: Path, size: int, seed: int, prefix: str) -> None:
    """Print `size` mutant names drawn uniformly (with `seed`) from the modules starting with `prefix`."""
    names = [n for module, codes in exit_codes(root).items() if module.startswith(prefix) for n in sorted(codes)]
    for name in sorted(random.Random(seed).sample(names, min(size, len(names)))):
        print(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", nargs="?", default="mutants", type=Path)
    parser.add_argument("--sample", type=Path, help="a file of mutant names (one a line): score those modules by it")
    parser.add_argument("--draw", type=int, metavar="N", help="print N mutant names drawn at random, and stop")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--prefix", default="fieldcrm.services.", help="the modules --draw draws from")
    args = parser.parse_args()
    if args.draw:
        draw(args.root, args.draw, args.seed, args.prefix)
        return
    sample = set(args.sample.read_text().split()) if args.sample else None
    table(args.root, sample)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Any benchmark of an older revision and of this checkout, side by side in one run, alternating (before, after,
# before, after, ...) so a noisy machine weighs on both alike.
#   benchmarks/compare.sh REV PAIRS SCRIPT [script options]
# e.g. benchmarks/compare.sh 1a2b3c4 2 benchmarks/store_bench.py --customers 20000
# (benchmarks/compare_sync.sh runs it for the sync benchmark and keeps only its (b) and (c) lines.)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?which revision to compare with}
pairs=${2:?how many before/after pairs}
script=${3:?which benchmark script}
shift 3
before=$(mktemp -d /tmp/fieldcrm-before.XXXXXX)
trap 'git worktree remove --force "$before" >/dev/null 2>&1 || rm -rf "$before"' EXIT
git worktree add --detach --quiet "$before" "$rev"
(cd "$before" && uv sync --locked --quiet)
uv sync --locked --quiet
for i in $(seq "$pairs"); do
  for side in before after; do
    dir=$([ "$side" = before ] && echo "$before" || pwd)
    echo "== $side ($( git -C "$dir" rev-parse --short HEAD )), pair $i"
    (cd "$dir" && uv run --no-sync python "$script" "$@") || echo "(the benchmark exited with status $?: a target not met, or a failure)"
  done
done

#!/usr/bin/env bash
# Sync benchmark (b) and (c) of an older revision and of this checkout, side by side in one run, alternating
# (before, after, before, after, ...) so a noisy machine weighs on both alike.
#   benchmarks/compare_sync.sh REV [PAIRS] [sync_bench.py options]
# e.g. benchmarks/compare_sync.sh 5229af7~1 2 --customers 20000 --visits 100000 --reps 100
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?which revision to compare with}
pairs=${2:-2}
shift $(( $# >= 2 ? 2 : 1 ))
before=$(mktemp -d /tmp/fieldcrm-before.XXXXXX)
trap 'git worktree remove --force "$before" >/dev/null 2>&1 || rm -rf "$before"' EXIT
git worktree add --detach --quiet "$before" "$rev"
(cd "$before" && uv sync --locked --quiet)
uv sync --locked --quiet
for i in $(seq "$pairs"); do
  for side in before after; do
    dir=$([ "$side" = before ] && echo "$before" || pwd)
    echo "== $side ($( git -C "$dir" rev-parse --short HEAD )), pair $i"
    (cd "$dir" && uv run --no-sync python benchmarks/sync_bench.py "$@") | grep -E '^\((b|c)\)|^ {4}'
  done
done

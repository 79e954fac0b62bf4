#!/usr/bin/env bash
# Sync benchmark (b) and (c) of an older revision and of this checkout, side by side in one run, alternating
# (before, after, before, after, ...) so a noisy machine weighs on both alike: benchmarks/compare.sh, keeping only
# the (b) and (c) lines.
#   benchmarks/compare_sync.sh REV [PAIRS] [sync_bench.py options]
# e.g. benchmarks/compare_sync.sh 5229af7~1 2 --customers 20000 --visits 100000 --reps 100
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?which revision to compare with}
pairs=${2:-2}
shift $(( $# >= 2 ? 2 : 1 ))
benchmarks/compare.sh "$rev" "$pairs" benchmarks/sync_bench.py "$@" | grep -E '^== |^\((b|c)\)|^ {4}|exited with status'

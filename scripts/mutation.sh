#!/usr/bin/env bash
# Mutation testing (mutmut 3) of the domain rules, the server's checks, merge and visibility, normalize and the
# services, with the tests that cover them: configured in pyproject.toml ([tool.mutmut]); scores and the survivors
# judged equivalent are in docs/testing.md. Not run in CI: a full run takes hours on two cores.
#
#   scripts/mutation.sh                                   # every mutant not checked yet (results are kept in mutants/)
#   scripts/mutation.sh 'fieldcrm.domain.*' 'fieldcrm.server.checks.*'   # these again, checked or not
#   rm -rf mutants && scripts/mutation.sh                 # from scratch
#   scripts/mutation.sh $(cat sample.txt)                 # a random sample (scripts/mutation_scores.py --draw)
#
# Then: `uv run mutmut results` lists the survivors, `uv run mutmut show NAME` shows one, `uv run mutmut apply NAME`
# writes it into src/ (revert with git).
set -euo pipefail
cd "$(dirname "$0")/.."
export FIELDCRM_ARGON2_PROFILE=cheapest QT_QPA_PLATFORM=offscreen
start=$(date +%s)
uv run mutmut run "$@"
uv run python scripts/mutation_scores.py ${MUTATION_SAMPLE:+--sample "$MUTATION_SAMPLE"}
echo "took $(( ($(date +%s) - start) / 60 )) minutes"

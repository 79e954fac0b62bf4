#!/usr/bin/env bash
# Build the desktop app into dist/FieldCRM/ (one folder: double-click FieldCRM, or FieldCRM.exe on Windows).
# Works from a clean checkout: a build environment of its own (build/venv) with only the runtime dependencies and
# PyInstaller, so nothing of the test tools rides along. Then `scripts/smoke_bundle.py` checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PROJECT_ENVIRONMENT="${FIELDCRM_BUILD_VENV:-build/venv}"
started=$(date +%s)
uv sync --locked --no-dev --group build --quiet
uv run --no-sync pyinstaller --noconfirm --clean --log-level WARN build.spec
size=$(du -sm dist/FieldCRM | cut -f1)
echo "built dist/FieldCRM/ (${size} MB) in $(( $(date +%s) - started )) s"

#!/usr/bin/env bash
# Lint, formatting and type checks; exits non-zero on the first failing one. Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
"$BIN/ruff" check .
"$BIN/ruff" format --check .
"$BIN/mypy"

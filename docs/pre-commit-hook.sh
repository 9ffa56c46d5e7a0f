#!/usr/bin/env bash
# factcheck as a git pre-commit hook: refuse a commit that adds new conflicts to the checked document set.
#
# Install:   cp docs/pre-commit-hook.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
# Or, with the pre-commit framework, add this to .pre-commit-config.yaml:
#
#   repos:
#     - repo: local
#       hooks:
#         - id: factcheck
#           name: factcheck (new conflicts)
#           entry: factcheck check docs/ --baseline factcheck-baseline.json --format github --fail-on conflict,variant
#           language: system
#           pass_filenames: false
#           files: ^(docs/|factcheck-baseline\.json$|pyproject\.toml$)
#
# Settings (environment): FACTCHECK_DOCS (default docs/), FACTCHECK_BASELINE (default factcheck-baseline.json),
# FACTCHECK_FAIL_ON (default conflict,variant), FACTCHECK (the command, default `factcheck`).
# Skip once with `git commit --no-verify`. Accept the current findings with
#   factcheck baseline docs/ -o factcheck-baseline.json && git add factcheck-baseline.json
set -euo pipefail

DOCS="${FACTCHECK_DOCS:-docs/}"
BASELINE="${FACTCHECK_BASELINE:-factcheck-baseline.json}"
FAIL_ON="${FACTCHECK_FAIL_ON:-conflict,variant}"
FACTCHECK="${FACTCHECK:-factcheck}"

cd "$(git rev-parse --show-toplevel)"

# Only run when the commit touches the documents, the baseline or the settings.
if [ -z "$(git diff --cached --name-only -- "$DOCS" "$BASELINE" pyproject.toml)" ]; then
  exit 0
fi

if ! command -v "$FACTCHECK" >/dev/null 2>&1; then
  echo "pre-commit: '$FACTCHECK' not found; install factcheck or set FACTCHECK=/path/to/factcheck" >&2
  exit 1
fi

# Check what is staged, not the working tree: export the staged documents, baseline and settings.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git ls-files -z -- "$DOCS" "$BASELINE" pyproject.toml | xargs -0 git checkout-index --prefix="$tmp/" --

report="$PWD/.factcheck-report.md"
args=(check "$DOCS" --fail-on "$FAIL_ON" --format md -o "$report")
if [ -f "$tmp/$BASELINE" ]; then
  args+=(--baseline "$BASELINE")
fi

set +e
(cd "$tmp" && "$FACTCHECK" "${args[@]}")
status=$?
set -e

case "$status" in
  0) exit 0 ;;
  1) echo "pre-commit: factcheck found new findings ($FAIL_ON); see .factcheck-report.md." >&2
     echo "            Fix the documents, or accept them: factcheck baseline $DOCS -o $BASELINE" >&2
     exit 1 ;;
  *) echo "pre-commit: factcheck could not run (exit $status); see the message above." >&2
     exit "$status" ;;
esac

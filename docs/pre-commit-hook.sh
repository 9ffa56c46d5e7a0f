#!/usr/bin/env bash
# factcheck as a plain git pre-commit hook: refuse a commit that adds new conflicts to the checked document set.
# (With the pre-commit framework, use the hooks of .pre-commit-hooks.yaml instead; docs/ci.md shows the entry.)
#
# Install:   cp docs/pre-commit-hook.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
#
# It checks what is staged, with the repository's [tool.factcheck] settings (pyproject.toml): the documents of
# `paths`, the `baseline` file, `fail_on`, `exclude` and `ignore`. While the baseline file is not written yet,
# every finding counts as new: the hook fails only if the documents hold findings of a failing kind, and says
# how to accept them. Settings (environment): FACTCHECK_DOCS (documents to check instead of `paths`),
# FACTCHECK_FAIL_ON (instead of `fail_on`), FACTCHECK (the command, default `factcheck`).
# Skip once with `git commit --no-verify`. Accept the current findings with
#   factcheck baseline && git add factcheck-baseline.json
set -euo pipefail

FACTCHECK="${FACTCHECK:-factcheck}"
read -r -a docs <<< "${FACTCHECK_DOCS:-}" || true

cd "$(git rev-parse --show-toplevel)"

# Only run when the commit touches a document, the settings or a baseline.
if ! git diff --cached --name-only --diff-filter=ACMRD \
     | grep -Eq '\.(txt|text|md|markdown|html?|jsonl?|csv|pdf|docx)$|(^|/)pyproject\.toml$'; then
  exit 0
fi

if ! command -v "$FACTCHECK" >/dev/null 2>&1; then
  echo "pre-commit: '$FACTCHECK' not found; install factcheck-claims or set FACTCHECK=/path/to/factcheck" >&2
  exit 1
fi

# Check what is staged, not the working tree: export the staged files into a scratch copy of the repository.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git checkout-index --all --prefix="$tmp/"
mkdir "$tmp/.git"  # the settings walk stops at the copy's root, as it would at the repository's

report="$PWD/.factcheck-report.md"
args=(check ${docs[@]+"${docs[@]}"} --format md -o "$report")
if [ -n "${FACTCHECK_FAIL_ON:-}" ]; then
  args+=(--fail-on "$FACTCHECK_FAIL_ON")
fi

status=0
(cd "$tmp" && "$FACTCHECK" "${args[@]}") || status=$?

case "$status" in
  0) exit 0 ;;
  1) echo "pre-commit: factcheck found new findings; see .factcheck-report.md." >&2
     echo "            Fix the documents, or accept them: factcheck baseline (all), or [tool.factcheck.ignore] (one)" >&2
     exit 1 ;;
  *) echo "pre-commit: factcheck could not run (exit $status); see the message above." >&2
     exit "$status" ;;
esac

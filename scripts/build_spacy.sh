#!/usr/bin/env bash
# Replace the venv's spaCy with the same version compiled without Cython's profiling hooks.
#
# spaCy's setup.py turns Cython's `profile` directive on for Python below 3.12, so its wheels for those
# Pythons carry a hook at every compiled function; in the parser's GIL-free state functions each hook takes
# the GIL. On this project's Python 3.11 that is most of NER's CPU: the entity pass runs 2.6-2.8x faster
# without them, with identical entities (benchmarks/README.md, "spaCy without profiling hooks").
#
# Usage: scripts/build_spacy.sh PYTHON   (the venv's interpreter). Builds once per spaCy version and Python,
# keeps the wheel in ~/.cache/factcheck-build, and installs it with --no-deps. Exits non-zero on any failure,
# leaving the installed spaCy as it was.
set -euo pipefail
PY="$1"
RECIPE=1  # bump when the build below changes, so that a cached wheel of the old recipe is not reused
read -r VERSION TAG < <("$PY" -c "import sys; from importlib.metadata import version; print(version('spacy'), f'cp{sys.version_info[0]}{sys.version_info[1]}')")
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/factcheck-build/spacy-$VERSION-$TAG-r$RECIPE"
if ! ls "$CACHE"/spacy-*.whl >/dev/null 2>&1; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  "$PY" -m pip download -q --no-deps --no-binary spacy "spacy==$VERSION" -d "$WORK"
  tar -xzf "$WORK/spacy-$VERSION.tar.gz" -C "$WORK"
  SRC="$WORK/spacy-$VERSION"
  # the one change: the profile directive off (it reads `"profile": sys.version_info < (3, 12),` upstream)
  sed -i 's/^\(\s*"profile":\).*$/\1 False,/' "$SRC/setup.py"
  grep -q '^\s*"profile": False,$' "$SRC/setup.py" || { echo "build_spacy: no profile directive in setup.py" >&2; exit 1; }
  SPACY_NUM_BUILD_JOBS="$(nproc 2>/dev/null || echo 2)" "$PY" -m pip wheel -q --no-deps -w "$WORK/wheel" "$SRC"
  mkdir -p "$CACHE"
  cp "$WORK"/wheel/spacy-*.whl "$CACHE/"
fi
"$PY" -m pip install -q --no-deps --force-reinstall "$CACHE"/spacy-*.whl

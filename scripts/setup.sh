#!/usr/bin/env bash
# Create .venv and install factcheck with its pinned CPU torch first (an unpinned torch pulls a CUDA build).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -x .venv/bin/factcheck ] || ! .venv/bin/python -c "import sys; sys.modules['openvino_telemetry'] = None; import torch, sentence_transformers, spacy, pdfminer, docx, onnxruntime, onnx, openvino" >/dev/null 2>&1 \
   || ! .venv/bin/python -c "import pytest, hypothesis, mypy, reportlab, jsonschema, pre_commit, yaml, ray.data" >/dev/null 2>&1 || [ ! -x .venv/bin/ruff ] || [ ! -x .venv/bin/actionlint ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q "torch==2.13.0"
  # the ray extra too, so that the Ray engine tests run (a 2-CPU local cluster; about 4 minutes of the suite)
  .venv/bin/python -m pip install -q -e ".[test,lint,ray]"
fi
# spaCy's wheels for this Python carry Cython's profiling hooks, which make NER 2.6-2.8x slower: build the same
# version without them, once (a few minutes; the wheel is kept in ~/.cache/factcheck-build). A failed build
# keeps the wheel and says so; FACTCHECK_SPACY_WHEEL=1 keeps it without building.
NOTE=.venv/factcheck-spacy-build.txt
HOOKS="import sys; from factcheck.extract.spacy_build import profiling_hooks; sys.exit(0 if profiling_hooks() else 1)"
if ! .venv/bin/python -c "$HOOKS"; then
  grep -q "^built" "$NOTE" 2>/dev/null || echo "spaCy has no profiling hooks" > "$NOTE"
elif [ "${FACTCHECK_SPACY_WHEEL:-0}" = 1 ]; then
  echo "kept spaCy's wheel: FACTCHECK_SPACY_WHEEL=1" > "$NOTE"
elif grep -q "build failed" "$NOTE" 2>/dev/null; then
  echo "setup: warning: spaCy keeps its profiling hooks (an earlier build failed: .venv/factcheck-spacy-build.log;" \
    "delete $NOTE to try again)" >&2
else
  echo "setup: building spaCy without Cython's profiling hooks (once; a few minutes) ..." >&2
  if scripts/build_spacy.sh .venv/bin/python > .venv/factcheck-spacy-build.log 2>&1 && ! .venv/bin/python -c "$HOOKS"; then
    echo "built without profiling hooks" > "$NOTE"
  else
    echo "kept spaCy's wheel: the build failed (.venv/factcheck-spacy-build.log)" > "$NOTE"
    echo "setup: warning: spaCy could not be built without its profiling hooks; NER stays 2.6-2.8x slower" \
      "(see .venv/factcheck-spacy-build.log)" >&2
  fi
fi

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

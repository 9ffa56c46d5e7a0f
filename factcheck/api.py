"""The Python API behind `import factcheck`: check documents into a Report, and the report's tables as DataFrames."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Document, Report

if TYPE_CHECKING:
    import pandas

    from .embed import Embedder
    from .pipeline import OnStage, Progress

STDIN = "-"  # the path that stands for standard input
SETTINGS = ("model", "threshold", "cache_dir", "max_bytes", "backend", "group", "compare")


def check(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    on_stage: OnStage | None = None,
    **settings: Any,
) -> Report:
    """Check files and folders (`"-"` reads standard input) and return the Report.

    `settings` are those of `[tool.factcheck]` that shape a run: model, threshold, cache_dir, max_bytes, backend.
    `progress(stage, done, total)` hears embedding progress and `on_stage(name, seconds)` each stage's end.
    """
    from .pipeline import Settings, check_documents

    unknown = sorted(set(settings) - {f.name for f in fields(Settings)})
    if unknown:
        raise TypeError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(SETTINGS)}")
    chosen = Settings(**settings)
    clock = time.perf_counter()
    docs = load_inputs([paths] if isinstance(paths, (str, os.PathLike)) else list(paths), chosen.max_bytes)
    if on_stage is not None:
        on_stage("ingest", time.perf_counter() - clock)
    return check_documents(docs, chosen, embedder, progress, on_stage)


def load_inputs(
    paths: list[str | os.PathLike[str]], max_bytes: int, load: Callable[[list[str], int], list[Document]] | None = None
) -> list[Document]:
    """Ingest files and folders; `-` is standard input, read once, as one document with the id `stdin`.

    `load(files, max_bytes)` reads the files (default ingest.load_documents; the Ray engine passes its own).
    """
    from .ingest import load_documents

    names = [os.fspath(p) for p in paths]
    files = [p for p in names if p != STDIN]
    docs = (load or load_documents)(files, max_bytes) if files else []
    if STDIN in names:
        taken = {d.id for d in docs}
        doc_id = next(i for i in ("stdin", *(f"stdin~{n}" for n in range(2, len(taken) + 3))) if i not in taken)
        docs += stdin_documents(sys.stdin.buffer.read(), doc_id, max_bytes)
    return sorted(docs, key=lambda d: d.id)


def stdin_documents(data: bytes, doc_id: str, max_bytes: int) -> list[Document]:
    """Documents from bytes read on standard input; the format (HTML, JSON, JSONL or text) is sniffed."""
    from .ingest import read_file

    with tempfile.TemporaryDirectory(prefix="factcheck-stdin-") as folder:
        path = Path(folder) / f"stdin{_suffix(data)}"
        path.write_bytes(data)
        docs = read_file(path, doc_id, max_bytes)
    return [replace(d, path=STDIN) for d in docs]


def _suffix(data: bytes) -> str:
    """The file type standard input looks like: .html, .json, .jsonl or .txt."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p>", b"<div")):
        return ".html"
    if head.startswith(b"["):
        return ".json"
    if head.startswith(b"{"):
        lines = [ln for ln in data.splitlines() if ln.strip()]
        return ".jsonl" if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines) else ".json"
    return ".txt"


def frames(report: Report) -> dict[str, pandas.DataFrame]:
    """The report as pandas DataFrames: `claims`, `facts` and `findings` (one row per finding and claim).

    The `findings` frame holds the same rows as the CSV output.
    """
    import pandas as pd

    from .render.tables import CLAIM_COLUMNS, EVIDENCE_COLUMNS, FACT_COLUMNS, claim_rows, evidence_rows, fact_rows

    ints = {"line": "Int64", "start": "Int64", "end": "Int64"}
    out = {
        "claims": pd.DataFrame(claim_rows(report), columns=list(CLAIM_COLUMNS)),
        "facts": pd.DataFrame(fact_rows(report), columns=list(FACT_COLUMNS)),
        "findings": pd.DataFrame(evidence_rows(report), columns=list(EVIDENCE_COLUMNS)),
    }
    return {name: df.astype({k: v for k, v in ints.items() if k in df.columns}) for name, df in out.items()}

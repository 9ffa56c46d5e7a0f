"""What the command line needs that prints nothing: progress text, output targets, removed-line listings."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import Document, Report

STAGES = ("ingest", "segment", "embed", "extract", "group", "compare")  # embed runs while workers extract
SHOW_AFTER = 2.0  # seconds of a run before a live progress line appears (short runs stay silent)


class StageMeter:
    """The text of a progress line: stages done with their times, the stage running, embedding counts.

    Live (a terminal): one line rewritten in place, shown once the run has taken SHOW_AFTER seconds.
    Not live (-v without a terminal): one line per finished stage.
    """

    def __init__(self, live: bool, clock: float | None = None) -> None:
        self.live = live
        self.start = time.perf_counter() if clock is None else clock
        self.done: list[str] = []
        self.ended: set[str] = set()
        self.shown = False

    def stage(self, name: str, seconds: float) -> tuple[str, bool] | None:
        """(text, ends the line) to show as stage `name` ends, or None."""
        self.done.append(f"{name} {seconds:.1f} s")
        self.ended.add(name)
        if not self.live:
            return f"factcheck: {name} took {seconds:.2f} s", True
        last = name == STAGES[-1]
        following = None if last else next((s for s in STAGES if s not in self.ended), None)
        return self._line(f"{following} …" if following else None, last)

    def embedding(self, done: int, total: int) -> tuple[str, bool] | None:
        """(text, False) while texts are embedded, or None."""
        return self._line(f"embed {done}/{total} texts", False) if self.live else None

    def _line(self, running: str | None, last: bool) -> tuple[str, bool] | None:
        if not self.shown and time.perf_counter() - self.start < SHOW_AFTER:
            return None
        self.shown = True
        text = "factcheck: " + " · ".join(self.done + ([running] if running else []))
        return "\r\x1b[K" + text, last


def output_target(path: Path | None) -> Path | None:
    """The file a report goes to; None (standard output) for no path or `-`."""
    return None if path is None or str(path) == "-" else path


def links_from(output: Path | None) -> str | None:
    """The folder file links in a report are relative to: the output's folder, else the current one."""
    return None if output is None else os.path.dirname(os.fspath(output)) or "."


def dropped_lines(doc: Document) -> list[str]:
    """`path:line: removed (reason): text` for every line ingest left out of `doc` as page clutter."""
    lines = doc.text.split("\n")
    where = doc.path if doc.locator is None else f"{doc.path} ({doc.locator})"
    return [
        f"{where}:{doc.file_line(n)}: removed ({reason}): {' '.join(lines[n - 1].split())}"
        for n, reason in doc.dropped
        if n <= len(lines)
    ]


def clobbered(paths: list[str], outputs: Iterable[Path | None]) -> list[Path]:
    """The outputs that are source documents of a run over `paths` (writing them would destroy an input)."""
    from .ingest import clobbers_input

    files = [p for p in paths if p != "-"]
    return [out for out in outputs if out is not None and clobbers_input(files, out)]


def skip_lines(documents: Iterable[Document]) -> tuple[list[str], int]:
    """`path: skipped: reason` per skipped document, and how many skips are faults (not notes)."""
    from .ingest import is_note

    skipped = [d for d in documents if d.skipped]
    return [f"{d.path}: skipped: {d.skipped}" for d in skipped], sum(1 for d in skipped if not is_note(d.skipped))


def flags(fmt: str | None, fail_on: str | None, threshold: float | None, model: str | None, strict: bool | None,
          backend: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The settings `check` was given as flags (None: not given)."""
    return dict(format=fmt, fail_on=fail_on, threshold=threshold, model=model, strict=strict, backend=backend)


def check_config(config: Path | None, paths: list[str] | None, *given: Any) -> Any:
    """The Config of a `check` run: the settings file, then the flags given (as `flags` takes them)."""
    from .config import load_settings

    return load_settings(config, flags(*given), paths or [])


def rendered(report: Report, kind: str, gate: Any, output: Path | None) -> str:
    """The report in format `kind` for `output` (- or None: standard output); file links relative to its folder."""
    from .render import render

    return render(report, kind, gate, links_from(output_target(output)))


def claim_lines(path: str, config: Path | None, show_dropped: bool) -> list[str]:
    """What `factcheck claims` prints: each document's metadata (and removed lines), then claims with facts."""
    from .api import load_inputs
    from .config import load_settings
    from .pipeline import build_claims

    settings = load_settings(config, {}).settings
    docs = load_inputs([path], settings.max_bytes)
    cache = settings.cache()
    try:
        claims = build_claims(docs, cache)
    finally:
        cache.close()
    out = []
    for d in docs:
        out.append(f"# {d.id}  title={d.title!r} published={d.published} source={d.source} removed={len(d.dropped)}")
        out += [f"{d.path}: skipped: {d.skipped}"] if d.skipped else []
        out += dropped_lines(d) if show_dropped else []
    for c in claims:
        out.append(f"{c.doc}:{c.line}  {c.text}")
        for f in c.facts:
            extra = " ".join(
                x for x in (f.label and f"label={f.label}", f.qualifier and f"qualifier={f.qualifier}") if x
            )
            out.append(f"    {f.type:<9} {f.text!r} -> {f.value} {extra}".rstrip())
    return out


def score_golds(gold: list[Path], facts: Path | None, config: Path | None, hooks: dict[str, Any]) -> list[dict]:
    """Run the check on each gold set and score it; every gold and facts file is checked before the slow runs."""
    from .config import load_settings
    from .evaluate import load_gold, score
    from .pipeline import run_check

    settings = load_settings(config, {}).settings
    golds = [load_gold(str(path), str(facts) if facts else None) for path in gold]
    return [score(run_check([str(g.root)], settings, **hooks), g) for g in golds]


def statement_problem(name: str, text: str) -> str | None:
    """Why a `factcheck compare` statement cannot be compared (not UTF-8, empty), or None."""
    from .ingest.decode import sanitise

    if text != text.encode("utf-8", "replace").decode("utf-8"):
        return f"statement {name} is not valid UTF-8 text"
    if not sanitise(text).strip():
        return f"statement {name} is empty; give two statements to compare"
    return None

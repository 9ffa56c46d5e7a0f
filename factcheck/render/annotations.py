"""CI annotations: GitHub Actions workflow commands and SARIF 2.1.0, one location per cited claim."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..location import paged_locations
from ..model import Claim, Document, Finding, Report

if TYPE_CHECKING:
    from ..gate import GateResult

LEVEL = {"conflict": ("error", "error"), "variant": ("warning", "warning"), "unique": ("notice", "note")}
LINE_TRUE = (".txt", ".md", ".markdown", ".text")  # formats whose claim lines are the file's own lines


def _shown(report: Report, gate: GateResult | None) -> list[Finding]:
    """Findings worth annotating: not corroborated, and only new ones when a baseline is given."""
    new = set(gate.new) if gate is not None and gate.has_baseline else None
    return [f for f in report.findings if f.kind in LEVEL and (new is None or f.id in new)]


def _file_line(path: str, claim: Claim) -> int | None:
    """The claim's line in the file itself; None where ingest rebuilt the text (HTML, JSON, JSONL, CSV)."""
    return claim.line if PurePath(path).suffix.lower() in LINE_TRUE else None


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _uri(path: str) -> str:
    """A relative URI reference for a file path (forward slashes, percent-encoded)."""
    return quote(PurePath(path).as_posix())


def render_github(report: Report, gate: GateResult | None = None) -> str:
    """`::error file=...,line=...::message` lines that GitHub shows on the cited lines."""
    paths = {d.id: d.path for d in report.documents}
    claims = {c.id: c for c in report.claims}
    pages = paged_locations(report)  # a PDF or DOCX line is no file line: the message says page or paragraph
    lines = []
    for f in _shown(report, gate):
        level = LEVEL[f.kind][0]
        title = _escape(f"factcheck {f.kind} ({f.type}) {f.id}", prop=True)
        for cid in f.claims:
            c = claims[cid]
            path = paths.get(c.doc, c.doc)
            line = _file_line(path, c)
            where = f",line={line}" if line else ""
            note = f" ({pages[cid]})" if cid in pages else ""
            lines.append(f"::{level} file={_escape(path, prop=True)}{where},title={title}::{_escape(f.message + note)}")
    for d in report.documents:
        if d.skipped:
            lines.append(f"::warning file={_escape(d.path, prop=True)},title=factcheck skipped::{_escape(d.skipped)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _location(path: str, claim: Claim, page: str | None = None) -> dict[str, Any]:
    line = _file_line(path, claim)
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if line:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical, **({"message": {"text": page}} if page else {})}


def render_sarif(report: Report, gate: GateResult | None = None) -> str:
    """A SARIF 2.1.0 log for code-scanning tools."""
    shown = _shown(report, gate)
    rules = sorted({f"{f.kind}/{f.type}" for f in shown})
    skipped = [d for d in report.documents if d.skipped]
    if skipped:
        rules.append("skipped")
    driver = {
        "name": "factcheck",
        "informationUri": "https://pypi.org/project/factcheck/",
        "rules": [{"id": r, "shortDescription": {"text": r.replace("/", ": ")}} for r in rules],
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": _sarif_results(report, shown, skipped)}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_results(report: Report, shown: list[Finding], skipped: list[Document]) -> list[dict[str, Any]]:
    """One SARIF result per shown finding (located at every cited claim), then one per skipped document."""
    paths = {d.id: d.path for d in report.documents}
    claims = {c.id: c for c in report.claims}
    pages = paged_locations(report)
    results = [
        {
            "ruleId": f"{f.kind}/{f.type}",
            "level": LEVEL[f.kind][1],
            "message": {"text": f.message},
            "partialFingerprints": {"factcheck/v1": f.id},
            "locations": [
                _location(paths.get(claims[c].doc, claims[c].doc), claims[c], pages.get(c)) for c in f.claims
            ],
        }
        for f in shown
    ]
    return results + [
        {
            "ruleId": "skipped",
            "level": "warning",
            "message": {"text": f"{d.path}: skipped: {d.skipped}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}}}],
        }
        for d in skipped
    ]

"""CI annotations: GitHub Actions workflow commands and SARIF 2.1.0, one location per cited claim."""

from __future__ import annotations

import json

from ..model import Report

LEVEL = {"conflict": ("error", "error"), "variant": ("warning", "warning"), "unique": ("notice", "note")}


def _shown(report: Report, gate) -> list:
    """Findings worth annotating: not corroborated, and only new ones when a baseline is given."""
    new = set(gate.new) if gate is not None and gate.has_baseline else None
    return [f for f in report.findings if f.kind in LEVEL and (new is None or f.id in new)]


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(report: Report, gate=None) -> str:
    """`::error file=...,line=...::message` lines that GitHub shows on the cited lines."""
    paths = {d.id: d.path for d in report.documents}
    claims = {c.id: c for c in report.claims}
    lines = []
    for f in _shown(report, gate):
        level = LEVEL[f.kind][0]
        for cid in f.claims:
            c = claims[cid]
            title = _escape(f"factcheck {f.kind} ({f.type}) {f.id}", prop=True)
            lines.append(f"::{level} file={_escape(paths.get(c.doc, c.doc), prop=True)},line={c.line},"
                         f"title={title}::{_escape(f.message)}")
    for d in report.documents:
        if d.skipped:
            lines.append(f"::warning file={_escape(d.path, prop=True)},title=factcheck skipped::{_escape(d.skipped)}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_sarif(report: Report, gate=None) -> str:
    """A SARIF 2.1.0 log for code-scanning tools."""
    paths = {d.id: d.path for d in report.documents}
    claims = {c.id: c for c in report.claims}
    shown = _shown(report, gate)
    rules = sorted({f"{f.kind}/{f.type}" for f in shown})
    results = [{
        "ruleId": f"{f.kind}/{f.type}",
        "level": LEVEL[f.kind][1],
        "message": {"text": f.message},
        "partialFingerprints": {"factcheck/v1": f.id},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": paths.get(claims[c].doc, claims[c].doc)},
                                            "region": {"startLine": claims[c].line}}} for c in f.claims],
    } for f in shown]
    skipped = [d for d in report.documents if d.skipped]
    results += [{
        "ruleId": "skipped",
        "level": "warning",
        "message": {"text": f"{d.path}: skipped: {d.skipped}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": d.path}}}],
    } for d in skipped]
    if skipped:
        rules.append("skipped")
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "factcheck", "informationUri": "https://pypi.org/project/factcheck/",
                                      "rules": [{"id": r, "shortDescription": {"text": r.replace("/", ": ")}}
                                                for r in rules]}},
                  "results": results}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

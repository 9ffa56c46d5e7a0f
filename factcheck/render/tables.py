"""Tidy tables of a report, one value per cell: claims, facts, and evidence (one row per finding and claim).

The CSV output is the evidence table; `factcheck.frames(report)` turns all three into pandas DataFrames.
"""

from __future__ import annotations

from typing import Any

from ..location import claim_locations
from ..model import Claim, Cluster, Report
from .evidence import sides, text_line

CLAIM_COLUMNS = ("claim", "doc", "line", "start", "end", "text", "location", "path", "locator")
FACT_COLUMNS = ("claim", "doc", "type", "text", "value", "label", "qualifier", "start", "end")
EVIDENCE_COLUMNS = (
    "claim",
    "doc",
    "line",
    "start",
    "end",
    "cluster",
    "cluster_status",
    "finding",
    "kind",
    "type",
    "severity",
    "temporal",
    "value",
    "stated",
    "text",
    "location",
    "path",
    "locator",
)

Row = dict[str, Any]


def _locator(report: Report) -> dict[str, str | None]:
    """Per claim: where it sits inside a JSON/CSV record ("record 1, field 'text', line 3 of the text")."""
    docs = {d.id: d for d in report.documents}
    out: dict[str, str | None] = {}
    for c in report.claims:
        d = docs.get(c.doc)
        out[c.id] = f"{d.locator}, line {text_line(d, c)} of the text" if d is not None and d.locator else None
    return out


def claim_rows(report: Report) -> list[Row]:
    """One row per claim, in claim order."""
    paths = {d.id: d.path for d in report.documents}
    where = _locator(report)
    located = claim_locations(report)
    return [
        {"claim": c.id, "doc": c.doc, "line": c.line, "start": c.start, "end": c.end, "text": c.text,
         "location": located[c.id], "path": paths.get(c.doc), "locator": where[c.id]}
        for c in report.claims
    ]  # fmt: skip


def fact_rows(report: Report) -> list[Row]:
    """One row per typed fact of every claim."""
    return [
        {"claim": c.id, "doc": c.doc, "type": f.type, "text": f.text, "value": f.value, "label": f.label,
         "qualifier": f.qualifier, "start": f.start, "end": f.end}
        for c in report.claims
        for f in c.facts
    ]  # fmt: skip


def evidence_rows(report: Report) -> list[Row]:
    """One row per finding and cited claim; a claim in no finding gets one row with empty finding columns.

    `value` is the normalised value the claim gives in a conflict or variant and `stated` how the source writes
    it; skipped documents get one row each with `cluster_status` 'skipped' and the reason in `text`.
    """
    paths = {d.id: d.path for d in report.documents}
    where = _locator(report)
    located = claim_locations(report)
    groups: dict[str, list[Cluster]] = {}
    for k in report.clusters:
        for cid in k.claims:
            groups.setdefault(cid, []).append(k)
    cited = _citations(report)
    rows = []
    for c in report.claims:
        for extra, members in cited.get(c.id) or [({}, set())]:
            best = max(groups.get(c.id, []), key=lambda g: (len(members & set(g.claims)), -len(g.claims)), default=None)
            rows.append({**_row(c, best, extra, paths.get(c.doc), where[c.id]), "location": located[c.id]})
    for d in report.documents:
        if d.skipped:
            rows.append({"doc": d.id, "cluster_status": "skipped", "text": d.skipped, "path": d.path})
    return [{col: row.get(col) for col in EVIDENCE_COLUMNS} for row in rows]


def _citations(report: Report) -> dict[str, list[tuple[Row, set[str]]]]:
    """Per claim, the finding columns of each finding citing it, with that finding's claim ids."""
    claims = {c.id: c for c in report.claims}
    out: dict[str, list[tuple[Row, set[str]]]] = {}
    for f in report.findings:
        valued = f.kind in ("conflict", "variant")
        stated = {c.id: (s.value, s.shown) for s in sides(f, claims) for c in s.claims} if valued else {}
        for cid in f.claims:
            value, shown = stated.get(cid, (None, None))
            extra = {"finding": f.id, "kind": str(f.kind), "type": str(f.type), "severity": str(f.severity),
                     "temporal": f.temporal, "value": value, "stated": shown}  # fmt: skip
            out.setdefault(cid, []).append((extra, set(f.claims)))
    return out


def _row(c: Claim, k: Cluster | None, extra: Row, path: str | None, locator: str | None) -> Row:
    """One evidence row: the claim, the group it sits in for this finding, the finding's columns."""
    base = {"claim": c.id, "doc": c.doc, "line": c.line, "start": c.start, "end": c.end, "text": c.text,
            "path": path, "locator": locator, "cluster": k.id if k else None, "cluster_status": k.status if k else None}  # fmt: skip
    return {**base, **extra}

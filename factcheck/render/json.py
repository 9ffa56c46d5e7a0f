"""JSON report following the versioned contract in DESIGN.md (fields may be added, never renamed or dropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..location import claim_locations
from ..model import Claim, Document, Finding, Report
from . import claims_per_doc
from .evidence import doc_name, removed_examples, removed_summary, sides, text_line
from .jsontext import indented

if TYPE_CHECKING:
    from ..gate import GateResult

SCHEMA = "factcheck.report/2"  # /2: one finding per fact, every value with its sources (/1: one per pair)
REMOVED_EXAMPLES = 10  # removed lines listed per document (`factcheck claims --show-dropped` lists all)


def report_dict(report: Report, gate: GateResult | None = None) -> dict[str, Any]:
    """The report as plain data in contract order."""
    per_doc = claims_per_doc(report)
    by_id = {c.id: c for c in report.claims}
    docs = {d.id: d for d in report.documents}
    status = gate.status_by_id() if gate else None
    where = claim_locations(report)
    out = {
        "schema": SCHEMA,
        "settings": report.settings,
        "documents": [_document(d, per_doc.get(d.id, 0)) for d in report.documents],
        "claims": [_claim(c, docs.get(c.doc), where[c.id]) for c in report.claims],
        "clusters": [
            {"id": k.id, "claims": list(k.claims), "docs": list(k.docs), "status": k.status, "label": k.label}
            for k in report.clusters
        ],
        "findings": [_finding(f, by_id, status, where) for f in report.findings],
    }
    if gate:
        out["gate"] = gate.as_dict()
    return out


def _document(d: Document, claims: int) -> dict[str, Any]:
    """One document entry; `sentences` repeats the claim count (kept for the contract)."""
    return {
        "id": d.id,
        "path": d.path,
        "title": d.title,
        "published": d.published,
        "published_from": d.published_from,
        "source": d.source,
        "sentences": claims,
        "claims": claims,
        "skipped": d.skipped,
        "name": doc_name(d),
        "locator": d.locator,
        "removed": {
            "lines": len(d.dropped),
            "by_reason": removed_summary(d),
            "examples": [
                {"line": line, "text": text, "reason": reason}
                for line, text, reason in removed_examples(d, REMOVED_EXAMPLES)
            ],
        },
    }


def _claim(c: Claim, doc: Document | None, location: str) -> dict[str, Any]:
    """One claim entry with its facts, where a reader finds it ('page 3, line 12', 'paragraph 7', 'line 12') and,
    for a claim of a JSON or CSV record, where it sits in the record (`locator`)."""
    return {
        "id": c.id,
        "doc": c.doc,
        "text": c.text,
        "line": c.line,
        "start": c.start,
        "end": c.end,
        "facts": [
            {"type": f.type, "text": f.text, "value": f.value, "label": f.label, "qualifier": f.qualifier}
            for f in c.facts
        ],
        "location": location,
        "locator": f"{doc.locator}, line {text_line(doc, c)} of the text" if doc and doc.locator else None,
    }


def _finding(
    f: Finding, by_id: dict[str, Claim], status: dict[str, str] | None, where: dict[str, str]
) -> dict[str, Any]:
    """One finding entry with its citations, and its gate status when a gate ran."""
    return {
        "id": f.id,
        "kind": f.kind,
        "type": f.type,
        "claims": list(f.claims),
        "values": list(f.values),
        "message": f.message,
        "severity": f.severity,
        "temporal": f.temporal,
        "sides": [list(side) for side in f.sides],
        "about": f.about,
        "stated": [s.shown for s in sides(f, by_id)] if f.kind in ("conflict", "variant") else [],
        "docs": list(f.docs),
        "cites": [
            {
                "claim": cid,
                "doc": by_id[cid].doc,
                "line": by_id[cid].line,
                "text": by_id[cid].text,
                "location": where[cid],
            }
            for cid in f.claims
            if cid in by_id
        ],
        **({"gate": status.get(f.id, "new")} if status is not None else {}),
    }


def render_json(report: Report, gate: GateResult | None = None) -> str:
    """Deterministic, indented JSON text ending in a newline."""
    return indented(report_dict(report, gate)) + "\n"

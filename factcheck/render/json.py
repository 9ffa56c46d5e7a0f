"""JSON report following the versioned contract in DESIGN.md (fields may be added, never renamed or dropped)."""

from __future__ import annotations

import json

from ..location import claim_locations
from ..model import Report
from . import claims_per_doc

SCHEMA = "factcheck.report/1"


def report_dict(report: Report, gate=None) -> dict:
    """The report as plain data in contract order."""
    per_doc = claims_per_doc(report)
    by_id = {c.id: c for c in report.claims}
    status = gate.status_by_id() if gate else {}
    where = claim_locations(report)
    out = {
        "schema": SCHEMA,
        "settings": report.settings,
        "documents": [
            {
                "id": d.id,
                "path": d.path,
                "title": d.title,
                "published": d.published,
                "source": d.source,
                "sentences": per_doc.get(d.id, 0),
                "claims": per_doc.get(d.id, 0),
                "skipped": d.skipped,
            }
            for d in report.documents
        ],
        "claims": [
            {
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
                "location": where[c.id],
            }
            for c in report.claims
        ],
        "clusters": [
            {"id": k.id, "claims": list(k.claims), "docs": list(k.docs), "status": k.status} for k in report.clusters
        ],
        "findings": [
            {
                "id": f.id,
                "kind": f.kind,
                "type": f.type,
                "claims": list(f.claims),
                "values": list(f.values),
                "message": f.message,
                "severity": f.severity,
                "temporal": f.temporal,
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
                **({"gate": status.get(f.id, "new")} if gate else {}),
            }
            for f in report.findings
        ],
    }
    if gate:
        out["gate"] = gate.as_dict()
    return out


def render_json(report: Report, gate=None) -> str:
    """Deterministic, indented JSON text ending in a newline."""
    return json.dumps(report_dict(report, gate), indent=2, ensure_ascii=False) + "\n"

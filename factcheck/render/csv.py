"""CSV of claims (one row per claim, with its cluster and findings) for spreadsheets."""

from __future__ import annotations

import csv
import io

from ..location import claim_locations
from ..model import Report

COLUMNS = ("claim", "doc", "line", "start", "end", "cluster", "cluster_status", "findings", "facts", "text", "location")


def render_csv(report: Report) -> str:
    """Claims as CSV rows, in claim order; skipped documents as rows with the reason in `text`."""
    cluster_of = {cid: k for k in report.clusters for cid in k.claims}
    findings_of: dict[str, list[str]] = {}
    for f in report.findings:
        for cid in f.claims:
            findings_of.setdefault(cid, []).append(f"{f.kind}:{f.type}:{f.id}")
    where = claim_locations(report)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in report.claims:
        k = cluster_of.get(c.id)
        facts = "; ".join(f"{f.type}={f.value}" + (f"({f.label})" if f.label else "") for f in c.facts)
        writer.writerow(
            [
                c.id,
                c.doc,
                c.line,
                c.start,
                c.end,
                k.id if k else "",
                k.status if k else "",
                " ".join(findings_of.get(c.id, [])),
                facts,
                c.text,
                where[c.id],
            ]
        )
    for d in report.documents:
        if d.skipped:
            writer.writerow(["", d.id, "", "", "", "", "skipped", "", "", f"{d.path}: {d.skipped}", ""])
    return buf.getvalue()

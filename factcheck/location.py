"""Where a claim is, told the way a reviewer finds it in the original file: page and line, paragraph, or line."""

from __future__ import annotations

import bisect
from pathlib import PurePath

from .model import Document, Report


def locate(doc: Document, line: int) -> str:
    """'page 3, line 12' in a PDF, 'paragraph 7' in a DOCX, 'line 12' in any other document."""
    if not doc.parts:
        return f"line {line}"
    n = max(bisect.bisect_right(doc.parts, line), 1)
    if PurePath(doc.path).suffix.lower() == ".pdf":
        return f"page {n}, line {line - doc.parts[n - 1] + 1}"
    return f"paragraph {n}"


def claim_locations(report: Report) -> dict[str, str]:
    """Every claim's location by claim id."""
    docs = {d.id: d for d in report.documents}
    return {c.id: locate(docs[c.doc], c.line) if c.doc in docs else f"line {c.line}" for c in report.claims}


def paged_locations(report: Report) -> dict[str, str]:
    """Locations of the claims from PDF and DOCX documents only, by claim id (page or paragraph given)."""
    docs = {d.id: d for d in report.documents if d.parts}
    return {c.id: locate(docs[c.doc], c.line) for c in report.claims if c.doc in docs}


def line_labels(report: Report) -> dict[str, str]:
    """What a report's "Line" column shows for each claim: '12', or 'page 3, line 12' / 'paragraph 7'."""
    paged = paged_locations(report)
    return {c.id: paged.get(c.id, str(c.line)) for c in report.claims}

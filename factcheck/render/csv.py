"""CSV of the evidence table: one row per finding and cited claim, one value per cell (columns in README)."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model import Report
from .tables import EVIDENCE_COLUMNS, evidence_rows

COLUMNS = EVIDENCE_COLUMNS


def _cell(value: Any) -> Any:
    """A CSV cell: empty for no value, true/false for flags."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def render_csv(report: Report) -> str:
    """The evidence table as CSV text with a header row, in claim order, skipped documents last."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in evidence_rows(report):
        writer.writerow([_cell(row[col]) for col in COLUMNS])
    return buf.getvalue()

"""Recognise files that factcheck itself wrote (reports, baselines, scores), so a rerun never reads them as sources.

The signatures mirror the renderers: the Markdown title and summary table, the CSV header, GitHub annotation
lines, the `schema` of JSON reports and baselines, SARIF's tool name and the eval scores' two keys.
tests/test_hostile_round2.py renders every format into an input folder and checks each one is recognised.
"""

from __future__ import annotations

import re

NOT_A_SOURCE = "not a source: "  # prefix of the skip reason for such a file
_MARKDOWN = re.compile(r"\A# Consistency report\n\n\| Summary +\| Count +\|\n")
_CSV_HEADER = re.compile(r"\Aclaim,doc,line,start,end,cluster,cluster_status,findings,facts,text(?:,location)?\n")
_CSV_EVIDENCE = "claim,doc,line,start,end,cluster,cluster_status,finding,kind,type,severity,temporal,value,stated,"
_HTML_REPORT = '<meta name="generator" content="factcheck">'
_ANNOTATION = re.compile(r"::(?:error|warning|notice) file=[^\n]*,title=factcheck [^\n]*::")


def factcheck_output(data: object) -> str | None:
    """The skip reason when parsed JSON `data` is a report, baseline, SARIF log or eval scores from factcheck."""
    if not isinstance(data, dict):
        return None
    schema = data.get("schema")
    if isinstance(schema, str) and schema.startswith("factcheck."):
        return f"{NOT_A_SOURCE}a file written by factcheck (schema {schema})"
    runs = data.get("runs")
    if "sarif" in str(data.get("$schema", "")) and isinstance(runs, list) and runs and isinstance(runs[0], dict):
        driver = runs[0].get("tool", {}).get("driver", {}) if isinstance(runs[0].get("tool"), dict) else {}
        if isinstance(driver, dict) and driver.get("name") == "factcheck":
            return f"{NOT_A_SOURCE}a SARIF report written by factcheck"
    if set(data) == {"results", "failures"}:
        return f"{NOT_A_SOURCE}eval scores written by factcheck"
    return None


def factcheck_text_output(text: str, suffix: str) -> str | None:
    """The skip reason when a text file (Markdown, CSV, annotations) is a report written by factcheck."""
    if suffix == ".csv":
        csv = bool(_CSV_HEADER.match(text)) or text.startswith(_CSV_EVIDENCE)
        return f"{NOT_A_SOURCE}a CSV report written by factcheck" if csv else None
    if suffix in (".json", ".jsonl"):
        return None
    if suffix in (".html", ".htm"):
        head = text[:400]
        return f"{NOT_A_SOURCE}an HTML report written by factcheck" if _HTML_REPORT in head else None
    if _MARKDOWN.match(text):
        return f"{NOT_A_SOURCE}a Markdown report written by factcheck"
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and all(_ANNOTATION.match(line) for line in lines):
        return f"{NOT_A_SOURCE}GitHub annotations written by factcheck"
    return None

"""Markdown consistency report for a reviewer: conflicts first, then agreement, unique claims and skips."""

from __future__ import annotations

from itertools import combinations

from tabulate import tabulate

from ..location import line_labels
from ..model import Claim, Finding, Report
from . import claims_per_doc

MAX_TEXT = 220  # characters of claim text shown in tables
MAX_LISTED = 200  # entries per section (and unique claims per source); the JSON and CSV reports hold them all
MAX_ROWS = 25  # claims shown for one group or finding
MAX_MATRIX = 20  # sources up to which agreement is a source-by-source matrix; beyond, a list of top pairs


def _cell(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("|", "\\|")


def _table(rows: list[list], headers: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def render_markdown(report: Report, gate=None) -> str:
    """The whole report as Markdown text."""
    claims = {c.id: c for c in report.claims}
    lines = line_labels(report)
    kinds = {k: [f for f in report.findings if f.kind == k] for k in ("conflict", "variant", "unique", "corroborated")}
    conflicts = [f for f in kinds["conflict"] if not f.temporal]
    temporal = [f for f in kinds["conflict"] if f.temporal]
    used = [d for d in report.documents if not d.skipped]
    skipped = [d for d in report.documents if d.skipped]
    status = gate.status_by_id() if gate and gate.has_baseline else {}

    out = ["# Consistency report", ""]
    out += [
        _table(
            [
                ["Documents checked", str(len(used))],
                ["Documents skipped", str(len(skipped))],
                ["Claims", str(len(report.claims))],
                ["Corroborated claim groups (2+ sources)", str(len(kinds["corroborated"]))],
                ["Conflicts", str(len(conflicts))],
                ["Figures that changed between reports (temporal)", str(len(temporal))],
                ["Name variants", str(len(kinds["variant"]))],
                ["Unique claims (one source only)", str(len(kinds["unique"]))],
            ],
            ["Summary", "Count"],
        ),
        "",
    ]
    if gate and gate.has_baseline:
        out += [
            f"Gate against baseline: **{len(gate.new)} new**, {len(gate.unchanged)} unchanged, "
            f"{len(gate.resolved)} resolved; failing kinds: {', '.join(gate.fail_on) or 'none'} → "
            f"**{'FAIL' if gate.failed else 'pass'}**.",
            "",
        ]

    out += ["## Conflicts", ""]
    if not conflicts:
        out += ["No conflicting facts found.", ""]
    for n, f in enumerate(conflicts[:MAX_LISTED], 1):
        out += _finding_block(n, f, claims, status, lines)
    out += _more(len(conflicts) - MAX_LISTED, "conflicts")
    if temporal:
        out += [
            "## Figures that changed between reports",
            "",
            "These differ between sources published on different dates; they are likely updates, not errors.",
            "",
        ]
        for n, f in enumerate(temporal[:MAX_LISTED], 1):
            out += _finding_block(n, f, claims, status, lines)
        out += _more(len(temporal) - MAX_LISTED, "changed figures")

    out += ["## Name variants", ""]
    if not kinds["variant"]:
        out += ["No spelling variants found.", ""]
    for n, f in enumerate(kinds["variant"][:MAX_LISTED], 1):
        out += _finding_block(n, f, claims, status, lines)
    out += _more(len(kinds["variant"]) - MAX_LISTED, "name variants")

    out += ["## Source agreement", "", "Claim groups each pair of sources shares (corroborated or conflicting).", ""]
    out += [_agreement(report), ""]

    out += ["## Corroborated claims", ""]
    if not kinds["corroborated"]:
        out += ["No claim is stated by more than one source.", ""]
    for n, f in enumerate(kinds["corroborated"][:MAX_LISTED], 1):
        named = ", ".join(f.docs[:8]) + (f" and {len(f.docs) - 8} more" if len(f.docs) > 8 else "")
        out += [f"{n}. **{len(f.docs)} sources** ({named})", ""]
        out += [
            "   " + line
            for line in _table(
                [[claims[c].doc, lines[c], _cell(claims[c].text)] for c in f.claims[:MAX_ROWS]],
                ["Source", "Line", "Claim"],
            ).split("\n")
        ]
        out += _more(len(f.claims) - MAX_ROWS, "claims in this group", indent="   ") + [""]
    out += _more(len(kinds["corroborated"]) - MAX_LISTED, "corroborated groups")

    out += ["## Unique claims", "", "Claims only one source makes, by source.", ""]
    by_doc: dict[str, list[Claim]] = {}
    for f in kinds["unique"]:
        c = claims[f.claims[0]]
        by_doc.setdefault(c.doc, []).append(c)
    if not by_doc:
        out += ["None.", ""]
    for doc in sorted(by_doc):
        rows = [[lines[c.id], _cell(c.text)] for c in by_doc[doc][:MAX_LISTED]]
        out += [f"### {doc}", "", _table(rows, ["Line", "Claim"]), ""]
        out += _more(len(by_doc[doc]) - MAX_LISTED, f"unique claims of {doc}")

    out += ["## Documents", ""]
    per_doc = claims_per_doc(report)
    out += [
        _table(
            [
                [d.id, _cell(d.title or "", 80), d.published or "", d.source or "", str(per_doc.get(d.id, 0))]
                for d in used
            ],
            ["Document", "Title", "Published", "Source", "Claims"],
        ),
        "",
    ]
    out += ["## Skipped documents", ""]
    if not skipped:
        out += ["None.", ""]
    else:
        out += [f"- `{d.path}`: {d.skipped}" for d in skipped] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _more(hidden: int, what: str, indent: str = "") -> list[str]:
    """A note for entries left out of the Markdown report."""
    return [f"{indent}… and {hidden} more {what}; the JSON and CSV reports list them all.", ""] if hidden > 0 else []


def _finding_block(
    n: int, f: Finding, claims: dict[str, Claim], status: dict[str, str], lines: dict[str, str]
) -> list[str]:
    tag = f" · {status.get(f.id, 'new')}" if status else ""
    head = f"### {n}. {f.type.capitalize()}: {' vs '.join(_cell(v, 60) for v in f.values)} ({f.severity}{tag})"
    rows = [
        [claims[c].doc, lines[c], _cell(_value_in(f, claims[c]), 40), _cell(claims[c].text)]
        for c in f.claims[:MAX_ROWS]
        if c in claims
    ]
    values = _value_table(f, claims) if f.type == "number" else []
    return [
        head,
        "",
        f.message,
        "",
        *values,
        _table(rows, ["Source", "Line", "States", "Claim"]),
        "",
        *_more(len(f.claims) - MAX_ROWS, "claims"),
        f"<sub>finding `{f.id}`</sub>",
        "",
    ]


def _value_table(f: Finding, claims: dict[str, Claim]) -> list[str]:
    """How many sources give each value: '2,500 troops | 3 sources', '3,000 troops | 1 source'."""
    by_value: dict[str, tuple[str, set[str]]] = {}
    for cid in f.claims:
        c = claims.get(cid)
        for fact in c.facts if c else ():
            if fact.type == "number" and fact.value in f.values:
                _shown, docs = by_value.setdefault(fact.value, (fact.text, set()))
                docs.add(c.doc)
    rows = [
        [_cell(shown, 40), f"{len(docs)} source{'s' if len(docs) != 1 else ''}", _cell(", ".join(sorted(docs)), 120)]
        for v, (shown, docs) in sorted(by_value.items(), key=lambda kv: (-len(kv[1][1]), kv[0]))
    ]
    return [_table(rows, ["Value", "Sources", "Documents"]), ""] if rows else []


def _value_in(f: Finding, claim: Claim) -> str:
    """The fact of `claim` that carries one of the finding's values."""
    for fact in claim.facts:
        if fact.value in f.values or fact.text in f.values:
            return fact.text
    for v in f.values:
        if v.lower() in claim.text.lower():
            return v
    return ""


def _agreement(report: Report) -> str:
    docs = sorted({d.id for d in report.documents if not d.skipped})
    shared: dict[tuple[str, str], int] = {}
    for k in report.clusters:
        for pair in combinations(sorted(k.docs), 2):
            shared[pair] = shared.get(pair, 0) + 1
    if len(docs) > MAX_MATRIX:
        top = sorted(((n, pair) for pair, n in shared.items() if n), key=lambda x: (-x[0], x[1]))[:MAX_LISTED]
        note = f"{len(docs)} sources: the {len(top)} pairs that share the most claim groups.\n\n"
        return note + _table([[a, b, str(n)] for n, (a, b) in top], ["Source", "Source", "Shared groups"])
    rows = []
    for a in docs:
        row = [a]
        for b in docs:
            row.append("—" if a == b else str(shared.get((min(a, b), max(a, b)), 0)))
        rows.append(row)
    return _table(rows, ["Source"] + docs)

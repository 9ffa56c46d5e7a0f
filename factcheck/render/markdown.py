"""Markdown consistency report for a reviewer: conflicts first, then agreement, unique claims and skips."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from tabulate import tabulate

from ..model import Claim, Finding, Report
from . import claims_per_doc

if TYPE_CHECKING:
    from ..gate import GateResult

MAX_TEXT = 220  # characters of claim text shown in tables
MAX_LISTED = 200  # entries per section (and unique claims per source); the JSON and CSV reports hold them all
MAX_ROWS = 25  # claims shown for one group or finding
MAX_MATRIX = 20  # sources up to which agreement is a source-by-source matrix; beyond, a list of top pairs


def _cell(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("|", "\\|")


def _table(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def render_markdown(report: Report, gate: GateResult | None = None) -> str:
    """The whole report as Markdown text."""
    claims = {c.id: c for c in report.claims}
    kinds = {k: [f for f in report.findings if f.kind == k] for k in ("conflict", "variant", "unique", "corroborated")}
    status = gate.status_by_id() if gate and gate.has_baseline else {}
    out = ["# Consistency report", ""]
    out += _summary(report, kinds, gate)
    out += _finding_sections(kinds, claims, status)
    out += ["## Source agreement", "", "Claim groups each pair of sources shares (corroborated or conflicting).", ""]
    out += [_agreement(report), ""]
    out += _corroborated(kinds["corroborated"], claims)
    out += _unique(kinds["unique"], claims)
    out += _documents(report)
    return "\n".join(out).rstrip("\n") + "\n"


def _summary(report: Report, kinds: dict[str, list[Finding]], gate: GateResult | None) -> list[str]:
    """The table of counts, and the gate verdict when a baseline was given."""
    conflicts = [f for f in kinds["conflict"] if not f.temporal]
    rows = [
        ["Documents checked", str(sum(1 for d in report.documents if not d.skipped))],
        ["Documents skipped", str(sum(1 for d in report.documents if d.skipped))],
        ["Claims", str(len(report.claims))],
        ["Corroborated claim groups (2+ sources)", str(len(kinds["corroborated"]))],
        ["Conflicts", str(len(conflicts))],
        ["Figures that changed between reports (temporal)", str(len(kinds["conflict"]) - len(conflicts))],
        ["Name variants", str(len(kinds["variant"]))],
        ["Unique claims (one source only)", str(len(kinds["unique"]))],
    ]
    out = [_table(rows, ["Summary", "Count"]), ""]
    if gate and gate.has_baseline:
        out += [
            f"Gate against baseline: **{len(gate.new)} new**, {len(gate.unchanged)} unchanged, "
            f"{len(gate.resolved)} resolved; failing kinds: {', '.join(gate.fail_on) or 'none'} → "
            f"**{'FAIL' if gate.failed else 'pass'}**.",
            "",
        ]
    return out


def _finding_sections(kinds: dict[str, list[Finding]], claims: dict[str, Claim], status: dict[str, str]) -> list[str]:
    """Conflicts, figures that changed between reports (when there are any), and name variants."""
    conflicts = [f for f in kinds["conflict"] if not f.temporal]
    temporal = [f for f in kinds["conflict"] if f.temporal]
    out = ["## Conflicts", ""]
    if not conflicts:
        out += ["No conflicting facts found.", ""]
    out += _finding_list(conflicts, claims, status, "conflicts")
    if temporal:
        out += [
            "## Figures that changed between reports",
            "",
            "These differ between sources published on different dates; they are likely updates, not errors.",
            "",
        ]
        out += _finding_list(temporal, claims, status, "changed figures")
    out += ["## Name variants", ""]
    if not kinds["variant"]:
        out += ["No spelling variants found.", ""]
    out += _finding_list(kinds["variant"], claims, status, "name variants")
    return out


def _finding_list(findings: list[Finding], claims: dict[str, Claim], status: dict[str, str], what: str) -> list[str]:
    """Numbered finding blocks, up to MAX_LISTED, and a note for the rest."""
    out: list[str] = []
    for n, f in enumerate(findings[:MAX_LISTED], 1):
        out += _finding_block(n, f, claims, status)
    return out + _more(len(findings) - MAX_LISTED, what)


def _corroborated(groups: list[Finding], claims: dict[str, Claim]) -> list[str]:
    """Each corroborated group with its sources and a table of its claims."""
    out = ["## Corroborated claims", ""]
    if not groups:
        out += ["No claim is stated by more than one source.", ""]
    for n, f in enumerate(groups[:MAX_LISTED], 1):
        named = ", ".join(f.docs[:8]) + (f" and {len(f.docs) - 8} more" if len(f.docs) > 8 else "")
        out += [f"{n}. **{len(f.docs)} sources** ({named})", ""]
        rows = [[claims[c].doc, str(claims[c].line), _cell(claims[c].text)] for c in f.claims[:MAX_ROWS]]
        out += ["   " + line for line in _table(rows, ["Source", "Line", "Claim"]).split("\n")]
        out += _more(len(f.claims) - MAX_ROWS, "claims in this group", indent="   ") + [""]
    return out + _more(len(groups) - MAX_LISTED, "corroborated groups")


def _unique(findings: list[Finding], claims: dict[str, Claim]) -> list[str]:
    """Claims only one source makes, one table per source."""
    out = ["## Unique claims", "", "Claims only one source makes, by source.", ""]
    by_doc: dict[str, list[Claim]] = {}
    for f in findings:
        c = claims[f.claims[0]]
        by_doc.setdefault(c.doc, []).append(c)
    if not by_doc:
        out += ["None.", ""]
    for doc in sorted(by_doc):
        rows = [[str(c.line), _cell(c.text)] for c in by_doc[doc][:MAX_LISTED]]
        out += [f"### {doc}", "", _table(rows, ["Line", "Claim"]), ""]
        out += _more(len(by_doc[doc]) - MAX_LISTED, f"unique claims of {doc}")
    return out


def _documents(report: Report) -> list[str]:
    """The documents used, with their metadata and claim counts, then the skipped ones with the reason."""
    per_doc = claims_per_doc(report)
    rows = [
        [d.id, _cell(d.title or "", 80), d.published or "", d.source or "", str(per_doc.get(d.id, 0))]
        for d in report.documents
        if not d.skipped
    ]
    out = ["## Documents", "", _table(rows, ["Document", "Title", "Published", "Source", "Claims"]), ""]
    out += ["## Skipped documents", ""]
    skipped = [d for d in report.documents if d.skipped]
    if not skipped:
        return out + ["None.", ""]
    return out + [f"- `{d.path}`: {d.skipped}" for d in skipped] + [""]


def _more(hidden: int, what: str, indent: str = "") -> list[str]:
    """A note for entries left out of the Markdown report."""
    return [f"{indent}… and {hidden} more {what}; the JSON and CSV reports list them all.", ""] if hidden > 0 else []


def _finding_block(n: int, f: Finding, claims: dict[str, Claim], status: dict[str, str]) -> list[str]:
    tag = f" · {status.get(f.id, 'new')}" if status else ""
    head = f"### {n}. {f.type.capitalize()}: {' vs '.join(_cell(v, 60) for v in f.values)} ({f.severity}{tag})"
    rows = [
        [claims[c].doc, str(claims[c].line), _cell(_value_in(f, claims[c]), 40), _cell(claims[c].text)]
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
        if c is None:
            continue
        for fact in c.facts:
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

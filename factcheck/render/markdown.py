"""Markdown consistency report for a reviewer: conflicts first with full sentences, then agreement and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Claim, Document, Finding, Report
from .escape import md, md_link, md_marked, table
from .evidence import Side, doc_name, marks, pieces, quote_diff, sides, spot, text_line

if TYPE_CHECKING:
    from ..gate import GateResult

MAX_LISTED = 200  # entries per section (and unique claims per source); the JSON and CSV reports hold them all
MAX_ROWS = 25  # claims shown for one value of a finding or one agreeing group


@dataclass
class View:
    """A report prepared for Markdown: lookups, gate status and the folder links are relative to."""

    report: Report
    base: str | None = None  # folder the report is written to; file links are relative to it
    status: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.claims = {c.id: c for c in self.report.claims}
        self.docs = {d.id: d for d in self.report.documents}

    def cite(self, claim: Claim) -> str:
        """'*Title* · [file.txt:12](../path/file.txt#L12)' plus the record and text line for JSON/CSV inputs."""
        doc = self.docs.get(claim.doc) or Document(claim.doc, claim.doc, "")
        label, fragment = spot(doc, claim)
        at = md_link(label, doc.path, fragment, self.base)
        record = f" ({md(doc.locator)}, line {text_line(doc, claim)} of the text)" if doc.locator else ""
        return f"*{md(doc_name(doc))}* · {at}{record}"


def render_markdown(report: Report, gate: GateResult | None = None, links_from: str | None = None) -> str:
    """The whole report as Markdown text; file links are relative to the folder `links_from`."""
    from .md_sources import agreement, clutter, documents, skipped

    view = View(report, links_from, gate.status_by_id() if gate and gate.has_baseline else {})
    kinds = {
        k: [f for f in report.findings if f.kind == k]
        for k in ("conflict", "variant", "unique", "echo", "corroborated")
    }
    out = ["# Consistency report", ""]
    out += _summary(report, kinds, gate)
    out += _finding_sections(kinds, view)
    out += _corroborated(kinds["corroborated"], view)
    out += _unique(kinds["unique"], view)
    out += _echoes(kinds["echo"], view)
    out += documents(view) + agreement(view) + clutter(view) + skipped(view)
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
        ["Echoed claims (one source, close wording in another)", str(len(kinds["echo"]))],
        ["Lines removed as page clutter", str(sum(len(d.dropped) for d in report.documents))],
    ]
    out = [table(rows, ["Summary", "Count"]), ""]
    if gate and gate.has_baseline:
        out += [
            f"Gate against baseline: **{len(gate.new)} new**, {len(gate.unchanged)} unchanged, "
            f"{len(gate.resolved)} resolved; failing kinds: {', '.join(gate.fail_on) or 'none'} → "
            f"**{'FAIL' if gate.failed else 'pass'}**.",
            "",
        ]
    if gate and gate.ignore_set:
        out += _ignored(gate)
    return out


def _ignored(gate: GateResult) -> list[str]:
    """Findings accepted one by one in `[tool.factcheck.ignore]`, with the reason given, and unused entries."""
    rows = [[f"`{i}`", md(why)] for i, why in gate.ignored]
    out = [f"Ignored by `[tool.factcheck.ignore]`: {len(gate.ignored)} finding(s).", ""]
    out += [table(rows, ["Finding", "Reason"]), ""] if rows else []
    if gate.unused_ignores:
        out += [f"Ignore entries that match no finding: {', '.join(f'`{i}`' for i in gate.unused_ignores)}.", ""]
    return out


def _finding_sections(kinds: dict[str, list[Finding]], view: View) -> list[str]:
    """Conflicts, figures that changed between reports (when there are any), and name variants."""
    conflicts = [f for f in kinds["conflict"] if not f.temporal]
    temporal = [f for f in kinds["conflict"] if f.temporal]
    out = ["## Conflicts", ""]
    if not conflicts:
        out += ["No conflicting facts found.", ""]
    out += _finding_list(conflicts, view, "conflicts")
    if temporal:
        out += [
            "## Figures that changed between reports",
            "",
            "These differ between sources published on different dates; they are likely updates, not errors.",
            "",
        ]
        out += _finding_list(temporal, view, "changed figures")
    out += ["## Name variants", ""]
    if not kinds["variant"]:
        out += ["No spelling variants found.", ""]
    return out + _finding_list(kinds["variant"], view, "name variants")


def _finding_list(findings: list[Finding], view: View, what: str) -> list[str]:
    """Finding blocks under numbered headings, up to MAX_LISTED, and a note for the rest."""
    out: list[str] = []
    for n, f in enumerate(findings[:MAX_LISTED], 1):
        out += _finding_block(n, f, view)
    return out + more(len(findings) - MAX_LISTED, what)


def _finding_block(n: int, f: Finding, view: View) -> list[str]:
    """Heading, explanation, the value table, then every cited sentence with what differs in bold."""
    found = sides(f, view.claims)
    tag = f" · {view.status.get(f.id, 'new')}" if view.status else ""
    if f.type == "quote":
        what = "one quotation, worded differently"
    else:
        what = " vs ".join(md(s.shown) for s in found if s.shown) or md(" vs ".join(f.values))
    out = [f"### {n}. {f.type.capitalize()}: {what} ({f.severity}{tag})", "", md(f.message), ""]
    out += _value_table(f, found, view) + _evidence(f, found, view)
    return out + [f"<sub>finding `{f.id}`</sub>", ""]


def _value_table(f: Finding, found: list[Side], view: View) -> list[str]:
    """One row per value: the value as written (a quote with its differing words in bold) and who gives it."""
    rows = []
    for side in sorted(found, key=lambda s: (-len(s.docs), s.value)):
        shown = md_marked(pieces(side.shown, _quote_marks(f, side, found))) if side.shown else "*(no value stated)*"
        named = ", ".join(md(doc_name(view.docs[d])) if d in view.docs else md(d) for d in side.docs)
        rows.append([shown, f"{len(side.docs)} source{'s' if len(side.docs) != 1 else ''}", named])
    return [table(rows, ["Value", "Sources", "Documents"]), ""] if rows else []


def _quote_marks(f: Finding, side: Side, found: list[Side]) -> list[tuple[int, int]]:
    """The words of a quote value that the other wording lacks (none for other finding types)."""
    other = next((o for o in found if o.value and o.value != side.value), None)
    if f.type != "quote" or other is None:
        return []
    return quote_diff(side.shown, (0, len(side.shown)), other.value)


def _evidence(f: Finding, found: list[Side], view: View) -> list[str]:
    """Each cited claim in full, grouped by the value it gives, the differing words or values in bold."""
    out = []
    for side in found:
        for claim in side.claims[:MAX_ROWS]:
            text = md_marked(pieces(claim.text, marks(f, side, claim, found)))
            out.append(f"- {view.cite(claim)}: {text}")
        out += (
            [f"- … and {len(side.claims) - MAX_ROWS} more claims giving this value"]
            if len(side.claims) > MAX_ROWS
            else []
        )
    return out + [""] if out else []


def _corroborated(groups: list[Finding], view: View) -> list[str]:
    """Each corroborated group: what it is about, then its claims in full with the shared values in bold."""
    out = ["## Corroborated claims", ""]
    if not groups:
        out += ["No claim is stated by more than one source.", ""]
    labels = {frozenset(k.claims): k.label for k in view.report.clusters}
    for n, f in enumerate(groups[:MAX_LISTED], 1):
        label = labels.get(frozenset(f.claims)) or f"stated by {len(f.docs)} sources"
        out += [f"### {n}. {md(label)}", ""]
        for cid in f.claims[:MAX_ROWS]:
            claim = view.claims[cid]
            spans = [
                s for fact in claim.facts if fact.value in f.values for s in _fact_span(claim, fact.start, fact.end)
            ]
            out.append(f"- {view.cite(claim)}: {md_marked(pieces(claim.text, spans))}")
        out += [""] + more(len(f.claims) - MAX_ROWS, "claims in this group")
    return out + more(len(groups) - MAX_LISTED, "corroborated groups")


def _fact_span(claim: Claim, start: int, end: int) -> list[tuple[int, int]]:
    return [(start, end)] if 0 <= start < end <= len(claim.text) else []


def _unique(findings: list[Finding], view: View) -> list[str]:
    """Claims only one source makes, one table per source."""
    out = ["## Unique claims", "", "Claims only one source makes, by source.", ""]
    by_doc: dict[str, list[Claim]] = {}
    for f in findings:
        c = view.claims[f.claims[0]]
        by_doc.setdefault(c.doc, []).append(c)
    if not by_doc:
        out += ["None.", ""]
    for doc in sorted(by_doc):
        d = view.docs.get(doc) or Document(doc, doc, "")
        listed = sorted(by_doc[doc], key=lambda c: (c.start, c.id))[:MAX_LISTED]
        rows = [[_line_cell(view, d, c), md(c.text)] for c in listed]
        out += [f"### {md(doc_name(d))}", "", table(rows, ["Line", "Claim"]), ""]
        out += more(len(by_doc[doc]) - MAX_LISTED, "unique claims of this source")
    return out


def _echoes(findings: list[Finding], view: View) -> list[str]:
    """Claims no group holds that other sources state in other words: the claim beside its echoes."""
    if not findings:
        return []
    out = ["## Echoed claims", "", "Not grouped (the wording is too far apart to call it one fact), and not unique "
           "either: other sources say something close with the same nouns. Read them side by side.", ""]  # fmt: skip
    rows = []
    for f in findings[:MAX_LISTED]:
        claim, *others = (view.claims[c] for c in f.claims)
        echoes = "<br>".join(f"{view.cite(c)}: {md(c.text)}" for c in others)
        rows.append([view.cite(claim), md(claim.text), echoes])
    out += [table(rows, ["Source", "Claim", "Echoed by"]), ""]
    return out + more(len(findings) - MAX_LISTED, "echoed claims")


def _line_cell(view: View, doc: Document, claim: Claim) -> str:
    """The claim's file line as a link; for a JSON or CSV record also its line within the text field."""
    link = md_link(claim.where or str(claim.line), doc.path, spot(doc, claim)[1], view.base)
    return f"{link} (text line {text_line(doc, claim)})" if doc.locator else link


def more(hidden: int, what: str) -> list[str]:
    """A note for entries left out of the Markdown report."""
    return [f"… and {hidden} more {what}; the JSON and CSV reports list them all.", ""] if hidden > 0 else []

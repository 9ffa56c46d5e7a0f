"""A self-contained HTML report: a fact-by-source matrix, expandable evidence, sources; no scripts, no network."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..model import Claim, Document, Finding, Report
from .escape import link_target
from .evidence import Side, doc_keys, doc_name, marks, pieces, quote_diff, sides, spot, text_line
from .html_sources import STYLE, clutter, documents, echoes, skipped, unique

if TYPE_CHECKING:
    from ..gate import GateResult

MAX_LISTED = 200  # facts in the matrix and findings with evidence; the JSON and CSV reports hold them all
MAX_ROWS = 25  # claims shown for one value


class HtmlView:
    """A report prepared for HTML: lookups, document keys and the folder links are relative to."""

    def __init__(self, report: Report, base: str | None) -> None:
        self.report = report
        self.base = base
        self.claims = {c.id: c for c in report.claims}
        self.docs = {d.id: d for d in report.documents}
        self.keys = doc_keys(report)
        self.labels = {frozenset(k.claims): k.label for k in report.clusters}

    def title(self, f: Finding) -> str:
        """What a finding is about: its values, or the label of the group a corroborated finding is."""
        return _title(f, sides(f, self.claims), self.labels.get(frozenset(f.claims), ""))

    def cite(self, claim: Claim) -> str:
        """The document's name and a link to the claim's file and line (plus the record for JSON/CSV)."""
        doc = self.docs.get(claim.doc) or Document(claim.doc, claim.doc, "")
        text, fragment = spot(doc, claim)
        label = escape(text)
        link = (
            label if doc.path == "-" else f'<a href="{escape(link_target(doc.path, fragment, self.base))}">{label}</a>'
        )
        record = f" ({escape(doc.locator)}, line {text_line(doc, claim)} of the text)" if doc.locator else ""
        return f'<span class="key">{self.keys.get(doc.id, "")}</span> <cite>{escape(doc_name(doc))}</cite> · {link}{record}'


def marked(runs: list[tuple[str, bool]]) -> str:
    """Escaped text with its marked runs in <mark>."""
    return "".join(f"<mark>{escape(t)}</mark>" if m else escape(t) for t, m in runs)


def render_html(report: Report, gate: GateResult | None = None, links_from: str | None = None) -> str:
    """The whole report as one HTML page."""
    view = HtmlView(report, links_from)
    status = gate.status_by_id() if gate and gate.has_baseline else {}
    facts = [f for f in report.findings if f.kind in ("conflict", "variant", "corroborated")][:MAX_LISTED]
    out = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        '<meta name="generator" content="factcheck">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Consistency report</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        "<h1>Consistency report</h1>",
        _summary(report),
        "<h2>Facts by source</h2>",
        '<p>Rows are facts, columns the sources (keys as in <a href="#documents">Documents</a>); a cell holds the '
        "value that source gives. Rows in red are conflicts, amber name variants; open a row's evidence below.</p>",
        _matrix(view, facts),
        "<h2>Evidence</h2>",
        *[_finding(view, n, f, status) for n, f in enumerate(facts, 1)],
        unique(view),
        echoes(view),
        documents(view),
        clutter(view),
        skipped(view),
        "</body>\n</html>\n",
    ]
    return "\n".join(out)


def _summary(report: Report) -> str:
    kinds = [str(f.kind) for f in report.findings]
    temporal = sum(1 for f in report.findings if f.kind == "conflict" and f.temporal)
    rows = [
        ("Documents checked", sum(1 for d in report.documents if not d.skipped)),
        ("Documents skipped", sum(1 for d in report.documents if d.skipped)),
        ("Claims", len(report.claims)),
        ("Conflicts", kinds.count("conflict") - temporal),
        ("Figures that changed between reports", temporal),
        ("Name variants", kinds.count("variant")),
        ("Corroborated claim groups", kinds.count("corroborated")),
        ("Unique claims", kinds.count("unique")),
        ("Echoed claims", kinds.count("echo")),
        ("Lines removed as page clutter", sum(len(d.dropped) for d in report.documents)),
    ]
    body = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="summary">{body}</table>'


def _title(f: Finding, found: list[Side], label: str = "") -> str:
    """What a finding is about, in a few words: 'Number: 1,037 people vs 1,305'."""
    if f.kind == "corroborated":
        return label or f"Agreed by {len(f.docs)} sources"
    if f.type == "quote":
        return "Quote: one quotation, worded differently"
    return f"{f.type.capitalize()}: " + " vs ".join(s.shown for s in found if s.shown)


def _matrix(view: HtmlView, facts: list[Finding]) -> str:
    """Rows facts, columns sources, cells the value each source gives; conflicting rows marked."""
    if not facts:
        return "<p>No fact is stated by more than one source.</p>"
    head = "".join(f'<th title="{escape(doc_name(view.docs[d]))}">{k}</th>' for d, k in view.keys.items())
    rows = []
    for n, f in enumerate(facts, 1):
        cells = _cells(view, f)
        kind = "temporal" if f.temporal else f.kind
        row = "".join(cells.get(d, "<td></td>") for d in view.keys)
        label = escape(view.title(f))
        rows.append(f'<tr class="{kind}"><th><a href="#f{n}">{n}. {label}</a></th>{row}</tr>')
    return f'<div class="scroll"><table class="matrix"><tr><th>Fact</th>{head}</tr>{"".join(rows)}</table></div>'


def _cells(view: HtmlView, f: Finding) -> dict[str, str]:
    """Per document, the matrix cell: the value(s) it states, colour-coded by side in a conflict."""
    out: dict[str, list[str]] = {}
    if f.kind == "corroborated":
        for cid in f.claims:
            c = view.claims[cid]
            stated = [fact.text for fact in c.facts if fact.value in f.values] or ["✓"]
            out.setdefault(c.doc, []).extend(stated)
        return {d: f"<td>{escape(' / '.join(dict.fromkeys(v)))}</td>" for d, v in out.items()}
    given: dict[str, list[tuple[int, str]]] = {}
    for i, side in enumerate(sides(f, view.claims)):
        for d in side.docs:
            given.setdefault(d, []).append((i % 4, _short(side.shown)))
    return {
        d: f'<td class="side{v[0][0]}">{escape(v[0][1])}</td>'
        if len(v) == 1
        else f'<td class="mixed">{"<br>".join(escape(t) for _, t in v)}</td>'
        for d, v in given.items()
    }


def _short(value: str) -> str:
    """A matrix cell's value: long quotations are cut (the evidence below shows them whole, differences marked)."""
    return value if len(value) <= 60 else value[:59] + "…"


def _finding(view: HtmlView, n: int, f: Finding, status: dict[str, str]) -> str:
    """One fact's evidence, collapsed: explanation, value table, every claim with what differs marked."""
    found = sides(f, view.claims)
    tag = f" · {status.get(f.id, 'new')}" if status else ""
    kind = "changed figure" if f.temporal else f.kind
    summary = f"{n}. {kind.capitalize()} — {view.title(f)} ({f.severity}{tag})"
    body = [f"<p>{escape(f.message)}</p>"]
    if f.kind != "corroborated":
        body.append(_value_table(view, f, found))
    items = []
    for side in found:
        for claim in side.claims[:MAX_ROWS]:
            spans = marks(f, side, claim, found) if f.kind != "corroborated" else _shared(f, claim)
            items.append(f"<li>{view.cite(claim)}<blockquote>{marked(pieces(claim.text, spans))}</blockquote></li>")
        if len(side.claims) > MAX_ROWS:
            items.append(f"<li>… and {len(side.claims) - MAX_ROWS} more claims giving this value</li>")
    body.append(f'<ul class="claims">{"".join(items)}</ul><p class="id">finding <code>{escape(f.id)}</code></p>')
    opened = " open" if f.kind == "conflict" and not f.temporal else ""
    return f'<details id="f{n}" class="{f.kind}"{opened}><summary>{escape(summary)}</summary>{"".join(body)}</details>'


def _shared(f: Finding, claim: Claim) -> list[tuple[int, int]]:
    return [(x.start, x.end) for x in claim.facts if x.value in f.values and 0 <= x.start < x.end <= len(claim.text)]


def _value_table(view: HtmlView, f: Finding, found: list[Side]) -> str:
    rows = []
    for i, side in enumerate(found):
        other = next((o for o in found if o.value and o.value != side.value), None)
        spans = quote_diff(side.shown, (0, len(side.shown)), other.value) if f.type == "quote" and other else []
        names = ", ".join(escape(doc_name(view.docs[d])) for d in side.docs if d in view.docs)
        rows.append(f'<tr><td class="side{i % 4}">{marked(pieces(side.shown, spans))}</td>'
                    f"<td>{len(side.docs)}</td><td>{names}</td></tr>")  # fmt: skip
    return f'<table class="values"><tr><th>Value</th><th>Sources</th><th>Documents</th></tr>{"".join(rows)}</table>'

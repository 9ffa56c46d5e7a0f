"""HTML report sections about the sources (unique claims, documents, clutter removed, skips) and its style."""

from __future__ import annotations

from html import escape
from pathlib import PurePath
from typing import TYPE_CHECKING

from . import claims_per_doc
from .escape import link_target
from .evidence import doc_name, published, removed_examples, removed_summary, spot

if TYPE_CHECKING:
    from ..model import Claim
    from .html import HtmlView

CLUTTER_EXAMPLES = 20  # removed lines shown per document

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
th{background:#f4f4f4;text-align:left}.summary td{text-align:right}
.scroll{overflow-x:auto}.matrix td{font-size:.9em;max-width:14em}
.matrix tr.conflict th{border-left:4px solid #c0392b}.matrix tr.variant th{border-left:4px solid #e69b00}
.matrix tr.temporal th{border-left:4px solid #7f8c8d}.matrix tr.corroborated th{border-left:4px solid #27ae60}
.side0{background:#fde2e1}.side1{background:#dbe9fb}.side2{background:#fff2c6}.side3{background:#e3f4e0}
.mixed{background:#eee}
details{border:1px solid #ddd;border-radius:4px;margin:.5em 0;padding:.3em .8em}
details.conflict{border-left:4px solid #c0392b}details.variant{border-left:4px solid #e69b00}
details.corroborated{border-left:4px solid #27ae60}summary{cursor:pointer;font-weight:600}
blockquote{margin:.2em 0 .6em 1em;padding-left:.6em;border-left:3px solid #ddd}
mark{background:#ffe066;font-weight:600}.key{font:600 .8em monospace;background:#eee;padding:0 .3em}
.id{color:#888;font-size:.8em}cite{font-style:italic}
"""


def _file(view: HtmlView, path: str, line: int | str | None = None, label: str | None = None) -> str:
    """A link to a file (and line or page), or its escaped name for standard input."""
    if path == "-":
        return "standard input"
    name = escape(label or PurePath(path).name or path)
    return f'<a href="{escape(link_target(path, line, view.base))}">{name}</a>'


def unique(view: HtmlView) -> str:
    """Claims only one source makes, one collapsed list per source."""
    by_doc: dict[str, list] = {}
    for f in view.report.findings:
        if f.kind == "unique" and f.claims[0] in view.claims:
            c = view.claims[f.claims[0]]
            by_doc.setdefault(c.doc, []).append(c)
    parts = ["<h2>Unique claims</h2>", "<p>Claims only one source makes.</p>" if by_doc else "<p>None.</p>"]
    for doc in sorted(by_doc):
        d = view.docs[doc]
        items = "".join(
            f"<li>{_file(view, d.path, spot(d, c)[1], spot(d, c)[0])}: {escape(c.text)}</li>"
            for c in sorted(by_doc[doc], key=lambda c: c.start)
        )
        title = f"{view.keys.get(doc, '')} {doc_name(d)} — {len(by_doc[doc])} claims"
        parts.append(f"<details><summary>{escape(title)}</summary><ul>{items}</ul></details>")
    return "\n".join(parts)


def echoes(view: HtmlView) -> str:
    """Claims no group holds that other sources state in other words, each beside its echoes ('' if none)."""
    found = [f for f in view.report.findings if f.kind == "echo" and all(c in view.claims for c in f.claims)]
    if not found:
        return ""
    items = []
    for f in found:
        claim, *others = (view.claims[c] for c in f.claims)
        echoed = "".join(f"<li>{_cited(view, c)}: {escape(c.text)}</li>" for c in others)
        items.append(f"<li>{_cited(view, claim)}: {escape(claim.text)}<ul>{echoed}</ul></li>")
    intro = "Not grouped (worded too far apart), not unique either: other sources say something close with the "
    return f"<h2>Echoed claims</h2>\n<p>{intro}same nouns. Read them side by side.</p>\n<ul>{''.join(items)}</ul>"


def _cited(view: HtmlView, claim: Claim) -> str:
    """The claim's source name and a link to its line."""
    d = view.docs[claim.doc]
    return f"{escape(doc_name(d))} · {_file(view, d.path, spot(d, claim)[1], spot(d, claim)[0])}"


def documents(view: HtmlView) -> str:
    """The documents used, with key, name, source, date, file and claim count."""
    per_doc = claims_per_doc(view.report)
    rows = []
    for d in view.report.documents:
        if d.skipped:
            continue
        record = f" ({escape(d.locator)})" if d.locator else ""
        cells = [view.keys[d.id], escape(doc_name(d)), escape(d.source or ""), escape(published(d)),
                 _file(view, d.path) + record, str(per_doc.get(d.id, 0))]  # fmt: skip
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Key", "Document", "Source", "Published", "File", "Claims"))
    return f'<h2 id="documents">Documents</h2><table><tr>{head}</tr>{"".join(rows)}</table>'


def clutter(view: HtmlView) -> str:
    """Per document, the lines left out as page clutter and why."""
    used = [d for d in view.report.documents if not d.skipped and d.dropped]
    parts = ["<h2>Page clutter removed</h2>"]
    if not used:
        return parts[0] + "<p>No lines were removed.</p>"
    for d in used:
        why = ", ".join(f"{n} {reason}" for reason, n in removed_summary(d).items())
        items = "".join(
            f"<li>line {line}: <q>{escape(text)}</q> — {escape(reason)}</li>"
            for line, text, reason in removed_examples(d, CLUTTER_EXAMPLES)
        )
        title = f"{view.keys[d.id]} {doc_name(d)} — {len(d.dropped)} lines ({why})"
        parts.append(f"<details><summary>{escape(title)}</summary><ul>{items}</ul></details>")
    return "\n".join(parts)


def skipped(view: HtmlView) -> str:
    """The documents that could not be used, with the reason."""
    docs = [d for d in view.report.documents if d.skipped]
    items = "".join(f"<li>{_file(view, d.path)}: {escape(d.skipped or '')}</li>" for d in docs)
    return "<h2>Skipped documents</h2>" + (f"<ul>{items}</ul>" if docs else "<p>None.</p>")

"""Markdown sections about the sources: the documents with keys, who agrees with whom, clutter removed, skips."""

from __future__ import annotations

from itertools import combinations
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..model import Document
from . import claims_per_doc
from .escape import md, md_link, table
from .evidence import doc_keys, doc_name, published, removed_examples, removed_summary

if TYPE_CHECKING:
    from .markdown import View

MAX_MATRIX = 20  # sources up to which agreement is a source-by-source grid; beyond, a list of top pairs
MAX_PAIRS = 200  # pairs listed beyond MAX_MATRIX sources
CLUTTER_EXAMPLES = 3  # removed lines shown per document (the JSON lists more; `factcheck claims --show-dropped` all)


def documents(view: View) -> list[str]:
    """The documents used: key, name, source, date, file link and claim count."""
    keys = doc_keys(view.report)
    per_doc = claims_per_doc(view.report)
    rows = []
    for d in view.report.documents:
        if d.skipped:
            continue
        name = PurePath(d.path).name or d.path
        file = md_link(name, d.path, None, view.base) + (f" ({md(d.locator)})" if d.locator else "")
        rows.append(
            [keys[d.id], md(doc_name(d)), md(d.source or ""), md(published(d)), file, str(per_doc.get(d.id, 0))]
        )
    headers = ["Key", "Document", "Source", "Published", "File", "Claims"]
    return ["## Documents", "", table(rows, headers) if rows else "None.", ""]


def agreement(view: View) -> list[str]:
    """How many claim groups each pair of sources shares: a grid by key up to MAX_MATRIX sources, else a list."""
    keys = doc_keys(view.report)
    shared: dict[tuple[str, str], int] = {}
    for k in view.report.clusters:
        for pair in combinations(sorted(d for d in k.docs if d in keys), 2):
            shared[pair] = shared.get(pair, 0) + 1
    out = ["## Source agreement", "", "Claim groups each pair of sources shares (corroborated or conflicting).", ""]
    if len(keys) > MAX_MATRIX:
        top = sorted(((n, pair) for pair, n in shared.items() if n), key=lambda x: (-x[0], x[1]))[:MAX_PAIRS]
        rows = [[f"{keys[a]} {md(doc_name(view.docs[a]))}", f"{keys[b]} {md(doc_name(view.docs[b]))}", str(n)]
                for n, (a, b) in top]  # fmt: skip
        out += [f"{len(keys)} sources: the {len(top)} pairs that share the most claim groups.", ""]
        return out + [table(rows, ["Source", "Source", "Shared groups"]), ""]
    rows = []
    for a in keys:
        cells = ["·" if a == b else str(shared.get((min(a, b), max(a, b)), 0) or "") for b in keys]
        rows.append([keys[a], *cells])
    out += ["Keys are those of the Documents table; an empty cell means no shared group.", ""]
    return out + [table(rows, ["", *keys.values()]), ""]


def clutter(view: View) -> list[str]:
    """Per document, how many lines were left out as page clutter and why, with examples, in a collapsed block."""
    keys = doc_keys(view.report)
    used = [d for d in view.report.documents if not d.skipped]
    total = sum(len(d.dropped) for d in used)
    out = ["## Page clutter removed", ""]
    if not total:
        return out + ["No lines were removed.", ""]
    rows = []
    for d in (d for d in used if d.dropped):
        why = ", ".join(f"{n} {reason}" for reason, n in removed_summary(d).items())
        shown = "<br>".join(f"line {line}: {md(text)} ({md(reason)})" for line, text, reason in _examples(d))
        rows.append([keys[d.id], md(doc_name(d)), str(len(d.dropped)), md(why), shown])
    summary = f"{total} lines left out of {sum(1 for d in used if d.dropped)} documents (click to show)"
    return out + [
        f"<details><summary>{summary}</summary>",
        "",
        table(rows, ["Key", "Document", "Lines", "Why", "Examples"]),
        "",
        "`factcheck claims PATH --show-dropped` lists every removed line of a document with the reason. For HTML "
        "pages the counts start after main-text extraction (trafilatura drops menus and comments first).",
        "",
        "</details>",
        "",
    ]


def _examples(doc: Document) -> list[tuple[int, str, str]]:
    """A few removed lines of `doc`, each cut to 80 characters (they are clutter, not claims)."""
    return [(line, text[:80] + ("…" if len(text) > 80 else ""), reason) for line, text, reason in
            removed_examples(doc, CLUTTER_EXAMPLES)]  # fmt: skip


def skipped(view: View) -> list[str]:
    """The documents that could not be used, with the reason."""
    out = ["## Skipped documents", ""]
    docs = [d for d in view.report.documents if d.skipped]
    if not docs:
        return out + ["None.", ""]
    return out + [f"- {md_link(d.path, d.path, None, view.base)}: {md(d.skipped)}" for d in docs] + [""]

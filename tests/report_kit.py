"""Hand-made reports for renderer tests: documents, claims and findings built directly, no model involved."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

from factcheck.model import Claim, Cluster, Document, Fact, Finding, FindingKind, FindingType, Report, Severity


def doc(doc_id: str, sentences: list[str], path: str | None = None, title: str | None = None, **extra) -> Document:
    """A plain-text document whose lines are `sentences` (blank lines between), all of it body."""
    text = "\n\n".join(sentences)
    return Document(doc_id, path or f"docs/{doc_id}.txt", text, title, body=((0, len(text)),), **extra)


def claim(d: Document, n: int, facts: tuple[Fact, ...] = ()) -> Claim:
    """The n-th (0-based) sentence of `d` as a claim."""
    lines = d.text.split("\n")
    line = [i for i, text in enumerate(lines) if text][n]
    start = sum(len(x) + 1 for x in lines[:line])
    return Claim(f"{d.id}:{n + 1}", d.id, lines[line], line + 1, start, start + len(lines[line]), facts, n)


def fact(sentence: str, surface: str, value: str, type_: str = "number", label: str | None = None) -> Fact:
    """A fact found at its surface text in the sentence."""
    at = sentence.index(surface)
    return Fact(type_, surface, value, label, None, at, at + len(surface))


def conflict(claims: list[Claim], values: list[str], type_: str = "number", n: int = 0) -> Finding:
    """A conflict finding whose sides are the claims in order, one value each."""
    return Finding(
        id=f"fc-{type_}{n:04d}",
        kind=FindingKind.CONFLICT,
        type=FindingType(type_),
        claims=tuple(c.id for c in claims),
        values=tuple(values),
        message=f"Sources give different {type_}s.",
        severity=Severity.HIGH,
        docs=tuple(sorted({c.doc for c in claims})),
        sides=tuple((c.id,) for c in claims),
    )


def report(docs: list[Document], claims: list[Claim], findings: list[Finding]) -> Report:
    """A report with one cluster per finding."""
    clusters = tuple(
        Cluster(f"g{i}", f.claims, tuple(sorted({c.doc for c in claims if c.id in f.claims})), "conflicting")
        for i, f in enumerate(findings)
    )
    return Report(tuple(docs), tuple(claims), clusters, tuple(findings))


def markdown_html(text: str) -> str:
    """Markdown rendered the way GitHub does for what the report uses (CommonMark, tables, raw HTML allowed)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(text)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the page's text, from an HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.tables: list[list[int]] = []  # per table, the cells of each row
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        if tag == "tr" and self.tables:
            self.tables[-1].append(0)
        if tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        """Attributes of every `tag` element."""
        return [attrs for t, attrs in self.tags if t == tag]

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())

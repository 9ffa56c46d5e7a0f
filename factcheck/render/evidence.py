"""What every human-readable format shows of a finding: document names, each value's side, marked words."""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from ..model import Claim, Document, Fact, Finding, Report

_WORDS = re.compile(r"\S+")
_PUNCT = "\"'.,;:!?()[]"
_UNSTATED = {("negation", "positive"): "stated positively", ("negation", "negative"): "stated negatively"}


@dataclass(frozen=True, slots=True)
class Side:
    """One value of a finding with the claims that give it; `shown` is the value as a source writes it."""

    value: str
    shown: str
    claims: tuple[Claim, ...]

    @property
    def docs(self) -> tuple[str, ...]:
        """The documents that give this value, in claim order, each once."""
        return tuple(dict.fromkeys(c.doc for c in self.claims))


@lru_cache(maxsize=4096)
def file_name(path: str) -> str:
    """A document's file name ('standard input' for '-'), worked out once per path."""
    return "standard input" if path == "-" else PurePath(path).name or path


def doc_name(doc: Document) -> str:
    """What a reviewer calls a document: its title, else its file name (with the record for JSON/CSV)."""
    if doc.title:
        return " ".join(doc.title.split())
    name = file_name(doc.path)
    return f"{name} {doc.id[doc.id.index('#') :]}" if "#" in doc.id and "#" not in name else name


def published(doc: Document) -> str:
    """The publication date with where it was read ('2024-02-07 (date line)'), or '' without one."""
    if not doc.published:
        return ""
    return f"{doc.published} ({doc.published_from})" if doc.published_from else doc.published


def spot(doc: Document, claim: Claim) -> tuple[str, int | str | None]:
    """How a claim's place is named and linked: ('a.txt:12', 12), ('a.pdf, page 3, line 12', 'page=3'), ..."""
    name = file_name(doc.path)
    if claim.where:
        page = re.match(r"page (\d+)", claim.where)
        return f"{name}, {claim.where}", f"page={page.group(1)}" if page else None
    return f"{name}:{claim.line}", claim.line


def doc_keys(report: Report) -> dict[str, str]:
    """Short keys D1, D2, ... for the documents used, in report order (tables of many sources use them)."""
    used = [d.id for d in report.documents if not d.skipped]
    return {doc: f"D{n}" for n, doc in enumerate(used, 1)}


def text_line(doc: Document, claim: Claim) -> int:
    """The claim's line within the document's text (for a record: the line of its text field)."""
    return bisect.bisect_right(_newlines(doc.text), claim.start - 1) + 1


@lru_cache(maxsize=256)
def _newlines(text: str) -> tuple[int, ...]:
    """Offsets of the line breaks of a text (computed once per text while reports render)."""
    return tuple(m.start() for m in re.finditer("\n", text))


def where(doc: Document, claim: Claim) -> str:
    """Where a claim is, in words: 'line 12', or "line 5, record 1, field 'text', line 3 of the text"."""
    if doc.locator:
        return f"line {claim.line}, {doc.locator}, line {text_line(doc, claim)} of the text"
    return f"line {claim.line}"


def fact_of(f: Finding, claim: Claim, value: str) -> Fact | None:
    """The fact of `claim` that carries `value` of the finding (compared as value or as written)."""
    low = value.lower()
    for fact in claim.facts:
        if fact.value == value or fact.value.lower() == low or fact.text.lower() == low:
            return fact
    return None


def sides(f: Finding, claims: dict[str, Claim]) -> list[Side]:
    """Each value of `f` with the claims that give it; claims that carry no value join the one empty side."""
    cited = [claims[c] for c in f.claims if c in claims]
    if f.sides and len(f.sides) == len(f.values):
        groups = [[claims[c] for c in ids if c in claims] for ids in f.sides]
    else:
        groups = [[c for c in cited if fact_of(f, c, v)] for v in f.values]
        placed = {c.id for g in groups for c in g}
        rest = [c for c in cited if c.id not in placed]
        empty = [i for i, g in enumerate(groups) if not g]
        if rest and len(empty) == 1:
            groups[empty[0]] = rest
        elif rest:
            return [*_sides(f, list(f.values), groups), Side("", "", tuple(rest))]
    return _sides(f, list(f.values), groups)


def _sides(f: Finding, values: list[str], groups: list[list[Claim]]) -> list[Side]:
    out = []
    for value, group in zip(values, groups):
        facts = [fact_of(f, c, value) for c in group]
        shown = next((x.text for x in facts if x is not None), _UNSTATED.get((f.type, value), value))
        out.append(Side(value, shown, tuple(group)))
    return out


def marks(f: Finding, side: Side, claim: Claim, others: list[Side]) -> list[tuple[int, int]]:
    """Spans of `claim.text` to mark: the fact carrying the side's value, or in a quote the words that differ."""
    fact = fact_of(f, claim, side.value) if side.value else None
    if fact is None:
        return []
    span = _span(claim, fact)
    if span is None:
        return []
    if f.type == "quote":
        other = next((o for o in others if o.value and o.value != side.value), None)
        if other is not None:
            return quote_diff(claim.text, span, other.value)
    return [span]


def _span(claim: Claim, fact: Fact) -> tuple[int, int] | None:
    """Where the fact stands in the claim's text: its offsets when they hold, else the first match of its text."""
    if claim.text[fact.start : fact.end] == fact.text and fact.end > fact.start:
        return fact.start, fact.end
    at = claim.text.find(fact.text) if fact.text else -1
    return (at, at + len(fact.text)) if at >= 0 else None


def quote_diff(text: str, span: tuple[int, int], other: str) -> list[tuple[int, int]]:
    """Spans of the words inside text[span] that the other wording does not have in the same place."""
    words = list(_WORDS.finditer(text, span[0], span[1]))
    mine = [_bare(w.group(0)) for w in words]
    theirs = [_bare(w) for w in other.split()]
    out = []
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes():
        if op in ("replace", "delete") and i2 > i1:
            first, last = words[i1], words[i2 - 1]
            lead = len(first.group(0)) - len(first.group(0).lstrip(_PUNCT))
            trail = len(last.group(0)) - len(last.group(0).rstrip(_PUNCT))
            if first.start() + lead < last.end() - trail:
                out.append((first.start() + lead, last.end() - trail))
    return out


def _bare(word: str) -> str:
    return word.lower().strip(_PUNCT)


def pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, marked) runs by non-overlapping `spans`."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def removed_summary(doc: Document) -> dict[str, int]:
    """How many lines were left out as clutter, by reason category ('page furniture', 'not prose', ...)."""
    out: dict[str, int] = {}
    for _, reason in doc.dropped:
        key = reason.split(":", 1)[0]
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def removed_examples(doc: Document, limit: int) -> list[tuple[int, str, str]]:
    """Up to `limit` dropped lines as (file line, text, reason), page furniture and article tails first."""
    lines = doc.text.split("\n")
    ranked = sorted(doc.dropped, key=lambda d: (d[1].startswith(("not prose", "date line")), d[0]))
    return [(doc.file_line(n), lines[n - 1].strip(), reason) for n, reason in ranked[:limit] if n <= len(lines)]

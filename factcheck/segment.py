"""Split a document's article prose into sentences that keep their line and character offsets."""

from __future__ import annotations

import bisect
import re

from .model import Document, Sentence

MAX_SENTENCE_CHARS = 2000  # longer runs (tables, run-on dumps) are cut at whitespace into pieces of this size
_SPACE = re.compile(r"\s+")
_ACRONYM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
# words that often follow "U.S." inside a sentence; a split before them is a false sentence break
_AFTER_ACRONYM = frozenset(
    [
        "Secretary",
        "Treasury",
        "Department",
        "State",
        "Army",
        "Navy",
        "Air",
        "Marine",
        "Marines",
        "Central",
        "Special",
        "Defense",
        "Embassy",
        "Ambassador",
        "President",
        "Senate",
        "Senator",
        "Congress",
        "House",
        "Supreme",
        "Court",
        "Federal",
        "Forces",
        "Military",
        "Government",
        "Official",
        "Officials",
        "Attorney",
        "General",
        "Major",
        "Vice",
        "Representative",
        "Representatives",
        "Capitol",
        "Coast",
        "Geological",
        "Agency",
        "Institute",
        "Census",
        "Open",
        "Food",
        "Environmental",
        "National",
        "Justice",
        "Trade",
        "Commerce",
        "Energy",
        "Labor",
        "Postal",
        "Secret",
        "Space",
        "Navy's",
        "Army's",
    ]
)


def segment(doc: Document) -> list[Sentence]:
    """Return the sentences of every prose block of `doc`, in order."""
    import nupunkt

    line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
    out: list[Sentence] = []
    for block_start, block_end in doc.body:
        block = doc.text[block_start:block_end]
        spans = _repair([span for _, span in nupunkt.sent_spans_with_text(block)], block)
        for s, e in spans:
            for ps, pe in _pieces(block, s, e):
                start, end = block_start + ps, block_start + pe
                line = bisect.bisect_right(line_starts, start)
                out.append(Sentence(doc.id, len(out), doc.text[start:end], line, start, end))
    return out


def _repair(spans: list[tuple[int, int]], block: str) -> list[tuple[int, int]]:
    """Undo false breaks: after "U.S." before a title word, before lowercase text, or before bare punctuation.

    Linear in the block: a merged span is never copied; its word count grows with each merge.
    """
    out: list[list[int]] = []  # [start, end, words]
    for s, e in spans:
        nxt = block[s:e].strip()
        if out and _continues(block, out[-1], nxt):
            start, end, count = out[-1]
            out[-1] = [start, e, count + _words_after(block, start, end, e)]
            continue
        out.append([s, e, len(nxt.split())])
    return [(s, e) for s, e, _ in out]


def _continues(block: str, prev: list[int], nxt: str) -> bool:
    """Whether the text `nxt` continues the sentence `prev` ([start, end, words]) rather than starting one."""
    if not re.search(r"[A-Za-z]", nxt) or nxt[:1].islower():
        return True
    start, end, count = prev
    while end > start and block[end - 1].isspace():
        end -= 1
    # the last two "X." of the sentence are enough to find an acronym ending; a short sentence is searched whole
    low = max(start, end - 8)
    ending = _ACRONYM_END.search(block[start:end]) if low == start else _ACRONYM_END.search(block, low, end)
    first = nxt.split(" ", 1)[0].strip('"(') if nxt else ""
    return bool(ending) and (first in _AFTER_ACRONYM or count < 6)


def _words_after(block: str, start: int, end: int, new_end: int) -> int:
    """Words that block[end:new_end] adds to the sentence block[start:end] (a word cut at `end` counts once)."""
    added = len(block[end:new_end].split())
    joined = start < end < new_end and not block[end - 1].isspace() and not block[end].isspace()
    return added - 1 if joined and added else added


def _pieces(block: str, s: int, e: int) -> list[tuple[int, int]]:
    """Trim a sentence span to its non-space text and cut overlong ones at whitespace."""
    while s < e and block[s].isspace():
        s += 1
    while e > s and block[e - 1].isspace():
        e -= 1
    pieces = []
    while e - s > MAX_SENTENCE_CHARS:
        cut = block.rfind(" ", s, s + MAX_SENTENCE_CHARS)
        if cut <= s:
            cut = s + MAX_SENTENCE_CHARS
        pieces.append((s, cut))
        s = cut
        while s < e and block[s].isspace():
            s += 1
    if e > s:
        pieces.append((s, e))
    return pieces


def fold(text: str) -> str:
    """Fold runs of whitespace to one space."""
    return _SPACE.sub(" ", text).strip()

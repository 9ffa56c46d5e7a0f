"""Layout rules for the lines of a PDF's pages: reading order, page furniture, paragraphs, broken words.

Pure functions over `Line`s (text plus position), so they are tested without a PDF library. The result is
the document text (one page line per line) and a reflowed view of it (a paragraph per line, blank lines
between blocks) that the plain-text article rules read; spans found in the view map back to the text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from .decode import normalise

EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be a running header or footer
COLUMN_GAP = 4.0  # points of clear space between two columns of text
LINE_SPACING = 1.2  # lines at most this many times the usual spacing apart belong to one block of text
WORD_SLACK = 1.5  # inside a block, a word may be this much wider than the average character width says
_PAGE_NUMBER = re.compile(r"^(?:page\s+|p\.\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_TERMINAL = re.compile(r"""[.!?:]["'”’)\]]*$""")
_NEW_ITEM = re.compile(r"^(?:[•·▪◦*+\-–—](?:\s|$)|\d{1,2}[.)]\s|[-–—_*=#~.]{3,})")  # a bullet, a numbered item, a rule
_BROKEN_WORD = re.compile(r"[A-Za-z]*[A-Za-z][-\u2010\u2011]$")  # a hyphen, never a dash


@dataclass(frozen=True, slots=True)
class Line:
    """One text line of a page: its text, the text box it sits in, and its place on the page (PDF points)."""

    text: str
    box: int
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0


@dataclass(frozen=True, slots=True)
class Paged:
    """A PDF's text lines, the line each page starts on (1-based), and the reflowed view with line starts."""

    lines: list[str]
    parts: tuple[int, ...]
    view: str
    starts: list[int]


def paragraphs(pages: list[list[Line]]) -> Paged:
    """Lay out the lines of every page (furniture already dropped) as text and as a reflowed view."""
    flat = [(p, line) for p, page in enumerate(pages) for line in page]
    seps = separators(flat, full_width([line for _, line in flat]))
    lines = [normalise(line).replace("\n", " ") for line in join_hyphens([line.text for _, line in flat])]
    parts, seen = [], 0
    for page in pages:
        parts.append(seen + 1)
        seen += len(page)
    pieces, starts, pos = [], [], 0
    for k, line in enumerate(lines):
        starts.append(pos)
        sep = seps[k] if k < len(seps) else ""
        pieces += [line, sep]
        pos += len(line) + len(sep)
    return Paged(lines, tuple(parts), "".join(pieces), starts)


def reading_order(boxes: list[tuple[float, float, float, float]]) -> list[int]:
    """Indices of text boxes (x0, y0, x1, y1) in reading order, by cutting the page along the gaps between them.

    Columns come first (left to right, each read top to bottom); where a box spans the gap between columns
    (a headline, a centred footer), the page is cut across there, so what is above it is read before what
    is below it.
    """
    return _cut(list(range(len(boxes))), boxes)


def _cut(idx: list[int], boxes: list[tuple[float, float, float, float]]) -> list[int]:
    columns = _split(idx, boxes, 0) if len(idx) > 1 else [idx]
    if len(columns) > 1:
        return [i for column in columns for i in _cut(column, boxes)]
    rows = _split(idx, boxes, 1) if len(idx) > 1 else [idx]
    if len(rows) == 1:
        return sorted(idx, key=lambda i: (-boxes[i][3], boxes[i][0]))
    regions = [rows[0]]
    for row in rows[1:]:  # rows that share the gaps between columns are one multi-column region
        if len(_split(regions[-1] + row, boxes, 0)) > 1:
            regions[-1] = regions[-1] + row
        else:
            regions.append(row)
    return [i for region in regions for i in _cut(region, boxes)]


def _split(idx: list[int], boxes: list[tuple[float, float, float, float]], axis: int) -> list[list[int]]:
    """Boxes grouped where a gap runs right through: between columns (axis 0) or between rows (axis 1)."""
    if axis == 0:
        spans = sorted((boxes[i][0], boxes[i][2], i) for i in idx)
        gap = COLUMN_GAP
    else:  # rows, top first: y grows upwards in PDF
        spans = sorted((-boxes[i][3], -boxes[i][1], i) for i in idx)
        gap = 0.0
    groups: list[list[int]] = []
    end = float("-inf")
    for start, stop, i in spans:
        if start > end + gap:
            groups.append([])
        groups[-1].append(i)
        end = max(end, stop)
    return groups


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop running headers and footers (edge lines that repeat on most pages) and page numbers."""
    edges = [_edge(page) for page in pages]
    seen = Counter(shape for page, idx in zip(pages, edges) for shape in {_shape(page[i].text) for i in idx})
    need = max(2, (len(pages) + 1) // 2)
    out = []
    for page, idx in zip(pages, edges):
        drop = {i for i in idx if seen[_shape(page[i].text)] >= need or _PAGE_NUMBER.match(page[i].text)}
        out.append([line for i, line in enumerate(page) if i not in drop])
    return out


def _edge(page: list[Line]) -> set[int]:
    """Indices of the top and bottom lines of a page."""
    order = sorted(range(len(page)), key=lambda i: -page[i].top)
    return set(order[:EDGE_LINES] + order[-EDGE_LINES:])


def _shape(text: str) -> str:
    """A line with case, spacing and numbers folded, so 'Page 3 of 9' and 'Page 4 of 9' repeat."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def full_width(lines: list[Line]) -> float:
    """The width of a full line of running text (90th percentile of line widths)."""
    widths = sorted(line.right - line.left for line in lines)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0.0


def separators(flat: list[tuple[int, Line]], full: float) -> list[str]:
    """How each line joins the next in the reflowed view: ' ' (same paragraph), '\\n' or '\\n\\n' (new block).

    Inside a text box a line runs on into the next when it was wrapped; so it does into the next box set at
    the usual line spacing below it, or at the top of the next column or page, when it also has no final
    punctuation (a column that starts in lower case continues the last one, wrapped or not).
    """
    pitch = _line_spacing(flat)
    out = []
    for (page, prev), (next_page, nxt) in pairwise(flat):
        wrapped = _wrapped(prev, nxt, full)
        step = prev.top - nxt.top if page == next_page else -1.0
        if page == next_page and prev.box == nxt.box:
            out.append(" " if wrapped else "\n")
        elif _TERMINAL.search(prev.text):
            out.append("\n" if 0 < step <= LINE_SPACING * pitch else "\n\n")
        elif 0 < step <= LINE_SPACING * pitch:
            out.append(" " if wrapped else "\n")
        else:
            runs_on = _wrapped(prev, nxt, full, 1.0) or nxt.text[:1].islower()  # no slack across columns
            out.append(" " if step < 0 and runs_on else "\n\n")
    return out


def _line_spacing(flat: list[tuple[int, Line]]) -> float:
    """The usual distance between two lines of a paragraph: inside text boxes, else the smaller steps."""
    inside = sorted(a.top - b.top for (p, a), (q, b) in pairwise(flat) if p == q and a.box == b.box)
    steps = inside or sorted(a.top - b.top for (p, a), (q, b) in pairwise(flat) if p == q and a.top > b.top)
    return steps[len(steps) // (2 if inside else 4)] if steps else 0.0


def _wrapped(prev: Line, nxt: Line, full: float, slack: float = WORD_SLACK) -> bool:
    """Whether `prev` was broken by line wrapping: the first word of `nxt` would not have fitted after it."""
    if _BROKEN_WORD.search(prev.text) and nxt.text[:1].isalpha():  # 'recov-' + 'ered'
        return True
    if _NEW_ITEM.match(nxt.text):  # a bullet, a numbered item, a rule: a new line, not a wrapped one
        return False
    word = len(nxt.text.split(" ", 1)[0]) + 1
    char = (nxt.right - nxt.left) / max(len(nxt.text), 1)
    return prev.left + full - prev.right < slack * word * char


def join_hyphens(lines: list[str]) -> list[str]:
    """Join words broken at a line end ('recov-' + 'ered the'): the whole word moves to the next line.

    Whether the hyphen stays is decided by `_hyphen`.
    """
    out = list(lines)
    spelled = " ".join(lines).lower()
    for k in range(len(out) - 1):
        line, nxt = out[k], out[k + 1]
        m = _BROKEN_WORD.search(line)
        cut = line.rfind(" ") + 1  # the broken token, with any quote or bracket before it
        if not m or cut == 0 or not nxt[:1].isalpha():
            continue
        out[k] = line[:cut].rstrip()
        out[k + 1] = line[cut:-1] + _hyphen(m.group()[:-1], nxt, spelled) + nxt
    return out


def _hyphen(head: str, nxt: str, spelled: str) -> str:
    """'-' when a word broken at a line end is a hyphenated compound, '' when the break only split it.

    A capital after the break ('al-' + 'Sudani') keeps it; so does a spelling the document uses elsewhere
    ('well-known', or a plain 'recovered' removes it); otherwise a break after a capitalised part keeps
    it ('Iran-' + 'aligned') and one inside a lower-case word does not ('recov-' + 'ered').
    """
    rest = re.match(r"[A-Za-z]+", nxt)
    tail = rest.group() if rest else ""
    if tail[:1].isupper() or f"{head}-{tail}".lower() in spelled:
        return "-"
    if re.search(rf"\b{re.escape(head + tail)}\b", spelled, re.IGNORECASE):
        return ""
    return "-" if head[:1].isupper() else ""


def map_spans(spans: tuple[tuple[int, int], ...], paged: Paged) -> tuple[tuple[int, int], ...]:
    """Carry spans of the reflowed view back to the text (the same lines, each separated by one newline)."""
    text_starts, pos = [], 0
    starts = paged.starts
    for line in paged.lines:
        text_starts.append(pos)
        pos += len(line) + 1
    out = []
    for s, e in spans:
        a = bisect.bisect_right(starts, s) - 1
        b = bisect.bisect_right(starts, e - 1) - 1
        out.append((text_starts[a] + s - starts[a], text_starts[b] + e - starts[b]))
    return tuple(out)

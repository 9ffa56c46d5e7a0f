"""Find the article in page text: drop menus, share buttons, comment sections and teasers; find title and date."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from .chrome import COMMENTS, TAIL, chrome_reason, is_cut, is_terminal, reads_as_reportage, words
from .dates import PLAIN, PUBLISHED, UPDATED, Frame, Stated, date_line, dateline, frame

_BULLET = re.compile(r"^\s*(?:[•·▪◦*+\-–]|\d+[.)])\s+")
_COPYRIGHT_SOURCE = re.compile(r"©\s*(?:\d{4}\s*)?(?P<name>[A-Za-z][\w .&'-]{2,60}?)\s*(?:\.|all rights|$)", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_RANK = {PUBLISHED: 0, PLAIN: 1, UPDATED: 2}  # which of a header's dates is the publication date
BYLINE_SPAN = 8  # lines above the date line nearest the article that still belong to its byline block
LEAD_LINES = 2  # prose lines (a standfirst, a lead) that may come before the byline and its date

FRONT_MATTER, DATE_LINE, DATELINE = "front matter", "date line", "dateline"  # where a date came from


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The article found in a page: prose blocks as spans of the text, plus what the chrome told us."""

    body: tuple[tuple[int, int], ...]
    title: str | None
    published: str | None
    source: str | None
    dropped: tuple[tuple[int, str], ...] = ()  # (1-based line of the text, reason) of each non-blank line left out
    published_from: str | None = None  # FRONT_MATTER, DATE_LINE or DATELINE; None without a date


def line_key(line: str) -> str:
    """A line as compared across documents: its words, single-spaced."""
    return " ".join(line.split())


def parse_date_line(line: str, where: Frame = Frame()) -> date | None:
    """The date a header line gives ('Published 6 March 2025 | 4 min read'), or None if it is not a date line.

    Of several dates on one line the published one wins, then an unlabelled one, an 'updated' one last.
    """
    found = date_line(line.strip(), where)
    return min(found, key=lambda s: _RANK[s.label]).day if found else None


def is_prose(line: str, wrapped: bool = False) -> bool:
    """A line that reads as running text rather than a heading, menu item or caption fragment.

    `wrapped` says the next line continues this one (hard-wrapped text), so a missing full stop is expected.
    """
    n = words(line)
    if _BULLET.match(line) and n < 8:
        return False
    if is_terminal(line):
        return n >= 4
    if line.rstrip().endswith(":") and n >= 8:
        return True
    return n >= 20 or (wrapped and n >= 8 and len(line.strip()) >= 50)


@dataclass
class _Scan:
    """What one pass over a page's lines found: prose lines, headings, date lines, dropped lines."""

    where: Frame
    chrome: Mapping[str, int]  # lines the run's other documents show to be page chrome -> documents holding them
    kept: list[int] = field(default_factory=list)  # indices of prose lines
    headings: list[str] = field(default_factory=list)
    dates: list[tuple[int, tuple[Stated, ...]]] = field(default_factory=list)
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (0-based index, reason)
    source: str | None = None


def clean_page(text: str, chrome: Mapping[str, int] | None = None) -> Cleaned:
    """Locate article prose in a page's text, keeping character spans so offsets stay true to the file.

    `chrome` maps lines (as `line_key` writes them) that the run's documents repeat as page chrome to the
    number of documents that hold them; such a line is dropped wherever it appears, except as a date line
    (a date line gives the date whatever else repeats it).
    """
    lines = text.split("\n")
    front = _front_matter(lines)
    scan = _scan(lines, int(front.get("_end", 0)), _Scan(frame(text), chrome or {}))
    published, origin = _published(front, scan, lines)
    title = front.get("title") or (max(scan.headings, key=len) if scan.headings else None)
    body = _join_blocks(lines, _line_starts(lines), scan.kept)
    dropped = tuple((i + 1, reason) for i, reason in sorted(scan.dropped))
    return Cleaned(body, title, published, front.get("source") or scan.source, dropped, origin)


def _scan(lines: list[str], first: int, scan: _Scan) -> _Scan:
    """Sort every non-blank line from `first` on into prose, heading, date line or dropped (with the reason).

    After a marker that ends the article ("Related", "Leave a Reply") lines are dropped, but a full sentence
    of reportage (not a teaser cut short with "...") resumes the article, except among reader comments.
    """
    tail, comments = "", False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i < first:
            continue
        if "©" in line and scan.source is None:
            m = _COPYRIGHT_SOURCE.search(line)
            scan.source = m.group("name").strip().title() if m else None
        if scan.kept and TAIL.match(line):
            tail = tail or f'after the article: "{line[:40]}" and what follows'
            comments = comments or bool(COMMENTS.match(line))
        elif tail and (comments or is_cut(line) or not reads_as_reportage(line) or line_key(line) in scan.chrome):
            pass
        else:
            tail, comments = "", False
            _sort_line(scan, lines, i, line)
            continue
        scan.dropped.append((i, tail))
    return scan


def _sort_line(scan: _Scan, lines: list[str], i: int, line: str) -> None:
    """Put one non-blank line of the article zone into `scan`."""
    found = date_line(line, scan.where)
    if found:
        scan.dates.append((i, found))
        scan.dropped.append((i, "date line: read as a publication date"))
        return
    chrome = chrome_reason(line)
    if chrome:
        scan.dropped.append((i, chrome))
        return
    shared = scan.chrome.get(line_key(line))
    if shared:
        scan.dropped.append((i, f"page chrome: the same line is in {shared} documents of the run"))
        return
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if is_prose(line, wrapped=bool(following) and following[:1].islower()):
        scan.kept.append(i)
        return
    if not scan.kept and not _BULLET.match(lines[i]) and words(line) >= 3:
        scan.headings.append(line.lstrip("#").strip())
    scan.dropped.append((i, "not prose: a heading, menu item, caption or fragment"))


def _line_starts(lines: list[str]) -> list[int]:
    """Character offset of each line in the text the lines were split from."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def _published(front: dict[str, str], scan: _Scan, lines: list[str]) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, where it came from): front matter, else the header's date lines, else a dateline.

    The header ends at the first prose line; without a date line there, one after a standfirst or lead (before
    the third prose line) is the byline's.
    """
    stated = parse_iso_date(front.get("published") or front.get("date"))
    if stated:
        return stated, FRONT_MATTER
    first_prose = scan.kept[0] if scan.kept else len(lines)
    lead_end = scan.kept[LEAD_LINES] if len(scan.kept) > LEAD_LINES else len(lines)
    for end in (first_prose, lead_end):
        header = [(i, found) for i, found in scan.dates if i < end]
        if header:
            return _header_date(header).isoformat(), DATE_LINE
    for i in _dateline_lines(lines, first_prose, {i for i, _ in scan.dates}):
        day = dateline(lines[i], scan.where)
        if day:
            return day.isoformat(), DATELINE
    return None, None


def _header_date(header: list[tuple[int, tuple[Stated, ...]]]) -> date:
    """The publication date among the header's date lines.

    Only the date lines of the byline block count (the one nearest the article and those shortly above it), so
    a page's "today" date at the top of the chrome is passed over; there a published date wins over an
    unlabelled one and an "updated" one comes last; on a tie the date nearest the article.
    """
    nearest = header[-1][0]
    block = [(i, s) for i, found in header if i >= nearest - BYLINE_SPAN for s in found]
    best = min(block, key=lambda item: (_RANK[item[1].label], -item[0]))
    return best[1].day


def _dateline_lines(lines: list[str], first_prose: int, date_lines: set[int]) -> list[int]:
    """The first prose line and the non-blank line just above it (a dateline set on a line of its own)."""
    above = next((j for j in range(first_prose - 1, -1, -1) if lines[j].strip()), None)
    out = [j for j in (above,) if j is not None and j not in date_lines]
    return out + ([first_prose] if first_prose < len(lines) else [])


def _front_matter(lines: list[str]) -> dict[str, str]:
    """YAML-style front matter (--- key: value ---) at the top of a Markdown file; '_end' is the line after it."""
    if not lines or lines[0].strip() != "---":
        return {}
    out: dict[str, str] = {}
    for i, line in enumerate(lines[1:60], 1):
        if line.strip() in ("---", "..."):
            out["_end"] = i + 1  # type: ignore[assignment]
            return out
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            out[key.strip().lower()] = value.strip().strip("'\"")
    return {}


def _join_blocks(lines: list[str], starts: list[int], kept: list[int]) -> tuple[tuple[int, int], ...]:
    """Merge adjacent prose lines into paragraphs when a line is hard-wrapped (no terminal punctuation)."""
    spans: list[list[int]] = []
    prev = -2
    for i in kept:
        line = lines[i]
        lead = len(line) - len(line.lstrip())
        start, end = starts[i] + lead, starts[i] + len(line.rstrip())
        if spans and prev == i - 1 and not is_terminal(lines[prev]):
            spans[-1][1] = end
        else:
            spans.append([start, end])
        prev = i
    return tuple((s, e) for s, e in spans)


def parse_iso_date(value: object) -> str | None:
    """Normalise a metadata date (ISO string, 'Month D, YYYY', datetime) to YYYY-MM-DD, or None."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    found = parse_date_line(text)
    return found.isoformat() if found else None

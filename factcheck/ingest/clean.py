"""Find the article in page text: drop menus, share buttons, comment sections and teasers; find title and date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .chrome import TAIL, chrome_reason, is_terminal, words

_BULLET = re.compile(r"^\s*(?:[•·▪◦*+\-–]|\d+[.)])\s+")

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_RE = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PREFIX_RE = (
    r"(?:(?:published|posted|updated|last\s+updated|date)\s*(?:on)?\s*:?\s*)?"
    r"(?:[A-Z][\w .'-]{1,40}\s*[|,\u2013-]\s*)?(?:(?:published|posted|updated)\s*(?:on)?\s*:?\s*)?"
)
_DATE_LINE = re.compile(
    rf"""^\s*{_PREFIX_RE}{_WEEKDAY_RE}(?:
        (?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})
      | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE}),?\s+(?P<y2>\d{{4}})
      | (?P<y3>\d{{4}})-(?P<mo3>\d{{2}})-(?P<d3>\d{{2}})(?:[T\s][\d:.+\-Z]*)?
      | (?P<d4>\d{{1,2}})/(?P<mo4>\d{{1,2}})/(?P<y4>\d{{4}})
    )\s*(?:[-|,]?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COPYRIGHT_SOURCE = re.compile(r"©\s*(?:\d{4}\s*)?(?P<name>[A-Za-z][\w .&'-]{2,60}?)\s*(?:\.|all rights|$)", re.I)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The article found in a page: prose blocks as spans of the text, plus what the chrome told us."""

    body: tuple[tuple[int, int], ...]
    title: str | None
    published: str | None
    source: str | None
    dropped: tuple[tuple[int, str], ...] = ()  # (1-based line of the text, reason) of each non-blank line left out


def parse_date_line(line: str) -> date | None:
    """Return the date if the whole line is a date (optionally with weekday, time or 'Published:')."""
    m = _DATE_LINE.match(line.strip().strip("*_").strip())
    if not m:
        return None
    try:
        if m.group("y4"):  # day/month/year, the order used outside the US
            return date(int(m.group("y4")), int(m.group("mo4")), int(m.group("d4")))
        if m.group("y3"):
            return date(int(m.group("y3")), int(m.group("mo3")), int(m.group("d3")))
        month_text = (m.group("m1") or m.group("m2")).lower().rstrip(".")
        month = next(v for k, v in _MONTHS.items() if k.startswith(month_text[:3]))
        return date(int(m.group("y1") or m.group("y2")), month, int(m.group("d1") or m.group("d2")))
    except (ValueError, StopIteration):
        return None


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

    kept: list[int] = field(default_factory=list)  # indices of prose lines
    headings: list[str] = field(default_factory=list)
    dates: list[tuple[int, date]] = field(default_factory=list)
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (0-based index, reason)
    source: str | None = None


def clean_page(text: str) -> Cleaned:
    """Locate article prose in a page's text, keeping character spans so offsets stay true to the file."""
    lines = text.split("\n")
    front = _front_matter(lines)
    scan = _scan(lines, int(front.get("_end", 0)))
    published = _published(front, scan.dates, scan.kept[0] if scan.kept else len(lines))
    title = front.get("title") or (max(scan.headings, key=len) if scan.headings else None)
    body = _join_blocks(lines, _line_starts(lines), scan.kept)
    dropped = tuple((i + 1, reason) for i, reason in scan.dropped)
    return Cleaned(body, title, published, front.get("source") or scan.source, dropped)


def _scan(lines: list[str], first: int) -> _Scan:
    """Sort every non-blank line from `first` on into prose, heading, date line or dropped (with the reason)."""
    scan = _Scan()
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i < first:
            continue
        if "©" in line and scan.source is None:
            m = _COPYRIGHT_SOURCE.search(line)
            scan.source = m.group("name").strip().title() if m else None
        if scan.kept and TAIL.match(line):
            rest = [j for j in range(i, len(lines)) if lines[j].strip()]
            scan.dropped += [(j, f'after the article: "{line[:40]}" and what follows') for j in rest]
            break
        _sort_line(scan, lines, i, line)
    return scan


def _sort_line(scan: _Scan, lines: list[str], i: int, line: str) -> None:
    """Put one non-blank line of the article zone into `scan`."""
    found = parse_date_line(line)
    if found:
        scan.dates.append((i, found))
        scan.dropped.append((i, "date line: read as a publication date"))
        return
    chrome = chrome_reason(line)
    if chrome:
        scan.dropped.append((i, chrome))
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


def _published(front: dict[str, str], date_lines: list[tuple[int, date]], first_prose: int) -> str | None:
    """Front-matter date, else the date line closest before the article body (not the page-header date)."""
    before = [d for i, d in date_lines if i < first_prose]
    return parse_iso_date(front.get("published") or front.get("date")) or (before[-1].isoformat() if before else None)


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
    found = parse_date_line(text)
    if found:
        return found.isoformat()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    return None

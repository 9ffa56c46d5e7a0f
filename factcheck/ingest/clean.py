"""Find the article in page text: drop menus, share buttons, comment sections and teasers; find title and date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_TERMINAL = re.compile(r"""[.!?]["')\]]*$|[.!?]["')\]]*\s*\[\d+\]$""")
_BULLET = re.compile(r"^\s*(?:[•·▪◦*+\-–]|\d+[.)])\s+")

# lines that are page furniture wherever they appear
_BOILERPLATE = re.compile(
    r"""share\s+on\s|share\s+this|^\s*share\s*:?\s*$|^\s*(tweet|whatsapp|facebook|twitter|linkedin|email|print)\s*$
    |leave\s+a\s+(reply|comment)|cancel\s+reply|email\s+address\s+will\s+not\s+be\s+published
    |required\s+fields\s+are\s+marked|post\s+a\s+comment|^\s*no\s+comments?\s*:?\s*$|^\s*\d+\s+comments?\s*$
    |ad\s*-?block|ad\s+blocker|^\s*advertisement\s*$|^\s*sponsored\b
    |\bsubscribe\b|newsletter|sign\s+up\s+(for|to)|in\s+your\s+inbox|directly\s+in\s+your\s+inbox
    |download(ing)?\s+(the|our)\s+[\w\s]{0,30}\b(app|application)\b
    |^\s*read\s*(more|also|next)|continue\s+reading|^\s*related(\s+(articles?|posts?|stories|news))?\s*:?\s*$
    |^\s*recommended(\s+for\s+you)?\s*$|^\s*popular(\s+(news|posts|stories))?\s*$|^\s*most\s+(read|popular)\s*$
    |you\s+may\s+also\s+like|^\s*more\s+(from|stories|news)\b|^\s*trending\b
    |follow\s+us|follow\s+all\s+the|back\s+to\s+top|privacy\s+policy|terms\s+of\s+(use|service)|cookie\s+(policy|settings)
    |all\s+rights\s+reserved|©|\(c\)\s*\d{4}|^\s*copyright\b
    |^\s*(about|contact)\s+us\s*$|^\s*no\s+result\s*$|^\s*view\s+all\s+results?\s*$|^\s*home\b
    |^\s*\d+\s+(years?|months?|weeks?|days?|hours?|minutes?)\s+ago\s*$
    |^\s*tags?\s*:|^\s*(by|photo|image|credit|source)\s*:\s*\S.{0,60}$|^\s*(next|previous)\s+(post|article)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# lines after which the rest of the page is comments, teasers or footer, once the article has started
_TAIL = re.compile(
    r"""^\s*(leave\s+a\s+(reply|comment).*|post\s+a\s+comment|no\s+comments?\s*:?|\d+\s+comments?|comments?
    |related(\s+(articles?|posts?|stories|news|content))?\s*:?|recommended(\s+for\s+you)?|popular(\s+(news|posts|stories))?
    |most\s+(read|popular)|next\s+post|previous\s+post|tags?\s*:.*|newsletter|you\s+may\s+also\s+like.*
    |more\s+(from|stories|news)\b.*|read\s+next|continue\s+reading.*|share\s*:?|about\s+the\s+author)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

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


def words(line: str) -> int:
    """Count word-like tokens."""
    return len(_WORD.findall(line))


def is_prose(line: str, wrapped: bool = False) -> bool:
    """A line that reads as running text rather than a heading, menu item or caption fragment.

    `wrapped` says the next line continues this one (hard-wrapped text), so a missing full stop is expected.
    """
    n = words(line)
    if _BULLET.match(line) and n < 8:
        return False
    if _TERMINAL.search(line.rstrip()):
        return n >= 4
    if line.rstrip().endswith(":") and n >= 8:
        return True
    return n >= 20 or (wrapped and n >= 8 and len(line.strip()) >= 50)


def is_boilerplate(line: str) -> bool:
    """Page furniture: share buttons, comment prompts, ad notices, subscriptions, copyright, menus."""
    return words(line) <= 40 and bool(_BOILERPLATE.search(line))


def clean_page(text: str) -> Cleaned:
    """Locate article prose in a page's text, keeping character spans so offsets stay true to the file."""
    lines = text.split("\n")
    starts = _line_starts(lines)
    front = _front_matter(lines)
    kept: list[int] = []  # indices of prose lines
    headings: list[str] = []
    date_lines: list[tuple[int, date]] = []
    source = None
    seen_prose = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i < int(front.get("_end", 0)):
            continue
        if "©" in line and source is None:
            m = _COPYRIGHT_SOURCE.search(line)
            if m:
                source = m.group("name").strip().title()
        if seen_prose and _TAIL.match(line):
            break
        found = parse_date_line(line)
        if found:
            date_lines.append((i, found))
            continue
        if is_boilerplate(line):
            continue
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if is_prose(line, wrapped=bool(following) and following[:1].islower()):
            kept.append(i)
            seen_prose = True
        elif not seen_prose and not _BULLET.match(raw) and words(line) >= 3:
            headings.append(line.lstrip("#").strip())

    published = _published(front, date_lines, kept[0] if kept else len(lines))
    title = front.get("title") or (max(headings, key=len) if headings else None)
    source = front.get("source") or source

    body = _join_blocks(lines, starts, kept)
    return Cleaned(body, title, published, source)


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
        if spans and prev == i - 1 and not _TERMINAL.search(lines[prev].rstrip()):
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

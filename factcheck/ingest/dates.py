"""Read publication dates as page headers write them: a date with a byline, reading time, place or stamp.

A header line is a date line when, apart from its dates, it holds only what people put next to a date: a
label ("Published", "Last updated"), a byline, a place or outlet name, a time and zone, a reading time.
dateparser's search finds the dates (English, a fixed RELATIVE_BASE, the day/month order the document uses);
relative stamps ("2 hours ago", "5 min read") are no date. A dateline ("WASHINGTON, July 5 (Reuters) -")
opening the article is read too; when it gives no year, the year the document mentions most is used.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

PUBLISHED, UPDATED, PLAIN = "published", "updated", "plain"  # what a label before a date says it is
MAX_WORDS = 24  # a longer line is prose, whatever dates it holds
MAX_NAMES = 8  # capitalised words (byline, place, outlet) a date line may carry besides its dates
FAR_BASE = datetime(2099, 12, 31)  # RELATIVE_BASE for full dates: only two-digit years depend on it (13 -> 2013)

_MONTH = (  # month names and their usual abbreviations, nothing longer ("mayor" and "decision" are no months)
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\b"
)
_MONTH_WORD = re.compile(rf"^{_MONTH}$", re.I)
_WEEKDAY_WORD = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?$", re.I)
_LOWER_OK = frozenset(  # small words, labels and units that sit beside a date in a header
    re.findall(
        r"\w+",
        """on at by in and of the for from via am pm hrs hr uhr local time updated update published posted last
        first modified edited revised amended created issued released originally dated date our staff writer
        reporter correspondent editor desk news reading read min mins minute minutes utc gmt et pt""",
    )
)
_LABEL = re.compile(
    r"\b(?P<pub>published|posted|issued|released|created|dated)\b|\b(?P<upd>updated|modified|edited|revised|amended)\b",
    re.I,
)
_SPACED = re.compile(r"(?<=\d) ?([/:.]) ?(?=\d)")  # "20: 09", "4 / 9 / 2007" as some extractors space them
_ISO_TIME = re.compile(r"\b(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_EMPHASIS = re.compile(r"[*_]+")
_MERIDIEM = re.compile(r"\b([ap])\. ?m\.", re.I)
_ABBR_DOT = re.compile(rf"\b({_MONTH})\.", re.I)
_SEPT = re.compile(r"\bsept\b", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?![.:/]?\d)\s*(?:[ap]m\b)?", re.I)
_READING = re.compile(r"\b\d+\s*(?:min(?:ute)?s?|hrs?|hours?)\b\.?(?:\s+(?:read|reading|listen))?", re.I)
_SPLIT = re.compile(r"\s[-–—>@/]\s|[|·•()\[\]{}]|\s{3,}")
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|\S*\d\S*")
_YEARLIKE = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
_NUMERIC = re.compile(r"\b(\d{1,2}) ?[/.] ?(\d{1,2}) ?[/.] ?(?:\d{4}|\d{2})\b")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*\d)", re.I)
_DAY_FIRST = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.I)
_US_HINT = re.compile(  # US time zones, miles per hour, "10 a.m.", state names and their long abbreviations
    r"""\b(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|mph|[ap]\.\s?m\.|(?:Ariz|Calif|Colo|Conn|Mass|Mich|Minn|Mont|Okla
    |Tenn)\.|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois
    |Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri
    |Montana|Nebraska|Nevada|New\s(?:Hampshire|Jersey|Mexico)|(?:North|South)\s(?:Carolina|Dakota)|Ohio|Oklahoma
    |Oregon|Pennsylvania|Rhode\sIsland|Tennessee|Texas|Utah|Vermont|Virginia|Wisconsin|Wyoming)""",
    re.X,
)
_OTHER_HINT = re.compile(r"\b(?:GMT|BST|CET|CEST|IST|AEST|AEDT)\b|£")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DATELINE = re.compile(
    rf"""^\s*(?P<place>[A-Z][\w.'’ -]{{1,30}}?(?:,\s*[A-Z][\w.]{{1,15}}){{0,2}}),\s*
    (?P<when>(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?)(?:,?\s+\d{{4}})?)
    \s*(?:\([^)]{{1,30}}\))?\s*[-–—:]""",
    re.I | re.X,
)


@dataclass(frozen=True, slots=True)
class Stated:
    """A date a header line gives, with what its label says it is (PUBLISHED, UPDATED or PLAIN)."""

    day: date
    label: str


@dataclass(frozen=True, slots=True)
class Frame:
    """How one document writes dates: its day/month order for numeric dates and the year it mentions most."""

    order: str = "DMY"  # "DMY" (day first, as outside the US) or "MDY"
    year: int | None = None


def frame(text: str) -> Frame:
    """The document's date order and main year, read from the whole text."""
    return Frame(_order(text), _main_year(text))


def _order(text: str) -> str:
    """MDY when the document says month first, else DMY (day first, as outside the US).

    Numeric dates that can be read one way only decide; else dates written with month names ("July 5" or "5
    July"); else signs of a US page (US time zones, miles per hour, "a.m.", state names) against others (GMT, £).
    """
    day_first = month_first = 0
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        day_first += a > 12 >= b
        month_first += b > 12 >= a
    if bool(day_first) != bool(month_first):
        return "DMY" if day_first else "MDY"
    written = len(_MONTH_FIRST.findall(text)) - len(_DAY_FIRST.findall(text))  # "July 5" against "5 July"
    if written:
        return "MDY" if written > 0 else "DMY"
    return "MDY" if len(_US_HINT.findall(text)) > len(_OTHER_HINT.findall(text)) else "DMY"


def _main_year(text: str) -> int | None:
    """The year the text mentions most (the later one on a tie), or None."""
    counts = Counter(int(y) for y in _YEAR.findall(text))
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _normalise(line: str) -> str:
    """The line with times, reading times and abbreviation dots taken out, as dateparser reads it best."""
    text = _ISO_TIME.sub(r"\1", _EMPHASIS.sub(" ", _SPACED.sub(r"\1", line)))
    text = _MERIDIEM.sub(r"\1m", text)
    text = _SEPT.sub("Sep", _ABBR_DOT.sub(r"\1", text))
    return _READING.sub(" ", _TIME.sub(" ", text))


def _companions_only(text: str) -> bool:
    """Every word is a date part, a label, a small word or a name; few names; no lower-case content word."""
    names = 0
    tokens = _TOKEN.findall(text)
    if not tokens or len(tokens) > MAX_WORDS:
        return False
    for tok in tokens:
        word = tok.strip(".,:;'’-").lower()
        if any(map(str.isdigit, tok)) or not word or _MONTH_WORD.match(word) or _WEEKDAY_WORD.match(word):
            continue
        if word in _LOWER_OK:
            continue
        if not tok[0].isupper():
            return False
        names += 1
    return names <= MAX_NAMES


def date_line(line: str, where: Frame = Frame()) -> tuple[Stated, ...]:
    """The dates a header line gives, or () when the line is not a date line (prose, a headline, no full date)."""
    if len(line) > 300 or not any(map(str.isdigit, line)):
        return ()
    text = _normalise(line)
    if not _companions_only(text) or not _YEARLIKE.search(text):
        return ()
    found: list[Stated] = []
    label = PLAIN
    for part in (" ".join(p.split()) for p in _SPLIT.split(text)):
        cursor = 0
        for said, day in _search(part, where.order):
            at = part.find(said, cursor)
            label = _label(part[cursor : max(at, cursor)], label)
            found.append(Stated(day, label))
            cursor, label = max(at, cursor) + len(said), PLAIN
        label = _label(part[cursor:], label)
    return tuple(found)


def _label(text: str, current: str) -> str:
    """The last label word in `text` decides; without one the label carried so far stands."""
    kinds = [PUBLISHED if m.group("pub") else UPDATED for m in _LABEL.finditer(text)]
    return kinds[-1] if kinds else current


@lru_cache(maxsize=4096)
def _search(text: str, order: str) -> tuple[tuple[str, date], ...]:
    """Full dates (day, month and year) dateparser finds in `text`; relative ones ('2 hours ago') are left out."""
    if not text or not _YEARLIKE.search(text):
        return ()
    from dateparser.search import search_dates

    settings = {
        "DATE_ORDER": order,
        "RELATIVE_BASE": FAR_BASE,
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    try:
        hits = search_dates(text, languages=["en"], settings=settings) or []
    except (ValueError, OverflowError, TypeError):  # dateparser rejects some odd inputs by raising
        return ()
    return tuple((said, when.date()) for said, when in hits if _YEARLIKE.search(said) and 1900 <= when.year < 2100)


def dateline(line: str, where: Frame = Frame()) -> date | None:
    """The date of a dateline opening an article ("WASHINGTON, July 5 (Reuters) -"), else None.

    Without a year in the dateline, the year the document mentions most is used; with none, there is no date.
    """
    m = _DATELINE.match(line)
    if not m or not _place(m.group("place")):
        return None
    when = _normalise(m.group("when"))
    year = int(y.group(0)) if (y := _YEAR.search(when)) else where.year
    return _day_month(when, year, where.order) if year else None


def _place(text: str) -> bool:
    """A place name as datelines write it: one to four words, each capitalised."""
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words)


@lru_cache(maxsize=1024)
def _day_month(when: str, year: int, order: str) -> date | None:
    """Parse a dateline's day and month, in `year` unless the text names its own."""
    import dateparser

    settings = {
        "DATE_ORDER": order,
        "RELATIVE_BASE": datetime(year, 12, 31),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    try:
        found = dateparser.parse(when, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date() if found and 1900 <= found.year < 2100 else None

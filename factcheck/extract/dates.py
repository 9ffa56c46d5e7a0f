"""Extract dates and times, resolving relative ones against the publication date.

Each hit becomes a `Fact(type="date")` with
- ``label``: granularity, one of day | week | month | year | weekday | time;
- ``value``: ISO form: "2024-02-07" (day), "2024-W05" (week), "2024-01" (month), "2014" (year),
  "23:11" (time); a day or month whose year is unknown is "--01-27" / "--01" (ISO 8601 truncated form);
  a weekday with no publication date is "weekday:tuesday", other unresolvable relative expressions
  are "relative:<phrase>" ("relative:last month");
- ``qualifier``: "absolute" when the text states the date in full, "relative" when it was resolved
  against the publication date (yesterday, on Tuesday, last month, January 27 without a year, in January).

Fixed patterns are regexes (fast); dateparser is used only for "N units ago" phrases.
Months must be capitalised and, standing alone, preceded by a cue ("in", "since", "last" ...), so the
verb "may" and "the March on Washington" are not dates. A weekday or day without a year resolves to the
most recent one on or before the publication date; a month after the publication month is last year's.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from factcheck.extract._lex import MONTH_RE, MONTHS, NUMBER_WORDS, WEEKDAY_RE, WEEKDAYS
from factcheck.extract.numbers import is_year
from factcheck.model import Fact

_Y = r"(?:1[89]|20)\d\d"
_D = r"(?<![\d.,])[0-3]?\d(?:st|nd|rd|th)?"
_WDP = rf"\b(?:(?P<{{n}}>{WEEKDAY_RE}),?\s+(?:the\s+)?)?"
_AGO_N = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|few"
_PATTERN = re.compile(
    rf"\b(?P<iso>{_Y})-(?P<isom>[01]\d)-(?P<isod>[0-3]\d)\b"
    rf"|(?<![\d/])(?P<sa>[0-3]?\d)/(?P<sb>[0-3]?\d)/(?P<sy>{_Y})\b"
    rf"|{_WDP.format(n='wd1')}(?P<m1>{MONTH_RE})\s+(?P<d1>{_D})\b(?:[-–][0-3]?\d\b)?(?!:)(?:,?\s+(?P<y1>{_Y})\b)?"
    rf"|{_WDP.format(n='wd2')}(?P<d2>{_D}(?:[-–][0-3]?\d(?:st|nd|rd|th)?)?)\s+(?:of\s+)?(?P<m2>{MONTH_RE})(?![a-z])"
    rf"(?:,?\s+(?P<y2>{_Y})\b)?"
    rf"|\b(?:(?P<pre3>(?i:early|late|mid|last|next|this))[\s-]+)?(?P<m3>{MONTH_RE})(?![a-z]),?\s+(?:of\s+)?"
    rf"(?P<y3>{_Y})\b"
    rf"|\b(?P<pre4>(?i:in|since|by|until|till|of|from|during|through|before|after|last|next|this|early|late"
    rf"|mid|end\s+of|beginning\s+of))[\s-]+(?P<m4>{MONTH_RE})(?![a-z])(?!\.?\s*\d)"
    rf"|\b(?:(?P<pre5>(?i:late|early)(?:\s+on)?|(?i:last|this|next|past))\s+)?(?P<wd5>{WEEKDAY_RE})\b"
    rf"(?:\s+(?P<part5>morning|afternoon|evening|night))?"
    rf"|\b(?P<rel>(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
    rf"|this\s+(?:morning|afternoon|evening)|(?:earlier\s+|later\s+)?(?:this|last|next)\s+(?:week(?:end)?|month"
    rf"|year)))\b"
    rf"|\b(?P<ago>(?i:(?:{_AGO_N})\s+(?P<agou>days?|weeks?|months?|years?)\s+ago))\b"
    rf"|(?<![\d:.])(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d)?(?:\s*(?P<ap>[AaPp])\.?[Mm]\.?(?!\w))?(?![\d:])"
    rf"|(?<![\d.:,])(?P<hh2>1[0-2]|0?[1-9])\s*(?P<ap2>[AaPp])\.?[Mm]\.?(?!\w)"
    rf"|\b(?P<yr>{_Y})\b"
)
_KEEP_PREFIX = re.compile(r"(?i:early|late|mid|last|next|this|past)")


def extract_dates(text: str, published: dt.date | None = None) -> list[Fact]:
    """Return the dates and times stated in `text`, resolved against `published` where relative."""
    facts = []
    for m in _PATTERN.finditer(text):
        fact = _fact(text, m, published)
        if fact is not None:
            facts.append(fact)
    return facts


def _fact(text: str, m: re.Match[str], pub: dt.date | None) -> Fact | None:
    """Build the Fact for one regex hit, or None when it does not read as a valid date."""
    g = m.group
    start, end = m.span()
    if g("iso"):
        return _day(text, start, end, int(g("iso")), int(g("isom")), int(g("isod")), "absolute")
    if g("sa"):
        a, b = int(g("sa")), int(g("sb"))
        month, day = (b, a) if a > 12 else (a, b)  # US order unless the first field cannot be a month
        return _day(text, start, end, int(g("sy")), month, day, "absolute")
    for n in ("1", "2"):
        if g("m" + n):
            return _month_day(text, m, n, pub)
    if g("m3"):
        start = m.start("pre3") if g("pre3") else m.start("m3")
        return Fact("date", text[start:end], f"{g('y3')}-{_month(g('m3')):02d}", "month", "absolute", start, end)
    if g("m4"):
        return _month_alone(text, m, pub)
    if g("wd5"):
        return _weekday(text, m, pub)
    if g("rel"):
        return _relative(text, start, end, " ".join(g("rel").lower().split()), pub)
    if g("ago"):
        return _ago(text, start, end, g("ago"), g("agou"), pub)
    if g("hh") or g("hh2"):
        return _time(text, m)
    if g("yr") and is_year(text, start, end):
        return Fact("date", text[start:end], g("yr"), "year", "absolute", start, end)
    return None


def _month_day(text: str, m: re.Match[str], n: str, pub: dt.date | None) -> Fact | None:
    """A month and day ("January 27", "27th of January"), with the year stated, resolved, or left out."""
    start, end = m.span()
    day_digits = re.split(r"\D", m.group("d" + n), maxsplit=1)[0]  # "27th" -> "27", "27-28" -> "27"
    month, day = _month(m.group("m" + n)), int(day_digits)
    if m.group("y" + n):
        return _day(text, start, end, int(m.group("y" + n)), month, day, "absolute")
    if pub is None:
        if _day(text, start, end, 2000, month, day, "relative") is None:  # 2000: leap year
            return None
        return Fact("date", text[start:end], f"--{month:02d}-{day:02d}", "day", "relative", start, end)
    return _day(text, start, end, _year_for(month, pub), month, day, "relative")


def _month_alone(text: str, m: re.Match[str], pub: dt.date | None) -> Fact:
    """A month after a cue ("in January", "last March"), in the year the publication date implies."""
    end = m.end()
    month, pre = _month(m.group("m4")), m.group("pre4").lower()
    start = m.start("pre4") if _KEEP_PREFIX.fullmatch(pre) else m.start("m4")
    if pub is None:
        return Fact("date", text[start:end], f"--{month:02d}", "month", "relative", start, end)
    year = _year_for(month, pub)
    if pre == "last" and month >= pub.month:
        year = pub.year - 1
    elif pre == "next":
        year = pub.year if month > pub.month else pub.year + 1
    return Fact("date", text[start:end], f"{year}-{month:02d}", "month", "relative", start, end)


def _time(text: str, m: re.Match[str]) -> Fact | None:
    """A clock time ("23:11", "9 a.m.") as HH:MM on the 24-hour clock; None for an impossible hour."""
    g = m.group
    start, end = m.span()
    hour = int(g("hh") or g("hh2"))
    minute = int(g("mm") or 0)
    ap = (g("ap") or g("ap2") or "").lower()
    if ap and not 1 <= hour <= 12:
        return None
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    return Fact("date", text[start:end], f"{hour:02d}:{minute:02d}", "time", "absolute", start, end)


def _month(name: str) -> int:
    """Month number of a (possibly abbreviated, possibly dotted) month name."""
    return MONTHS[name.rstrip(".").lower()]


def _year_for(month: int, pub: dt.date) -> int:
    """Year of a month named without one: the publication year, or the year before if it is later."""
    return pub.year - 1 if month > pub.month else pub.year


def _day(text: str, start: int, end: int, year: int, month: int, day: int, qualifier: str) -> Fact | None:
    """A day-granularity Fact, or None for an impossible date."""
    try:
        value = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return Fact("date", text[start:end], value, "day", qualifier, start, end)


def _weekday(text: str, m: re.Match[str], pub: dt.date | None) -> Fact:
    """Resolve "on Tuesday", "last Friday", "late on Friday" to a day, or leave it as a weekday."""
    pre = (m.group("pre5") or "").lower()
    start = m.start("pre5") if pre else m.start("wd5")
    end = m.end()
    name = m.group("wd5").lower()
    if pub is None:
        return Fact("date", text[start:end], f"weekday:{name}", "weekday", "relative", start, end)
    wd = WEEKDAYS[name]
    if pre == "next":
        day = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    else:
        back = (pub.weekday() - wd) % 7
        if pre in ("last", "past") and back == 0:
            back = 7
        day = pub - dt.timedelta(days=back)
    return Fact("date", text[start:end], day.isoformat(), "day", "relative", start, end)


def _relative(text: str, start: int, end: int, phrase: str, pub: dt.date | None) -> Fact:
    """Resolve yesterday/today/last week/last month/last year and friends."""
    unit = phrase.split()[-1]
    label = {"week": "week", "weekend": "week", "month": "month", "year": "year"}.get(unit, "day")
    if pub is None:
        return Fact("date", text[start:end], f"relative:{phrase}", label, "relative", start, end)
    step = -1 if "last" in phrase.split() else 1 if "next" in phrase.split() else 0
    if label == "day":
        offset = {"yesterday": -1, "tomorrow": 1, "night": -1}.get(unit, 0)
        if phrase == "the day before yesterday":
            offset = -2
        value = (pub + dt.timedelta(days=offset)).isoformat()
    elif label == "week":
        iso = (pub + dt.timedelta(weeks=step)).isocalendar()
        value = f"{iso[0]}-W{iso[1]:02d}"
    elif label == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 + step, 12)
        value = f"{y}-{mo + 1:02d}"
    else:
        value = str(pub.year + step)
    return Fact("date", text[start:end], value, label, "relative", start, end)


def _ago(text: str, start: int, end: int, phrase: str, unit: str, pub: dt.date | None) -> Fact | None:
    """Resolve "three days ago" with dateparser against the publication date."""
    label = {"d": "day", "w": "day", "m": "month", "y": "year"}[unit[0].lower()]
    norm = " ".join(phrase.lower().split())
    if pub is None:
        return Fact("date", text[start:end], f"relative:{norm}", label, "relative", start, end)
    when = _dateparse(_numeric(norm), pub)
    if when is None:
        return None
    value = {"day": when.isoformat(), "month": when.isoformat()[:7], "year": str(when.year)}[label]
    return Fact("date", text[start:end], value, label, "relative", start, end)


def _numeric(phrase: str) -> str:
    """Replace a number word at the start of an "ago" phrase by digits ("a few" counts as 3)."""
    head, _, rest = phrase.partition(" ")
    if phrase.startswith("a few") or head in ("several", "few"):
        return "3 " + phrase.split(" ", 2 if phrase.startswith("a few") else 1)[-1]
    n = 1 if head in ("a", "an") else NUMBER_WORDS.get(head)
    return f"{n} {rest}" if n is not None else phrase


@lru_cache(maxsize=4096)
def _dateparse(phrase: str, pub: dt.date) -> dt.date | None:
    """dateparser on one short relative phrase, relative to `pub` (cached; only "ago" phrases get here)."""
    import dateparser  # slow import, only needed for rare phrases

    base = dt.datetime(pub.year, pub.month, pub.day, 12)
    parsed = dateparser.parse(phrase, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None

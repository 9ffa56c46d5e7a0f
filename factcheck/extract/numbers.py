"""Extract quantities: the number, the noun it counts, and how exact the statement is.

Each number becomes a `Fact(type="number")` with
- ``value``: the normalised number as a plain decimal string ("2500", "6.8", "27500000000", "0.333");
  a range is "LOW-HIGH" ("3-5"); a vague plural ("hundreds") gives its lower bound ("100");
- ``label``: the lowercased head noun it counts as written ("troops", "banks", "lebanese"), a canonical
  unit ("km", "percent", "dollars", "hours", "magnitude"), a casualty cue when no noun follows
  ("killed 296" -> "killed", "the toll rose to 2,012" -> "toll"), or None;
- ``qualifier``: exact | approx | min | max | range;
- ``low``/``high``: the interval the statement allows (approx is +-10%, "nearly"/"almost" is -10%..0,
  min is value..inf, max is 0..value, vague plurals span their order of magnitude).

Years, times, calendar dates, ordinals, ids ("Flight 370", "F-16") and pronoun-like "one" are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from factcheck.extract._lex import MONTH_RE, NUMBER_WORDS, SCALE_WORDS, WEEKDAYS
from factcheck.lexicon import CASUALTY_CUES, CASUALTY_LABELS
from factcheck.model import Fact

INF = float("inf")

_NW = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_WORDSEQ = (
    rf"(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?:{_NW})\b(?:(?:\s+and\s+|\s+|-)(?:{_NW})\b){{0,7}}"
)
_VAGUE = (
    r"(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions)"
    r"|hundreds|thousands|millions|billions|dozens"
)
_FRAC = r"(?:a|an|one|two|three)[\s-](?:half|thirds?|quarters?|fifths?)|half"
_DIGITS = (
    r"(?:(?P<cur>(?:US|A|C)?\$|€|£)\s?)?"
    r"(?<![\w.,:/])(?<![A-Za-z]-)(?P<num>(?:\d{1,3}(?:,\d{3}){1,5}|\d{1,15})(?:\.\d{1,6})?)"
    r"(?!\d|[.,:/]\d|(?:st|nd|rd|th)\b)"
)
_ATOM = re.compile(
    rf"(?P<vague>\b(?i:{_VAGUE})\b)"
    rf"|(?P<frac>\b(?i:{_FRAC})\b(?=\s+of\b))"
    rf"|{_DIGITS}"
    rf"|(?P<words>\b(?i:{_WORDSEQ}))"
)
# Phone numbers, slashed/dashed dates and ids with three or more digit groups are not quantities.
_MASK = re.compile(r"\+\d[\d\s().-]{6,}\d|\(\d{3}\)\s*\d{3}-\d{4}|(?<![\d.])\d+(?:[-./]\d+){2,}")

_SCALE_TAIL = re.compile(r"(?:\s|-)?(?i:(thousand|million|billion|trillion|bn|mn|tn)\b)")
_SHORT_SCALE_TAIL = re.compile(r"(?i:(m|k|b)\b)")  # only right after a currency amount: "$5m"
_PCT_TAIL = re.compile(r"\s?(?:%|(?i:percent|per\s?cent|pct)\b)")
_TIME_TAIL = re.compile(r"\s?(?i:[ap]\.m\.|[ap]m\b)")
_MONTH_BEFORE = re.compile(rf"\b{MONTH_RE}\s*$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH_RE}(?![a-z])")
_YEAR_BEFORE = re.compile(
    r"(?:\b(?i:in|since|by|of|from|until|till|before|after|during|through|between|and|to|year|"
    r"early|late|mid|spring|summer|autumn|fall|winter|fiscal|fy)\s+|\d,?\s+|[-–/]\s*)$"
)
_ID_BEFORE = re.compile(
    r"\b(?i:flight|resolution|article|no\.|number|route|section|chapter|room|page|phase|level|category|"
    r"grade|apollo|boeing|airbus|highway|interstate|platform|gate|terminal|vol\.?|volume|episode|season|"
    r"part|stage|paragraph|clause|item|bill|act|unit|ward|district|zone|team|model|version|code|"
    r"extension|ext\.?|tel\.?|phone)\s*#?$"
)
_APPROX = re.compile(
    r"(?:\b(?i:about|approximately|approx\.|around|roughly|some|an\s+estimated|estimated|close\s+to|"
    r"an\s+approximate|nearly|almost|just\s+under)\s+|~\s*)$"
)
_NEARLY = re.compile(r"\b(?i:nearly|almost|just\s+under)\s+$")
_MIN = re.compile(
    r"\b(?i:over|more\s+than|at\s+least|upwards\s+of|exceeding|in\s+excess\s+of|above|greater\s+than|"
    r"no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of)\s+$"
)
_MAX = re.compile(
    r"\b(?i:fewer\s+than|less\s+than|up\s+to|at\s+most|under|below|no\s+more\s+than|as\s+many\s+as|"
    r"a\s+maximum\s+of)\s+$"
)
_BETWEEN = re.compile(r"\b(?i:between|from)\s+$")
_CHANGE_BEFORE = re.compile(
    r"\b(?i:rose|risen|rising|rises|increased|increases|grew|grown|climbed|jumped|fell|fallen|dropped|"
    r"declined|decreased|went|gone|up|down|raised|lowered|cut|revised|changed)\s+(?i:from)\s+$"
)
_RANGE_GAP = re.compile(r"\s*[-–—]\s*|\s+(?i:to|or)\s+")
_AND_GAP = re.compile(r"\s+(?i:and)\s+")
_RICHTER = re.compile(r"\s+(?i:on\s+the\s+richter(?:\s+scale)?|on\s+the\s+moment\s+magnitude)")
_MAGNITUDE_BEFORE = re.compile(r"\b(?i:magnitude)[\s-]?$")
_CASUALTY = re.compile(r"\b(" + "|".join(CASUALTY_CUES) + r")\b", re.IGNORECASE)
_CASUALTY_NORM = CASUALTY_LABELS
_AGE_BEFORE = re.compile(r"\b(?i:aged|age|at\s+age|(?:dies|died|dead|death)\s+at)\s+$")
_DEMONYM_PLURAL = re.compile(r"[a-z](?:ans|ers|ites|ists|ees)$")
_CAP_SCALE = re.compile(r"([MB])\b")  # "7.4M without power"
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z]+(?:['’-][A-Za-z0-9]+)*|[^\sA-Za-z]")
_OF = re.compile(r"\s+of(?:\s+(?:the|their|its|his|her|these|those|our|all))?(?=\s)")
_OR_MORE = re.compile(r"\s+(?i:or\s+more|or\s+above|plus)\b|\+")
_ONE_BAD_BEFORE = re.compile(r"\b(?i:no|any|every|the|this|that|which|each|only|no\s+other|someone)\s+$")
_ONE_BAD_AFTER = re.compile(
    r"\s+(?i:of|another|who|that|which|whom|whose|thing|way|hand|side|point|day|time|or\s+two|by\s+one)\b"
    r"|\s*-\s*(?i:on|off|sided|way|time)\b"
)

_UNITS = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "miles", "miles": "miles", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "ton": "tonnes", "tons": "tonnes", "tonne": "tonnes",
    "tonnes": "tonnes", "percent": "percent", "pct": "percent", "dollar": "dollars", "dollars": "dollars",
    "usd": "dollars", "euro": "euros", "euros": "euros", "eur": "euros", "hour": "hours", "hours": "hours",
    "hrs": "hours", "hr": "hours", "minute": "minutes", "minutes": "minutes", "mins": "minutes",
    "second": "seconds", "seconds": "seconds", "day": "days", "days": "days", "week": "weeks",
    "weeks": "weeks", "month": "months", "months": "months", "year": "years", "years": "years",
    "magnitude": "magnitude", "degree": "degrees", "degrees": "degrees", "people": "people",
    "persons": "people", "person": "people",
}  # fmt: skip
_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "into",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "it",
        "its",
        "this",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "after",
        "before",
        "since",
        "until",
        "during",
        "per",
        "each",
        "so",
        "if",
        "when",
        "while",
        "where",
        "also",
        "not",
        "no",
        "only",
        "out",
        "up",
        "down",
        "across",
        "against",
        "among",
        "over",
        "under",
        "near",
        "all",
        "both",
        "without",
        "within",
        "including",
        "about",
        "around",
        "amid",
        "between",
        "through",
        "toward",
        "towards",
        "despite",
        "via",
        "like",
    ]
)
_MODIFIERS = frozenset(
    [
        "more",
        "additional",
        "other",
        "new",
        "extra",
        "further",
        "armed",
        "military",
        "civilian",
        "service",
        "security",
        "foreign",
        "local",
        "international",
        "senior",
        "junior",
        "young",
        "old",
        "large",
        "small",
        "major",
        "minor",
        "key",
        "top",
        "fellow",
        "former",
        "current",
        "total",
        "estimated",
        "confirmed",
        "reported",
        "suspected",
        "alleged",
        "main",
        "separate",
        "different",
        "various",
        "distinct",
        "primary",
        "basic",
        "core",
        "individual",
        "specific",
        "important",
        "powerful",
        "strong",
        "heavy",
        "severe",
        "serious",
        "big",
        "long",
        "short",
        "high",
        "low",
        "full",
        "whole",
        "entire",
        "consecutive",
        "straight",
        "successive",
        "previous",
        "recent",
    ]
)
_YEAR_NOUNS = frozenset(
    [
        "election",
        "elections",
        "budget",
        "season",
        "census",
        "olympics",
        "games",
        "campaign",
        "war",
        "crisis",
        "report",
        "summit",
        "law",
        "act",
        "elections,",
        "cycle",
        "edition",
        "model",
        "version",
    ]
)
_CURRENCY = {"$": "dollars", "US$": "dollars", "A$": "dollars", "C$": "dollars", "€": "euros", "£": "pounds"}
_VAGUE_RANGES = {
    "dozens": (24, 99), "hundreds": (100, 999), "thousands": (1_000, 9_999), "millions": (1e6, 999e6),
    "billions": (1e9, 999e9), "tens of thousands": (1e4, 99_999), "hundreds of thousands": (1e5, 999_999),
    "dozens of thousands": (24_000, 99_999), "scores of thousands": (40_000, 99_999),
    "tens of millions": (1e7, 99e6), "hundreds of millions": (1e8, 999e6), "tens of billions": (1e10, 99e9),
    "hundreds of billions": (1e11, 999e9),
}  # fmt: skip
_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}


@dataclass(slots=True)
class _Atom:
    start: int  # where the surface form starts (currency sign included)
    num_end: int  # end of the number itself (for ranges)
    end: int  # end including scale word and percent sign
    value: Decimal
    kind: str  # digits | words | vague | frac
    label: str | None = None  # fixed by the atom itself: percent, currency
    vague: tuple[float, float] | None = None
    plain: bool = True  # bare digits, no comma/decimal/currency/scale (candidate year)


def extract_numbers(text: str) -> list[Fact]:
    """Return the quantities stated in `text`, with counted noun, qualifier and allowed interval."""
    masked = [(m.start(), m.end()) for m in _MASK.finditer(text)]
    atoms: list[_Atom] = []
    for m in _ATOM.finditer(text):
        a = _atom(text, m, masked)
        if a is not None and (not atoms or a.start >= atoms[-1].end):
            atoms.append(a)
    facts: list[Fact] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and _is_range(text, a, b):
            if not (_year_like(text, a) and _year_like(text, b)):
                facts.append(_range_fact(text, a, b))
            i += 2
            continue
        fact = _single_fact(text, a)
        if fact is not None:
            facts.append(fact)
        i += 1
    return facts


def _atom(text: str, m: re.Match[str], masked: list[tuple[int, int]]) -> _Atom | None:
    """Turn one regex hit into a parsed number, or None when it is not a quantity."""
    start, end = m.span()
    if any(s <= start < e for s, e in masked):
        return None
    if m.group("vague"):
        key = " ".join(m.group("vague").lower().split())
        low, high = _VAGUE_RANGES[key]
        return _Atom(start, end, end, Decimal(int(low)), "vague", vague=(low, high), plain=False)
    if m.group("frac"):
        words = re.split(r"[\s-]", m.group("frac").lower())
        num = 1 if words[0] in ("a", "an", "one", "half") else NUMBER_WORDS[words[0]]
        den = _FRACTIONS[words[-1]]
        return _Atom(start, end, end, Decimal(num) / Decimal(den), "frac", plain=False)
    if m.group("num"):
        return _digit_atom(text, m)
    value = _parse_words(m.group("words"))
    if value is None:
        return None
    atom = _Atom(start, end, end, value, "words", plain=False)
    if m.group("words").lower() == "one" and (
        _ONE_BAD_BEFORE.search(text, max(0, start - 12), start) or _ONE_BAD_AFTER.match(text, end)
    ):
        return None
    return atom


def _digit_atom(text: str, m: re.Match[str]) -> _Atom | None:
    """Parse "2,500", "$27.5 billion", "61%"; None for times, dates and ids."""
    num, cur = m.group("num"), m.group("cur")
    start = m.start("cur") if cur else m.start("num")
    end = m.end("num")
    if _TIME_TAIL.match(text, end) or _ID_BEFORE.search(text, max(0, start - 14), start):
        return None
    month_near = _MONTH_BEFORE.search(text, max(0, start - 12), start) or _MONTH_AFTER.match(text, end)
    if month_near and "," not in num and "." not in num and not cur:
        return None
    value = Decimal(num.replace(",", ""))
    plain = cur is None and "," not in num and "." not in num
    scale = _SCALE_TAIL.match(text, end) or (cur and _SHORT_SCALE_TAIL.match(text, end)) or _CAP_SCALE.match(text, end)
    if scale:
        word = scale.group(1).lower()
        value *= {"bn": 10**9, "b": 10**9, "mn": 10**6, "m": 10**6, "tn": 10**12, "k": 1000}.get(
            word, SCALE_WORDS.get(word, 1)
        )
        end = scale.end()
        plain = False
    label = _CURRENCY.get(cur) if cur else None
    pct = _PCT_TAIL.match(text, end)
    if pct:
        end, label, plain = pct.end(), "percent", False
    return _Atom(start, m.end("num"), end, value, "digits", label=label, plain=plain)


def _parse_words(words: str) -> Decimal | None:
    """Value of a number-word sequence ("two hundred and fifty", "a million", "twenty-five")."""
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = 1
            continue
        n = NUMBER_WORDS[w]
        seen = True
        if w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif n >= 1000:
            total += (current or 1) * n
            current = 0
        else:
            current += n
    return Decimal(total + current) if seen else None


def _is_range(text: str, a: _Atom, b: _Atom) -> bool:
    """True when atoms a and b are the two bounds of one range ("3-5", "between 3 and 5")."""
    if a.kind in ("vague", "frac") or b.kind in ("vague", "frac") or (a.label == "percent" and b.label is None):
        return False
    gap_start = a.end if a.label != "percent" else a.num_end
    if _RANGE_GAP.fullmatch(text, gap_start, b.start):
        if _CHANGE_BEFORE.search(text, max(0, a.start - 30), a.start):
            return False
        return a.value < b.value or a.kind != b.kind
    return bool(_AND_GAP.fullmatch(text, gap_start, b.start) and _BETWEEN.search(text, max(0, a.start - 10), a.start))


def _year_like(text: str, a: _Atom) -> bool:
    """True for a bare 4-digit 1900-2100 number that reads as a year rather than a count."""
    if not (a.plain and a.kind == "digits" and a.end - a.start == 4 and 1900 <= a.value <= 2100):
        return False
    if _YEAR_BEFORE.search(text, max(0, a.start - 14), a.start):
        return True
    head, _ = _head_after(text, a.end)
    return head is None or head in _YEAR_NOUNS or head in ("years", "months", "days")


def is_year(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a bare year like "2014" in "in 2014" (used by the date extractor)."""
    m = _ATOM.match(text, start)
    if m is None or not m.group("num") or m.end("num") != end:
        return False
    atom = _digit_atom(text, m)
    return atom is not None and atom.end == end and _year_like(text, atom)


def _single_fact(text: str, a: _Atom) -> Fact | None:
    """Build the Fact for one number with its qualifier, label and interval."""
    if _year_like(text, a):
        return None
    start, end = a.start, a.end
    label, end = _label(text, a, end)
    if a.kind == "words" and a.value == 1 and label is None:
        return None  # a bare "one" is a pronoun, not a count
    v = float(a.value)
    before = text[max(0, start - 24) : start]
    q_start = start
    if a.vague is not None:
        qualifier, (low, high) = "approx", a.vague
        if qm := _APPROX.search(before):
            q_start = start - len(before) + qm.start()
    elif qm := _APPROX.search(before):
        qualifier = "approx"
        q_start = start - len(before) + qm.start()
        low, high = (0.9 * v, v) if _NEARLY.search(before) else (0.9 * v, 1.1 * v)
    elif qm := _MIN.search(before):
        qualifier, low, high = "min", v, INF
        q_start = start - len(before) + qm.start()
    elif qm := _MAX.search(before):
        qualifier, low, high = "max", 0.0, v
        q_start = start - len(before) + qm.start()
    elif _OR_MORE.match(text, a.end):
        qualifier, low, high = "min", v, INF
    else:
        qualifier, low, high = "exact", v, v
    return Fact("number", text[q_start:end], _fmt(a.value), label, qualifier, q_start, end, low, high)


def _range_fact(text: str, a: _Atom, b: _Atom) -> Fact:
    """Build the Fact for a range between atoms a and b; a shares b's scale when it has none."""
    lo, hi = a.value, b.value
    if a.kind == "digits" and a.end == a.num_end and b.end > b.num_end and b.label != "percent":
        base = _base(text, b)
        if base and a.value * (b.value / base) <= b.value:
            lo = a.value * (b.value / base)
    label, end = _label(text, b, b.end)
    label = label or a.label
    q_start = a.start
    if bm := _BETWEEN.search(text, max(0, a.start - 10), a.start):
        q_start = bm.start()
    lo, hi = min(lo, hi), max(lo, hi)
    value = f"{_fmt(lo)}-{_fmt(hi)}"
    return Fact("number", text[q_start:end], value, label, "range", q_start, end, float(lo), float(hi))


def _base(text: str, a: _Atom) -> Decimal:
    """The bare number of a digit atom, without its scale word."""
    raw = re.sub(r"[^\d.]", "", text[a.start : a.num_end])
    return Decimal(raw) if raw and a.kind == "digits" else a.value


def _label(text: str, a: _Atom, end: int) -> tuple[str | None, int]:
    """Counted noun or unit for atom a, and the end offset of the fact's surface form."""
    if a.label is not None and a.label != "dollars":
        return a.label, end
    if rm := _RICHTER.match(text, end):
        return "magnitude", rm.end()
    if _MAGNITUDE_BEFORE.search(text, max(0, a.start - 10), a.start):
        return "magnitude", end
    of = _OF.match(text, end) if a.kind in ("vague", "frac") else None
    head, head_end = _head_after(text, of.end() if of else end)
    if of and head is None:
        head_end = end
    if a.label == "dollars":
        return "dollars", head_end if head == "dollars" else end
    if head is not None:
        return head, head_end
    window = text[max(0, a.start - 40) : a.start]
    if _AGE_BEFORE.search(window):
        return "age", end
    cues = _CASUALTY.findall(window)
    if cues and len(window[window.lower().rfind(cues[-1].lower()) :].split()) <= 5:
        cue = cues[-1].lower()
        return _CASUALTY_NORM.get(cue, cue), end
    return None, end


def _head_after(text: str, pos: int) -> tuple[str | None, int]:
    """Head noun after `pos`, skipping modifiers like "U.S.", "American", "additional"; (None, pos) if none."""
    capitalised: list[tuple[str, int]] = []  # candidate heads in title case or demonyms ("Lebanese")
    words = 0
    for m in _TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        tok = m.group()
        low = tok.lower()
        if not tok[0].isalpha():
            if tok == "-" and words == 0 and m.start() == pos:
                continue  # "24-hour", "6.8-magnitude"
            break
        words += 1
        if words == 1 and low in _UNITS:
            return _UNITS[low], m.end()
        if low in _FUNCTION or low in WEEKDAYS or words > 5:
            break
        if low in _CASUALTY_NORM:
            return _CASUALTY_NORM[low], m.end()
        upper = tok[0].isupper()
        if upper and "." not in tok and _DEMONYM_PLURAL.search(low):
            return low, m.end()  # "three Palestinians", "Two UK Soldiers Killed"
        if "." in tok or upper or low in _MODIFIERS or (len(low) > 5 and low.endswith("ing")):
            if upper and "." not in tok and not _MONTH_AFTER.fullmatch(tok):
                capitalised.append((low, m.end()))
            continue
        if capitalised and low.endswith("ed"):
            break  # "about a million Lebanese displaced"
        return _UNITS.get(low, low) if low in ("people", "persons", "dollars", "euros") else low, m.end()
    plural = [c for c in capitalised if c[0].endswith("s") and not c[0].endswith("ss")]
    if plural:
        return plural[-1]  # title case: "215 Million COVID-19 Vaccines" -> "vaccines"
    return capitalised[0] if capitalised else (None, pos)


def _fmt(v: Decimal) -> str:
    """Plain decimal string: integers without a point, others to at most three places."""
    if v == v.to_integral_value():
        return str(int(v))
    return f"{v:.3f}".rstrip("0").rstrip(".")

"""Number parser: find the numbers of a text (digits, number words, vague plurals, fractions) as atoms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from factcheck.extract._lex import MONTH_RE, NUMBER_WORDS, SCALE_WORDS
from factcheck.extract._number_words import CURRENCY, FRACTIONS, MONTH_AFTER, SCALE_SUFFIX, VAGUE_RANGES

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
ATOM = re.compile(
    rf"(?P<vague>\b(?i:{_VAGUE})\b)"
    rf"|(?P<frac>\b(?i:{_FRAC})\b(?=\s+of\b))"
    rf"|{_DIGITS}"
    rf"|(?P<words>\b(?i:{_WORDSEQ}))"
)
# Phone numbers, slashed/dashed dates and ids with three or more digit groups are not quantities.
_MASK = re.compile(r"\+\d[\d\s().-]{6,}\d|\(\d{3}\)\s*\d{3}-\d{4}|(?<![\d.])\d+(?:[-./]\d+){2,}")

_SCALE_TAIL = re.compile(r"(?:\s|-)?(?i:(thousand|million|billion|trillion|bn|mn|tn)\b)")
_SHORT_SCALE_TAIL = re.compile(r"(?i:(m|k|b)\b)")  # only right after a currency amount: "$5m"
_CAP_SCALE = re.compile(r"([MB])\b")  # "7.4M without power"
_PCT_TAIL = re.compile(r"\s?(?:%|(?i:percent|per\s?cent|pct)\b)")
_TIME_TAIL = re.compile(r"\s?(?i:[ap]\.m\.|[ap]m\b)")
_MONTH_BEFORE = re.compile(rf"\b{MONTH_RE}\s*$")
_ID_BEFORE = re.compile(
    r"\b(?i:flight|resolution|article|no\.|number|route|section|chapter|room|page|phase|level|category|"
    r"grade|apollo|boeing|airbus|highway|interstate|platform|gate|terminal|vol\.?|volume|episode|season|"
    r"part|stage|paragraph|clause|item|bill|act|unit|ward|district|zone|team|model|version|code|"
    r"extension|ext\.?|tel\.?|phone)\s*#?$"
)
_ONE_BAD_BEFORE = re.compile(r"\b(?i:no|any|every|the|this|that|which|each|only|no\s+other|someone)\s+$")
_ONE_BAD_AFTER = re.compile(
    r"\s+(?i:of|another|who|that|which|whom|whose|thing|way|hand|side|point|day|time|or\s+two|by\s+one)\b"
    r"|\s*-\s*(?i:on|off|sided|way|time)\b"
)
BETWEEN = re.compile(r"\b(?i:between|from)\s+$")
_RANGE_GAP = re.compile(r"\s*[-–—]\s*|\s+(?i:to|or)\s+")
_AND_GAP = re.compile(r"\s+(?i:and)\s+")
_CHANGE_BEFORE = re.compile(
    r"\b(?i:rose|risen|rising|rises|increased|increases|grew|grown|climbed|jumped|fell|fallen|dropped|"
    r"declined|decreased|went|gone|up|down|raised|lowered|cut|revised|changed)\s+(?i:from)\s+$"
)


@dataclass(slots=True)
class Atom:
    """One number as written, before it is read as a fact."""

    start: int  # where the surface form starts (currency sign included)
    num_end: int  # end of the number itself (for ranges)
    end: int  # end including scale word and percent sign
    value: Decimal
    kind: str  # digits | words | vague | frac
    label: str | None = None  # fixed by the atom itself: percent, currency
    vague: tuple[float, float] | None = None
    plain: bool = True  # bare digits, no comma/decimal/currency/scale (candidate year)


def find_atoms(text: str) -> list[Atom]:
    """The numbers of `text` in order, without overlaps and outside phone numbers and dotted dates."""
    masked = [(m.start(), m.end()) for m in _MASK.finditer(text)]
    atoms: list[Atom] = []
    for m in ATOM.finditer(text):
        a = _atom(text, m, masked)
        if a is not None and (not atoms or a.start >= atoms[-1].end):
            atoms.append(a)
    return atoms


def _atom(text: str, m: re.Match[str], masked: list[tuple[int, int]]) -> Atom | None:
    """Turn one regex hit into a parsed number, or None when it is not a quantity."""
    start, end = m.span()
    if any(s <= start < e for s, e in masked):
        return None
    if m.group("vague"):
        key = " ".join(m.group("vague").lower().split())
        low, high = VAGUE_RANGES[key]
        return Atom(start, end, end, Decimal(int(low)), "vague", vague=(low, high), plain=False)
    if m.group("frac"):
        words = re.split(r"[\s-]", m.group("frac").lower())
        num = 1 if words[0] in ("a", "an", "one", "half") else NUMBER_WORDS[words[0]]
        den = FRACTIONS[words[-1]]
        return Atom(start, end, end, Decimal(num) / Decimal(den), "frac", plain=False)
    if m.group("num"):
        return digit_atom(text, m)
    value = _parse_words(m.group("words"))
    if value is None:
        return None
    atom = Atom(start, end, end, value, "words", plain=False)
    if m.group("words").lower() == "one" and (
        _ONE_BAD_BEFORE.search(text, max(0, start - 12), start) or _ONE_BAD_AFTER.match(text, end)
    ):
        return None
    return atom


def digit_atom(text: str, m: re.Match[str]) -> Atom | None:
    """Parse "2,500", "$27.5 billion", "61%"; None for times, dates and ids."""
    num, cur = m.group("num"), m.group("cur")
    start = m.start("cur") if cur else m.start("num")
    end = m.end("num")
    if _TIME_TAIL.match(text, end) or _ID_BEFORE.search(text, max(0, start - 14), start):
        return None
    month_near = _MONTH_BEFORE.search(text, max(0, start - 12), start) or MONTH_AFTER.match(text, end)
    if month_near and "," not in num and "." not in num and not cur:
        return None
    value = Decimal(num.replace(",", ""))
    plain = cur is None and "," not in num and "." not in num
    scale = _SCALE_TAIL.match(text, end) or (cur and _SHORT_SCALE_TAIL.match(text, end)) or _CAP_SCALE.match(text, end)
    if scale:
        word = scale.group(1).lower()
        value *= SCALE_SUFFIX.get(word, SCALE_WORDS.get(word, 1))
        end = scale.end()
        plain = False
    label = CURRENCY.get(cur) if cur else None
    pct = _PCT_TAIL.match(text, end)
    if pct:
        end, label, plain = pct.end(), "percent", False
    return Atom(start, m.end("num"), end, value, "digits", label=label, plain=plain)


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


def is_range(text: str, a: Atom, b: Atom) -> bool:
    """True when atoms a and b are the two bounds of one range ("3-5", "between 3 and 5")."""
    if a.kind in ("vague", "frac") or b.kind in ("vague", "frac") or (a.label == "percent" and b.label is None):
        return False
    gap_start = a.end if a.label != "percent" else a.num_end
    if _RANGE_GAP.fullmatch(text, gap_start, b.start):
        if _CHANGE_BEFORE.search(text, max(0, a.start - 30), a.start):
            return False
        return a.value < b.value or a.kind != b.kind
    return bool(_AND_GAP.fullmatch(text, gap_start, b.start) and BETWEEN.search(text, max(0, a.start - 10), a.start))


def bare_value(text: str, a: Atom) -> Decimal:
    """The bare number of a digit atom, without its scale word."""
    raw = re.sub(r"[^\d.]", "", text[a.start : a.num_end])
    return Decimal(raw) if raw and a.kind == "digits" else a.value

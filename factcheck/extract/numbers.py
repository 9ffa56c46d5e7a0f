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
from decimal import Decimal

from factcheck.extract._counted_noun import counted_label, head_after
from factcheck.extract._number_atoms import ATOM, BETWEEN, Atom, bare_value, digit_atom, find_atoms, is_range
from factcheck.extract._number_words import YEAR_NOUNS
from factcheck.model import Fact

__all__ = ["extract_numbers", "is_year"]

INF = float("inf")

_YEAR_BEFORE = re.compile(
    r"(?:\b(?i:in|since|by|of|from|until|till|before|after|during|through|between|and|to|year|"
    r"early|late|mid|spring|summer|autumn|fall|winter|fiscal|fy)\s+|\d,?\s+|[-–/]\s*)$"
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
_OR_MORE = re.compile(r"\s+(?i:or\s+more|or\s+above|plus)\b|\+")


def extract_numbers(text: str) -> list[Fact]:
    """Return the quantities stated in `text`, with counted noun, qualifier and allowed interval."""
    atoms = find_atoms(text)
    facts: list[Fact] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and is_range(text, a, b):
            if not (_year_like(text, a) and _year_like(text, b)):
                facts.append(_range_fact(text, a, b))
            i += 2
            continue
        fact = _single_fact(text, a)
        if fact is not None:
            facts.append(fact)
        i += 1
    return facts


def _year_like(text: str, a: Atom) -> bool:
    """True for a bare 4-digit 1900-2100 number that reads as a year rather than a count."""
    if not (a.plain and a.kind == "digits" and a.end - a.start == 4 and 1900 <= a.value <= 2100):
        return False
    if _YEAR_BEFORE.search(text, max(0, a.start - 14), a.start):
        return True
    head, _ = head_after(text, a.end)
    return head is None or head in YEAR_NOUNS or head in ("years", "months", "days")


def is_year(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a bare year like "2014" in "in 2014" (used by the date extractor)."""
    m = ATOM.match(text, start)
    if m is None or not m.group("num") or m.end("num") != end:
        return False
    atom = digit_atom(text, m)
    return atom is not None and atom.end == end and _year_like(text, atom)


def _single_fact(text: str, a: Atom) -> Fact | None:
    """Build the Fact for one number with its qualifier, label and interval."""
    if _year_like(text, a):
        return None
    label, end = counted_label(text, a, a.end)
    if a.kind == "words" and a.value == 1 and label is None:
        return None  # a bare "one" is a pronoun, not a count
    qualifier, q_start, low, high = _qualifier(text, a)
    return Fact("number", text[q_start:end], _fmt(a.value), label, qualifier, q_start, end, low, high)


def _qualifier(text: str, a: Atom) -> tuple[str, int, float, float]:
    """How exact the number is (from the words before or after it), where that wording starts, and its interval."""
    start = a.start
    v = float(a.value)
    before = text[max(0, start - 24) : start]
    if a.vague is not None:
        qm = _APPROX.search(before)
        q_start = start - len(before) + qm.start() if qm else start
        return "approx", q_start, a.vague[0], a.vague[1]
    if qm := _APPROX.search(before):
        low, high = (0.9 * v, v) if _NEARLY.search(before) else (0.9 * v, 1.1 * v)
        return "approx", start - len(before) + qm.start(), low, high
    if qm := _MIN.search(before):
        return "min", start - len(before) + qm.start(), v, INF
    if qm := _MAX.search(before):
        return "max", start - len(before) + qm.start(), 0.0, v
    if _OR_MORE.match(text, a.end):
        return "min", start, v, INF
    return "exact", start, v, v


def _range_fact(text: str, a: Atom, b: Atom) -> Fact:
    """Build the Fact for a range between atoms a and b; a shares b's scale when it has none."""
    lo, hi = a.value, b.value
    if a.kind == "digits" and a.end == a.num_end and b.end > b.num_end and b.label != "percent":
        base = bare_value(text, b)
        if base and a.value * (b.value / base) <= b.value:
            lo = a.value * (b.value / base)
    label, end = counted_label(text, b, b.end)
    label = label or a.label
    q_start = a.start
    if bm := BETWEEN.search(text, max(0, a.start - 10), a.start):
        q_start = bm.start()
    lo, hi = min(lo, hi), max(lo, hi)
    value = f"{_fmt(lo)}-{_fmt(hi)}"
    return Fact("number", text[q_start:end], value, label, "range", q_start, end, float(lo), float(hi))


def _fmt(v: Decimal) -> str:
    """Plain decimal string: integers without a point, others to at most three places."""
    if v == v.to_integral_value():
        return str(int(v))
    return f"{v:.3f}".rstrip("0").rstrip(".")

"""Number slots: which quantity a number measures (its role and counted thing), and when two values agree."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .lexicon import CASUALTY_LABEL_ROLE, CASUALTY_ROLES, GENERIC_COUNTS, NOT_COUNTS
from .model import Fact, FactType

Roles = dict[str, set[str]]  # family -> role words found near a number

# words near a number that say which quantity it measures; within a family, different roles are different slots
ROLE_FAMILIES: dict[str, dict[str, str]] = {
    "measure": {
        "depth": "depth deep beneath below underground shallow",
        "distance": "south north east west south-west south-east north-west north-east southwest southeast "
        "northwest northeast away distance off outside",
        "magnitude": "magnitude richter",
        "vote": "vote votes share ballots",
        "turnout": "turnout",
        "age": "aged old age",
        "duration": "hours days weeks months years minutes",
    },
    "round": {"first": "first initial preliminary", "second": "runoff run-off second final"},
    "casualty": CASUALTY_ROLES,
    "shock": {"aftershock": "aftershock aftershocks tremor", "main": "mainshock main"},
}
_ROLE_WORDS = {
    fam: {w: role for role, words in roles.items() for w in words.split()} for fam, roles in ROLE_FAMILIES.items()
}
STRICT_FAMILIES = ("shock",)  # naming the role at all sets a number apart ('a 4.9 aftershock' vs 'the 6.8 quake')
_TOKEN = re.compile(r"[a-z][a-z-]*")
_MODEL_BEFORE = re.compile(r"\b[A-Z]{1,4}\s*-?\s*$")
_DIGIT_AFTER = re.compile(r"\s*-?\s*\d")
# 'three other rifles', 'two additional ships': a count of some more, not of the whole, so no total to compare
_PART_OF = re.compile(r"\b(?:other|another|additional|further|extra)\s+[a-z]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SlotSettings:
    """Windows and tolerances of the slot reading."""

    model_window: int = 6  # characters either side of a number searched for a model name ('AK-47', 'F 16')
    slack: float = 0.02  # relative rounding slack under which two stated quantities still agree


SLOTS = SlotSettings()


def interval(f: Fact) -> tuple[float, float]:
    """The range a number statement allows (NaN when the value is not numeric)."""
    try:
        v = float(f.value)
    except ValueError:
        v = float("nan")
    lo = f.low if f.low is not None else v
    hi = f.high if f.high is not None else v
    return lo, hi


def numbers_agree(a: Fact, b: Fact, settings: SlotSettings = SLOTS) -> bool:
    """Two statements of one quantity agree when the ranges they allow overlap (with rounding slack)."""
    return intervals_agree(interval(a), interval(b), a.value == b.value, settings)


def intervals_agree(
    a: tuple[float, float], b: tuple[float, float], same_text: bool, settings: SlotSettings = SLOTS
) -> bool:
    """Overlap test of two allowed ranges; `same_text` decides when either is not numeric."""
    (alo, ahi), (blo, bhi) = a, b
    if any(math.isnan(x) for x in (alo, ahi, blo, bhi)):
        return same_text
    slack = settings.slack * max(abs(alo), abs(ahi), abs(blo), abs(bhi), 1e-9)
    return alo <= bhi + slack and blo <= ahi + slack


def _segment_around(text: str, fact: Fact, others: list[Fact]) -> str:
    """The part of the claim that belongs to this number: up to the neighbouring numbers or clause breaks."""
    lo = max([o.end for o in others if o.end <= fact.start] + [0])
    hi = min([o.start for o in others if o.start >= fact.end] + [len(text)])
    left = text[lo : fact.start]
    cut = max(left.rfind(","), left.rfind(";"), left.rfind(" and "), left.rfind(" while "))
    if cut >= 0:
        left = left[cut + 1 :]
    right = text[fact.end : hi]
    stop = min([i for i in (right.find(","), right.find(";")) if i >= 0] + [len(right)])
    return (left + " " + fact.text + " " + right[:stop]).lower()


def number_roles(text: str, fact: Fact, facts: tuple[Fact, ...]) -> Roles:
    """Role words near a number, by family (what is measured, which round, which shock)."""
    others = [f for f in facts if f.type == FactType.NUMBER and f is not fact]
    words = set(_TOKEN.findall(_segment_around(text, fact, others)))
    if "first round" in text.lower():
        words.add("first")
    return {fam: {table[w] for w in words if w in table} for fam, table in _ROLE_WORDS.items()}


def slot_label(fact: Fact, roles: Roles) -> str | None:
    """The counted thing: a casualty word beats a generic noun ('1,037 people had died' counts the dead)."""
    label = CASUALTY_LABEL_ROLE.get(fact.label or "", fact.label)
    casualty = roles.get("casualty", set())
    if (label is None or label in GENERIC_COUNTS) and len(casualty) == 1:
        return next(iter(casualty))
    return label


def same_slot(ra: Roles, rb: Roles) -> bool:
    """Two numbers fill one slot unless, in some family, both name roles and the roles do not meet."""
    if any(ra[f] != rb[f] for f in STRICT_FAMILIES):
        return False
    return all(not (ra[f] and rb[f]) or bool(ra[f] & rb[f]) for f in ra)


def is_count(text: str, f: Fact, settings: SlotSettings = SLOTS) -> bool:
    """A number that counts or measures a whole: not a time of day, an age unit, a model name or 'three other X'."""
    return (
        f.type == FactType.NUMBER
        and f.label not in NOT_COUNTS
        and not model_name(text, f, settings)
        and not _PART_OF.search(f.text)
    )


def model_name(text: str, f: Fact, settings: SlotSettings = SLOTS) -> bool:
    """Digits that belong to a product or model name ('AK-47 rifles', 'six AK 47s'), or a split '1, 000'."""
    w = settings.model_window
    before, after = text[max(0, f.start - w) : f.start], text[f.end : f.end + w]
    return bool(_MODEL_BEFORE.search(before) or _DIGIT_AFTER.match(after) or f.text.startswith("0"))


def modifiers(f: Fact) -> set[str]:
    """Capitalised words between a number and its noun ('11 Yemeni pirates' -> {'yemeni'})."""
    words = f.text.split()
    return {w.lower().strip(".,") for w in words[1:-1] if w[:1].isupper() and not w.isupper()}


def modifiers_compatible(fa: Fact, fb: Fact) -> bool:
    """'11 Yemeni pirates' vs '12 Somali pirates' are different groups; vs '23 pirates' maybe a part of the whole."""
    ma, mb = modifiers(fa), modifiers(fb)
    if ma and mb and not ma & mb:
        return False
    return bool(ma) == bool(mb)

"""The same-event test shared by group and compare: do two claims (or documents) report one event?"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .extract._lex import WEEKDAY_RE
from .model import Claim, DateValue, FactType, Granularity, Qualifier


@dataclass(frozen=True, slots=True)
class EventSettings:
    """Cosine similarity (0..1) at which wording overrides what the dates say about two claims."""

    other_year: float = 0.9  # claims naming different years or weekdays are one event only when near-identical
    other_day: float = 0.8  # different calendar days: a same-worded date conflict must still land in one group
    other_weekday: float = 0.9  # claims naming different weekdays ('on Saturday' vs 'on Thursday')


EVENTS = EventSettings()
_WEEKDAY = re.compile(rf"\b({WEEKDAY_RE})\b", re.IGNORECASE)


def dates(claim: Claim) -> list[DateValue]:
    """The claim's date facts as typed values."""
    return [DateValue.of(f) for f in claim.facts if f.type == FactType.DATE]


def years(claim: Claim) -> set[int]:
    """Years a claim names or resolves to."""
    return {d.year for d in dates(claim) if d.year is not None}


def days(claim: Claim) -> set[DateValue]:
    """Calendar days a claim writes out in full (resolved relative days excluded)."""
    return {
        DateValue.of(f)
        for f in claim.facts
        if f.type == FactType.DATE and f.label == Granularity.DAY and f.qualifier != Qualifier.RELATIVE
    }


def weekdays(claim: Claim) -> set[str]:
    """Weekday names a claim mentions, lowercased."""
    return {w.lower() for w in _WEEKDAY.findall(claim.text)}


class When(NamedTuple):
    """What a claim says about when its event happened: years, weekday names and calendar days."""

    years: set[int]
    weekdays: set[str]
    days: set[DateValue]


def when(claim: Claim) -> When:
    """The claim's years, weekdays and days, read once (callers testing many pairs keep one per claim)."""
    return When(years(claim), weekdays(claim), days(claim))


def compatible_events(a: Claim, b: Claim, sim: float, settings: EventSettings = EVENTS) -> bool:
    """Different dates stated for what look like the same event mean different events, unless near-identical."""
    return compatible_when(when(a), when(b), sim, settings)


def compatible_when(a: When, b: When, sim: float, settings: EventSettings = EVENTS) -> bool:
    """`compatible_events` on what two claims say about when (see `when`)."""
    if a.years and b.years and not a.years & b.years and sim < settings.other_year:
        return False
    if a.weekdays and b.weekdays and not a.weekdays & b.weekdays and sim < settings.other_weekday:
        return False  # "on Saturday" vs "on Thursday": two events, or at best a weekday we cannot place
    return sim >= settings.other_day or not a.days or not b.days or bool(a.days & b.days)


def same_story(weekdays_a: Iterable[str], weekdays_b: Iterable[str]) -> bool:
    """Documents whose named weekdays never meet ('on Saturday' vs 'on Thursday') report different events."""
    wa, wb = set(weekdays_a), set(weekdays_b)
    return not wa or not wb or bool(wa & wb)

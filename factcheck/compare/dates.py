"""Date conflicts: two claims of one event that give different calendar days."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..extract._lex import WEEKDAY_RE
from ..lexicon import RELATIVE_DAY_WORDS
from ..model import Claim, DateValue, Fact, FactType, Finding, FindingType, Granularity, Qualifier
from .context import Context, Group
from .findings import pair_conflict

_DAY_WORDS = re.compile("|".join(RELATIVE_DAY_WORDS) + "|" + WEEKDAY_RE, re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """Pairs of a group's claims from different documents, similar enough to be one statement of a date.

    Only claims naming one calendar day can conflict: other pairs are passed over before their similarity and
    dates are weighed (at 10k, 23k pairs of which a few hundred name one day each).
    """
    days: dict[str, list[Fact]] = {}
    for group in groups:
        for a, b in ctx.cluster_pairs(group):
            da, db = _days(a, days), _days(b, days)
            if len(da) != 1 or len(db) != 1:
                continue
            sim = ctx.sim(a, b)
            if sim >= ctx.gate("date") and ctx.one_event(a, b, sim):
                yield from conflict(a, da[0], b, db[0])


def _days(claim: Claim, memo: dict[str, list[Fact]]) -> list[Fact]:
    """The claim's calendar days, read once per claim."""
    found = memo.get(claim.id)
    if found is None:
        found = memo[claim.id] = [f for f in claim.facts if calendar_day(f)]
    return found


def conflict(a: Claim, day_a: Fact, b: Claim, day_b: Fact) -> Iterator[Finding]:
    """A finding when the one calendar day each claim names differs."""
    if not dates_agree(day_a, day_b):
        yield pair_conflict(FindingType.DATE, a, day_a, b, day_b, "give different dates for the same event")


def calendar_day(f: Fact) -> bool:
    """A date written as a calendar day ('3 March', 'Jan. 27'), not a weekday or 'yesterday' resolved by us."""
    return (
        f.type == FactType.DATE
        and f.label == Granularity.DAY
        and any(ch.isdigit() for ch in f.text)
        and not _DAY_WORDS.search(f.text)
    )


def dates_agree(a: Fact, b: Fact) -> bool:
    """Dates agree when one contains the other (a month contains its days, a year its months).

    A weekday or relative phrase no publication date placed agrees with anything; when either year was
    inferred rather than written, only month and day are compared.
    """
    va, vb = DateValue.of(a), DateValue.of(b)
    if not va.placed or not vb.placed:
        return True
    inferred = Qualifier.RELATIVE in (a.qualifier, b.qualifier) or not _YEAR.search(a.text + " " + b.text)
    ca, cb = va.calendar(with_year=not inferred), vb.calendar(with_year=not inferred)
    return ca[: len(cb)] == cb or cb[: len(ca)] == ca

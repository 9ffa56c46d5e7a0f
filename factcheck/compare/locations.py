"""Location conflicts: one event placed in two places (venues inside a group, and event words across the set)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..lexicon import VENUE_EVENT_WORDS, VENUE_PREPOSITIONS
from ..model import Claim, Fact, FactType, Finding, FindingType
from .context import Context, Group
from .findings import pair_conflict

_VENUE = re.compile(r"\b(" + "|".join(VENUE_EVENT_WORDS) + r")\s+(?:\w+\s+){0,2}(?:in|at)\s+$", re.IGNORECASE)


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """Venue differences inside each group, then (outside pair mode) event words across the whole set."""
    venues: dict[str, list[Fact]] = {}  # by claim id: only claims naming one venue can conflict
    for group in groups:
        for a, b in ctx.cluster_pairs(group):
            la, lb = _venues(ctx, a, venues), _venues(ctx, b, venues)
            if len(la) != 1 or len(lb) != 1:
                continue
            sim = ctx.sim(a, b)
            if sim >= ctx.gate("location") and ctx.one_event(a, b, sim):
                yield from conflict(ctx, a, la[0], b, lb[0])
    if not ctx.settings.pair_mode:
        yield from venue_conflicts(ctx)


def conflict(ctx: Context, a: Claim, fa: Fact, b: Claim, fb: Fact) -> Iterator[Finding]:
    """A finding when the one venue each claim names (`fa`, `fb`) is a different place."""
    n = ctx.settings.place_prefix
    if places_differ(a, fa, b, fb) and fa.value[:n] not in fb.value and fb.value[:n] not in fa.value:
        yield pair_conflict(FindingType.LOCATION, a, fa, b, fb, "place the same event differently")


def _venues(ctx: Context, claim: Claim, memo: dict[str, list[Fact]]) -> list[Fact]:
    """The places the claim names as venues, read once per claim."""
    found = memo.get(claim.id)
    if found is None:
        found = memo[claim.id] = [
            f for f in claim.facts if f.type == FactType.LOCATION and is_venue(ctx, claim.text, f)
        ]
    return found


def is_venue(ctx: Context, text: str, f: Fact) -> bool:
    """A place where something happens: 'held in Geneva', 'at Vienna', not "Ukraine's grid"."""
    return text[max(0, f.start - ctx.settings.venue_cue) : f.start].lower().endswith(VENUE_PREPOSITIONS)


def venue_of(ctx: Context, text: str, f: Fact) -> str | None:
    """The event word of 'held in Geneva', 'talks in Vienna': where something named took place."""
    if f.type != FactType.LOCATION:
        return None
    m = _VENUE.search(text[max(0, f.start - ctx.settings.venue_window) : f.start])
    return re.sub(r"\s+", " ", m.group(1).lower()) if m else None


def places_differ(a: Claim, fa: Fact, b: Claim, fb: Fact) -> bool:
    """Two places that are not one place spelled twice, and not both named on both sides."""
    from ..extract.entities import same_entity

    return not (same_entity(fa.value, fb.value) or fa.value in b.text.lower() or fb.value in a.text.lower())


def venue_conflicts(ctx: Context) -> Iterator[Finding]:
    """'held in Geneva' vs 'held in Vienna' across the set: the same event word with a different place."""
    venues: dict[str, list[tuple[Claim, Fact]]] = defaultdict(list)
    for c in ctx.claims:
        for f in c.facts:
            word = venue_of(ctx, c.text, f)
            if word:
                venues[word].append((c, f))
    s = ctx.settings
    for word, items in sorted(venues.items()):
        rows = [ctx.index[c.id] for c, _ in items]
        docs = [c.doc for c, _ in items]
        for x, y in ctx.close_pairs(rows, s.slot, ctx.other_docs(docs), ctx.one_story(docs)):
            (a, fa), (b, fb) = items[x], items[y]
            sim = ctx.sim(a, b)
            if sim < s.slot or ctx.doc_sim(a.doc, b.doc) < s.story:
                continue
            if places_differ(a, fa, b, fb) and ctx.one_event(a, b, sim):
                yield pair_conflict(FindingType.LOCATION, a, fa, b, fb, f"give different places for what was {word}")

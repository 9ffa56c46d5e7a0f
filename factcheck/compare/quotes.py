"""Quote conflicts: the same quotation worded differently by two sources (not a shorter excerpt of it)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..blocking import bigrams, blocked_pairs
from ..model import Claim, Fact, FactType, Finding, FindingKind, FindingType, Qualifier, Severity
from .context import Context, Group
from .findings import cite, finding


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """Quotations across the whole set that share word pairs, compared by wording (not in pair mode)."""
    if ctx.settings.pair_mode:
        return
    s = ctx.settings
    quotes = [
        (c, f)
        for c in ctx.claims
        for f in c.facts
        if f.type == FactType.QUOTE and f.qualifier != Qualifier.SHORT and len(f.value.split()) >= s.quote_words
    ]
    for x, y in blocked_pairs([bigrams(f.value) for _, f in quotes]):
        (ca, fa), (cb, fb) = quotes[x], quotes[y]
        if reworded(ctx, ca, fa, cb, fb):
            yield conflict(ca, fa, cb, fb)


def reworded(ctx: Context, ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> bool:
    """Two sources quote one statement in different words: similar, not equal, neither an excerpt of the other."""
    from rapidfuzz import fuzz

    from ..extract.quotes import quote_similarity

    if ca.doc == cb.doc or fa.value == fb.value or fa.value in fb.value or fb.value in fa.value:
        return False
    if fuzz.partial_ratio(fa.value, fb.value) >= ctx.settings.quote_excerpt:
        return False  # one quotes a part of the other
    return ctx.settings.quote_low <= quote_similarity(fa.value, fb.value) < ctx.settings.quote_high


def conflict(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> Finding:
    """The finding for one reworded quotation, values in document order."""
    values = (fa.value, fb.value) if ca.doc < cb.doc else (fb.value, fa.value)
    return finding(
        kind=FindingKind.CONFLICT,
        type=FindingType.QUOTE,
        claims=tuple(sorted({ca.id, cb.id})),
        values=values,
        docs=tuple(sorted({ca.doc, cb.doc})),
        message=f'The same quotation is worded differently: {cite(ca)} has "{fa.text.strip(chr(34))}" '
        f'but {cite(cb)} has "{fb.text.strip(chr(34))}".',
        severity=Severity.MEDIUM,
    )

"""Name variants: one person's name spelled two ways across sources (Fouad/Fuad Hussein)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..blocking import blocked_pairs
from ..lexicon import ARTICLES
from ..model import Claim, FactType, Finding, FindingKind, FindingType, Severity
from .context import Context, Group
from .findings import finding, sources


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """Full names (two words or more) across the whole set, paired on surname keys (not in pair mode)."""
    if ctx.settings.pair_mode:
        return
    from ..extract.entities import is_variant

    first: dict[tuple[str, str], Claim] = {}  # (name, doc) -> the first claim naming it there
    surface: dict[str, str] = {}  # name -> its first spelling as written
    for c in ctx.claims:
        for f in c.facts:
            if f.type == FactType.ENTITY and f.label == "PERSON" and len(f.value.split()) >= 2:
                first.setdefault((f.value, c.doc), c)
                surface.setdefault(f.value, f.text)
    names = sorted({v for v, _ in first})
    docs_of: dict[str, list[str]] = defaultdict(list)
    for v, d in sorted(first):
        docs_of[v].append(d)
    for x, y in blocked_pairs([surname_keys(n) for n in names]):
        a, b = names[x], names[y]
        if plain_name(surface[a]) == plain_name(surface[b]) or not is_variant(surface[a], surface[b]):
            continue
        da, db = docs_of[a], docs_of[b]
        if set(da) == set(db) and len(da) == 1:
            continue
        cited = [first[(a, d)] for d in da] + [first[(b, d)] for d in db]
        named = ctx.settings.named
        yield finding(
            kind=FindingKind.VARIANT,
            type=FindingType.ENTITY,
            claims=tuple(sorted({c.id for c in cited})),
            values=tuple(sorted((surface[a], surface[b]))),
            docs=tuple(sorted(set(da) | set(db))),
            message=f"One name is spelled two ways: {surface[a]!r} in {sources(da, named)} and {surface[b]!r} in "
            f"{sources(db, named)}.",
            severity=Severity.MEDIUM,
        )


def surname_keys(name: str) -> set[str]:
    """The start and the end of a name's last word: respellings keep one or the other."""
    last = name.split()[-1]
    return {f"^{last[:2]}", f"{last[-3:]}$"}


def plain_name(name: str) -> str:
    """'a Tony Award' and 'Tony Awards' -> 'tony award'."""
    words = name.lower().split()
    if words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words).rstrip("s").rstrip("'")

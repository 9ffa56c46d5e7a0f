"""Whether a denial and an assertion are about one proposition: loose predicate match, shared heads, similarity.

Works on `Reading`s (extract/polarity.py): a polarity with its core (predicate lemma, subject and object heads)
and the content lemmas of the sentence. Predicates match as lemmas or derivations ("resign"/"resignation",
"dead"/"die"/"death"), never as synonyms. The word lists are generic English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..extract.polarity import Core, Reading


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# light verbs say little on their own: they match only the same verb with a shared argument
LIGHT = _words("be have do get make take come go give put keep become seem say tell see")
# "X is not happening", "X is not a real thing": the denial is about X itself
EXISTENTIAL = _words("happen exist occur real true thing case")
# irregular derivations a shared prefix does not catch
_FAMILIES = (
    frozenset({"die", "dead", "death", "dying"}),
    frozenset({"lose", "loss", "lost"}),
    frozenset({"sell", "sale"}),
    frozenset({"live", "life", "alive"}),
    frozenset({"bear", "birth", "born"}),
    frozenset({"fly", "flight"}),
    frozenset({"choose", "choice"}),
    frozenset({"speak", "speech"}),
    frozenset({"succeed", "success"}),
    frozenset({"fail", "failure"}),
    frozenset({"marry", "marriage"}),
)
_FAMILY = {w: fam for fam in _FAMILIES for w in fam}
_NOT_HEADS = _words("i you he she it we they me him her us them who what which that this nobody none one")
_STEM_MIN = 5  # a derivation shares at least this many leading letters ("molest"/"molestation", not "state"/"status")


@dataclass(frozen=True, slots=True)
class Gates:
    """Cosines (0..1) a denial and an assertion need: with a matching core, and on similarity alone."""

    core: float = 0.55
    strong: float = 0.70
    short: int = 15  # content words at most in a denial matched on similarity (one proposition, not several)


def related(x: str | None, y: str | None) -> bool:
    """One lemma is the other, a derivation of it ("accuse"/"accusation"), or of one irregular family."""
    if not x or not y:
        return False
    if x == y or y in _FAMILY.get(x, ()):
        return True
    short, long = sorted((x, y), key=len)
    stem = short[:-1] if short[-1] in "ey" else short
    return len(stem) >= _STEM_MIN and long.startswith(stem)


def heads(core: Core) -> set[str]:
    """The subject and object heads that name something (no pronouns, no bare numbers)."""
    return {h for h in (core.subject, core.object) if h and h not in _NOT_HEADS and not h[0].isdigit()}


def _any(words: Iterable[str], others: Iterable[str]) -> bool:
    others = list(others)
    return any(related(w, o) for w in words for o in others)


def shared_heads(d: Reading, a: Reading) -> bool:
    """The denial names a subject or object, and the assertion uses every one it names."""
    mine, theirs = heads(d.polarity.core), a.lemmas | heads(a.polarity.core)
    return bool(mine) and all(_any([h], theirs) for h in mine)


def same_predicate(d: Core, a: Reading) -> bool:
    """The denied predicate is the assertion's, or (not a light verb) a noun of it ("layoffs", "death")."""
    if d.predicate in LIGHT:
        return d.predicate == a.polarity.core.predicate
    return related(d.predicate, a.polarity.core.predicate) or _any([d.predicate or ""], a.nouns)


def about_it(d: Core, a: Core) -> bool:
    """The denial is about what the assertion's arguments name: "X is a hoax", "X is not happening"."""
    targets = heads(a) | {a.predicate or ""}
    if d.predicate in EXISTENTIAL:
        return _any(heads(d), targets)
    return d.predicate not in LIGHT and _any([d.predicate or ""], heads(a))


def opposes(d: Reading, a: Reading, sim: float, gates: Gates = Gates()) -> str | None:
    """Why denial `d` contradicts assertion `a` (cosine `sim`), or None when they are not one proposition."""
    dc, ac = d.polarity.core, a.polarity.core
    if d.polarity.kind != "deny" or a.polarity.kind != "assert" or sim < gates.core:
        return None
    if _any([dc.predicate or ""], a.negated):
        return None  # the assertion negates the same predicate somewhere: "escaped without injury"
    related_words = shared_heads(d, a) or _overlap(d, a) >= (2 if heads(dc) else 1)
    if dc.predicate and same_predicate(dc, a) and related_words:
        return f"the same proposition: {dc.predicate!r}{_args(dc)}"
    if about_it(dc, ac):
        return f"the denial is about {_what(dc)!r}, which the assertion states ({ac.predicate!r}{_args(ac)})"
    short = len(d.lemmas) <= gates.short
    if sim >= gates.strong and short and not a.negated and _names_it(dc, a):
        return f"nearly the same statement (cosine {sim:.2f})"
    return None


def _names_it(d: Core, a: Reading) -> bool:
    """The assertion uses the denied predicate (unless a light verb) or one of the denial's heads."""
    pred = [d.predicate or ""] if d.predicate not in LIGHT | EXISTENTIAL else []
    return _any(pred + sorted(heads(d)), a.lemmas)


def _overlap(d: Reading, a: Reading) -> int:
    """Content lemmas the two share besides the denied predicate and light verbs."""
    return len((d.lemmas & a.lemmas) - LIGHT - {d.polarity.core.predicate})


def _what(c: Core) -> str:
    return next(iter(sorted(heads(c))), c.predicate or "") if c.predicate in EXISTENTIAL else c.predicate or ""


def _args(c: Core) -> str:
    names = [h for h in (c.subject, c.object) if h and h not in _NOT_HEADS]
    return f" ({', '.join(names)})" if names else ""

"""Denials across sources: the claims that assert a proposition against those that deny it, one finding per fact.

A claim denies when its polarity fact says "deny" (extract/polarity.py) and asserts when it has no polarity fact;
a claim that hedges ("may") or attributes ("reports say") is neither and is never compared. A denial meets the
assertions of other documents of its story (documents at the story gate, or one claim group), not only those of
its own group: a denial often sits far from the rumour it answers. A pair counts when `propositions.opposes`
says the two are one proposition; the denials and assertions linked that way, directly or through each other,
make one finding with every source on each side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from ..extract.polarity import Core, core, readings
from ..model import Claim, FactType, Finding, FindingKind, FindingType, Severity
from .components import components
from .context import Context, Group
from .findings import cite, finding, fold_text, sources
from .propositions import LIGHT, Gates, heads, opposes, related

VALUES = ("asserted", "denied")
_WORD = re.compile(r"[a-z0-9]+")

Link = tuple[Claim, Claim, float, str]  # (assertion, denial, cosine, why)


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """One finding per set of linked denials and assertions."""
    links = list(links_of(ctx, groups))
    for part in _components(links):
        yield _finding(ctx, part)


def stance(claim: Claim) -> str:
    """'deny', 'modal', 'report', or 'assert' when the claim has no polarity fact."""
    return next((f.value for f in claim.facts if f.type == FactType.POLARITY), "assert")


def start(ctx: Context) -> None:
    """Start parsing, in the run's workers, the texts the test may read: any group may hold a close pair."""
    deny, asserting = _sides(ctx)
    words: dict[str, set[str]] = {}
    pairs = [(d, a) for d, a, _, _ in _close_once(ctx, deny, asserting) if _worth(_core(d), a, words)]
    ctx.start("readings", readings, sorted({c.text for pair in pairs for c in pair}))


def links_of(ctx: Context, groups: Sequence[Group]) -> Iterator[Link]:
    """Each (assertion, denial) pair of one story that states one proposition, with the reason."""
    deny, asserting = _sides(ctx)
    gates = Gates(ctx.settings.denial, ctx.settings.denial_strong)
    words: dict[str, set[str]] = {}
    found = _candidates(ctx, deny, asserting, groups)
    pairs = [(d, a, sim) for d, a, sim in found if _worth(_core(d), a, words)]
    read = ctx.taken("readings")  # parsed while the group stage ran, if `start` was called
    missing = sorted({c.text for d, a, _ in pairs for c in (d, a)} - read.keys())
    read.update(zip(missing, readings(missing) if missing else []))  # no parser loaded for nothing
    scopes = {a.id: frozenset(f.label for f in a.facts if f.type == FactType.NEGATION and f.label) for _, a, _ in pairs}
    for d, a, sim in pairs:
        mine = read[a.text]
        why = opposes(read[d.text], replace(mine, negated=mine.negated | scopes[a.id]), sim, gates)
        if why is not None and ctx.one_event(a, d, sim):
            yield a, d, sim, why


def _sides(ctx: Context) -> tuple[list[Claim], list[Claim]]:
    """The claims that deny, and those that assert (none of either when the other side is empty)."""
    deny = [c for c in ctx.claims if stance(c) == "deny"]
    asserting = [c for c in ctx.claims if stance(c) == "assert"]
    return (deny, asserting) if deny and asserting else ([], [])


def _candidates(
    ctx: Context, deny: list[Claim], asserting: list[Claim], groups: Sequence[Group]
) -> Iterator[tuple[Claim, Claim, float]]:
    """Assertions of other documents close enough to a denial, in its story or its group."""
    close = _close_once(ctx, deny, asserting)
    wanted = {c.id for d, a, _, _ in close for c in (d, a)}  # the groups of these claims only are looked up
    member: dict[str, set[int]] = {}
    for n, g in enumerate(groups):
        for c in g.cluster.claims:
            if c in wanted:
                member.setdefault(c, set()).add(n)
    for d, a, sim, story in close:
        grouped = bool(member.get(d.id, set()) & member.get(a.id, set()))
        if grouped or (story and ctx.doc_sim(a.doc, d.doc) >= ctx.settings.story):
            yield d, a, sim


def _close_once(ctx: Context, deny: list[Claim], asserting: list[Claim]) -> list[tuple[Claim, Claim, float, bool]]:
    """`_close`, found once per run: `start` reads it before the groups form and `links_of` after."""
    if "denial close" not in ctx.kept:
        ctx.kept["denial close"] = list(_close(ctx, deny, asserting))
    found: list[tuple[Claim, Claim, float, bool]] = ctx.kept["denial close"]
    return found


def _close(ctx: Context, deny: list[Claim], asserting: list[Claim]) -> Iterator[tuple[Claim, Claim, float, bool]]:
    """Each denial's closest assertions of other documents, and whether their documents' means may share a story
    (blockwise matrices)."""
    s = ctx.settings
    if not deny:
        return
    va, ca, docs_a = _rows(ctx, asserting)
    vd, cd, docs_d = _rows(ctx, deny)
    for lo in range(0, len(deny), s.block):
        hi = min(len(deny), lo + s.block)
        sims = vd[lo:hi] @ va.T
        close = (sims >= s.denial - s.sim_margin) & (docs_d[lo:hi, None] != docs_a[None, :])
        story = cd[lo:hi] @ ca.T >= s.story - s.sim_margin
        for x, y in _closest(sims, close, s.denial_pairs):
            d, a = deny[lo + x], asserting[y]
            if (sim := ctx.sim(a, d)) >= s.denial:
                yield d, a, sim, bool(story[x, y])


def _closest(sims: np.ndarray, keep: np.ndarray, most: int) -> Iterator[tuple[int, int]]:
    """Per row, the kept columns in order of similarity, at most `most` of them (ties by column)."""
    for x in range(sims.shape[0]):
        ys = np.flatnonzero(keep[x])
        for y in ys[np.lexsort((ys, -sims[x, ys]))][:most]:
            yield x, int(y)


def _rows(ctx: Context, claims: list[Claim]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The claims' vectors, their documents' mean vectors, and their document ids."""
    vecs = ctx.vectors[np.asarray([ctx.index[c.id] for c in claims], dtype=np.int64)]
    zero = np.zeros(ctx.vectors.shape[1], dtype=ctx.vectors.dtype)
    cents = np.stack([ctx.centroids.get(c.doc, zero) for c in claims])
    return vecs, cents, np.array([c.doc for c in claims], dtype=object)


def _core(claim: Claim) -> Core:
    """The proposition a claim's polarity fact records."""
    return next((core(f) for f in claim.facts if f.type == FactType.POLARITY), Core())


def _worth(core: Core, a: Claim, seen: dict[str, set[str]]) -> bool:
    """Cheap test before parsing: the assertion uses a word of the denied proposition (`seen` caches words)."""
    keys = heads(core) | ({core.predicate} if core.predicate and core.predicate not in LIGHT else set())
    keys = keys or ({core.predicate} if core.predicate else set())  # a light verb alone must still be the assertion's
    if a.id not in seen:
        seen[a.id] = set(_WORD.findall(a.text.lower()))
    words = seen[a.id]
    stems = [k[:-1] if len(k) > 3 and k[-1] in "ey" else k for k in keys]  # "carry": "carried", "die": "died"
    return any(w.startswith(stem) or related(k, w) for k, stem in zip(keys, stems) for w in words)


def _components(links: list[Link]) -> list[list[Link]]:
    """The links grouped by connected claims, in order of their first link."""
    return components(links, lambda link: (link[0].id, link[1].id))


def _finding(ctx: Context, part: list[Link]) -> Finding:
    """One conflict: every asserting and every denying claim of the linked set, with the closest pair quoted."""
    asserted = sorted({a.id: a for a, _, _, _ in part}.values(), key=lambda c: c.id)
    denied = sorted({d.id: d for _, d, _, _ in part}.values(), key=lambda c: c.id)
    a, d, _, why = max(part, key=lambda link: (link[2], link[0].id, link[1].id))
    a_docs, d_docs = sorted({c.doc for c in asserted}), sorted({c.doc for c in denied})
    named = ctx.settings.named
    cue = next((f.text for f in d.facts if f.type == FactType.POLARITY), "")
    message = (
        f"{sources(d_docs, named)} {'deny' if len(d_docs) > 1 else 'denies'} what {sources(a_docs, named)} "
        f"{'assert' if len(a_docs) > 1 else 'asserts'}: {_clip(a.text, ctx)!r} ({cite(a)}) vs {_clip(d.text, ctx)!r} "
        f"({cite(d)}, {cue!r}); {why}."
    )
    found = finding(
        kind=FindingKind.CONFLICT,
        type=FindingType.NEGATION,
        claims=tuple(sorted(c.id for c in asserted + denied)),
        values=VALUES,
        docs=tuple(sorted(set(a_docs) | set(d_docs))),
        message=message,
        severity=Severity.HIGH,
        key="|".join(sorted(fold_text(c.text) for c in denied)),  # what is denied, not where
    )
    return replace(found, sides=(tuple(c.id for c in asserted), tuple(c.id for c in denied)))


def _clip(text: str, ctx: Context) -> str:
    n = ctx.settings.excerpt
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"

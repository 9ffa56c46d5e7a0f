"""Number conflicts: one slot (counted thing and role) given values that cannot both be true."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from ..model import Claim, Fact, Finding, FindingKind, FindingType, Severity
from ..slots import Roles, interval, is_count, modifiers_compatible, number_roles, numbers_agree, same_slot, slot_label
from .context import Apart, Context, Group
from .findings import finding, sources


class Statement(NamedTuple):
    """One number a claim states, with the roles named near it and the slot label it fills."""

    claim: Claim
    fact: Fact
    roles: Roles
    label: str


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """Conflicts inside each group, then (outside pair mode) role-named slots across the whole set."""
    found: list[Finding] = []
    memo: dict[str, list[Statement]] = {}  # a claim sits in several groups: its statements are read once
    for group in groups:
        found.extend(conflicts(ctx, statements(group.claims, memo=memo), ctx.gate("number")))
    yield from found
    if not ctx.settings.pair_mode:
        seen = {frozenset((a, b)) for f in found for a in f.claims for b in f.claims}
        yield from slot_conflicts(ctx, seen, memo)


def slot_conflicts(
    ctx: Context, seen: set[frozenset[str]], memo: dict[str, list[Statement]] | None = None
) -> list[Finding]:
    """Numbers with an explicit role ('34 others were wounded', 'a depth of 18.5 km') compared across the
    whole set, for sentences that state one shared fact among different others and so embed apart."""
    found = statements(ctx.claims, need_role=True, memo=memo)
    return conflicts(ctx, found, ctx.settings.slot, seen=seen, set_wide=True)


def statements(
    claims: Iterable[Claim], need_role: bool = False, memo: dict[str, list[Statement]] | None = None
) -> dict[str, list[Statement]]:
    """The counts and measures the claims state, by slot label, in claim order (`memo` keeps each claim's)."""
    by_label: dict[str, list[Statement]] = defaultdict(list)
    for c in claims:
        found = memo.get(c.id) if memo is not None else None
        if found is None:
            found = _read(c)
            if memo is not None:
                memo[c.id] = found
        for st in found:
            if not need_role or st.roles["measure"] or st.roles["casualty"]:
                by_label[st.label].append(st)
    return by_label


def _read(c: Claim) -> list[Statement]:
    """The claim's counts and measures that fill a slot, in fact order."""
    out = []
    for f in c.facts:
        if is_count(c.text, f):
            roles = number_roles(c.text, f, c.facts)
            label = slot_label(f, roles)
            if label:
                out.append(Statement(c, f, roles, label))
    return out


def conflicts(
    ctx: Context,
    by_label: dict[str, list[Statement]],
    floor: float,
    seen: set[frozenset[str]] | None = None,
    set_wide: bool = False,
) -> list[Finding]:
    """Per slot label, a finding for the statements that clash (same-day reports apart from later ones)."""
    out: list[Finding] = []
    for label, items in sorted(by_label.items()):
        if len({s.claim.doc for s in items}) < 2:
            continue  # a clash needs two documents
        for part in involved(ctx, items, floor, seen, set_wide):
            if part:
                out.append(number_finding(ctx, label, items, part))
    return out


def involved(
    ctx: Context, items: list[Statement], floor: float, seen: set[frozenset[str]] | None, set_wide: bool
) -> tuple[list[Statement], list[Statement]]:
    """The statements in some clash with a report of the same day, and those in a clash across days.

    A finding lists statements, not pairs: a pair whose two statements are both listed already is not tested.
    """
    pub = ctx.published([s.claim.doc for s in items])
    parts = (np.zeros(len(items), dtype=bool), np.zeros(len(items), dtype=bool))  # same day, across days
    for x, ys in _candidates(ctx, items, floor, set_wide):
        later = (pub[x] >= 0) & (pub[ys] >= 0) & (pub[ys] != pub[x])
        for part, sel in zip(parts, (ys[~later], ys[later])):
            for y in sel[~part[sel]] if part[x] else sel:
                if not (part[x] and part[y]) and clashing(ctx, items[x], items[int(y)], floor, seen, set_wide):
                    part[x] = part[y] = True
    same_day, later_day = ([items[i] for i in np.flatnonzero(p)] for p in parts)
    return same_day, later_day


def clashing(
    ctx: Context, a: Statement, b: Statement, floor: float, seen: set[frozenset[str]] | None, set_wide: bool
) -> bool:
    """The two statements fill one slot of one event, in different documents, with values that differ."""
    ca, cb = a.claim, b.claim
    if ca.doc == cb.doc or numbers_agree(a.fact, b.fact, ctx.settings.slots):
        return False
    sim = ctx.sim(ca, cb)
    if sim < floor or (seen is not None and frozenset((ca.id, cb.id)) in seen):
        return False  # not similar enough, or already reported by the group both sit in
    if set_wide and ctx.doc_sim(ca.doc, cb.doc) < ctx.settings.story:
        return False  # loosely similar claims count only inside one story
    if not same_slot(a.roles, b.roles) or not modifiers_compatible(a.fact, b.fact):
        return False
    return ctx.one_event(ca, cb, sim)


def _candidates(ctx: Context, items: list[Statement], floor: float, set_wide: bool) -> Iterator[tuple[int, np.ndarray]]:
    """Pairs of statements worth the exact test: close enough, other documents, ranges apart (one story).

    A slot stated twice (2,858 of 3,250 at 10k) is its one pair, unscreened: the exact test costs less there than
    the blockwise prefilter, and passes only what the prefilter passes.
    """
    if len(items) == 2:
        return iter([(0, np.array([1]))])
    docs = [s.claim.doc for s in items]
    masks = [ctx.other_docs(docs), _ranges_apart(ctx, items)] + ([ctx.one_story(docs)] if set_wide else [])
    return ctx.close_rows([ctx.index[s.claim.id] for s in items], floor, *masks)


def _ranges_apart(ctx: Context, items: list[Statement]) -> Apart:
    """Mask for `close_pairs`: statements whose allowed ranges do not overlap (or are not numeric)."""
    bounds = np.array([interval(s.fact) for s in items], dtype=np.float64).reshape(-1, 2)
    slack = ctx.settings.slots.slack

    def apart(lo: int, hi: int) -> np.ndarray:
        alo, ahi = bounds[lo:hi, :1], bounds[lo:hi, 1:]
        blo, bhi = bounds[:, 0][None, :], bounds[:, 1][None, :]
        with np.errstate(invalid="ignore"):
            widest = np.maximum(np.maximum(np.abs(alo), np.abs(ahi)), np.maximum(np.abs(blo), np.abs(bhi)))
            tol = slack * np.maximum(widest, 1e-9)
            overlap = (alo <= bhi + tol) & (blo <= ahi + tol)
        unknown = np.isnan(alo) | np.isnan(ahi) | np.isnan(blo) | np.isnan(bhi)
        return np.asarray(unknown | ~overlap, dtype=bool)

    return apart


def number_finding(ctx: Context, label: str, items: list[Statement], members: list[Statement]) -> Finding:
    """One finding for a slot: each value with the sources giving it."""
    keys = {(s.claim.id, s.fact.value) for s in members}
    rows = [s for s in items if (s.claim.id, s.fact.value) in keys]
    values = tuple(sorted({s.fact.value for s in rows}, key=_num_key))
    docs = tuple(sorted({s.claim.doc for s in rows}))
    table = []
    for v in values:
        srcs = sorted({s.claim.doc for s in rows if s.fact.value == v})
        example = next(s.fact.text for s in rows if s.fact.value == v)
        table.append(
            f"{example!r} ({len(srcs)} source{'s' if len(srcs) != 1 else ''}: {sources(srcs, ctx.settings.named)})"
        )
    temporal = ctx.temporal(docs)
    authorities = _authorities([s.claim for s in rows])
    msg = f"Sources give different figures for {_what(label, members)}: " + " vs ".join(table)
    if temporal:
        msg += "; the reports are from different dates, so this may be an updated figure"
    if authorities:
        msg += f"; the figures are attributed to different authorities ({authorities})"
    severity = Severity.LOW if temporal else (Severity.MEDIUM if authorities else Severity.HIGH)
    found = finding(kind=FindingKind.CONFLICT, type=FindingType.NUMBER, claims=tuple(sorted({s.claim.id for s in rows})),
                    values=values, docs=docs, message=msg + ".", severity=severity, temporal=temporal, key=label)  # fmt: skip
    sides = tuple(tuple(sorted({s.claim.id for s in rows if s.fact.value == v})) for v in values)
    return replace(found, sides=sides, about=label)


def _what(label: str, members: list[Statement]) -> str:
    """The slot in words: 'depth (km)' when a measure role names it better than the label alone."""
    measured = set().union(*(s.roles["measure"] for s in members))
    return f"{' / '.join(sorted(measured))} ({label})" if measured and label not in measured else label


def _authorities(claims: list[Claim]) -> str:
    """'usgs vs emsc' when the claims attribute their figures to different sources."""
    from ..extract.quotes import attribution

    names = sorted({a for a in (attribution(c.text) for c in claims) if a})
    return " vs ".join(names) if len(names) > 1 else ""


def _num_key(v: str) -> tuple[float, str]:
    try:
        return float(v), v
    except ValueError:
        return float("inf"), v

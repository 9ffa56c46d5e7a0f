"""Negation conflicts: one source states in the negative what another states positively."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..lexicon import CONTENTLESS_SCOPES, WEAK_NEGATION_CUES
from ..model import Claim, FactType, Finding, FindingKind, FindingType, Severity
from .context import Context, Group
from .findings import finding


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """Pairs of a group's claims from different documents, one negated and one not."""
    for group in groups:
        for a, b in ctx.cluster_pairs(group):
            sim = ctx.sim(a, b)
            if sim >= ctx.gate("negation_scoped") and ctx.one_event(a, b, sim):
                yield from conflict(ctx, a, b)


def conflict(ctx: Context, a: Claim, b: Claim) -> Iterator[Finding]:
    """A finding when only one claim is negated and the word it negates appears in the other."""
    na = [f for f in a.facts if f.type == FactType.NEGATION]
    nb = [f for f in b.facts if f.type == FactType.NEGATION]
    if bool(na) == bool(nb):
        return
    neg, pos, f = (a, b, na[0]) if na else (b, a, nb[0])
    scoped = (f.label or "").lower()
    s = ctx.settings
    weak = f.text.lower() in WEAK_NEGATION_CUES or scoped in CONTENTLESS_SCOPES or len(scoped) < s.scope_min
    if weak or scoped[: s.scope_prefix] not in pos.text.lower():
        return
    yield finding(
        kind=FindingKind.CONFLICT,
        type=FindingType.NEGATION,
        claims=tuple(sorted({a.id, b.id})),
        values=("negative", "positive"),
        docs=tuple(sorted({a.doc, b.doc})),
        message=f"{neg.doc} states it in the negative ({f.text!r}, line {neg.line}) while {pos.doc} states it "
        f"positively (line {pos.line}).",
        severity=Severity.HIGH,
        key=f.label or "",
    )

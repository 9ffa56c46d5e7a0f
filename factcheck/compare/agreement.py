"""Agreement: claims several sources make (corroborated), only one makes (unique), or one makes and others echo."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..model import Claim, FactType, Finding, FindingKind, FindingType, Severity
from . import echo
from .context import Context, Group
from .echo import echoed
from .findings import cite, finding, fold_text, sources

_VALUE_TYPES = (FactType.NUMBER, FactType.DATE)  # facts whose values a finding lists


def find(ctx: Context, groups: Sequence[Group]) -> Iterator[Finding]:
    """One corroborated finding per group, then one unique finding per claim with facts no group shares.

    A claim that another document echoes (states in other words, compare/echo.py) is not unique: it is an echo
    finding, with the claims that echo it, for a reviewer to read side by side.
    """
    if ctx.settings.pair_mode:
        return
    for group in groups:
        yield corroborated(ctx, group)
    if len(ctx.docs) > 1:
        rows = unheld(ctx, groups)
        heard = echoed(ctx, rows)
        for i in rows:
            if i in heard:
                yield echoed_by(ctx, ctx.claims[i], [ctx.claims[k] for k in sorted(heard[i])])
            else:
                yield unique(ctx, ctx.claims[i])


def start(ctx: Context, groups: Sequence[Group]) -> None:
    """Start the echo test's tagging in the run's workers (the other checkers run meanwhile)."""
    if not ctx.settings.pair_mode and len(ctx.docs) > 1:
        echo.start(ctx, unheld(ctx, groups))


def unheld(ctx: Context, groups: Sequence[Group]) -> list[int]:
    """The claims with facts that no group holds: unique unless echoed."""
    shared = {c for group in groups for c in group.cluster.claims}
    return [i for i, c in enumerate(ctx.claims) if c.id not in shared and c.facts]


def corroborated(ctx: Context, group: Group) -> Finding:
    """A claim several sources make."""
    lead, docs = group.claims[0], group.cluster.docs
    values = tuple(sorted({f.value for c in group.claims for f in c.facts if f.type in _VALUE_TYPES}))
    excerpt = lead.text[: ctx.settings.excerpt]
    label = group.cluster.label.rsplit(" — ", 1)[0]
    about = f"About {label}: " if label else ""
    return finding(
        kind=FindingKind.CORROBORATED,
        type=FindingType.OTHER,
        claims=group.cluster.claims,
        values=values,
        docs=docs,
        message=f"{about}{len(docs)} sources state this: {excerpt!r} ({sources(docs, ctx.settings.named)}).",
        severity=Severity.LOW,
        key=fold_text(lead.text),
    )


def unique(ctx: Context, claim: Claim) -> Finding:
    """A claim only one source makes."""
    values = tuple(sorted({f.value for f in claim.facts if f.type in _VALUE_TYPES}))
    return finding(
        kind=FindingKind.UNIQUE,
        type=FindingType.OTHER,
        claims=(claim.id,),
        values=values,
        docs=(claim.doc,),
        message=f"Only {claim.doc} states this ({cite(claim)}): {claim.text[: ctx.settings.excerpt]!r}.",
        severity=Severity.LOW,
        key=fold_text(claim.text),
    )


def echoed_by(ctx: Context, claim: Claim, others: Sequence[Claim]) -> Finding:
    """A claim no group holds that other sources state in other words: not unique, not quite corroborated."""
    docs = tuple(sorted({claim.doc} | {c.doc for c in others}))
    where = ", ".join(f"{c.doc} ({cite(c)})" for c in others)
    return finding(
        kind=FindingKind.ECHO,
        type=FindingType.OTHER,
        claims=(claim.id, *(c.id for c in others)),
        values=tuple(sorted({f.value for f in claim.facts if f.type in _VALUE_TYPES})),
        docs=docs,
        message=f"{claim.doc} states this ({cite(claim)}): {claim.text[: ctx.settings.excerpt]!r}; {where} "
        "word something close with the same nouns, not close enough to group: read them side by side.",
        severity=Severity.LOW,
        key=fold_text(claim.text),
    )

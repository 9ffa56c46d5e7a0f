"""One finding per fact and kind, and no agreement where sources disagree."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..model import Claim, Finding, FindingKind, FindingType, Severity
from .components import components
from .findings import finding, sources
from .merge_numbers import merge_numbers

# conflicts found pair by pair; numbers and denials (negation) are already one finding per fact with every value
_PAIRWISE = (FindingType.DATE, FindingType.LOCATION, FindingType.QUOTE)


def settle(findings: Sequence[Finding], claims: Mapping[str, Claim], named: int) -> list[Finding]:
    """Merge pairwise conflicts about one fact, then drop 'corroborated' for groups that hold a conflict."""
    merged = _merge_pairs(merge_numbers(findings, claims, named), claims, named)
    disputed = _disputed(merged, claims)
    return [f for f in merged if not (f.kind == FindingKind.CORROBORATED and disputed(f))]


def _disputed(findings: Sequence[Finding], claims: Mapping[str, Claim]) -> Callable[[Finding], bool]:
    """A test: some conflict cites two claims of this group from different sources (conflicts indexed by claim)."""
    conflicts = [set(f.claims) for f in findings if f.kind == FindingKind.CONFLICT]
    by_claim: dict[str, list[int]] = {}
    for k, members in enumerate(conflicts):
        for c in members:
            by_claim.setdefault(c, []).append(k)

    def test(agreed: Finding) -> bool:
        members = set(agreed.claims)
        touched = sorted({k for c in members for k in by_claim.get(c, ())})
        return any(len({claims[c].doc for c in members & conflicts[k] if c in claims}) > 1 for k in touched)

    return test


def _merge_pairs(findings: Sequence[Finding], claims: Mapping[str, Claim], named: int) -> list[Finding]:
    """Pairwise conflicts of one type that share a claim or the same values (not for negation) become one finding."""

    def keys(f: Finding) -> list[tuple[str, str]]:
        if f.kind != FindingKind.CONFLICT or f.type not in _PAIRWISE:
            return []
        found = [(str(f.type), c) for c in f.claims]
        if f.type != FindingType.NEGATION:  # 'negative' vs 'positive' names no fact: only a shared claim links
            found.append((str(f.type), "\x1f".join(sorted(f.values))))
        return found

    return [part[0] if len(part) == 1 else _combined(part, claims, named) for part in components(findings, keys)]


def _combined(part: list[Finding], claims: Mapping[str, Claim], named: int) -> Finding:
    """One conflict listing every value with the sources that give it."""
    ids = sorted({c for f in part for c in f.claims})
    values = tuple(sorted({v for f in part for v in f.values}))
    by_value: dict[str, set[str]] = {v: set() for v in values}
    side: dict[str, list[str]] = {v: [] for v in values}
    unplaced = []
    for cid in ids:
        claim = claims.get(cid)
        if claim is None:
            continue
        carried = [v for v in values if any(fact.value == v for fact in claim.facts)]
        for v in carried:
            by_value[v].add(claim.doc)
            side[v].append(claim.id)
        if not carried:
            unplaced.append(claim)  # e.g. the positive side of a negation: no fact carries 'positive'
    empty = [v for v, ds in by_value.items() if not ds]
    if len(empty) == 1:
        by_value[empty[0]].update(c.doc for c in unplaced)
        side[empty[0]].extend(c.id for c in unplaced)
    table = " vs ".join(
        f"{v!r} ({len(ds)} source{'s' if len(ds) != 1 else ''}: {sources(sorted(ds), named)})"
        for v, ds in by_value.items()
    )
    return replace(_one(part, ids, values, table), sides=tuple(tuple(side[v]) for v in values))


def _one(part: list[Finding], ids: list[str], values: tuple[str, ...], table: str) -> Finding:
    """The merged finding without its sides."""
    kind_of = {FindingType.DATE: "dates", FindingType.LOCATION: "places", FindingType.QUOTE: "wordings"}
    what = kind_of.get(FindingType(part[0].type), "statements")
    severity = min((f.severity for f in part), key=[Severity.HIGH, Severity.MEDIUM, Severity.LOW].index)
    docs = tuple(sorted({d for f in part for d in f.docs}))
    return finding(
        kind=FindingKind.CONFLICT,
        type=FindingType(part[0].type),
        claims=tuple(ids),
        values=values,
        docs=docs,
        message=f"Sources give different {what} for one fact: {table}.",
        severity=Severity(severity),
        temporal=all(f.temporal for f in part),
    )

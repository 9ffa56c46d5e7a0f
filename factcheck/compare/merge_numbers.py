"""Number conflicts about one slot found in several groups (or by the set-wide scan) become one finding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..model import Claim, Finding, FindingKind, FindingType, Severity
from .components import components
from .findings import finding, sources

_SEVERITY = [Severity.HIGH, Severity.MEDIUM, Severity.LOW]


def merge_numbers(findings: Sequence[Finding], claims: Mapping[str, Claim], named: int) -> list[Finding]:
    """Number conflicts with the same counted noun and timing that share a value are one discrepancy."""

    def keys(f: Finding) -> list[tuple[str, bool, str]]:
        if f.kind == FindingKind.CONFLICT and f.type == FindingType.NUMBER and f.about and f.sides:
            return [(f.about, f.temporal, v) for v in f.values]
        return []

    return [part[0] if len(part) == 1 else _rebuilt(part, claims, named) for part in components(findings, keys)]


def _value_key(v: str) -> tuple[float, str]:
    try:
        return float(v), v
    except ValueError:
        return float("inf"), v


def _rebuilt(part: list[Finding], claims: Mapping[str, Claim], named: int) -> Finding:
    """One number finding with every value, the claims giving it and their sources."""
    side: dict[str, set[str]] = {}
    for f in part:
        for v, ids in zip(f.values, f.sides, strict=True):
            side.setdefault(v, set()).update(ids)
    values = tuple(sorted(side, key=_value_key))
    table = [_row(v, sorted(side[v]), claims, named) for v in values]
    about, temporal = part[0].about, part[0].temporal
    message = f"Sources give different figures for {about}: " + " vs ".join(table)
    if temporal:
        message += "; the reports are from different dates, so this may be an updated figure"
    ids = tuple(sorted(set().union(*side.values())))
    merged = finding(
        kind=FindingKind.CONFLICT,
        type=FindingType.NUMBER,
        claims=ids,
        values=values,
        docs=tuple(sorted({d for f in part for d in f.docs})),
        message=message + ".",
        severity=min((Severity(f.severity) for f in part), key=_SEVERITY.index),
        temporal=temporal,
        key=about,
    )
    return replace(merged, sides=tuple(tuple(sorted(side[v])) for v in values), about=about)


def _row(value: str, ids: list[str], claims: Mapping[str, Claim], named: int) -> str:
    """ "'about 2,500 troops' (3 sources: a, b, c)": the value as one source wrote it, and who gives it."""
    shown = next(
        (f.text for cid in ids if cid in claims for f in claims[cid].facts if f.type == "number" and f.value == value),
        value,
    )
    docs = sorted({claims[cid].doc for cid in ids if cid in claims})
    return f"{shown!r} ({len(docs)} source{'s' if len(docs) != 1 else ''}: {sources(docs, named)})"

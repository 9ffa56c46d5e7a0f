"""Building findings: a stable fingerprint, cited sources, one keyword-only constructor, dedupe and order."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from ..model import Claim, Fact, Finding, FindingKind, FindingType, Severity

_KIND_ORDER = {k: n for n, k in enumerate(FindingKind)}  # the order reports list them in
_SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


def fingerprint(kind: str, type_: str, values: Iterable[str], docs: Iterable[str], extra: str = "") -> str:
    """Stable id from what a finding says and where, never from lines or offsets."""
    raw = "\x1f".join([kind, type_, "|".join(sorted(values)), "|".join(sorted(docs)), extra])
    return "fc-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def finding(
    *,
    kind: FindingKind,
    type: FindingType,
    claims: tuple[str, ...],
    values: tuple[str, ...],
    docs: tuple[str, ...],
    message: str,
    severity: Severity,
    temporal: bool = False,
    key: str = "",
) -> Finding:
    """A Finding with its fingerprint; `key` tells apart findings with equal values and documents."""
    return Finding(
        id=fingerprint(kind, type, values, docs, key),
        kind=kind,
        type=type,
        claims=claims,
        values=values,
        message=message,
        severity=severity,
        temporal=temporal,
        docs=docs,
    )


def sources(docs: Iterable[str], named: int) -> str:
    """'a, b, c' or 'a, b, …, h and 12 more': messages stay one readable sentence."""
    docs = list(docs)
    if len(docs) <= named:
        return ", ".join(docs)
    return f"{', '.join(docs[:named])} and {len(docs) - named} more"


def cite(claim: Claim) -> str:
    """Where a claim is: 'doc line 3', or 'doc page 2, line 3' / 'doc paragraph 7' for PDF and DOCX."""
    return f"{claim.doc} {claim.where or f'line {claim.line}'}"


def pair_conflict(type_: FindingType, a: Claim, fa: Fact, b: Claim, fb: Fact, what: str) -> Finding:
    """Two claims stating one fact differently: 'a and b <what>: 'x' (a line 1) vs 'y' (b line 2).'."""
    return finding(
        kind=FindingKind.CONFLICT,
        type=type_,
        claims=tuple(sorted({a.id, b.id})),
        values=tuple(sorted({fa.value, fb.value})),
        docs=tuple(sorted({a.doc, b.doc})),
        message=f"{a.doc} and {b.doc} {what}: {fa.text!r} ({cite(a)}) vs {fb.text!r} ({cite(b)}).",
        severity=Severity.HIGH,
    )


def fold_text(text: str) -> str:
    """Lowercased, whitespace-folded text (a fingerprint key for whole claims)."""
    return " ".join(text.lower().split())


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Merge findings with one fingerprint (same fact seen in two groups), keep ids unique, sort for output."""
    merged: dict[str, Finding] = {}
    repeats: dict[str, int] = defaultdict(int)
    for f in findings:
        if f.id not in merged:
            merged[f.id] = f
        elif f.kind in (FindingKind.UNIQUE, FindingKind.ECHO, FindingKind.CORROBORATED):
            repeats[f.id] += 1
            merged[f"{f.id}-{repeats[f.id]}"] = replace(f, id=f"{f.id}-{repeats[f.id]}")
        else:
            old = merged[f.id]
            merged[f.id] = replace(old, claims=tuple(sorted(set(old.claims) | set(f.claims))))
    return sorted(merged.values(), key=order)


def order(f: Finding) -> tuple[int, bool, int, str, str]:
    """Report order: conflicts first, same-day before later reports, severe first, then by type and id."""
    return (_KIND_ORDER[f.kind], f.temporal, _SEVERITY_ORDER[f.severity], f.type, f.id)

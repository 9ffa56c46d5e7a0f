"""Hand-made claims, facts and vectors for the compare checkers' unit tests."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from factcheck.compare import CompareSettings, Context, compare
from factcheck.model import Claim, Cluster, Document, Fact, Finding


def fact(sentence: str, surface: str, type_: str, value: str, label: str | None = None, **kw: object) -> Fact:
    """A fact at the first place `surface` occurs in `sentence`; numbers get their interval from the value."""
    start = sentence.index(surface)
    if type_ == "number" and "low" not in kw:
        kw = {"qualifier": "exact", "low": float(value), "high": float(value), **kw}
    return Fact(type_, surface, value, label, start=start, end=start + len(surface), **kw)  # type: ignore[arg-type]


def claim(doc: str, n: int, text: str, *facts: Fact) -> Claim:
    """Claim number n (1-based) of a document, on line n."""
    return Claim(f"{doc}:{n}", doc, text, n, 0, len(text), tuple(facts), n - 1)


def number(doc: str, n: int, text: str, surface: str, value: str, label: str | None) -> Claim:
    """A claim stating one number."""
    return claim(doc, n, text, fact(text, surface, "number", value, label))


def at_angle(cosines: Sequence[float]) -> np.ndarray:
    """Unit vectors whose cosine with the first axis is each given value (2 dimensions)."""
    return np.array([[c, math.sqrt(max(0.0, 1 - c * c))] for c in cosines], dtype=np.float32)


def same(n: int) -> np.ndarray:
    """n identical unit vectors: every pair has cosine 1."""
    return at_angle([1.0] * n)


def one_group(claims: Sequence[Claim]) -> list[Cluster]:
    """All the claims in one cluster."""
    docs = tuple(sorted({c.doc for c in claims}))
    return [Cluster("g1", tuple(c.id for c in claims), docs, "corroborated")]


def docs_of(claims: Sequence[Claim], published: dict[str, str] | None = None) -> list[Document]:
    """One Document per document id the claims name."""
    published = published or {}
    return [Document(d, f"{d}.txt", "", published=published.get(d)) for d in sorted({c.doc for c in claims})]


def run(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    clusters: Sequence[Cluster] = (),
    settings: CompareSettings | None = None,
    published: dict[str, str] | None = None,
) -> list[Finding]:
    """compare() over hand-made inputs."""
    return compare(docs_of(claims, published), claims, vectors, clusters, settings)


def context(claims: Sequence[Claim], vectors: np.ndarray, settings: CompareSettings | None = None) -> Context:
    """A Context over hand-made inputs, for calling one checker."""
    return Context(docs_of(claims), claims, vectors, settings or CompareSettings())


def kinds(findings: Sequence[Finding], kind: str = "conflict", type_: str | None = None) -> list[Finding]:
    """The findings of one kind (and type)."""
    return [f for f in findings if f.kind == kind and (type_ is None or f.type == type_)]

"""Pair mode: is statement B contradicted by, in agreement with, or unrelated to statement A?"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from .compare import Checker, CompareSettings, Context, dates, denial, locations, numbers, run_checkers
from .model import Claim, Cluster, ClusterStatus, Document, Finding, FindingKind
from .pipeline import fold_facts
from .segment import fold

if TYPE_CHECKING:
    from .embed import Embedder

NUMBER_OVERLAP = 0.5  # share of B's content words A uses before a number difference counts
FACT_OVERLAP = 0.7  # ... before a date, negation or place difference counts (these need closer statements)
AGREE_SIM = 0.6  # cosine at which two statements with no typed difference agree
AGREE_OVERLAP = 0.8  # word overlap at which they agree whatever the cosine

_CONTENT = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "by",
        "with",
        "as",
        "that",
        "this",
        "it",
        "its",
        "from",
        "has",
        "have",
        "had",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "which",
        "who",
        "not",
        "no",
    ]
)


@dataclass(frozen=True)
class Verdict:
    """The pair's label (contradiction | agreement | unrelated), the kind of difference and a reason."""

    label: str
    type: str
    reason: str
    similarity: float

    def as_dict(self) -> dict[str, str | float]:
        """Plain data."""
        return {"label": self.label, "type": self.type, "reason": self.reason, "similarity": self.similarity}


def _overlap(a: str, b: str) -> float:
    """Share of B's content words that A also uses (0..1)."""
    wa = {w for w in _CONTENT.findall(a.lower()) if w not in _STOP}
    wb = {w for w in _CONTENT.findall(b.lower()) if w not in _STOP}
    return len(wa & wb) / len(wb) if wb else 0.0


def compare_pair(a: str, b: str, embedder: Embedder | None = None, published: date | None = None) -> Verdict:
    """Compare two statements about (presumably) one event as typed facts."""
    from .embed import SentenceTransformerEmbedder
    from .extract import extract_facts

    embedder = embedder or SentenceTransformerEmbedder()
    fa, fb = extract_facts([a, b], [published, published])
    ca = Claim("a:1", "a", fold(a), 1, 0, len(a), fold_facts(a, fa))
    cb = Claim("b:1", "b", fold(b), 1, 0, len(b), fold_facts(b, fb))
    vectors = np.asarray(embedder.embed([ca.text, cb.text]), dtype=np.float32)
    sim = round(float(vectors[0] @ vectors[1]), 4)
    overlap = _overlap(a, b)
    conflict = _first_conflict(a, b, [ca, cb], vectors, overlap)
    if conflict is not None:
        return Verdict("contradiction", conflict.type, conflict.message, sim)
    if sim >= AGREE_SIM or overlap >= AGREE_OVERLAP:
        return Verdict(
            "agreement",
            "other",
            f"the statements match (cosine {sim:.2f}, word overlap {overlap:.2f}) and no typed fact differs",
            sim,
        )
    return Verdict(
        "unrelated", "other", f"the statements share little (cosine {sim:.2f}, word overlap {overlap:.2f})", sim
    )


def _first_conflict(a: str, b: str, claims: list[Claim], vectors: np.ndarray, overlap: float) -> Finding | None:
    """The first conflict the pair checkers find; which checkers run depends on how much B is about A."""
    # the caller says these are about the same event, so pair mode relaxes the similarity gates,
    # but a difference only counts when B is mostly about what A talks about
    checkers: list[Checker] = []
    if overlap >= NUMBER_OVERLAP:
        checkers.append(numbers)
        if overlap >= FACT_OVERLAP:
            checkers += [dates, denial, locations]
    ctx = Context([Document("a", "a", a), Document("b", "b", b)], claims, vectors, CompareSettings(pair_mode=True))
    cluster = Cluster("g1", tuple(c.id for c in claims), ("a", "b"), ClusterStatus.CORROBORATED)
    found = run_checkers(ctx, ctx.groups([cluster]), checkers)
    return next((f for f in found if f.kind == FindingKind.CONFLICT), None)

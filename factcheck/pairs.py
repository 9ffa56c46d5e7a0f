"""Pair mode: is statement B contradicted by, in agreement with, or unrelated to statement A?"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .compare import Comparer, CompareSettings
from .model import Claim, Document

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

    def as_dict(self) -> dict:
        """Plain data."""
        return {"label": self.label, "type": self.type, "reason": self.reason, "similarity": self.similarity}


def _overlap(a: str, b: str) -> float:
    """Share of B's content words that A also uses (0..1)."""
    wa = {w for w in _CONTENT.findall(a.lower()) if w not in _STOP}
    wb = {w for w in _CONTENT.findall(b.lower()) if w not in _STOP}
    return len(wa & wb) / len(wb) if wb else 0.0


def compare_pair(a: str, b: str, embedder=None, published=None) -> Verdict:
    """Compare two statements about (presumably) one event as typed facts."""
    from .embed import SentenceTransformerEmbedder
    from .extract import extract_facts

    embedder = embedder or SentenceTransformerEmbedder()
    fa, fb = extract_facts([a, b], [published, published])
    ca = Claim("a:1", "a", " ".join(a.split()), 1, 0, len(a), tuple(fa))
    cb = Claim("b:1", "b", " ".join(b.split()), 1, 0, len(b), tuple(fb))
    vectors = np.asarray(embedder.embed([ca.text, cb.text]), dtype=np.float32)
    sim = round(float(vectors[0] @ vectors[1]), 4)
    overlap = _overlap(a, b)
    # the caller says these are about the same event, so the similarity gates are relaxed,
    # but a difference only counts when B is mostly about what A talks about
    relaxed = CompareSettings(number=0.0, date=0.0, negation=0.0, location=0.0)
    comparer = Comparer([Document("a", "a", a), Document("b", "b", b)], [ca, cb], vectors, relaxed)
    if overlap >= 0.5:
        found = comparer.number_conflicts([ca, cb])
        if overlap >= 0.7:
            found += comparer.pair_conflicts([ca, cb])
        if found:
            f = found[0]
            return Verdict("contradiction", f.type, f.message, sim)
    if sim >= 0.6 or overlap >= 0.8:
        return Verdict(
            "agreement",
            "other",
            f"the statements match (cosine {sim:.2f}, word overlap {overlap:.2f}) and no typed fact differs",
            sim,
        )
    return Verdict(
        "unrelated", "other", f"the statements share little (cosine {sim:.2f}, word overlap {overlap:.2f})", sim
    )

"""Pair mode: is statement B contradicted by, in agreement with, or unrelated to statement A?

Kinds of contradiction: one statement denies what the other asserts (each sentence of one against each of the
other, see compare/propositions.py); typed facts (numbers, dates, places) that differ inside otherwise matching
statements, through the same checkers as a full check with pair-mode settings; and, from the clause structure
(compare/roles.py), a thing one says is absent that the other states, or one event given another participant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from .compare import Checker, CompareSettings, Context, dates, locations, numbers, run_checkers
from .compare.frames import Scene, scene
from .compare.propositions import Gates, opposes
from .compare.roles import absence_conflict, role_conflict
from .extract.polarity import Reading, doc_readings, parsed_docs
from .model import Claim, Cluster, ClusterStatus, Document, Fact, FactType, Finding, FindingKind, FindingType
from .pipeline import fold_facts
from .segment import fold

if TYPE_CHECKING:
    from .embed import Embedder

NUMBER_OVERLAP = 0.5  # share of B's content words A uses before a number difference counts
FACT_OVERLAP = 0.7  # ... before a date or place difference counts (these need closer statements)
AGREE_SIM = 0.6  # cosine at which two statements with no typed difference agree
AGREE_OVERLAP = 0.8  # word overlap at which they agree whatever the cosine
DENIAL_GATES = Gates(core=0.35, strong=0.7)  # sentence cosines for a denial: the caller says it is one event

_TYPED = (FactType.NUMBER, FactType.DATE, FactType.LOCATION)  # their words are left out of the overlap
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

Sentences = list[tuple[str, Reading]]


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


@dataclass(frozen=True)
class _Side:
    """One statement ready to compare: its claim with facts, its sentences and their vectors."""

    claim: Claim
    sentences: Sentences
    vectors: np.ndarray
    scene: Scene


def compare_pair(a: str, b: str, embedder: Embedder | None = None, published: date | None = None) -> Verdict:
    """Compare two statements about (presumably) one event as typed facts and as assertion against denial."""
    return compare_pairs([(a, b)], embedder, published)[0]


def compare_pairs(
    pairs: Sequence[tuple[str, str]], embedder: Embedder | None = None, published: date | None = None
) -> list[Verdict]:
    """Compare many pairs; facts, parses and vectors are computed in batches."""
    from .embed import SentenceTransformerEmbedder
    from .extract import extract_facts

    embedder = embedder or SentenceTransformerEmbedder()
    texts = [t for pair in pairs for t in pair]
    facts = extract_facts(texts, [published] * len(texts))
    docs = list(parsed_docs(texts, 64))
    parsed = [doc_readings(t, doc) for t, doc in zip(texts, docs)]
    flat = texts + [s for sents in parsed for s, _ in sents]
    vectors = np.asarray(embedder.embed(flat), dtype=np.float32)
    sides, at = [], len(texts)
    for i, (text, found, sents, parse) in enumerate(zip(texts, facts, parsed, docs)):
        doc = "ab"[i % 2]
        claim = Claim(f"{doc}:1", doc, fold(text), 1, 0, len(text), fold_facts(text, found))
        sides.append(_Side(claim, sents, vectors[at : at + len(sents)], scene(parse)))
        at += len(sents)
    return [_verdict(sides[2 * i], sides[2 * i + 1], vectors[2 * i : 2 * i + 2]) for i in range(len(pairs))]


def _verdict(a: _Side, b: _Side, vectors: np.ndarray) -> Verdict:
    """Denial first, then typed differences, absence and swapped roles, then agreement or unrelated by similarity and word overlap."""
    sim = round(float(vectors[0] @ vectors[1]), 4)
    denied = _denial(a, b)
    if denied is not None:
        return Verdict("contradiction", FindingType.NEGATION, denied, sim)
    words = _overlap(a.claim, b.claim, typed=True)
    conflict = _typed_conflict(a.claim, b.claim, vectors, words, _overlap(a.claim, b.claim))
    if conflict is not None:
        return Verdict("contradiction", conflict.type, conflict.message, sim)
    absent = absence_conflict(a.scene, b.scene)
    if absent is not None:
        return Verdict("contradiction", FindingType.NEGATION, absent, sim)
    swapped = role_conflict(a.scene, b.scene)
    if swapped is not None:
        return Verdict("contradiction", "role", swapped, sim)
    apart = _stances_apart(a, b)
    if apart is not None:
        return Verdict("unrelated", FindingType.NEGATION, apart, sim)
    if sim >= AGREE_SIM or words >= AGREE_OVERLAP:
        reason = f"the statements match (cosine {sim:.2f}, word overlap {words:.2f}) and no typed fact differs"
        return Verdict("agreement", "other", reason, sim)
    reason = f"the statements share little (cosine {sim:.2f}, word overlap {words:.2f})"
    return Verdict("unrelated", "other", reason, sim)


def _denial(a: _Side, b: _Side) -> str | None:
    """A sentence of one statement that denies what a sentence of the other asserts, with the reason."""
    for (ta, ra), va in zip(a.sentences, a.vectors):
        for (tb, rb), vb in zip(b.sentences, b.vectors):
            sim = round(float(va @ vb), 4)
            for (name, denial, text), (other, claim) in (((("B", rb, tb), ("A", ra))), (("A", ra, ta), ("B", rb))):
                why = opposes(denial, claim, sim, DENIAL_GATES)
                if why is not None:
                    return f"{name} denies what {other} asserts: {text.strip()!r} ({denial.polarity.cue!r}); {why}."
    return None


def _stances_apart(a: _Side, b: _Side) -> str | None:
    """The closest two sentences where one denies and the other does not: they cannot agree (a report of a
    rumour, or a hedge, is neither the assertion a denial contradicts nor agreement with it)."""
    if not a.sentences or not b.sentences:
        return None
    sims = a.vectors @ b.vectors.T
    i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
    ra, rb = a.sentences[int(i)][1].polarity, b.sentences[int(j)][1].polarity
    if (ra.kind == "deny") == (rb.kind == "deny"):
        return None
    (name, deny), (other, kind) = (("A", ra), ("B", rb.kind)) if ra.kind == "deny" else (("B", rb), ("A", ra.kind))
    how = {"assert": "asserts something else", "modal": "only hedges", "report": "only reports it"}[kind]
    return f"{name} denies ({deny.cue!r}) while {other} {how}: they neither agree nor contradict as stated"


def _typed_conflict(a: Claim, b: Claim, vectors: np.ndarray, words: float, untyped: float) -> Finding | None:
    """The first number, date or place conflict, when B is mostly about what A talks about.

    Numbers need `words` (B's words A uses) at NUMBER_OVERLAP; dates and places need B's other words (`untyped`:
    leaving out numbers, dates and places) at FACT_OVERLAP, and a place only counts when the word that places
    something in B ('held' in 'held in Vienna') is in A too.
    """
    checkers: list[Checker] = [numbers] if words >= NUMBER_OVERLAP else []
    if untyped >= FACT_OVERLAP:
        checkers += [dates, locations]
    docs = [Document("a", "a", a.text), Document("b", "b", b.text)]
    ctx = Context(docs, [a, b], vectors, CompareSettings(pair_mode=True))
    cluster = Cluster("g1", (a.id, b.id), ("a", "b"), ClusterStatus.CORROBORATED)
    found = run_checkers(ctx, ctx.groups([cluster]), checkers)
    return next((f for f in found if f.kind == FindingKind.CONFLICT and _placed_alike(f, a, b)), None)


def _placed_alike(f: Finding, a: Claim, b: Claim) -> bool:
    """Not a place conflict, or B's placing word (the content word before 'in Vienna') is used in A."""
    if f.type != FindingType.LOCATION:
        return True
    a_words = _words(a, typed=True)
    for place in (p for p in b.facts if p.type == FactType.LOCATION):
        before = [w for w in _CONTENT.findall(b.text[: place.start].lower()) if w not in _STOP]
        if before and before[-1] in a_words:
            return True
    return False


def _overlap(a: Claim, b: Claim, typed: bool = False) -> float:
    """Share of B's content words that A also uses (0..1); without `typed`, the words of numbers, dates and
    places are left out, so that 'held in Geneva' and 'held in Vienna' count as the same statement otherwise."""
    wa, wb = _words(a, typed), _words(b, typed)
    return len(wa & wb) / len(wb) if wb else 0.0


def _words(claim: Claim, typed: bool) -> set[str]:
    text = claim.text.lower()
    if not typed:
        for f in sorted(_typed_facts(claim), key=lambda f: -f.start):
            text = text[: f.start] + " " + text[f.end :]
    return {w for w in _CONTENT.findall(text) if w not in _STOP}


def _typed_facts(claim: Claim) -> list[Fact]:
    return [f for f in claim.facts if f.type in _TYPED]

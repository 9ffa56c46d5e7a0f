"""Grouping precision against a facts file: pair precision, unique precision and unique recall (DESIGN.md)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from ..ingest.decode import normalise
from ..model import Claim, Report
from ..segment import fold
from .goldfile import Facts

MIN_FRAGMENT_WORDS = 5  # a claim this long may be a part of one gold sentence
MAX_LISTED = 200  # wrong pairs listed in the scores (all are counted)


def _plain(text: str) -> str:
    return fold(normalise(text)).lower()


def map_claims(claims: Iterable[Claim], facts: Facts) -> dict[str, frozenset[int]]:
    """Claim id -> indices of the gold sentences it maps to (empty when it maps to none).

    A claim maps to the gold sentences of its document whose text it contains; failing that, a claim of at
    least five words maps to the gold sentences that contain it (normally one). Case, runs of whitespace and
    typographic quotes and dashes are ignored.
    """
    by_doc: dict[str, list[tuple[int, str]]] = {}
    for i, s in enumerate(facts.sentences):
        by_doc.setdefault(s.doc, []).append((i, _plain(s.text)))
    out = {}
    for c in claims:
        text = _plain(c.text)
        gold = by_doc.get(c.doc, [])
        hits = [i for i, g in gold if g in text]
        if not hits and len(text.split()) >= MIN_FRAGMENT_WORDS:
            hits = [i for i, g in gold if text in g]
        out[c.id] = frozenset(hits)
    return out


def grouped_pairs(report: Report) -> list[tuple[str, str]]:
    """Cross-document claim pairs that share at least one cluster, each pair once, sorted."""
    doc_of = {c.id: c.doc for c in report.claims}
    pairs = set()
    for k in report.clusters:
        for a, b in combinations(sorted(set(k.claims)), 2):
            if doc_of.get(a) is not None and doc_of.get(b) is not None and doc_of[a] != doc_of[b]:
                pairs.add((a, b))
    return sorted(pairs)


def _ratio(right: int, judged: int) -> float:
    return round(right / judged, 4) if judged else 1.0


def _shown(claim: Claim) -> str:
    text = claim.text if len(claim.text) <= 100 else claim.text[:97] + "..."
    return f"{claim.doc} {text!r}"


class _Judge:
    """The facts file seen from one report: the keys each claim carries and the documents each key occurs in."""

    def __init__(self, report: Report, facts: Facts) -> None:
        self.facts = facts
        self.claims = {c.id: c for c in report.claims}
        self.mapped = map_claims(report.claims, facts)
        self.keys = {
            cid: frozenset(k for i in idx for k in facts.sentences[i].keys) for cid, idx in self.mapped.items()
        }
        self.key_docs: dict[str, set[str]] = {}
        for s in facts.sentences:
            for key in s.keys:
                self.key_docs.setdefault(key, set()).add(s.doc)

    def pair(self, a: str, b: str) -> bool | None:
        """True when both claims share a key, False when wrong, None when not judged (unmapped, incomplete file)."""
        if self.mapped[a] and self.mapped[b]:
            return bool(self.keys[a] & self.keys[b])
        return False if self.facts.complete else None

    def only_here(self, cid: str) -> bool:
        """Every key the claim carries occurs in no other document."""
        doc = self.claims[cid].doc
        return all(self.key_docs[k] == {doc} for k in self.keys[cid])


def _pair_scores(judge: _Judge, report: Report) -> dict:
    right = judged = unjudged = 0
    wrong = []
    for a, b in grouped_pairs(report):
        verdict = judge.pair(a, b)
        if verdict is None:
            unjudged += 1
            continue
        judged += 1
        right += verdict
        if not verdict:
            wrong.append(f"{_shown(judge.claims[a])} / {_shown(judge.claims[b])}")
    return {
        "pair_precision": _ratio(right, judged),
        "pairs_judged": judged,
        "pairs_right": right,
        "pairs_unjudged": unjudged,
        "wrong_pairs": wrong[:MAX_LISTED],
    }


def _unique_scores(judge: _Judge, report: Report) -> dict:
    reported = sorted({cid for f in report.findings if f.kind == "unique" for cid in f.claims if cid in judge.claims})
    judged = [cid for cid in reported if judge.mapped[cid]]
    wrong = [cid for cid in judged if not judge.only_here(cid)]
    single = sorted(k for k, docs in judge.key_docs.items() if len(docs) == 1)
    carried = {k for cid in reported for k in judge.keys[cid]}
    return {
        "unique_precision": _ratio(len(judged) - len(wrong), len(judged)),
        "unique_judged": len(judged),
        "unique_right": len(judged) - len(wrong),
        "unique_wrong": [_shown(judge.claims[cid]) for cid in wrong],
        "unique_recall": _ratio(sum(k in carried for k in single), len(single)),
        "unique_keys": len(single),
        "unique_keys_found": sum(k in carried for k in single),
        "unique_keys_missed": [k for k in single if k not in carried],
    }


def score_facts(report: Report, facts: Facts) -> dict:
    """Pair precision, unique precision and unique recall of a report against a facts file."""
    judge = _Judge(report, facts)
    hit = {i for idx in judge.mapped.values() for i in idx}
    return {
        "file": str(facts.path),
        "complete": facts.complete,
        **_pair_scores(judge, report),
        **_unique_scores(judge, report),
        "unmapped_claims": sum(not idx for idx in judge.mapped.values()),
        "unmatched_sentences": [f"{s.doc}: {s.text!r}" for i, s in enumerate(facts.sentences) if i not in hit],
    }

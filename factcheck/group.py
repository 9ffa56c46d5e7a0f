"""Group stage: link claims from different documents that state the same thing, deterministically."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .blocking import bigrams, blocked_pairs
from .events import compatible_events
from .model import Claim, Cluster

EXACT_LIMIT = 6000  # above this many claims, use an approximate nearest-neighbour index instead of exact search


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """Cosine similarity thresholds (0..1); `same` is calibrated on MSRP/STS, see docs/calibration.md."""

    same: float = 0.62  # two claims state the same thing (MSRP paraphrase F1 0.815, best 0.817 at 0.64)
    anchored: float = 0.40  # enough when the claims also share a number or date value
    link: float = 0.60  # least average similarity between two groups that are merged
    quoted: float = 0.30  # enough when both claims quote the same words
    neighbours: int = 12  # candidate neighbours looked at per claim
    weak_merge: int = 64  # largest group an anchored or quoted (below `same`) link may produce


def neighbours(vectors: np.ndarray, k: int, floor: float) -> list[tuple[int, int, float]]:
    """Candidate pairs (i < j, cosine) among each row's k nearest rows with cosine >= floor."""
    n = len(vectors)
    if n < 2:
        return []
    k = min(k, n - 1)
    pairs: set[tuple[int, int, float]] = set()
    if n <= EXACT_LIMIT:
        for lo in range(0, n, 1024):
            sims = vectors[lo : lo + 1024] @ vectors.T
            for r in range(sims.shape[0]):
                sims[r, lo + r] = -1.0
            idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            for r, row in enumerate(idx):
                i = lo + r
                for j in row:
                    s = round(float(sims[r, j]), 4)
                    if s >= floor:
                        pairs.add((min(i, int(j)), max(i, int(j)), s))
    else:
        import hnswlib

        index = hnswlib.Index(space="ip", dim=vectors.shape[1])
        index.init_index(max_elements=n, ef_construction=100, M=24, random_seed=7)
        index.set_num_threads(1)  # single-threaded insertion keeps the graph, and so the result, deterministic
        index.add_items(vectors, np.arange(n))
        index.set_ef(max(64, 2 * k))
        index.set_num_threads(min(os.cpu_count() or 1, 4))  # queries only read the graph: threads change nothing
        labels, dists = index.knn_query(vectors, k=k + 1)
        for i in range(n):
            for j, d in zip(labels[i], dists[i]):
                j = int(j)
                s = round(1.0 - float(d), 4)
                if j != i and s >= floor:
                    pairs.add((min(i, j), max(i, j), s))
    return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))


def _anchors(claim: Claim) -> set[str]:
    """Values that tie two claims to one fact: numbers with their unit, and dates finer than a year."""
    out = set()
    for f in claim.facts:
        if f.type == "number" and f.value not in ("0", "1"):
            out.add(f"n:{f.value}")
        elif f.type == "date" and f.label in ("day", "month", "year") and not f.value.startswith("weekday"):
            out.add(f"d:{f.value}")
    return out


def _quotes(claim: Claim) -> list[str]:
    return [f.value for f in claim.facts if f.type == "quote" and len(f.value.split()) >= 3]


def quote_pairs(claims: list[Claim], vectors: np.ndarray, floor: float) -> list[tuple[int, int, float]]:
    """Candidate pairs of claims from different documents that quote the same words."""
    quoting = [i for i, c in enumerate(claims) if _quotes(c)]
    keys = [set().union(*(bigrams(q) for q in _quotes(claims[i]))) for i in quoting]
    out = []
    for x, y in blocked_pairs(keys):
        i, j = quoting[x], quoting[y]
        if claims[i].doc != claims[j].doc and share_quote(claims[i], claims[j]):
            s = round(float(vectors[i] @ vectors[j]), 4)
            if s >= floor:
                out.append((i, j, s))
    return out


def share_quote(a: Claim, b: Claim) -> bool:
    """Both claims quote the same words (one quotation may be an excerpt of the other)."""
    return any(qa in qb or qb in qa for qa in _quotes(a) for qb in _quotes(b))


def group(claims: list[Claim], vectors: np.ndarray, settings: GroupSettings = GroupSettings()) -> list[Cluster]:
    """Cluster claims across documents: strong or fact-anchored links, merged with an average-link guard."""
    n = len(claims)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    extra: list[tuple[int, int]] = []  # fact-level links the sentence-level merge refused
    anchors = [_anchors(c) for c in claims]
    floor = min(settings.same, settings.anchored)
    candidates = neighbours(vectors, settings.neighbours, floor) + quote_pairs(claims, vectors, settings.quoted)
    for i, j, sim in sorted(set(candidates), key=lambda p: (-p[2], p[0], p[1])):
        a, b = claims[i], claims[j]
        if a.doc == b.doc:
            continue
        strong = sim >= settings.same
        quoted = share_quote(a, b)
        if not strong and not (sim >= settings.anchored and anchors[i] & anchors[j]) and not quoted:
            continue
        if not compatible_events(a, b, sim):
            continue
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        left, right = members[ri], members[rj]
        if not strong and len(left) + len(right) > settings.weak_merge:
            extra.append((i, j))  # a weak link may join small groups, never chain big ones together
            continue
        if len(left) * len(right) > 1:
            mean = float((vectors[left] @ vectors[right].T).mean())
            if mean < (settings.link if strong else settings.quoted if quoted else settings.anchored):
                if not strong:
                    extra.append((i, j))
                continue
        keep, drop = (ri, rj) if ri < rj else (rj, ri)
        parent[drop] = keep
        members[keep] = sorted(members[keep] + members.pop(drop))

    groups = [members[r] for r in members]
    # a claim may sit in several clusters, one per fact it states: keep refused fact links as their own pairs
    groups += [sorted((i, j)) for i, j in extra if find(i) != find(j)]
    clusters = []
    for idx in sorted(groups, key=lambda g: [claims[i].id for i in g]):
        ids = tuple(claims[i].id for i in idx)
        docs = tuple(sorted({claims[i].doc for i in idx}))
        status = "corroborated" if len(docs) > 1 else ("single-source" if len(ids) > 1 else "unique")
        clusters.append(Cluster(f"g{len(clusters) + 1}", ids, docs, status))
    return clusters

"""Group stage: link claims from different documents that state the same thing, deterministically."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Claim, Cluster

EXACT_LIMIT = 6000  # above this many claims, use an approximate nearest-neighbour index instead of exact search


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """Cosine similarity thresholds (0..1); `same` is calibrated on MSRP/STS, see docs/calibration.md."""

    same: float = 0.64  # two claims state the same thing (best F1 on MSRP paraphrases)
    anchored: float = 0.45  # enough when the claims also share a number or date value
    link: float = 0.45  # least average similarity between two groups that are merged
    neighbours: int = 12  # candidate neighbours looked at per claim


def neighbours(vectors: np.ndarray, k: int, floor: float) -> list[tuple[int, int, float]]:
    """Candidate pairs (i < j, cosine) among each row's k nearest rows with cosine >= floor."""
    n = len(vectors)
    if n < 2:
        return []
    k = min(k, n - 1)
    pairs: set[tuple[int, int, float]] = set()
    if n <= EXACT_LIMIT:
        for lo in range(0, n, 1024):
            sims = vectors[lo:lo + 1024] @ vectors.T
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
        index.init_index(max_elements=n, ef_construction=200, M=24, random_seed=7)
        index.set_num_threads(1)  # single-threaded insertion keeps the graph, and so the result, deterministic
        index.add_items(vectors, np.arange(n))
        index.set_ef(max(64, 2 * k))
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
        elif f.type == "quote" and f.qualifier != "short":
            out.add(f"q:{f.value[:40]}")
    return out


def _years(claim: Claim) -> set[str]:
    return {f.value[:4] for f in claim.facts if f.type == "date" and f.value[:4].isdigit()}


def compatible_events(a: Claim, b: Claim, sim: float) -> bool:
    """Different years stated for what look like the same event mean different events, unless near-identical."""
    ya, yb = _years(a), _years(b)
    return sim >= 0.9 or not ya or not yb or bool(ya & yb)


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

    anchors = [_anchors(c) for c in claims]
    floor = min(settings.same, settings.anchored)
    for i, j, sim in neighbours(vectors, settings.neighbours, floor):
        a, b = claims[i], claims[j]
        if a.doc == b.doc:
            continue
        if sim < settings.same and not (anchors[i] & anchors[j]):
            continue
        if not compatible_events(a, b, sim):
            continue
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        left, right = members[ri], members[rj]
        if len(left) * len(right) > 1:
            mean = float((vectors[left] @ vectors[right].T).mean())
            if mean < settings.link:
                continue
        keep, drop = (ri, rj) if ri < rj else (rj, ri)
        parent[drop] = keep
        members[keep] = sorted(members[keep] + members.pop(drop))

    clusters = []
    for root in sorted(members, key=lambda r: claims[members[r][0]].id):
        ids = tuple(claims[i].id for i in members[root])
        docs = tuple(sorted({claims[i].doc for i in members[root]}))
        status = "corroborated" if len(docs) > 1 else ("single-source" if len(ids) > 1 else "unique")
        clusters.append(Cluster(f"g{len(clusters) + 1}", ids, docs, status))
    return clusters

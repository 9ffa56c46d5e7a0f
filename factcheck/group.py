"""Group stage: link claims from different documents that state the same thing, deterministically."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from .blas import one_blas_thread
from .blocking import bigrams, blocked_pairs
from .labels import group_label
from .links import GroupSettings, Linker, Traits, same_words
from .model import Claim, Cluster

EXACT_LIMIT = 16000  # above this many claims, an approximate nearest-neighbour index is faster than exact search
BLOCK = 1024  # rows of the cosine matrix computed at once in the exact search
Pairs = Sequence[tuple[int, int, float]]  # claim indices i < j and their cosine, strongest first


def neighbours(vectors: np.ndarray, k: int, floor: float) -> list[tuple[int, int, float]]:
    """Candidate pairs (i < j, cosine) among each row's k nearest rows with cosine >= floor."""
    n = len(vectors)
    if n < 2:
        return []
    k = min(k, n - 1)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    if n <= EXACT_LIMIT:
        found = _exact(vectors, k, floor)
    else:
        import hnswlib

        index = hnswlib.Index(space="ip", dim=vectors.shape[1])
        index.init_index(max_elements=n, ef_construction=100, M=24, random_seed=7)
        index.set_num_threads(1)  # single-threaded insertion keeps the graph, and so the result, deterministic
        index.add_items(vectors, np.arange(n))
        index.set_ef(max(64, 2 * k))
        index.set_num_threads(min(os.cpu_count() or 1, 4))  # queries only read the graph: threads change nothing
        labels, dists = index.knn_query(vectors, k=k + 1)
        sims = 1.0 - dists.astype(np.float64)
        r, c = np.nonzero(sims >= floor - 1e-3)
        found.append(_kept(r, labels[r, c], sims[r, c], floor))
    return _ordered(*(np.concatenate(part) for part in zip(*found, strict=True)))


def _exact(vectors: np.ndarray, k: int, floor: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """`neighbours` by exact search: each pair's cosine is computed once (the upper triangle of the matrix), and
    each row keeps its k nearest other rows at or above the screen.

    The same pairs as partitioning each whole row, at 10k claims on one thread in 0.58 s instead of 1.25 s: only a
    row whose k-th nearest ties with the next (copies of one text) is partitioned whole, as it was.
    """
    n, screen = len(vectors), floor - 1e-3
    upper: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for lo in range(0, n, BLOCK):
        sims = vectors[lo : lo + BLOCK] @ vectors[lo:].T
        r, c = np.nonzero(sims >= screen)
        r, c = r[c > r], c[c > r]  # the diagonal and what lies below it are other blocks' (or the row itself)
        upper.append((lo + r, lo + c, sims[r, c]))
    i, j, s = (np.concatenate(part) for part in zip(*upper, strict=True))
    rows, cols, sims = np.concatenate((i, j)), np.concatenate((j, i)), np.concatenate((s, s))  # both ways
    order = np.lexsort((cols, -sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    last = np.flatnonzero(rank[:-1] == k - 1)  # each row's k-th nearest, if it has a next
    tied = np.unique(rows[last[(rank[last + 1] == k) & (sims[last + 1] == sims[last])]])
    near = (rank < k) & ~np.isin(rows, tied)
    return [_kept(rows[near], cols[near], sims[near], floor), *_partitioned(vectors, tied, k, floor)]


def _partitioned(
    vectors: np.ndarray, rows: np.ndarray, k: int, floor: float
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The k nearest other rows of each of `rows` (each has more than k at or above the screen), from whole rows."""
    for lo in range(0, len(rows), BLOCK):
        some = rows[lo : lo + BLOCK]
        sims = vectors[some] @ vectors.T
        sims[np.arange(len(some)), some] = -1.0  # not its own neighbour
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        yield _kept(np.repeat(some, k), top.ravel(), np.take_along_axis(sims, top, axis=1).ravel(), floor)


def _kept(
    rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, floor: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i < j, cosine to 4 decimals) for each row, column and cosine at or above the floor (not a row itself)."""
    s = round4(sims)
    keep = (s >= floor) & (rows != cols)
    rows, cols = rows[keep].astype(np.int64), cols[keep].astype(np.int64)
    return np.minimum(rows, cols), np.maximum(rows, cols), s[keep]


def round4(values: np.ndarray) -> np.ndarray:
    """Python's `round(v, 4)` of each value, as float64 (numpy's own rounding may differ next to a half-point)."""
    v = np.asarray(values, dtype=np.float64)
    scaled = v * 10_000
    out = np.rint(scaled) / 10_000
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    out[near_half] = [round(float(x), 4) for x in v[near_half]]
    return out


def _ordered(i: np.ndarray, j: np.ndarray, s: np.ndarray) -> list[tuple[int, int, float]]:
    """The distinct (i, j, cosine) triples, strongest first, then by i and j."""
    return list(_in_turn(*_distinct(i, j, s)))


def _distinct(i: np.ndarray, j: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (i, j, cosine) rows of three columns, strongest first, then by i and j."""
    order = np.lexsort((j, i, -s))
    i, j, s = i[order], j[order], s[order]
    fresh = np.ones(len(i), dtype=bool)
    fresh[1:] = (i[1:] != i[:-1]) | (j[1:] != j[:-1]) | (s[1:] != s[:-1])
    return i[fresh], j[fresh], s[fresh]


def _in_turn(i: np.ndarray, j: np.ndarray, s: np.ndarray, chunk: int = 1 << 16) -> Iterator[tuple[int, int, float]]:
    """The rows of three columns as (i, j, cosine), made a chunk at a time (at 100k, 1.7M tuples held at once
    cost about 250 MB)."""
    for lo in range(0, len(i), chunk):
        yield from zip(i[lo : lo + chunk].tolist(), j[lo : lo + chunk].tolist(), s[lo : lo + chunk].tolist())


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
    return same_words(_quotes(a), _quotes(b))


def quotes_of(claims: Sequence[Claim]) -> list[list[str]]:
    """Each claim's quotations of three words or more (what `same_words` compares)."""
    return [_quotes(c) for c in claims]


def nearest(vectors: np.ndarray, settings: GroupSettings) -> list[tuple[int, int, float]]:
    """The nearest-neighbour pairs the group stage starts from (the compare stage reuses them)."""
    return neighbours(vectors, settings.neighbours, min(settings.same, settings.story, settings.anchored))


def _candidates(claims: list[Claim], linker: Linker, near: Pairs) -> Iterator[tuple[int, int, float]]:
    """Pairs worth testing, strongest first: nearest neighbours, claims quoting the same words, claims sharing an
    anchored value."""
    st = linker.settings
    more = quote_pairs(claims, linker.vectors, st.quoted)
    more += [(x, y, linker.sim(x, y)) for x, y in blocked_pairs(linker.anchors) if claims[x].doc != claims[y].doc]
    i, j, s = _distinct(*(np.concatenate(both) for both in zip(_columns(near), _columns(more), strict=True)))
    strong = int(np.searchsorted(-s, -st.support_close, side="right"))  # those at or above support_close
    linker.know_close(_in_turn(i[:strong], j[:strong], s[:strong]))
    tested = ~linker.refused(i, j, s)  # the merge loop would only find that `link` refuses them
    return _in_turn(i[tested], j[tested], s[tested])


def _columns(pairs: Sequence[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i, j, cosine) as three arrays."""
    return (
        np.fromiter((p[0] for p in pairs), np.int64, len(pairs)),
        np.fromiter((p[1] for p in pairs), np.int64, len(pairs)),
        np.fromiter((p[2] for p in pairs), np.float64, len(pairs)),
    )


def group(
    claims: list[Claim],
    vectors: np.ndarray,
    settings: GroupSettings = GroupSettings(),
    near: Pairs | Future[Pairs] | None = None,
    on_near: Callable[[Pairs], object] | None = None,
    traits: Traits | None = None,
) -> list[Cluster]:
    """Group claims that state one fact: every member linked to every other (no chaining), strongest links first.

    A link the group refuses (it fits one member but not all) is kept as a group of its own, so a claim that
    states several facts sits in one group per fact. `near` are `nearest(vectors, settings)`, found already or
    being found (a future); else they are found in a thread while this one reads the claims (the index is built
    outside the GIL), and `on_near` hears them before the grouping starts. `traits` are `Traits(claims)` if built.
    """
    if near is None:
        with ThreadPoolExecutor(1, thread_name_prefix="factcheck-nearest") as lane:
            return group(claims, vectors, settings, lane.submit(nearest, vectors, settings), on_near, traits)
    linker = Linker(claims, vectors, settings, traits)
    found = near.result() if isinstance(near, Future) else near
    if on_near is not None:
        on_near(found)
    with one_blas_thread():  # the merge tests' products are small
        return _clusters(claims, _merged(len(claims), linker, _candidates(claims, linker, found)))


def _merged(n: int, linker: Linker, candidates: Iterable[tuple[int, int, float]]) -> list[Sequence[int]]:
    """The groups the candidate links form in order, then each refused link as a pair of its own.

    Two groups that refused to merge refuse again until one of them grows (`cohesive` is pure), so the answer is
    remembered under each group's root and size: at 40k claims 63 % of the merge tests were such repeats.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    root = list(range(n))
    refused: list[tuple[int, int]] = []
    apart: set[tuple[int, int, int, int]] = set()
    for i, j, _ in candidates:
        if root[i] == root[j] or not linker.link(i, j):  # (`link` is pure: not asking changes nothing)
            continue
        a, b = sorted((root[i], root[j]))
        left, right = members[a], members[b]
        tried = (a, len(left), b, len(right))  # a root's group only grows, so its size tells its members
        if tried not in apart and linker.cohesive(left, right):
            members[a] = sorted(left + right)
            for x in members.pop(b):
                root[x] = a
        else:
            apart.add(tried)
            refused.append((i, j))
    groups: list[Sequence[int]] = list(members.values())
    return groups + sorted({(i, j) for i, j in refused if root[i] != root[j]})


def _clusters(claims: list[Claim], groups: Sequence[Sequence[int]]) -> list[Cluster]:
    """Clusters in a stable order, named g1, g2, ... by position."""
    out: list[Cluster] = []
    read: dict[str, dict[str, str]] = {}  # a claim sits in several groups: its figures are read once
    for idx in sorted(groups, key=lambda g: [claims[i].id for i in g]):
        ids = tuple(claims[i].id for i in idx)
        docs = tuple(sorted({claims[i].doc for i in idx}))
        status = "corroborated" if len(docs) > 1 else ("single-source" if len(ids) > 1 else "unique")
        label = group_label([claims[i] for i in idx], read) if len(docs) > 1 else ""
        out.append(Cluster(f"g{len(out) + 1}", ids, docs, status, label))
    return out

"""What every checker reads: the claims, their vectors, similarities, the same-event test and the settings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from ..events import EventSettings, When, compatible_when, same_story, weekdays, when
from ..model import Claim, Cluster, Document
from ..slots import SlotSettings


@dataclass(frozen=True, slots=True)
class CompareSettings:
    """Similarity gates (cosine 0..1) a pair of claims needs before a kind of difference counts, and windows."""

    number: float = 0.60  # numbers of one slot in claims of one group
    story: float = 0.50  # documents' mean-vector cosine for the set-wide slot and venue comparisons
    slot: float = 0.30  # numbers with the same explicit role (depth, wounded) in loosely similar claims
    date: float = 0.70  # calendar days of two claims
    denial: float = 0.55  # a denial and an assertion of one story whose propositions match (compare/denial.py)
    denial_strong: float = 0.70  # ... that match on similarity and a shared word alone
    denial_pairs: int = 50  # assertions compared with one denial, the closest first (bounds the parsing)
    location: float = 0.85  # venues of two claims of one group
    quote_low: float = 0.55  # quote wording similarity (0..1): below this they are different quotes
    quote_high: float = 0.97  # at or above this they are the same quote
    quote_excerpt: int = 95  # rapidfuzz partial ratio (0..100) at which one quotation is an excerpt of the other
    quote_words: int = 4  # quotations shorter than this many words are too short to compare wording
    place_prefix: int = 5  # places sharing this many leading characters are one place spelled twice
    venue_window: int = 40  # characters before a place searched for the event word ('held ... in Geneva')
    venue_cue: int = 4  # characters before a place that must end in 'in ', 'at ' or 'near '
    cluster_pairs: int = 400  # cross-document claim pairs checked per group, in claim order (see the note below)
    excerpt: int = 160  # characters of a claim quoted in agreement messages
    named: int = 8  # sources named in one message; the finding's claims list has them all
    block: int = 1024  # rows of the similarity matrix computed at once in set-wide scans
    sim_margin: float = 1e-3  # a matrix cosine differs from the rounded pairwise one by far less than this
    pair_mode: bool = False  # two statements the caller says are about one event: no set-wide scans
    pair_floor: float = 0.0  # in pair mode, the number, date and location gates drop to this
    echo: float = 0.50  # a claim of another document this close may echo a claim no group holds (compare/echo.py)
    echo_nouns: int = 3  # ... and does when the two share this many nouns
    echo_share: float = 0.5  # ... or two or more nouns and verbs making this share of the shorter claim's
    echo_close: float = 0.55  # ... or, this close, shares specific words (compare/specific.py) weighing at least
    echo_weight: float = 3.0  # this much in all
    echo_weight_share: float = 0.35  # and this share of the lighter claim's words (proper nouns count half)
    echo_neighbours: int = 32  # nearest claims looked at per claim when the group stage's are not passed on
    events: EventSettings = field(default_factory=EventSettings)
    slots: SlotSettings = field(default_factory=SlotSettings)


Near = tuple[int, int, float]  # two claim indices (i < j) and their cosine
Apart = Callable[[int, int], np.ndarray]  # (block start, block end) -> boolean mask of pairs worth checking


# Note on `cluster_pairs`: it bounds the date and venue checks in very large groups. Lifting it (checking
# every pair that has the facts to compare) added 11 findings on all ECB+ topics checked together, nearly all false
# ('pleaded not guilty' vs 'was found guilty', 'rumored for May' vs 'April 29'), so it stays until those checks
# can tell such pairs apart.


class Group(NamedTuple):
    """A cluster whose claims come from more than one document, with its claims."""

    cluster: Cluster
    claims: tuple[Claim, ...]


class Context:
    """One run's claims, vectors and documents, and the similarity and same-event tests over them."""

    def __init__(self, docs: Sequence[Document], claims: Sequence[Claim], vectors: np.ndarray,
                 settings: CompareSettings, near: Sequence[Near] | None = None) -> None:  # fmt: skip
        self.docs = {d.id: d for d in docs}
        self._near = near
        self.claims = list(claims)
        self.index = {c.id: i for i, c in enumerate(self.claims)}
        self.vectors = vectors
        self.settings = settings
        self.centroids = _centroids(self.claims, vectors)
        self.weekdays: dict[str, set[str]] = defaultdict(set)
        for c in self.claims:
            self.weekdays[c.doc].update(weekdays(c))
        self._ahead: dict[str, list[tuple[list[str], Callable[[], list[Any]]]]] = defaultdict(list)
        self.kept: dict[str, Any] = {}  # what a checker computed once for the run and reads again later
        self._when: dict[str, When] = {}  # by claim id: `one_event` reads a claim's dates for each of its pairs

    def start(self, name: str, func: Callable[[list[str]], list[Any]], texts: list[str]) -> None:
        """Start `func` over those of `texts` not started yet, in a run's worker; `taken(name)` collects them."""
        from ..extract.workers import ahead

        todo = [t for t in texts if t not in self.started(name)]
        wait = ahead(func, todo)
        if wait is not None:
            self._ahead[name].append((todo, wait))

    def started(self, name: str) -> set[str]:
        """The texts `start(name, ...)` has under way."""
        return {t for texts, _ in self._ahead.get(name, ()) for t in texts}

    def taken(self, name: str) -> dict[str, Any]:
        """What `start(name, ...)` computed, by text (empty if it started nothing); waits for it if need be."""
        return {t: r for texts, wait in self._ahead.pop(name, ()) for t, r in zip(texts, wait())}

    def use_near(self, pairs: Sequence[Near]) -> None:
        """Take the group stage's nearest-claim pairs (`near` finds its own otherwise)."""
        self._near = pairs

    def near(self) -> Sequence[Near]:
        """Pairs (i < j, cosine) of each claim with its nearest claims: the group stage's, or found here."""
        if self._near is None:
            from ..group import neighbours

            self._near = neighbours(self.vectors, self.settings.echo_neighbours, self.settings.echo)
        return self._near

    def groups(self, clusters: Sequence[Cluster]) -> list[Group]:
        """The clusters spanning several documents, with their claims."""
        return [Group(k, tuple(self.claims[self.index[c]] for c in k.claims)) for k in clusters if len(k.docs) > 1]

    def sim(self, a: Claim, b: Claim) -> float:
        """Cosine similarity of two claims (0..1)."""
        return round(float(self.vectors[self.index[a.id]] @ self.vectors[self.index[b.id]]), 4)

    def gate(self, name: str) -> float:
        """The similarity gate `name` ('number', 'date', 'location', ...), lowered to the floor in pair mode."""
        if self.settings.pair_mode and name in ("number", "date", "location"):
            return self.settings.pair_floor
        value = getattr(self.settings, name)
        assert isinstance(value, float)
        return value

    def doc_sim(self, a: str, b: str) -> float:
        """Cosine of two documents' mean claim vectors (0..1): how much they tell the same story."""
        if a not in self.centroids or b not in self.centroids:
            return 0.0
        return round(float(self.centroids[a] @ self.centroids[b]), 4)

    def one_event(self, a: Claim, b: Claim, sim: float) -> bool:
        """The two claims may describe one event: compatible dates and weekdays, documents of one story."""
        if not compatible_when(self.when(a), self.when(b), sim, self.settings.events):
            return False
        return same_story(self.weekdays.get(a.doc, ()), self.weekdays.get(b.doc, ()))

    def when(self, claim: Claim) -> When:
        """What the claim says about when its event happened (see `events.when`), read once per claim."""
        found = self._when.get(claim.id)
        if found is None:
            found = self._when[claim.id] = when(claim)
        return found

    def temporal(self, docs: Sequence[str]) -> bool:
        """The documents were published on different dates (a difference may be an update)."""
        dates = {self.docs[d].published for d in docs if d in self.docs and self.docs[d].published}
        return len(dates) > 1

    def cluster_pairs(self, group: Group) -> Iterator[tuple[Claim, Claim]]:
        """Claim pairs of a group from different documents, at most `cluster_pairs` of them."""
        pairs = ((a, b) for i, a in enumerate(group.claims) for b in group.claims[i + 1 :] if a.doc != b.doc)
        for n, pair in enumerate(pairs):
            if n >= self.settings.cluster_pairs:
                return
            yield pair

    def close_rows(self, rows: Sequence[int], floor: float, *masks: Apart) -> Iterator[tuple[int, np.ndarray]]:
        """For each x (into `rows` of claim indices), the y > x whose cosine with it may reach `floor`, blockwise.

        Each mask narrows block rows lo..hi to the pairs worth checking. The tests only prefilter: callers still
        apply their exact ones (the similarity as `sim` rounds it; the matrix may differ by under `sim_margin`).
        """
        vecs = self.vectors[np.asarray(rows, dtype=np.int64)]
        for lo in range(0, len(rows), self.settings.block):
            hi = min(len(rows), lo + self.settings.block)
            keep = (vecs[lo:hi] @ vecs.T) >= floor - self.settings.sim_margin
            for mask in masks:
                keep &= mask(lo, hi)
            keep = np.triu(keep, k=lo + 1)
            for r in np.flatnonzero(keep.any(axis=1)):
                yield lo + int(r), np.flatnonzero(keep[r])

    def close_pairs(self, rows: Sequence[int], floor: float, *masks: Apart) -> Iterator[tuple[int, int]]:
        """The pairs of `close_rows`, in order."""
        for x, ys in self.close_rows(rows, floor, *masks):
            for y in ys:
                yield x, int(y)

    def published(self, docs: Sequence[str]) -> np.ndarray:
        """A code per document for its publication date (-1: none); two codes >= 0 that differ are `temporal`."""
        codes: dict[str, int] = {}
        dates = [self.docs[d].published if d in self.docs else None for d in docs]
        return np.array([codes.setdefault(p, len(codes)) if p else -1 for p in dates], dtype=np.int64)

    def other_docs(self, docs: Sequence[str]) -> Apart:
        """Mask for `close_pairs`: items (of these documents) from different documents."""
        ids = np.array(docs, dtype=object)
        return lambda lo, hi: np.asarray(ids[lo:hi, None] != ids[None, :], dtype=bool)

    def one_story(self, docs: Sequence[str]) -> Apart:
        """Mask for `close_pairs`: items whose documents may reach the story gate (see `doc_sim`)."""
        dim = self.vectors.shape[1]
        cents = np.stack([self.centroids.get(d, np.zeros(dim, dtype=self.vectors.dtype)) for d in docs])
        floor = self.settings.story - self.settings.sim_margin
        return lambda lo, hi: np.asarray((cents[lo:hi] @ cents.T) >= floor, dtype=bool)


def _centroids(claims: list[Claim], vectors: np.ndarray) -> dict[str, np.ndarray]:
    """Each document's mean claim vector, unit length."""
    rows: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        rows[c.doc].append(i)
    out = {}
    for doc, idx in rows.items():
        v = vectors[idx].mean(axis=0)
        out[doc] = v / (float(np.linalg.norm(v)) or 1.0)
    return out

"""How much two documents tell the same story, from the names and figures they share (tf-idf over the set)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator

import numpy as np

from .model import Claim

# capitalised words and figures: the names, places and numbers that set one story apart from a similar one
_NAMEISH = re.compile(r"[A-Z][A-Za-z'’-]+|\d[\d,.]*")
_MIN_LEN = 3  # shorter tokens ("US", "A") are too common to tell stories apart
TABLE_LIMIT = 8000  # documents up to which every pair's affinity is tabled at once (2 bytes a pair: 128 MB)
DENSE_LIMIT = 4_000_000  # documents x shared words up to which their products are dense (32 MB) ...
DENSE_WORK = 2 * 10**9  # ... and documents^2 x shared words (multiply-adds: about 0.1 s)


class DocAffinity:
    """Cosine (0..1) of two documents' tf-idf vectors over capitalised words and figures, to 4 decimals."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        counts: dict[str, Counter[str]] = {}
        for c in claims:
            words = counts.setdefault(c.doc, Counter())
            words.update(w.lower().rstrip(".,") for w in _NAMEISH.findall(c.text) if len(w) >= _MIN_LEN)
        df = Counter(w for words in counts.values() for w in words)
        n = len(counts)
        self._vectors: dict[str, dict[str, float]] = {}
        for doc, words in counts.items():
            raw = {w: (1 + math.log(k)) * math.log((n + 1) / (df[w] + 0.5)) for w, k in words.items()}
            norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
            self._vectors[doc] = {w: x / norm for w, x in raw.items()}
        self._row = {doc: i for i, doc in enumerate(self._vectors)}
        self._table = self._all_pairs() if len(self._row) <= TABLE_LIMIT else None
        self._memo: dict[tuple[str, str], float] = {}

    def __call__(self, a: str, b: str) -> float:
        """Affinity of documents `a` and `b` (symmetric): from the table, or summed once and remembered."""
        i, j = self._row.get(a), self._row.get(b)
        if i is None or j is None:
            return 0.0
        if self._table is not None:
            return int(self._table[i, j]) / 10_000
        key = (a, b) if a <= b else (b, a)
        if key not in self._memo:
            self._memo[key] = self._exact(*key)
        return self._memo[key]

    def rows(self, docs: Iterable[str]) -> np.ndarray:
        """Each document's row in the table; every document of the claims given holds one (KeyError otherwise)."""
        return np.array([self._row[d] for d in docs], dtype=np.int64)

    def tabled(self, a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
        """The affinities of documents at rows `a` and `b` (see `rows`), as `__call__` gives them; None without a
        table (a set of more than TABLE_LIMIT documents)."""
        return None if self._table is None else self._table[a, b].astype(np.float64) / 10_000

    def _exact(self, a: str, b: str) -> float:
        """The affinity summed word by word, rounded to 4 decimals (the smaller vector drives the sum)."""
        va, vb = self._vectors[a], self._vectors[b]
        if len(vb) < len(va) or (len(vb) == len(va) and b < a):
            va, vb = vb, va
        return round(sum(x * vb.get(w, 0.0) for w, x in va.items()), 4)

    def _all_pairs(self) -> np.ndarray:
        """Every pair's affinity in ten-thousandths, by matrix products in blocks of documents.

        A product that lands within float noise of a rounding half-point is summed again word by word, so the
        table holds exactly what `_exact` gives.
        """
        docs = list(self._vectors)
        table = np.zeros((len(docs), len(docs)), dtype=np.uint16)
        for lo, block in self._products(docs):
            block *= 10_000
            table[lo : lo + len(block)] = np.rint(block).astype(np.uint16)
            for r, c in zip(*np.nonzero(np.abs(block - np.floor(block) - 0.5) < 1e-4), strict=True):
                table[lo + r, c] = round(self._exact(docs[lo + r], docs[c]) * 10_000)
        return table

    def _products(self, docs: list[str]) -> Iterator[tuple[int, np.ndarray]]:
        """(first row, rows of the documents' product matrix) in blocks; dense when the shared words are few.

        Only words in two documents or more meet across documents: a set of a few hundred documents fits a
        dense matrix of them (and needs no scipy import); a word in one document adds to its own row only.
        """
        df = Counter(w for doc in docs for w in self._vectors[doc])
        shared = {w: i for i, w in enumerate(w for w, k in df.items() if k > 1)}
        if len(docs) * len(shared) <= DENSE_LIMIT and len(docs) ** 2 * len(shared) <= DENSE_WORK:
            m = np.zeros((len(docs), len(shared)), dtype=np.float64)
            own = np.zeros(len(docs), dtype=np.float64)
            for r, doc in enumerate(docs):
                for w, x in self._vectors[doc].items():
                    if w in shared:
                        m[r, shared[w]] = x
                    else:
                        own[r] += x * x
            yield 0, m @ m.T + np.diag(own)
            return
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for r, doc in enumerate(docs):
            for w, x in self._vectors[doc].items():
                rows.append(r)
                cols.append(vocab.setdefault(w, len(vocab)))
                vals.append(x)
        sparse = csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float64)
        for lo in range(0, len(docs), 256):
            yield lo, (sparse[lo : lo + 256] @ sparse.T).toarray()


_STEM_STOP = frozenset(
    """the and for from with that this these those their his her they she was were been being has have had its
    not also which who will would can could may might should said says say told stated according after before
    than more about into over while during there here such other some any all each both one two three""".split()  # noqa: SIM905
)
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
STEM = 5  # letters kept: 'withdrawal' and 'withdraw' meet, short words stay whole


class WordOverlap:
    """Share of the rarer words two claims have in common: idf-weighted, over word stems, 0..1."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self._stems = [self._stemmed(c.text) for c in claims]
        df = Counter(w for stems in self._stems for w in stems)
        n = max(len(self._stems), 1)
        self._idf = {w: math.log(n / k) for w, k in df.items()}

    @staticmethod
    def _stemmed(text: str) -> frozenset[str]:
        words = (w.lower() for w in _TOKEN.findall(text))
        return frozenset(w[:STEM] for w in words if len(w) > 2 and w not in _STEM_STOP)

    def __call__(self, i: int, j: int) -> float:
        """Weight of the shared stems over the weight of the smaller claim's stems."""
        a, b = self._stems[i], self._stems[j]
        weight = min(sum(self._idf[w] for w in a), sum(self._idf[w] for w in b))
        return sum(self._idf[w] for w in a & b) / weight if weight > 0 else 0.0

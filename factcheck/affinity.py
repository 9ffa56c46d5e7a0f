"""How much two documents tell the same story, from the names and figures they share (tf-idf over the set)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from .model import Claim

# capitalised words and figures: the names, places and numbers that set one story apart from a similar one
_NAMEISH = re.compile(r"[A-Z][A-Za-z'’-]+|\d[\d,.]*")
_MIN_LEN = 3  # shorter tokens ("US", "A") are too common to tell stories apart


class DocAffinity:
    """Cosine (0..1) of two documents' tf-idf vectors over capitalised words and figures."""

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
        self._memo: dict[tuple[str, str], float] = {}

    def __call__(self, a: str, b: str) -> float:
        """Affinity of documents `a` and `b` (symmetric, memoised)."""
        key = (a, b) if a <= b else (b, a)
        if key not in self._memo:
            va, vb = self._vectors.get(key[0], {}), self._vectors.get(key[1], {})
            if len(vb) < len(va):
                va, vb = vb, va
            self._memo[key] = round(sum(x * vb.get(w, 0.0) for w, x in va.items()), 4)
        return self._memo[key]

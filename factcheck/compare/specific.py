"""How specific a word is to the run: words few claims use name a fact; words every claim uses name the story.

An echo (compare/echo.py) may rest on the words two claims share, weighted by specificity: two claims that share
"Dornbach", "gauge" and "6.2" state one fact, while two that share "Iraq" and "coalition" may only share a story.
The weight is the inverse claim frequency of the word's stem, log((n + 1) / (claims using it + 1)), counted over
every claim of the run with a plain regex and suffix stripping (no tagging), so that it costs little at scale.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"[^\W\d_]+|\d[\d.,]*\d|\d")
_SUFFIXES = ("ing", "ed", "es", "s", "e")  # enough to meet a lemma: "killed"/"kill", "evacuated"/"evacuate"
_STEM_MIN = 3  # letters a stem keeps


def stem(word: str) -> str:
    """The word lowercased, without thousands separators, and without one common suffix."""
    word = word.lower().replace(",", "")
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + _STEM_MIN and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class Specificity:
    """Each stem's weight over a set of texts; a word no text uses weighs as if one did."""

    def __init__(self, texts: Iterable[str], name_weight: float = 0.5) -> None:
        counts: Counter[str] = Counter()
        stems: dict[str, str] = {}  # each distinct word stemmed once
        n = 0
        for text in texts:
            n += 1
            words = set(_TOKEN.findall(text))
            counts.update({stems.get(w) or stems.setdefault(w, stem(w)) for w in words})
        self._counts = counts
        self._n = n
        self.name_weight = name_weight

    def weight(self, term: str, word: str, name: bool = False) -> float:
        """log((n + 1) / (texts + 1)), texts using the term's stem or its word's (the commoner: "say" and "said"),
        times `name_weight` for a proper noun."""
        found = max(1, self._counts.get(stem(term), 0), self._counts.get(stem(word), 0))
        value = math.log((self._n + 1) / (found + 1))
        return value * self.name_weight if name else value

    def weights(self, forms: Iterable[tuple[str, str]], names: frozenset[str]) -> dict[str, float]:
        """Each term's weight, from (term, word it was read from) pairs."""
        return {term: self.weight(term, word, term in names) for term, word in forms}

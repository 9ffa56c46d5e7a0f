"""Blocking: candidate pairs that share a key, so pairwise checks stay near-linear in the number of items."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations, pairwise

MAX_BLOCK = 200  # a blocking key shared by more items than this is too common to pair on


def blocked_pairs(keys: list[set[str]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that share a blocking key: near-linear instead of all pairs."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            blocks[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))
    return sorted(pairs)


def bigrams(text: str) -> set[str]:
    """Word pairs of a quotation with at least one word of four letters or more."""
    words = text.split()
    return {f"{a} {b}" for a, b in pairwise(words) if max(len(a), len(b)) >= 4}

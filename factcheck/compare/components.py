"""Connected components: items that share a key, directly or through other items, form one part."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def components(items: Sequence[T], keys: Callable[[T], Iterable[Hashable]]) -> list[list[T]]:
    """The items joined by shared keys, each part in input order, parts in order of their first item."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[Hashable, int] = {}
    for i, item in enumerate(items):
        for key in keys(item):
            parent[root(i)] = root(first.setdefault(key, i))
    parts: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        parts.setdefault(root(i), []).append(item)
    return list(parts.values())

"""Compare stage: inside groups of matching claims, and across the set, find facts sources state differently."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import numpy as np

from ..model import Claim, Cluster, Document, Finding
from . import agreement, dates, denial, locations, names, numbers, quotes
from .context import CompareSettings, Context, Group, Near
from .findings import dedupe
from .merge import settle

__all__ = ["CHECKERS", "Checker", "CompareSettings", "Context", "Group", "compare", "run_checkers"]


class Checker(Protocol):
    """A module that finds one kind of difference."""

    def find(self, ctx: Context, groups: Sequence[Group]) -> Iterable[Finding]:
        """The findings over a run's multi-document groups (and, where the checker says so, the whole set)."""
        ...


# One module per kind of finding; run in this order.
CHECKERS: tuple[Checker, ...] = (numbers, dates, denial, locations, quotes, names, agreement)


def compare(
    docs: Sequence[Document],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    clusters: Sequence[Cluster],
    settings: CompareSettings | None = None,
    near: Sequence[Near] | None = None,
) -> list[Finding]:
    """All findings of a run, merged by fingerprint and sorted for stable output.

    `near` are the group stage's nearest-claim pairs (see group.nearest); without them they are found again.
    """
    ctx = Context(docs, claims, vectors, settings or CompareSettings(), near)
    found = list(run_checkers(ctx, ctx.groups(clusters)))
    return dedupe(settle(found, {c.id: c for c in claims}, ctx.settings.named))


def run_checkers(ctx: Context, groups: Sequence[Group], checkers: Iterable[Checker] = CHECKERS) -> Iterator[Finding]:
    """The checkers' findings in checker order, not yet merged."""
    for checker in checkers:
        yield from checker.find(ctx, groups)

"""Compare stage: inside groups of matching claims, and across the set, find facts sources state differently."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import numpy as np

from ..blas import one_blas_thread
from ..model import Claim, Cluster, Document, Finding
from . import agreement, dates, denial, locations, names, numbers, quotes
from .context import CompareSettings, Context, Group, Near
from .findings import dedupe
from .merge import settle

__all__ = [
    "CHECKERS",
    "Checker",
    "CompareSettings",
    "Context",
    "Group",
    "compare",
    "findings",
    "near_found",
    "prepare",
    "run_checkers",
]


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
    ctx = prepare(docs, claims, vectors, settings)
    if near is not None:
        near_found(ctx, near)
    return findings(ctx, clusters)


def prepare(
    docs: Sequence[Document],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    settings: CompareSettings | None = None,
) -> Context:
    """The compare stage's context, with the denial test's parses started in the run's workers (if it has them).

    Call it before the group stage, `near_found` when the group stage has its nearest pairs, and `findings`
    after it: the workers parse while the groups form.
    """
    ctx = Context(docs, claims, vectors, settings or CompareSettings())
    if not ctx.settings.pair_mode:
        denial.start(ctx)
    return ctx


def near_found(ctx: Context, near: Sequence[Near]) -> None:
    """The group stage's nearest-claim pairs: compare looks at the same.

    The echo test's tagging starts only when the groups are known (`findings`): started here for the claims
    that no other document's claim came close to, a third of what it tagged was never read (10k sentences:
    1,027 of 3,098 texts), and on 2 cores that work only took time from the group stage (group + compare
    4.72 -> 4.25 s, means of 2 alternating cold runs).
    """
    ctx.use_near(near)


def findings(ctx: Context, clusters: Sequence[Cluster]) -> list[Finding]:
    """All findings over the clusters, merged by fingerprint and sorted for stable output.

    numpy's BLAS stays on one thread meanwhile: the checkers' products are small (see `blas.one_blas_thread`).
    """
    groups = ctx.groups(clusters)
    agreement.start(ctx, groups)  # tags for the echo test while the other checkers run
    with one_blas_thread():
        found = list(run_checkers(ctx, groups))
    return dedupe(settle(found, {c.id: c for c in ctx.claims}, ctx.settings.named))


def run_checkers(ctx: Context, groups: Sequence[Group], checkers: Iterable[Checker] = CHECKERS) -> Iterator[Finding]:
    """The checkers' findings in checker order, not yet merged."""
    for checker in checkers:
        yield from checker.find(ctx, groups)

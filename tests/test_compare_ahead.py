"""Parses started ahead: compare's worker parses run while the group stage works, with the same findings."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.compare import compare, findings, prepare
from factcheck.extract import extract_negation, polarity_facts, workers
from factcheck.model import Claim

from .compare_kit import at_angle, claim, context, docs_of, fact, kinds

needs_fork = pytest.mark.skipif(workers.worker_count() < 2, reason="needs two cores and the fork start method")


def stated(doc: str, text: str) -> Claim:
    (polarity,) = polarity_facts([text])
    return claim(doc, 1, text, *polarity, *extract_negation(text))


TOLL_A = "The death toll from the earthquake rose to 2,012 people, the interior ministry said."
TOLL_B = "The interior ministry said the earthquake's death toll had risen to 2,100."


def _claims() -> list[Claim]:
    return [
        stated("a", "The harbour master resigned on Friday after the audit."),
        stated("b", "The harbour master did not resign, his office insisted."),
        claim("c", 1, TOLL_A, fact(TOLL_A, "2,012", "number", "2012", "people")),
        claim("d", 1, TOLL_B, fact(TOLL_B, "2,100", "number", "2100", "people")),
    ]


def _vectors() -> np.ndarray:
    """Claims 0 and 1 at cosine 0.62, claims 2 and 3 at 0.8, the two pairs orthogonal."""
    pair = at_angle([1.0, 0.62])
    toll = at_angle([1.0, 0.8])
    out = np.zeros((4, 4), dtype=np.float32)
    out[:2, :2], out[2:, 2:] = pair, toll
    return out


@needs_fork
def test_parses_started_before_the_groups_give_the_same_findings():
    claims, vectors = _claims(), _vectors()
    alone = compare(docs_of(claims), claims, vectors, ())
    with workers.shared_workers():
        workers.in_workers(polarity_facts, ["The harbour master did not resign."] * 8, lambda: None)  # fork
        ctx = prepare(docs_of(claims), claims, vectors)
        assert "readings" in ctx._ahead  # the denial test's parses are under way in a worker
        early = findings(ctx, ())
    assert early == alone
    assert kinds(early, "conflict", "negation") and kinds(early, "echo")  # both tests ran on the early parses


def test_taken_is_empty_when_nothing_was_started():
    ctx = context(_claims(), _vectors())
    assert ctx.taken("readings") == {} and ctx.taken("words") == {}

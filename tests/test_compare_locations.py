"""Location checker: one event placed in two places; and fact offsets on text with irregular whitespace."""

from __future__ import annotations

import numpy as np

from factcheck.cache import Cache
from factcheck.compare import compare
from factcheck.model import Document
from factcheck.pipeline import build_claims, folded_offsets
from factcheck.segment import fold

from .compare_kit import at_angle, claim, fact, kinds, one_group, run, same


def _venue(doc: str, text: str, place: str) -> object:
    return claim(doc, 1, text, fact(text, place, "location", place.lower(), "GPE"))


def test_one_event_held_in_two_places_is_one_location_conflict():
    claims = [_venue("a", "Talks were held in Geneva.", "Geneva"), _venue("b", "Talks were held in Vienna.", "Vienna")]
    found = kinds(run(claims, same(2), one_group(claims)), "conflict", "location")
    assert [f.values for f in found] == [("geneva", "vienna")]
    # the group's finding and the set-wide venue finding are one fact: one finding listing each place's sources
    assert "'geneva' (1 source: a) vs 'vienna' (1 source: b)" in found[0].message
    assert found[0].sides == (("a:1",), ("b:1",))


def test_an_event_word_compares_venues_across_the_set():
    claims = [
        _venue("a", "The vote was held in Geneva.", "Geneva"),
        _venue("b", "Last year it was held in Vienna.", "Vienna"),
    ]
    (found,) = kinds(run(claims, at_angle([1.0, 0.6])), "conflict", "location")
    assert "give different places for what was held" in found.message


def test_a_place_that_is_not_a_venue_or_named_on_both_sides_is_no_conflict():
    a = _venue("a", "Ukraine's grid was hit, officials in Kyiv said.", "Ukraine")
    b = _venue("b", "Officials in Kyiv said the grid in Ukraine was hit.", "Kyiv")
    assert not kinds(run([a, b], same(2), one_group([a, b])), "conflict")
    c = _venue("a", "Talks were held in Geneva.", "Geneva")
    d = _venue("b", "Talks were held in Geneva, Switzerland.", "Geneva")
    assert not kinds(run([c, d], same(2), one_group([c, d])), "conflict")


def test_pairs_in_one_document_or_of_different_stories_do_not_conflict():
    claims = [_venue("a", "Talks were held in Geneva.", "Geneva"), _venue("b", "Talks were held in Vienna.", "Vienna")]
    assert not kinds(run(claims, at_angle([1.0, 0.2])), "conflict")
    same_doc = [claims[0], _venue("a", "Talks were held in Vienna.", "Vienna").__class__(
        "a:2", "a", "Talks were held in Vienna.", 2, 0, 26, claims[1].facts, 1)]  # fmt: skip
    assert not kinds(run(same_doc, same(2), one_group(same_doc)), "conflict")


def test_folded_offsets_follow_runs_of_whitespace():
    raw = "  held  in \n  Geneva  "
    where = folded_offsets(raw)
    assert fold(raw)[where[raw.index("Geneva")] : where[raw.index("Geneva") + 6]] == "Geneva"
    assert where[0] == 0 and where[len(raw)] == len(fold(raw))


def test_fact_offsets_point_into_the_folded_claim_text():
    """'held  in   Geneva' once read venue 'eva on': offsets were into the raw sentence, slices into folded text."""
    texts = {"a": "The talks were held  in   Geneva on Monday.\n", "b": "The talks were held in Vienna on Monday.\n"}
    docs = [Document(d, f"{d}.txt", t, body=((0, len(t)),)) for d, t in texts.items()]
    claims = build_claims(docs, Cache(None))
    for c in claims:
        assert all(c.text[f.start : f.end] == f.text for f in c.facts), c
    geneva = next(f for f in claims[0].facts if f.type == "location")
    assert geneva.text == "Geneva"
    vectors = np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(claims), 1))
    clusters = one_group(claims)
    found = kinds(compare(docs, claims, vectors, clusters), "conflict", "location")
    assert [f.values for f in found] == [("geneva", "vienna")]

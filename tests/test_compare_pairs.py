"""Pair mode goes through the same checkers as a full check, with pair-mode settings."""

from __future__ import annotations

from factcheck.pairs import compare_pair

from .fakes import FakeEmbedder


def test_a_different_toll_is_a_number_contradiction():
    verdict = compare_pair(
        "The quake killed 30 people in the city.", "The quake killed 40 people in the city.", FakeEmbedder()
    )
    assert (verdict.label, verdict.type) == ("contradiction", "number")
    assert (
        verdict.reason
        == "Sources give different figures for dead: '30 people' (1 source: a) vs '40 people' (1 source: b)."
    )


def test_a_different_day_is_a_date_contradiction_only_when_b_is_about_a():
    a = "The summit opened in the capital on 3 March 2024."
    verdict = compare_pair(a, "The summit opened in the capital on 5 March 2024.", FakeEmbedder())
    assert (verdict.label, verdict.type) == ("contradiction", "date")
    verdict = compare_pair(a, "Markets fell sharply on 5 March 2024.", FakeEmbedder())
    assert verdict.label != "contradiction"


def test_the_same_statement_with_odd_spacing_agrees():
    verdict = compare_pair("Talks were held  in   Geneva.", "Talks were held in Geneva.", FakeEmbedder())
    assert (verdict.label, verdict.type) == ("agreement", "other")

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


def _verdicts(pairs: list[tuple[str, str]], embedder: object) -> list[tuple[str, str]]:
    from factcheck.pairs import compare_pairs

    return [(v.label, v.type) for v in compare_pairs(pairs, embedder)]  # type: ignore[arg-type]


def test_a_denial_contradicts_what_the_other_statement_asserts(real_embedder):
    pairs = [
        ("An actor is to play the inventor in the biopic.", "The actor will not play the inventor."),
        ("The harbour master resigned on Friday.", "The harbour master did not resign."),
        ("The brewery denies rumours of a new lemon beer.", "Brewery launches new lemon beer for summer."),
        ("The singer died on Tuesday.", "The singer is not dead, her agent said."),
        ("The claim that the dam burst is false.", "The dam burst after heavy rain."),
    ]
    assert _verdicts(pairs, real_embedder) == [("contradiction", "negation")] * len(pairs)


def test_the_reason_names_who_denies_the_cue_and_the_shared_proposition(real_embedder):
    verdict = compare_pair("An actor is to play the inventor in the biopic.", "The actor will not play the inventor.",
                           real_embedder)  # fmt: skip
    assert verdict.reason == (
        "B denies what A asserts: 'The actor will not play the inventor.' ('not'); "
        "the same proposition: 'play' (actor, inventor)."
    )


def test_typed_differences_inside_matching_statements_are_contradictions(real_embedder):
    pairs = [
        ("The talks were held in Geneva.", "The talks were held in Vienna."),
        ("The company hired 200 new workers.", "The company hired 2,000 new workers."),
        ("The storm cut power to 30,000 homes.", "The storm cut power to 3 million homes."),
    ]
    assert _verdicts(pairs, real_embedder) == [("contradiction", "location"), ("contradiction", "number"),
                                               ("contradiction", "number")]  # fmt: skip


def test_a_place_counts_only_when_both_place_the_same_thing(real_embedder):
    a = "The pilgrims prayed in Rome during the long journey of the pope."
    verdict = compare_pair(a, "The pope was born in Poland.", real_embedder)
    assert verdict.label != "contradiction"


def test_reporting_or_hedging_is_neither_contradiction_nor_agreement_with_a_denial(real_embedder):
    denial = "The actor will not play the inventor."
    pairs = [("Reports say the actor will play the inventor.", denial), ("The actor may play the inventor.", denial)]
    assert _verdicts(pairs, real_embedder) == [("unrelated", "negation")] * 2


def test_two_denials_of_one_thing_agree(real_embedder):
    verdict = compare_pair("The minister did not resign.", "The minister has not resigned.", real_embedder)
    assert verdict.label == "agreement"


def test_stopping_is_not_contradicted_by_no_longer(real_embedder):
    verdict = compare_pair("The chain will stop selling its own brand of the pills.",
                           "The chain will not sell its own brand of the pills any longer.", real_embedder)  # fmt: skip
    assert verdict.label != "contradiction"

"""Denial checker: sources that assert a proposition against sources that deny it, one finding per fact.

Claims carry the polarity and negation facts the real extractors give their sentences; vectors are hand-made,
so each test sets how similar the statements are.
"""

from __future__ import annotations

import numpy as np

from factcheck.compare import CompareSettings
from factcheck.extract import extract_negation, polarity_facts
from factcheck.model import Claim, Finding

from .compare_kit import at_angle, claim, kinds, one_group, run, same


def stated(doc: str, text: str, n: int = 1) -> Claim:
    """A claim with the polarity and negation facts its sentence really has."""
    (polarity,) = polarity_facts([text])
    return claim(doc, n, text, *polarity, *extract_negation(text))


def conflicts(claims: list[Claim], vectors: np.ndarray, grouped: bool = False, **settings: float) -> list[Finding]:
    found = run(claims, vectors, one_group(claims) if grouped else (), CompareSettings(**settings))  # type: ignore[arg-type]
    return kinds(found, "conflict", "negation")


def test_a_negated_main_verb_contradicts_the_plan_it_denies():
    claims = [stated("trade", "A famous actor is to play the inventor in the new biopic."),
              stated("studio", "The actor will not play the inventor, the studio said on Monday.")]  # fmt: skip
    (found,) = conflicts(claims, at_angle([1.0, 0.6]))
    assert found.values == ("asserted", "denied") and found.severity == "high"
    assert found.sides == (("trade:1",), ("studio:1",)) and found.docs == ("studio", "trade")
    assert found.message.startswith("studio denies what trade asserts: 'A famous actor is to play the inventor")
    assert found.message.endswith("the same proposition: 'play' (actor, inventor).")


def test_did_not_resign_contradicts_resigned():
    claims = [stated("a", "The harbour master resigned on Friday after the audit."),
              stated("b", "The harbour master did not resign, his office insisted.")]  # fmt: skip
    (found,) = conflicts(claims, at_angle([1.0, 0.62]))
    assert found.sides == (("a:1",), ("b:1",))


def test_a_denial_verb_with_its_complement_contradicts_the_announcement():
    claims = [stated("news", "The brewery is launching a lemon beer this summer."),
              stated("brewery", "The brewery denies rumours of a lemon beer.")]  # fmt: skip
    (found,) = conflicts(claims, at_angle([1.0, 0.7]))
    assert found.sides == (("news:1",), ("brewery:1",))


def test_truth_value_words_deny_the_story_they_judge():
    for denial in ("Reports of the mayor's death are a hoax.", "The story of the mayor's death is false.",
                   "The mayor is not dead, his family said."):  # fmt: skip
        claims = [stated("wire", "The mayor died in hospital on Sunday."), stated("family", denial)]
        (found,) = conflicts(claims, at_angle([1.0, 0.6]))
        assert found.sides == (("wire:1",), ("family:1",)), denial


def test_calling_a_product_not_real_denies_the_launch():
    for denial in ("The lemon beer is not happening.", "Sadly, the lemon beer is not a real thing."):
        claims = [stated("news", "The brewery is launching a lemon beer."), stated("blog", denial)]
        (found,) = conflicts(claims, at_angle([1.0, 0.6]))
        assert found.sides == (("news:1",), ("blog:1",)), denial


def test_one_finding_per_fact_lists_every_source_on_each_side():
    claims = [stated("a", "The mayor died in hospital on Sunday."), stated("b", "The mayor has died, aged 71."),
              stated("c", "Our mayor died overnight."), stated("d", "The mayor is not dead, his family said."),
              stated("e", "Reports of the mayor's death are false.")]  # fmt: skip
    (found,) = conflicts(claims, same(5))
    assert found.sides == (("a:1", "b:1", "c:1"), ("d:1", "e:1"))
    assert found.message.startswith("d, e deny what a, b, c assert:")


def test_reporting_or_hedging_a_rumour_is_never_set_against_a_denial():
    denial = stated("studio", "The actor will not play the inventor.")
    for other in ("Reports say the actor will play the inventor.", "The actor may play the inventor.",
                  "The actor is expected to play the inventor.", "The actor will play the inventor, according to a tabloid."):  # fmt: skip
        claims = [stated("gossip", other), denial]
        assert not conflicts(claims, same(2)), other


def test_two_denials_or_a_different_proposition_are_no_conflict():
    denial = stated("a", "The actor will not play the inventor.")
    for other in ("The actor has not agreed to play the inventor.", "The actor will direct the sequel."):
        assert not conflicts([denial, stated("b", other)], at_angle([1.0, 0.6])), other


def test_an_assertion_that_negates_the_same_predicate_elsewhere_is_not_its_opposite():
    claims = [stated("a", "Everyone at the party escaped without injury."),
              stated("b", "No one at the party was injured.")]  # fmt: skip
    assert not conflicts(claims, same(2))


def test_declining_to_tell_and_not_yet_are_not_denials():
    for other in ("Police would not say whether the driver was arrested.",
                  "The driver's name will not be released until his family is told."):  # fmt: skip
        claims = [stated("a", "Police arrested the driver and released his name."), stated("b", other)]
        assert not conflicts(claims, same(2)), other


def test_the_denial_is_found_outside_any_group_but_only_within_one_story():
    claims = [stated("a", "The harbour master resigned on Friday."), stated("b", "The harbour master did not resign.")]
    assert conflicts(claims, at_angle([1.0, 0.6]))  # no groups given: the set-wide scan finds it
    assert not conflicts(claims, at_angle([1.0, 0.45]), denial=0.4)  # below the story gate (0.5)


def test_one_document_asserting_and_denying_is_not_a_conflict_between_sources():
    claims = [
        stated("a", "The harbour master resigned on Friday.", 1),
        stated("a", "The harbour master did not resign.", 2),
    ]
    assert not conflicts(claims, same(2))


def test_a_disputed_group_is_not_reported_as_corroborated():
    claims = [stated("a", "The singer died on Tuesday."), stated("b", "The singer is not dead, her agent said.")]
    found = run(claims, same(2), one_group(claims))
    assert kinds(found, "conflict", "negation") and not kinds(found, "corroborated")

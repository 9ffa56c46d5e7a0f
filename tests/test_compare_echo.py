"""Echoes: a claim that another document states in other words is not reported as unique to its source."""

from __future__ import annotations

import numpy as np

from factcheck.compare import CompareSettings
from factcheck.compare.echo import Words, echo, words_of

from .compare_kit import at_angle, claim, fact, kinds, run


def words(nouns: str, verbs: str = "") -> Words:
    return Words(frozenset(nouns.split()), frozenset((nouns + " " + verbs).split()))


def test_three_common_nouns_make_an_echo():
    a = words("toll earthquake ministry people", "rise say")
    b = words("toll earthquake ministry village", "report")
    assert echo(a, b, nouns=3, share=0.5)


def test_a_short_claim_echoes_when_half_of_its_words_are_shared():
    short = words("mandate coalition", "end")  # "we must end the mandate of the coalition"
    longer = words("report strike group government mission coalition", "prompt consider end")
    assert echo(short, longer, nouns=3, share=0.5)
    assert not echo(short, longer, nouns=3, share=0.9)


def test_a_topical_neighbour_sharing_one_word_is_no_echo():
    a = words("attack group", "attribute believe operate")
    b = words("group press release desire attack soldier soil", "reaffirm continue leave")
    assert not echo(a, b, nouns=3, share=0.5)  # two of five: the same topic, another fact
    assert not echo(words("bank dollar transaction"), words("sanction bank ministry"), nouns=3, share=0.5)


def test_words_are_lemmas_of_nouns_and_verbs_without_stop_words_or_names():
    (found,) = words_of(["The death toll from the earthquake in Morocco has risen to 2,012 people."])
    assert found.nouns == {"death", "toll", "earthquake", "people"}
    assert found.content == found.nouns | {"rise"}


TOLL_A = "The death toll from the earthquake rose to 2,012 people, the interior ministry said."
TOLL_B = "The interior ministry said the earthquake's death toll had risen to 2,100."
BRIDGE = "A new bridge over the river will open in 2026, engineers said."


def _claims(first: str, second: str) -> list:
    return [
        claim("a", 1, first, fact(first, "2,012", "number", "2012", "people")),
        claim("b", 1, second, fact(second, "2026" if "2026" in second else "2,100", "number", "1", "count")),
    ]


def test_a_close_claim_of_another_source_naming_the_same_things_is_not_unique():
    found = run(_claims(TOLL_A, TOLL_B), at_angle([1.0, 0.8]))
    assert kinds(found, "unique") == []
    echoes = kinds(found, "echo")  # each claim is shown with the claim that echoes it, for a reviewer
    assert sorted(f.claims for f in echoes) == [("a:1", "b:1"), ("b:1", "a:1")]
    assert all(f.docs == ("a", "b") and "side by side" in f.message for f in echoes)
    assert echoes[0].id != echoes[1].id


def test_claims_too_far_apart_or_naming_other_things_stay_unique():
    far = kinds(run(_claims(TOLL_A, TOLL_B), at_angle([1.0, 0.3])), "unique")
    assert sorted(f.claims for f in far) == [("a:1",), ("b:1",)]
    assert kinds(run(_claims(TOLL_A, TOLL_B), at_angle([1.0, 0.3])), "echo") == []
    other = kinds(run(_claims(TOLL_A, BRIDGE), at_angle([1.0, 0.8])), "unique")
    assert sorted(f.claims for f in other) == [("a:1",), ("b:1",)]


def test_the_echo_gate_is_a_setting():
    strict = CompareSettings(echo=0.9)
    assert len(kinds(run(_claims(TOLL_A, TOLL_B), at_angle([1.0, 0.8]), settings=strict), "unique")) == 2


def test_a_sentence_opening_with_a_demonstrative_and_a_noun_refers_back():
    call, that, plain = words_of(
        ["This call took place on Tuesday.", "That is why the talks stopped.", "The call took place on Tuesday."]
    )
    assert call.refers_back and not that.refers_back and not plain.refers_back
    before = words("minister phone coalition", "speak")
    joined = call.joined(before)
    assert call.nouns | before.nouns == joined.nouns and joined.refers_back is False


CALL_BEFORE = "Foreign Minister Hussein spoke with Blinken by phone about the coalition and the militia attacks."
CALL_AFTER = "This exchange took place on Tuesday, officials said."
CALL_ELSEWHERE = "The ministry said Hussein told Blinken during their phone call that the militia attacks must stop."


def _call_claims(first: str) -> list:
    return [
        claim("a", 1, first, fact(first, first.split()[1], "person", first.split()[1])),
        claim("a", 2, CALL_AFTER, fact(CALL_AFTER, "Tuesday", "date", "Tuesday")),
        claim("b", 1, CALL_ELSEWHERE, fact(CALL_ELSEWHERE, "Hussein", "person", "Hussein")),
    ]


def _call_vectors() -> np.ndarray:
    """a:1 far from both others; a:2 and b:1 at cosine 0.56 (past the gate, short of grouping)."""
    return np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.56, np.sqrt(1 - 0.56**2), 0.0]], dtype=np.float32)


def test_the_sentence_before_counts_for_a_claim_that_refers_back_to_it():
    found = run(_call_claims(CALL_BEFORE), _call_vectors())
    assert ("a:2", "b:1") in [f.claims for f in kinds(found, "echo")]  # read with the call it refers to
    unrelated = "The harbour master resigned on Friday after the audit of the port accounts."
    alone = run(_call_claims(unrelated), _call_vectors())
    assert "a:2" in [f.claims[0] for f in kinds(alone, "unique")]  # its own words are not enough

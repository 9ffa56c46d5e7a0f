"""Negation checker: one source states in the negative what another states positively."""

from __future__ import annotations

from .compare_kit import at_angle, claim, fact, kinds, one_group, run, same


def _neg(doc: str, text: str, cue: str, scope: str) -> object:
    return claim(doc, 1, text, fact(text, cue, "negation", "negative", scope))


def test_a_negated_statement_against_a_positive_one_conflicts():
    claims = [
        _neg("a", "The minister did not resign on Friday.", "not", "resign"),
        claim("b", 1, "The minister resigned on Friday."),
    ]
    (found,) = kinds(run(claims, same(2), one_group(claims)), "conflict", "negation")
    assert found.values == ("negative", "positive") and found.claims == ("a:1", "b:1")
    assert found.message == "a states it in the negative ('not', line 1) while b states it positively (line 1)."


def test_weak_cues_and_contentless_scopes_are_not_conflicts():
    positive = claim("b", 1, "The plan was approved with support from the council.")
    for negated in (
        _neg("a", "The plan was approved with no support from the council.", "no", "support"),
        _neg("a", "The plan was not approved by the council.", "not", "was"),
        _neg("a", "The plan was not all approved.", "not", "all"),
    ):
        claims = [negated, positive]
        assert not kinds(run(claims, same(2), one_group(claims)), "conflict"), negated.text


def test_the_negated_word_must_appear_in_the_positive_claim():
    claims = [
        _neg("a", "The minister did not resign.", "not", "resign"),
        claim("b", 1, "The minister stayed in office."),
    ]
    assert not kinds(run(claims, same(2), one_group(claims)), "conflict")


def test_both_negative_or_too_dissimilar_is_no_conflict():
    a = _neg("a", "The minister did not resign.", "not", "resign")
    b = _neg("b", "The minister has not resigned.", "not", "resigned")
    assert not kinds(run([a, b], same(2), one_group([a, b])), "conflict")
    c = claim("b", 1, "The minister resigned.")
    assert not kinds(run([a, c], at_angle([1.0, 0.5]), one_group([a, c])), "conflict")

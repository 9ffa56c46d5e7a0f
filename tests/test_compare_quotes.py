"""Quote checker: the same quotation worded differently by two sources, not a shorter excerpt of it."""

from __future__ import annotations

from factcheck.compare import CompareSettings

from .compare_kit import claim, fact, kinds, run, same


def _quoting(doc: str, words: str, qualifier: str | None = None) -> object:
    text = f'The mayor said "{words}" on Monday.'
    return claim(doc, 1, text, fact(text, f'"{words}"', "quote", words, qualifier=qualifier))


def test_a_reworded_quotation_is_a_medium_conflict_in_document_order():
    claims = [
        _quoting("b", "we will never give up the struggle for this city"),
        _quoting("a", "we will not give up the fight for our city"),
    ]
    (found,) = kinds(run(claims, same(2)), "conflict", "quote")
    assert found.severity == "medium" and found.docs == ("a", "b")
    assert found.values == (
        "we will not give up the fight for our city",
        "we will never give up the struggle for this city",
    )
    assert found.message.startswith('The same quotation is worded differently: b line 1 has "we will never')


def test_excerpts_equal_quotes_and_short_quotes_are_not_conflicts():
    whole = _quoting("a", "we will not give up the fight for our city")
    for other in (
        _quoting("b", "we will not give up the fight for our city"),
        _quoting("b", "not give up the fight for our"),
        _quoting("b", "the fight for our town", "short"),
    ):
        assert not kinds(run([whole, other], same(2)), "conflict"), other.text


def test_one_source_rewording_itself_is_no_conflict():
    a = _quoting("a", "we will not give up the fight for our city")
    b = _quoting("a", "we will never give up the struggle for this city")
    b = b.__class__("a:2", "a", b.text, 2, 0, len(b.text), b.facts, 1)
    assert not kinds(run([a, b], same(2)), "conflict")


def test_quotes_are_not_compared_in_pair_mode():
    claims = [
        _quoting("a", "we will not give up the fight for our city"),
        _quoting("b", "we will never give up the struggle for this city"),
    ]
    assert not kinds(run(claims, same(2), settings=CompareSettings(pair_mode=True)), "conflict")

"""Names checker: one person's name spelled two ways across sources."""

from __future__ import annotations

from .compare_kit import claim, fact, kinds, run, same


def _naming(doc: str, n: int, name: str) -> object:
    text = f"{name} spoke to reporters."
    return claim(doc, n, text, fact(text, name, "entity", name.lower(), "PERSON"))


def test_a_respelled_name_is_a_variant_naming_both_sources():
    claims = [_naming("a", 1, "Fouad Hussein"), _naming("b", 1, "Fuad Hussein")]
    (found,) = kinds(run(claims, same(2)), "variant", "entity")
    assert found.values == ("Fouad Hussein", "Fuad Hussein") and found.severity == "medium"
    assert found.message == "One name is spelled two ways: 'Fouad Hussein' in a and 'Fuad Hussein' in b."


def test_one_source_spelling_a_name_two_ways_is_no_variant():
    claims = [_naming("a", 1, "Fouad Hussein"), _naming("a", 2, "Fuad Hussein")]
    assert not kinds(run(claims, same(2)), "variant")


def test_articles_and_plurals_are_one_name_and_single_words_are_skipped():
    claims = [_naming("a", 1, "a Tony Award"), _naming("b", 1, "Tony Awards")]
    assert not kinds(run(claims, same(2)), "variant")
    claims = [_naming("a", 1, "Fouad"), _naming("b", 1, "Fuad")]
    assert not kinds(run(claims, same(2)), "variant")


def test_many_sources_are_summarised_in_the_message():
    claims = [_naming(f"d{i}", 1, "Fouad Hussein") for i in range(10)] + [_naming("z", 1, "Fuad Hussein")]
    (found,) = kinds(run(claims, same(len(claims))), "variant")
    assert "d0, d1, d2, d3, d4, d5, d6, d7 and 2 more" in found.message
    assert len(found.claims) == 11

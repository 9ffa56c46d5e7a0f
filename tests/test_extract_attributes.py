"""The attribute ruler's array matcher (extract/attributes.py) against spaCy's own: the same matches, the same tags."""

from __future__ import annotations

import pytest

from factcheck.extract import attributes
from factcheck.extract.polarity import MODEL
from factcheck.extract.spacy_build import import_spacy

# Written to reach the ruler's exception rules: contractions it re-lemmatises, spaces, pronouns by their role,
# "there is", determiners standing alone, auxiliaries and main-verb "do"/"have", "but" as an adverb, "not".
TEXTS = [
    "Y'all ain't gonna believe it, but nothin' in the report was wrong.",
    "Let's wait, c'mon!  We gotta   leave before the vote.\n\nNow.",
    "I told you it was there, and you saw it yourself.",
    "There is a bridge near the port and there were two ferries.",
    "That was what they said; those who stayed did not agree.",
    "He did his homework after he had done the dishes, and she has a car.",
    "The minister said that the talks would resume if both sides agreed.",
    "Nobody is sure whether the 2,500 troops will stay, though most expect they won't.",
    "SENATE PASSES BUDGET AFTER LATE-NIGHT VOTE",
    "It's been raining all day; the roads aren't safe, officials warn.",
    "The company said nothing about anyone being hurt, something it later corrected.",
    "But the court, but for one judge, had already ruled.",
    "  ",
    "",
    "They said they were gon",  # a rule's first word at a doc's end: its second word opens the next doc
    "na leave town.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[object, object]:
    spacy = import_spacy()
    plain = spacy.load(MODEL, exclude=["ner", "senter"])
    fast = spacy.load(MODEL, exclude=["ner", "senter"])
    assert attributes.install(fast)
    return plain, fast


def _tags(doc: object) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]  # type: ignore[attr-defined]


@pytest.mark.parametrize("disable", [[], ["parser"]], ids=["parsed", "tagged only"])
def test_array_matcher_sets_what_spacys_sets(pipelines: tuple, disable: list[str]) -> None:
    plain, fast = pipelines
    for batch_size in (1, 4, 256):
        want = [_tags(d) for d in plain.pipe(TEXTS, batch_size=batch_size, disable=disable)]
        got = [_tags(d) for d in fast.pipe(TEXTS, batch_size=batch_size, disable=disable)]
        assert got == want
    assert [_tags(fast(t)) for t in TEXTS[:3]] == [_tags(plain(t)) for t in TEXTS[:3]]  # one doc at a time


def test_matches_are_spacys_matches(pipelines: tuple) -> None:
    fast = pipelines[1]
    ruler = fast.get_pipe("attribute_ruler")
    rules = attributes.compile_rules(ruler)
    assert rules is not None
    with fast.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(fast.pipe(TEXTS))
    spacys = [type(ruler).match(ruler, doc) for doc in docs]  # the class's own method, not the installed one
    assert attributes.matches(ruler, rules, docs) == spacys
    assert any(len({n for n, *_ in found}) > 5 for found in spacys)  # the exception rules did match
    gon, na = docs[-2], docs[-1]
    assert gon[-1].lower_ == "gon" and na[0].lower_ == "na"  # the case the doc-end test is for


def test_a_ruler_with_rules_it_does_not_cover_keeps_spacys_matcher() -> None:
    spacy = import_spacy()
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "colour"}]], {"LEMMA": "color"})
    ruler.add([[{"LOWER": "very", "OP": "?"}, {"LOWER": "big"}]], {"LEMMA": "large"}, index=-1)
    assert not attributes.install(nlp)
    assert "match" not in vars(ruler)
    assert [t.lemma_ for t in nlp("a very big colour")][2:] == ["large", "color"]


def test_a_blank_ruler_with_covered_rules_matches_as_spacy() -> None:
    spacy = import_spacy()
    nlps = []
    for _ in range(2):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"LOWER": {"REGEX": "^colou?r$"}}]], {"LEMMA": "color"})
        ruler.add([[{"LOWER": "big"}, {"IS_SPACE": False, "LOWER": {"NOT_IN": ["deal"]}}]], {"LEMMA": "big"}, index=-1)
        ruler.add([[{"LOWER": {"IN": ["large", "big"]}}]], {"LEMMA": "size"})  # later rules win
        nlps.append(nlp)
    assert attributes.install(nlps[1])
    texts = ["A big colour, a big deal, a large color.", "big", "Colors colour big big"]
    assert [[t.lemma_ for t in d] for d in nlps[1].pipe(texts, batch_size=2)] == [
        [t.lemma_ for t in d] for d in nlps[0].pipe(texts)
    ]

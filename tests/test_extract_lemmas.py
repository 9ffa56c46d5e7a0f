"""The rule lemmatizer with its index of known words as sets (extract/lemmas.py): the same lemmas as spaCy's."""

from __future__ import annotations

from factcheck.extract import lemmas
from factcheck.extract.entities import MODEL, import_spacy

# Inflected words the suffix rules reach (nouns, verbs, adjectives in several forms), words of the exception
# lists, and words of one spelling in two parts of speech.
TEXTS = [
    "The geese were running across the fields while the children watched the studies' criteria.",
    "She leaves the office; the leaves fell earlier, and the better offers came later.",
    "Officials said the ministries had stopped funding the happiest towns, which were flooded twice.",
    "Troops withdrew, the bridges collapsed, and the wounded soldiers were being treated in hospitals.",
    "He was the biggest donor; they're saying the donors' pledges haven't arrived yet.",
    "SENATE PASSES BUDGET AFTER LATE-NIGHT VOTES",
]


def test_word_sets_give_spacys_lemmas() -> None:
    spacy = import_spacy()
    plain = spacy.load(MODEL, exclude=["ner", "senter"])
    sets = spacy.load(MODEL, exclude=["ner", "senter"])
    assert lemmas.install(sets)
    index = sets.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(index[k], frozenset) for k in index)
    for disable in ([], ["parser"]):
        want = [[(t.text, t.lemma_) for t in d] for d in plain.pipe(TEXTS, disable=disable)]
        got = [[(t.text, t.lemma_) for t in d] for d in sets.pipe(TEXTS, disable=disable)]
        assert got == want
    assert ("geese", "goose") in got[0] and ("studies", "study") in got[0]  # the rules and exceptions were read


def test_a_pipeline_without_a_rule_lemmatizer_is_left_alone() -> None:
    spacy = import_spacy()
    assert not lemmas.install(spacy.blank("en"))

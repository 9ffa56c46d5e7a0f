"""Specific words: what two claims share weighs by how few claims of the run use it (compare/specific.py)."""

from __future__ import annotations

import numpy as np

from factcheck.compare import CompareSettings
from factcheck.compare.echo import Words, specific, words_of
from factcheck.compare.specific import Specificity, stem

from .compare_kit import claim, fact, kinds, run

STORY = [  # a run about one flood: "river" and "flood" are everywhere, "Dornbach" and "gauge" are not
    "The flood on the river forced thousands from their homes.",
    "Rescuers on the river searched for people after the flood.",
    "The flood damaged bridges along the river.",
    "The river level at the Dornbach gauge reached 6.2 m on Friday.",
    "The flood crest passed the Dornbach gauge at 6.2 metres.",
    "Officials said the river flood was the worst in decades.",
    "The flood closed schools in towns along the river.",
    "Volunteers filled sandbags as the river rose toward the flood walls.",
    "Insurers expect flood claims from every town on the river.",
    "The flood cut power to villages near the river.",
    "Farmers lost crops when the river burst its banks in the flood.",
    "The army sent boats to the flood zone on the river.",
]


def test_stems_meet_lemmas_and_drop_separators():
    assert stem("Killed") == stem("kill") == "kill"
    assert stem("evacuated") == stem("evacuate")
    assert stem("1,293") == "1293"
    assert stem("gas") == "gas"  # short words keep their ending


def test_rare_words_weigh_more_than_story_words_and_names_weigh_half():
    spec = Specificity(STORY)
    assert spec.weight("gauge", "gauge") > spec.weight("river", "river") > 0
    assert spec.weight("dornbach", "Dornbach", name=True) == spec.weight("dornbach", "Dornbach") / 2
    assert spec.weight("say", "said") == spec.weight("said", "said")  # the commoner form decides


def test_words_of_reads_numbers_and_proper_nouns_as_terms():
    (found,) = words_of(["The level at the Dornbach gauge reached 6.2 m on Friday."])
    assert {"dornbach", "gauge", "6.2", "reach"} <= found.terms
    assert "dornbach" in found.names and "gauge" not in found.names
    assert dict(found.forms)["reach"] == "reached"


def test_sharing_rare_words_is_specific_and_sharing_the_story_is_not():
    spec, s = Specificity(STORY), CompareSettings()
    gauge_a, gauge_b, flood, bridges = words_of([STORY[3], STORY[4], STORY[0], STORY[2]])
    assert specific(gauge_a, gauge_b, spec, s)
    assert not specific(flood, bridges, spec, s)  # "flood" and "river" name the story, not a fact
    assert not specific(gauge_a, Words(frozenset(), frozenset()), spec, s)


def _gauge_claims() -> list:
    out = []
    for n, text in enumerate(STORY):
        doc = "abcdefghijkl"[n]
        word = text.split()[1]
        out.append(claim(doc, 1, text, fact(text, word, "location", word)))
    return out


def _vectors(close: float) -> np.ndarray:
    """Unit vectors: claims 3 and 4 at `close`, every other pair at 0.1 or less."""
    vecs = np.eye(len(STORY), dtype=np.float32)
    vecs[4] = close * vecs[3] + np.sqrt(1 - close**2) * vecs[4]
    return vecs


def test_a_claim_sharing_specific_words_with_another_source_is_an_echo_not_unique():
    found = run(_gauge_claims(), _vectors(0.6))
    assert sorted(f.claims for f in kinds(found, "echo")) == [("d:1", "e:1"), ("e:1", "d:1")]
    assert len(kinds(found, "unique")) == len(STORY) - 2


def test_specific_words_need_the_closer_gate():
    far = run(_gauge_claims(), _vectors(0.52))  # past the echo gate, short of echo_close
    assert kinds(far, "echo") == []
    strict = run(_gauge_claims(), _vectors(0.6), settings=CompareSettings(echo_weight_share=0.9))
    assert kinds(strict, "echo") == []

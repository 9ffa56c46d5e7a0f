"""Tests for spaCy entity extraction, name normalisation and spelling-variant matching."""

from __future__ import annotations

import pytest

from factcheck.extract.entities import extract_entities, is_variant, name_similarity, normalise_name, same_entity

# (text, [(surface text, type, spaCy label, value), ...] that must be among the facts)
CASES = [
    (
        "Iraqi Foreign Minister Fuad Hussein affirmed in a phone call with U.S. Secretary of State Antony Blinken.",
        [
            ("Iraqi", "entity", "NORP", "iraqi"),
            ("Fuad Hussein", "entity", "PERSON", "fuad hussein"),
            ("Antony Blinken", "entity", "PERSON", "antony blinken"),
        ],
    ),
    (
        "Iraqi Prime Minister Mohamed Shia al-Sudani met officials in Baghdad.",
        [
            ("Mohamed Shia al-Sudani", "entity", "PERSON", "mohamed shia al sudani"),
            ("Baghdad", "location", "GPE", "baghdad"),
        ],
    ),
    ("The United States has 2,500 troops in Iraq.", [("Iraq", "location", "GPE", "iraq")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_entities(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    (facts,) = extract_entities([text])
    got = {(f.text, f.type, f.label, f.value) for f in facts}
    assert set(expected) <= got
    for f in facts:
        assert text[f.start : f.end] == f.text
        assert f.type in ("entity", "location")


def test_extract_entities_batches_and_keeps_order() -> None:
    texts = ["Antony Blinken spoke.", "", "Nothing here.", "Antony Blinken spoke.", "Fuad Hussein met him in Baghdad."]
    result = extract_entities(texts)
    assert len(result) == len(texts)
    assert result[0] == result[3]
    assert result[1] == []
    assert "baghdad" in {f.value for f in result[4]}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the United States", "united states"),
        ("Fuad Hussein's", "fuad hussein"),
        ("Fuad  Hussein’s", "fuad hussein"),
        ("al-Sudani", "al sudani"),
        ("U.S.", "us"),
        ("Zelenskyy", "zelenskyy"),
        ("Erdoğan", "erdogan"),
        ("Ali Al-Alaq", "ali al alaq"),
    ],
)
def test_normalise_name(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


# (a, b, same entity, spelling variant)
PAIRS = [
    ("Fouad Hussein", "Fuad Hussein", True, True),
    ("Zelensky", "Zelenskyy", True, True),
    ("Volodymyr Zelensky", "Zelenskyy", True, True),
    ("al-Sudani", "Al Sudani", True, False),
    ("Mohamed Shia al-Sudani", "Mohammed al-Sudani", True, True),
    ("Hussein", "Fuad Hussein", True, False),
    ("Blinken", "Antony Blinken", True, False),
    ("Fuad Hussein's", "fuad hussein", True, False),
    ("the United States", "United States", True, False),
    ("Erdoğan", "Erdogan", True, False),
    ("Antony Blinken", "Alina Romanowski", False, False),
    ("Joe Biden", "Hunter Biden", False, False),
    ("Iran", "Iraq", False, False),
    ("Syria", "Serbia", False, False),
    ("Baghdad", "Washington", False, False),
]


@pytest.mark.parametrize(("a", "b", "same", "variant"), PAIRS)
def test_same_entity_and_variant(a: str, b: str, same: bool, variant: bool) -> None:
    assert same_entity(a, b) is same
    assert same_entity(b, a) is same
    assert is_variant(a, b) is variant
    assert is_variant(b, a) is variant


def test_name_similarity_orders_variants_above_different_people() -> None:
    assert name_similarity("Fouad Hussein", "Fuad Hussein") > 0.9
    assert name_similarity("Antony Blinken", "Alina Romanowski") < 0.5
    assert name_similarity("x", "x") == 1.0
    assert name_similarity("", "x") == 0.0


def test_forked_workers_give_the_same_entities(monkeypatch):
    """Large inputs share NER between forked workers; the facts must equal the single-process ones."""
    from factcheck.extract import entities

    texts = [f"Fuad Hussein met Antony Blinken in Washington on day {i}." for i in range(40)]
    texts += ["The quake struck Morocco near Marrakesh.", "No names here at all."]
    monkeypatch.setattr(entities, "PARALLEL_FROM", 10**9)
    single = entities.extract_entities(texts)
    monkeypatch.setattr(entities, "PARALLEL_FROM", 10)
    assert entities.extract_entities(texts) == single


def test_numpy_matrix_products_give_what_blis_gives():
    """The loaded pipelines multiply through numpy (one BLAS thread); entities and parses equal blis's."""
    from thinc.api import NumpyOps

    from factcheck.extract import entities, polarity

    texts = [
        "Fuad Hussein met Antony Blinken in Washington on Tuesday.",
        "The quake struck Morocco near Marrakesh, killing 2,000 people, officials said.",
        "Apple denied reports that it would cut 500 jobs at its plant in Cork.",
        "The band did not split, a spokesman for Universal Music said.",
    ]
    layers = [layer for _, c in entities.nlp().pipeline for layer in c.model.walk()]
    assert layers and all(isinstance(x.ops, NumpyOps) and not x.ops.use_blis for x in layers)
    fast = (entities._spans(texts, 2), polarity.readings(texts))
    blis = NumpyOps(use_blis=True)
    for model in (entities.nlp(), polarity.nlp()):
        for _, component in model.pipeline:
            for layer in component.model.walk() if getattr(component, "model", None) is not None else ():
                layer.ops = blis
    try:
        assert (entities._spans(texts, 2), polarity.readings(texts)) == fast
    finally:
        entities.nlp.cache_clear()
        polarity.nlp.cache_clear()
    assert {label for spans in fast[0] for _, _, label, _ in spans} >= {"PERSON", "GPE"}


def test_without_threadpoolctl_the_pipeline_keeps_blis(monkeypatch):
    """numpy's BLAS could not be held to one thread: the layers keep blis and `pipe` still parses."""
    import importlib.util

    from factcheck.extract import entities

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "threadpoolctl" else real(name, *a)
    )
    model = entities.import_spacy().load(entities.MODEL, exclude=list(entities._NOT_NER))
    assert entities.numpy_ops(model) is model
    assert all(x.ops.use_blis for _, c in model.pipeline for x in c.model.walk())
    (doc,) = entities.pipe(model, ["Fuad Hussein met Antony Blinken in Washington."], 8)
    assert [e.label_ for e in doc.ents] == ["PERSON", "PERSON", "GPE"]

"""Tests for extract_facts: every extractor runs, overlaps are resolved, order is stable."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract import EXTRACTORS, extract_facts

PUB = dt.date(2024, 2, 8)


def test_extract_facts_combines_and_sorts() -> None:
    texts = [
        "On Tuesday, Fuad Hussein said about 2,500 U.S. troops would not leave Iraq, according to the ministry.",
        'In Baghdad, January 27, 2024, the premier said "talks will continue until the mission ends."',
        "",
    ]
    result = extract_facts(texts, [PUB, PUB, None])
    assert len(result) == 3
    assert result[2] == ()
    first = {(f.type, f.value) for f in result[0]}
    assert {("date", "2024-02-06"), ("entity", "fuad hussein"), ("number", "2500"), ("location", "iraq")} <= first
    assert ("negation", "negative") in first
    second = result[1]
    assert ("date", "2024-01-27") in {(f.type, f.value) for f in second}
    assert not [f for f in second if f.type == "number"]  # 27 and 2024 belong to the date
    assert [f.text for f in second if f.type == "quote"] == ['"talks will continue until the mission ends."']
    for text, facts in zip(texts, result):
        assert list(facts) == sorted(facts, key=lambda f: (f.start, f.type, f.value, f.end))
        assert len(set(facts)) == len(facts)
        for f in facts:
            assert text[f.start : f.end] == f.text


def test_extract_facts_checks_lengths() -> None:
    with pytest.raises(ValueError):
        extract_facts(["a"], [])


def test_extractors_registered() -> None:
    assert len(EXTRACTORS) == 4
    for extractor in EXTRACTORS:
        assert extractor("", None) == []


def test_facts_are_the_same_when_extracted_in_workers_while_this_process_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the fork size facts come from forked workers while `meanwhile` runs here once: the same facts."""
    import datetime as dt

    import factcheck.extract as extract

    texts = [
        f"Fuad Hussein said on March {n % 28 + 1}, 2024 that {n + 3} soldiers did not die in Basra." for n in range(24)
    ]
    texts += ["No names, no numbers here.", '"We will rebuild," Mayor Jane Ode said on Monday.']
    texts += texts[-1:]
    published = [dt.date(2024, 3, 30)] * (len(texts) - 1) + [None]
    calls: list[str] = []
    monkeypatch.setattr(extract, "PARALLEL_FROM", 10**9)
    single = extract.extract_facts(texts, published, meanwhile=lambda: calls.append("here"))
    monkeypatch.setattr(extract, "PARALLEL_FROM", 5)
    assert extract.extract_facts(texts, published, meanwhile=lambda: calls.append("forked")) == single
    assert calls == ["here", "forked"]
    assert {f.type for facts in single for f in facts} >= {"entity", "location", "date", "number", "quote", "polarity"}
    assert single[0] != single[-1], "the same text published on another day resolves its dates apart"

"""Extraction stage: turn sentence texts into typed, normalised facts (numbers, dates, entities, quotes, negation, polarity)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from factcheck.extract.dates import extract_dates
from factcheck.extract.entities import extract_entities, is_variant, name_similarity, same_entity
from factcheck.extract.negation import extract_negation
from factcheck.extract.numbers import extract_numbers
from factcheck.extract.polarity import polarity_facts
from factcheck.extract.quotes import attribution, extract_quotes, quote_similarity
from factcheck.model import Fact

__all__ = [
    "EXTRACTORS",
    "attribution",
    "extract_dates",
    "extract_entities",
    "extract_facts",
    "extract_negation",
    "extract_numbers",
    "extract_quotes",
    "is_variant",
    "name_similarity",
    "polarity_facts",
    "quote_similarity",
    "same_entity",
]

Extractor = Callable[[str, "dt.date | None"], list[Fact]]


def _numbers(text: str, published: dt.date | None) -> list[Fact]:
    return extract_numbers(text)


def _quotes(text: str, published: dt.date | None) -> list[Fact]:
    return extract_quotes(text)


def _negation(text: str, published: dt.date | None) -> list[Fact]:
    return extract_negation(text)


# Per-text extractors `(text, published) -> facts`; entities and polarity run separately, batched over all texts.
EXTRACTORS: tuple[Extractor, ...] = (extract_dates, _numbers, _quotes, _negation)


def extract_facts(texts: Sequence[str], published: Sequence[dt.date | None]) -> list[tuple[Fact, ...]]:
    """Return the facts of each text, sorted by (start, type, value), with overlaps between types resolved."""
    if len(texts) != len(published):
        raise ValueError(f"{len(texts)} texts but {len(published)} publication dates")
    plain: list[list[Fact]] = []

    def per_text() -> None:  # pure Python: run here while forked workers run NER on the other cores
        plain.extend(
            [f for extractor in EXTRACTORS for f in extractor(text, pub)] for text, pub in zip(texts, published)
        )

    entities = extract_entities(list(texts), meanwhile=per_text)
    polarity = polarity_facts(texts)
    return [_resolve(facts + ents + pol) for facts, ents, pol in zip(plain, entities, polarity, strict=True)]


def _resolve(facts: list[Fact]) -> tuple[Fact, ...]:
    """Drop numbers inside dates, entities on a date's span, and exact duplicates; sort by position."""
    dates = [(f.start, f.end) for f in facts if f.type == "date"]
    kept = []
    for f in facts:
        if f.type == "number" and any(s < f.end and f.start < e for s, e in dates):
            continue
        if f.type in ("entity", "location") and any(s <= f.start and f.end <= e for s, e in dates):
            continue
        kept.append(f)
    return tuple(sorted(set(kept), key=lambda f: (f.start, f.type, f.value, f.end)))

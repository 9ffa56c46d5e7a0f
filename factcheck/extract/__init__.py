"""Extraction stage: turn sentence texts into typed, normalised facts (numbers, dates, entities, quotes, negation, polarity)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from factcheck.extract import entities, polarity
from factcheck.extract.dates import extract_dates
from factcheck.extract.entities import extract_entities, is_variant, name_similarity, same_entity
from factcheck.extract.negation import extract_negation
from factcheck.extract.numbers import extract_numbers
from factcheck.extract.polarity import polarity_facts
from factcheck.extract.quotes import attribution, extract_quotes, quote_similarity
from factcheck.extract.workers import in_workers
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


PARALLEL_FROM = 1000  # distinct texts from which extraction runs in forked workers, while this process embeds


def extract_facts(
    texts: Sequence[str], published: Sequence[dt.date | None], meanwhile: Callable[[], object] = lambda: None
) -> list[tuple[Fact, ...]]:
    """Return the facts of each text, sorted by (start, type, value), with overlaps between types resolved.

    `meanwhile` runs once in this process: while forked workers extract (from PARALLEL_FROM distinct texts, where
    the machine forks), else before the texts are extracted here. The pipeline embeds meanwhile.
    """
    if len(texts) != len(published):
        raise ValueError(f"{len(texts)} texts but {len(published)} publication dates")
    items = list(dict.fromkeys(zip(texts, published)))
    if len(items) >= PARALLEL_FROM:
        found = in_workers(_extract_here, items, _load, meanwhile)
    else:
        meanwhile()
        found = _extract_here(items)
    facts = dict(zip(items, found, strict=True))
    return [facts[item] for item in zip(texts, published)]


def _load() -> None:
    """Both spaCy pipelines, loaded before workers fork so that they share them."""
    entities.nlp()
    polarity.nlp()


def _extract_here(items: list[tuple[str, dt.date | None]]) -> list[tuple[Fact, ...]]:
    """The facts of each (text, publication date), extracted in this process."""
    texts = [text for text, _ in items]
    plain = [[f for extractor in EXTRACTORS for f in extractor(text, pub)] for text, pub in items]
    found = zip(plain, extract_entities(texts), polarity_facts(texts), strict=True)
    return [_resolve(facts + ents + pol) for facts, ents, pol in found]


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

"""Facts of sentences, from the cache (keyed by text and publication date) or extracted and then cached."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from datetime import date

from .cache import Cache
from .model import Document, Fact


def cached_facts(
    cache: Cache, keys: list[str], texts: list[tuple[Document, str]], meanwhile: Callable[[], object]
) -> dict[str, tuple[Fact, ...]]:
    """Each key's facts: from the cache, else extracted (and cached); `meanwhile` runs once, during extraction."""
    facts = _stored(cache, keys)
    todo = sorted({k: (d, t) for k, (d, t) in zip(keys, texts) if k not in facts}.items())
    if not todo:
        meanwhile()
        return facts
    from .extract import extract_facts

    fresh = extract_facts([t for _, (_, t) in todo], [_date(d.published) for _, (d, _) in todo], meanwhile)
    for (k, _), found in zip(todo, fresh):
        facts[k] = tuple(found)
    cache.put_many([(k, json.dumps([fact_row(f) for f in facts[k]]).encode()) for k, _ in todo])
    return facts


_FACT_FIELDS = tuple(f.name for f in fields(Fact))


def fact_row(fact: Fact) -> dict[str, object]:
    """The fact as the cache stores it: what `dataclasses.asdict` gives for its flat fields, without deep copies."""
    return {name: getattr(fact, name) for name in _FACT_FIELDS}


def _stored(cache: Cache, keys: list[str]) -> dict[str, tuple[Fact, ...]]:
    """Facts stored for these sentence keys; a corrupt entry is left out (and recomputed)."""
    facts: dict[str, tuple[Fact, ...]] = {}
    for k, blob in cache.get_many(sorted(set(keys))).items():
        try:
            facts[k] = tuple(Fact(**row) for row in json.loads(blob))
        except (ValueError, TypeError):
            continue
    return facts


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None

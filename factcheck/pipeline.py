"""The only module that wires the stages: ingest -> segment -> extract -> embed -> group -> compare -> Report."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

from .cache import Cache, default_cache_dir, text_key
from .compare import Comparer, CompareSettings
from .group import GroupSettings, group
from .ingest import MAX_BYTES, load_documents
from .model import Claim, Cluster, Document, Fact, Report
from .segment import fold, segment

FACTS_VERSION = "facts-4"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; defaults < [tool.factcheck] in pyproject.toml < command-line flags."""

    model: str | None = None
    threshold: float = GroupSettings().same
    cache_dir: str | None = None  # None: the default cache folder; "" disables the cache
    max_bytes: int = MAX_BYTES
    group: GroupSettings = field(default_factory=GroupSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)

    def cache(self) -> Cache:
        """Open the cache this run uses."""
        if self.cache_dir == "":
            return Cache(None)
        return Cache(Path(self.cache_dir) if self.cache_dir else default_cache_dir())


def make_embedder(settings: Settings):
    """The real sentence-transformers embedder for the configured model."""
    from .embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(settings.model)


def run_check(
    paths: list[str], settings: Settings = Settings(), embedder=None, progress: Progress | None = None
) -> Report:
    """Run the whole pipeline over files and folders."""
    docs = load_documents(paths, max_bytes=settings.max_bytes)
    return check_documents(docs, settings, embedder, progress)


def check_documents(
    docs: list[Document], settings: Settings = Settings(), embedder=None, progress: Progress | None = None
) -> Report:
    """Run segment..compare over already-ingested documents."""
    from .embed import embed_cached

    cache = settings.cache()
    try:
        docs = sorted(docs, key=lambda d: d.id)
        claims = build_claims(docs, cache)
        embedder = embedder or make_embedder(settings)
        vectors = embed_cached(
            [c.text for c in claims],
            embedder,
            cache,
            progress=(lambda d, t: progress("embed", d, t)) if progress else None,
        )
        clusters = group(claims, vectors, replace(settings.group, same=settings.threshold))
        findings = Comparer(docs, claims, vectors, settings.compare).run(clusters)
        clusters = mark_conflicting(clusters, findings)
    finally:
        cache.close()
    return Report(
        tuple(docs),
        tuple(claims),
        tuple(clusters),
        tuple(findings),
        {"model": embedder.model_id, "threshold": settings.threshold},
    )


def build_claims(docs: list[Document], cache: Cache) -> list[Claim]:
    """Segment every usable document and attach extracted facts (cached by text and publication date)."""
    from .extract import extract_facts

    sentences = []
    for doc in docs:
        if doc.skipped:
            continue
        found = segment(doc)
        sentences.extend((doc, s) for s in found)
    # a line break inside a sentence (hard-wrapped text, PDF lines) reads as a space; offsets stay the same
    flat = [s.text.replace("\n", " ") for _, s in sentences]
    keys = [text_key(f"{FACTS_VERSION}|{d.published}", t) for (d, _), t in zip(sentences, flat)]
    stored = cache.get_many(sorted(set(keys)))
    facts: dict[str, tuple[Fact, ...]] = {}
    for k, blob in stored.items():
        try:
            facts[k] = tuple(Fact(**row) for row in json.loads(blob))
        except (ValueError, TypeError):
            continue  # a corrupt entry is recomputed below
    todo = sorted({k: (d, t) for k, (d, _), t in zip(keys, sentences, flat) if k not in facts}.items())
    if todo:
        fresh = extract_facts([t for _, (_, t) in todo], [_date(d.published) for _, (d, _) in todo])
        for (k, _), found in zip(todo, fresh):
            facts[k] = tuple(found)
        cache.put_many([(k, json.dumps([asdict(f) for f in facts[k]]).encode()) for k, _ in todo])
    claims = [
        Claim(f"{d.id}:{s.index + 1}", d.id, fold(s.text), s.line, s.start, s.end, facts[k], s.index)
        for k, (d, s) in zip(keys, sentences)
    ]
    return claims


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def mark_conflicting(clusters: list[Cluster], findings) -> list[Cluster]:
    """A cluster holding claims of a conflict finding is 'conflicting'."""
    in_conflict = {c for f in findings if f.kind == "conflict" for c in f.claims}
    return [
        replace(c, status="conflicting") if c.status == "corroborated" and in_conflict & set(c.claims) else c
        for c in clusters
    ]

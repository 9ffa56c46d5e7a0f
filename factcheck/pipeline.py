"""The only module that wires the stages: ingest -> segment -> extract -> embed -> group -> compare -> Report."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .blas import one_blas_thread
from .cache import Cache, text_key
from .compare import findings as compare_findings
from .compare import near_found, prepare
from .config import Settings
from .garbage import fewer_collections
from .group import Pairs, group, nearest
from .ingest import load_documents
from .links import GroupSettings
from .location import locate
from .model import Claim, Cluster, ClusterStatus, Document, Fact, Finding, FindingKind, Report
from .segment import fold, segment

if TYPE_CHECKING:
    import numpy as np

    from .embed import Embedder

__all__ = ["FACTS_VERSION", "Settings", "Stopwatch", "build_claims", "check_documents", "mark_conflicting", "run_check"]

FACTS_VERSION = "facts-6-polarity"  # polarity cores, non-denials and lemmas changed (issue 11)
Progress = Callable[[str, int, int], None]
OnStage = Callable[[str, float], None]  # (stage name, wall seconds), called as each stage ends
ClaimsOf = Callable[[list[Document], Cache, "Stopwatch"], list[Claim]]  # segment + extract: build_claims or an engine's


class Stopwatch:
    """Reports each stage's wall time to an optional `on_stage` callback."""

    def __init__(self, on_stage: OnStage | None) -> None:
        self.on_stage = on_stage
        self.clock = time.perf_counter()

    def lap(self, name: str) -> None:
        """The stage `name` ends now."""
        now = time.perf_counter()
        if self.on_stage is not None:
            self.on_stage(name, now - self.clock)
        self.clock = now


def make_embedder(settings: Settings) -> Embedder:
    """The real embedder for the configured model and backend; an exported ONNX model lives in the cache folder."""
    from .cache import default_cache_dir
    from .embed import make_embedder as for_backend

    store = None if settings.cache_dir == "" else Path(settings.cache_dir or default_cache_dir())
    return for_backend(settings.model, settings.backend, store)


def run_check(
    paths: list[str],
    settings: Settings = Settings(),
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    on_stage: OnStage | None = None,
) -> Report:
    """Run the whole pipeline over files and folders."""
    with fewer_collections():
        watch = Stopwatch(on_stage)
        docs = load_documents(paths, max_bytes=settings.max_bytes)
        watch.lap("ingest")
        return check_documents(docs, settings, embedder, progress, on_stage)


def check_documents(
    docs: list[Document],
    settings: Settings = Settings(),
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    on_stage: OnStage | None = None,
    claims_of: ClaimsOf | None = None,
) -> Report:
    """Run segment..compare over already-ingested documents; `on_stage(name, seconds)` hears each stage end.

    `claims_of` segments and extracts (default build_claims, here); an engine passes its own, which must give the
    same claims in the same order.
    """
    with fewer_collections():
        return _checked(docs, settings, embedder, progress, on_stage, claims_of)


def _checked(
    docs: list[Document],
    settings: Settings,
    embedder: Embedder | None,
    progress: Progress | None,
    on_stage: OnStage | None,
    claims_of: ClaimsOf | None,
) -> Report:
    """`check_documents`, with the garbage collector run as the caller set it."""
    from .extract.workers import shared_workers

    watch = Stopwatch(on_stage)
    cache = settings.cache()
    try:
        docs = sorted(docs, key=lambda d: d.id)
        model = embedder or make_embedder(settings)
        grouping = replace(settings.group, same=settings.threshold)
        # spaCy's workers serve extract, then compare's parses; the lane finds the nearest pairs once vectors exist
        with shared_workers(), ThreadPoolExecutor(1, thread_name_prefix="factcheck-nearest") as lane:
            near: list[Future[Pairs]] = []

            def find_near(vectors: np.ndarray) -> None:
                near.append(lane.submit(_nearest_beside, vectors, grouping))

            claims, vectors = _claims_and_vectors(docs, cache, watch, model, progress, claims_of, find_near)
            ahead = prepare(docs, claims, vectors, settings.compare)  # a worker parses for compare meanwhile
            clusters = group(claims, vectors, grouping, near[0], on_near=lambda pairs: near_found(ahead, pairs))
            watch.lap("group")
            findings = compare_findings(ahead, clusters)
        clusters = mark_conflicting(clusters, findings)
        watch.lap("compare")
    finally:
        cache.close()
    run = {"model": model.model_id, "threshold": settings.threshold}
    return Report(tuple(docs), tuple(claims), tuple(clusters), tuple(findings), run)


def _nearest_beside(vectors: np.ndarray, grouping: GroupSettings) -> Pairs:
    """`nearest` on one BLAS thread: it runs beside this process's own work and the workers' parses, and a second
    BLAS thread only contends with them (10k, 2 cores: extract + group + compare 5.79 -> 5.47 s, 3 runs each)."""
    with one_blas_thread():
        return nearest(vectors, grouping)


def _claims_and_vectors(
    docs: list[Document],
    cache: Cache,
    watch: Stopwatch,
    model: Embedder,
    progress: Progress | None,
    claims_of: ClaimsOf | None,
    on_vectors: Callable[[np.ndarray], object],
) -> tuple[list[Claim], np.ndarray]:
    """The claims and their vectors: the model runs here while forked workers extract facts (or after an engine).

    `on_vectors` hears the vectors as soon as the model is done, before the facts are collected.
    """
    from .embed import embed_cached

    def embed(texts: list[str]) -> np.ndarray:
        vectors = embed_cached(
            texts, model, cache, progress=(lambda d, t: progress("embed", d, t)) if progress else None
        )
        watch.lap("embed")
        on_vectors(vectors)
        return vectors

    if claims_of is not None:
        claims = claims_of(docs, cache, watch)
        return claims, embed([c.text for c in claims])
    embedded: list[np.ndarray] = []
    claims = build_claims(docs, cache, watch, meanwhile=lambda texts: embedded.append(embed(texts)))
    return claims, embedded[0]


def build_claims(
    docs: list[Document],
    cache: Cache,
    watch: Stopwatch | None = None,
    meanwhile: Callable[[list[str]], object] | None = None,
) -> list[Claim]:
    """Segment every usable document and attach extracted facts (cached by text and publication date).

    `meanwhile(texts)` gets the claims' texts once they are known and runs while facts are extracted in forked
    workers (or before extraction without them): the pipeline embeds them meanwhile.
    """
    watch = watch or Stopwatch(None)
    sentences = [(doc, s) for doc in docs if not doc.skipped for s in segment(doc)]
    watch.lap("segment")
    texts = [fold(s.text) for _, s in sentences]
    start = (lambda: meanwhile(texts)) if meanwhile else (lambda: None)
    # a line break inside a sentence (hard-wrapped text, PDF lines) reads as a space; offsets stay the same
    flat = [s.text.replace("\n", " ") for _, s in sentences]
    keys = [text_key(f"{FACTS_VERSION}|{d.published}", t) for (d, _), t in zip(sentences, flat)]
    facts = _facts(cache, keys, [(d, t) for (d, _), t in zip(sentences, flat)], start)
    claims = [
        Claim(
            f"{d.id}:{s.index + 1}",
            d.id,
            text,
            d.file_line(s.line),
            s.start,
            s.end,
            fold_facts(s.text, facts[k]),
            s.index,
            locate(d, s.line) if d.parts else "",
        )
        for k, (d, s), text in zip(keys, sentences, texts)
    ]
    watch.lap("extract")
    return claims


def _facts(
    cache: Cache, keys: list[str], texts: list[tuple[Document, str]], meanwhile: Callable[[], object]
) -> dict[str, tuple[Fact, ...]]:
    """Each key's facts: from the cache, else extracted (and cached); `meanwhile` runs once, during extraction."""
    facts = _cached_facts(cache, keys)
    todo = sorted({k: (d, t) for k, (d, t) in zip(keys, texts) if k not in facts}.items())
    if not todo:
        meanwhile()
        return facts
    from .extract import extract_facts

    fresh = extract_facts([t for _, (_, t) in todo], [_date(d.published) for _, (d, _) in todo], meanwhile)
    for (k, _), found in zip(todo, fresh):
        facts[k] = tuple(found)
    cache.put_many([(k, json.dumps([_row(f) for f in facts[k]]).encode()) for k, _ in todo])
    return facts


_FACT_FIELDS = tuple(f.name for f in fields(Fact))


def _row(fact: Fact) -> dict[str, object]:
    """The fact as the cache stores it: what `dataclasses.asdict` gives for its flat fields, without deep copies."""
    return {name: getattr(fact, name) for name in _FACT_FIELDS}


def _cached_facts(cache: Cache, keys: list[str]) -> dict[str, tuple[Fact, ...]]:
    """Facts stored for these sentence keys; a corrupt entry is left out (and recomputed)."""
    facts: dict[str, tuple[Fact, ...]] = {}
    for k, blob in cache.get_many(sorted(set(keys))).items():
        try:
            facts[k] = tuple(Fact(**row) for row in json.loads(blob))
        except (ValueError, TypeError):
            continue
    return facts


def fold_facts(sentence: str, facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """Facts with offsets and surface text moved from the raw sentence onto its whitespace-folded text."""
    folded = fold(sentence)
    if folded == sentence:
        return tuple(facts)  # nothing folded: every offset stays (the common case, so it skips the offset table)
    where = folded_offsets(sentence)
    out = []
    for f in facts:
        start, end = where[f.start], where[f.end]
        out.append(f if (start, end) == (f.start, f.end) else replace(f, start=start, end=end, text=folded[start:end]))
    return tuple(out)


def folded_offsets(text: str) -> list[int]:
    """For each offset 0..len(text) into `text`, the matching offset into `fold(text)`."""
    out, n, gap = [], 0, False
    for ch in text:
        if ch.isspace():
            gap = gap or n > 0
            out.append(n)
            continue
        if gap:
            n, gap = n + 1, False  # the one space a run of whitespace folds to
        out.append(n)
        n += 1
    out.append(n)
    return out


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def mark_conflicting(clusters: list[Cluster], findings: Iterable[Finding]) -> list[Cluster]:
    """A cluster holding claims of a conflict finding is 'conflicting'."""
    in_conflict = {c for f in findings if f.kind == FindingKind.CONFLICT for c in f.claims}
    return [
        replace(c, status=ClusterStatus.CONFLICTING)
        if c.status == ClusterStatus.CORROBORATED and in_conflict & set(c.claims)
        else c
        for c in clusters
    ]

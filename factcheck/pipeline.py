"""The only module that wires the stages: ingest -> segment -> extract -> embed -> group -> compare -> Report."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Cache, text_key
from .compare import findings as compare_findings
from .compare import near_found, prepare
from .config import Settings
from .garbage import fewer_collections, settled
from .group import Pairs, group, nearest
from .ingest import load_documents
from .links import Traits
from .location import locate
from .model import Claim, Cluster, ClusterStatus, Document, Fact, Finding, FindingKind, Report
from .segment import fold, segment
from .stored_facts import cached_facts

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
                near.append(lane.submit(nearest, vectors, grouping))

            claims, vectors, traits = _claims_and_vectors(docs, cache, watch, model, progress, claims_of, find_near)
            # waited for before anything else starts: with both cores' BLAS and no parse beside it, the search took
            # 0.36-0.39 s at 10k (0.9 s on one BLAS thread beside `prepare` and the workers' parses)
            found = near[0].result()
            ahead = prepare(docs, claims, vectors, settings.compare)  # a worker parses for compare meanwhile
            clusters = group(claims, vectors, grouping, found, lambda pairs: near_found(ahead, pairs), traits)
            watch.lap("group")
            findings = compare_findings(ahead, clusters)
        clusters = mark_conflicting(clusters, findings)
        watch.lap("compare")
    finally:
        cache.close()
    run = {"model": model.model_id, "threshold": settings.threshold}
    return Report(tuple(docs), tuple(claims), tuple(clusters), tuple(findings), run)


def _claims_and_vectors(
    docs: list[Document],
    cache: Cache,
    watch: Stopwatch,
    model: Embedder,
    progress: Progress | None,
    claims_of: ClaimsOf | None,
    on_vectors: Callable[[np.ndarray], object],
) -> tuple[list[Claim], np.ndarray, Traits]:
    """The claims, their vectors and what the group stage reads of them (`Traits`).

    The model runs in a thread while forked workers extract facts (before extraction without them, after an engine's
    claims); this thread then builds the claims and their traits while the model may still run, and waits for it.
    `on_vectors` hears the vectors as soon as the model is done.
    """
    from .embed import embed_cached

    stop = threading.Event()

    def heard(done: int, total: int) -> None:
        if stop.is_set():
            raise CancelledError  # this thread failed: the model stops after its chunk instead of embedding the rest
        if progress is not None:
            progress("embed", done, total)

    def embed(texts: list[str]) -> np.ndarray:
        vectors = embed_cached(texts, model, cache, progress=heard)
        watch.lap("embed")
        on_vectors(vectors)
        return vectors

    if claims_of is not None:
        claims = claims_of(docs, cache, watch)
        return claims, embed([c.text for c in claims]), Traits(claims)
    return _beside_the_model(docs, cache, watch, embed, stop)


def _beside_the_model(
    docs: list[Document],
    cache: Cache,
    watch: Stopwatch,
    embed: Callable[[list[str]], np.ndarray],
    stop: threading.Event,
) -> tuple[list[Claim], np.ndarray, Traits]:
    """`build_claims` with `embed` run in a thread from when the texts are known; `stop` is set if this one fails."""
    from .extract.workers import pooled

    with ThreadPoolExecutor(1, thread_name_prefix="factcheck-embed") as lane:
        embedding: list[Future[np.ndarray]] = []
        traits: list[Traits] = []

        def then(claims: list[Claim]) -> None:
            traits.append(Traits(claims))
            settled()  # the claims and their traits last the whole run
            embedding[0].result()  # the extract stage ends once the model is done too (a failure is raised here)

        def start(texts: list[str]) -> None:
            embedding.append(lane.submit(embed, texts))
            if not pooled():  # facts are extracted in this process next: spaCy's import hides torch meanwhile,
                embedding[0].result()  # which a first run's model export imports, so the model runs first

        try:
            claims = build_claims(docs, cache, watch, start, then)
        except BaseException:
            stop.set()
            raise
        return claims, embedding[0].result(), traits[0]


def build_claims(
    docs: list[Document],
    cache: Cache,
    watch: Stopwatch | None = None,
    meanwhile: Callable[[list[str]], object] | None = None,
    then: Callable[[list[Claim]], object] | None = None,
) -> list[Claim]:
    """Segment every usable document and attach extracted facts (cached by text and publication date).

    `meanwhile(texts)` gets the claims' texts once they are known and runs while facts are extracted in forked
    workers (or before extraction without them): the pipeline starts embedding them there. `then(claims)` runs
    once the claims exist, before the extract stage ends.
    """
    watch = watch or Stopwatch(None)
    sentences = [(doc, s) for doc in docs if not doc.skipped for s in segment(doc)]
    watch.lap("segment")
    texts = [fold(s.text) for _, s in sentences]
    start = (lambda: meanwhile(texts)) if meanwhile else (lambda: None)
    # a line break inside a sentence (hard-wrapped text, PDF lines) reads as a space; offsets stay the same
    flat = [s.text.replace("\n", " ") for _, s in sentences]
    keys = [text_key(f"{FACTS_VERSION}|{d.published}", t) for (d, _), t in zip(sentences, flat)]
    facts = cached_facts(cache, keys, [(d, t) for (d, _), t in zip(sentences, flat)], start)
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
    if then is not None:
        then(claims)
    watch.lap("extract")
    return claims


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


def mark_conflicting(clusters: list[Cluster], findings: Iterable[Finding]) -> list[Cluster]:
    """A cluster holding claims of a conflict finding is 'conflicting'."""
    in_conflict = {c for f in findings if f.kind == FindingKind.CONFLICT for c in f.claims}
    return [
        replace(c, status=ClusterStatus.CONFLICTING)
        if c.status == ClusterStatus.CORROBORATED and in_conflict & set(c.claims)
        else c
        for c in clusters
    ]

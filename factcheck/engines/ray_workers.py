"""Ray worker side: the per-document stages as Ray Data batch functions and actor classes (run on the workers)."""

from __future__ import annotations

import os
import pickle
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from typing import Any

import pyarrow as pa

from ..cache import Cache
from ..config import Settings
from ..errors import InputWarning
from ..ingest import read_job
from ..model import Claim
from ..pipeline import build_claims


def rows_of(batch: pa.Table) -> list[tuple[int, Any]]:
    """The (row number, object) pairs of a batch: every object travels pickled in the `blob` column."""
    numbers = batch.column("n").to_pylist()
    return [(n, pickle.loads(blob)) for n, blob in zip(numbers, batch.column("blob").to_pylist())]


def table_of(rows: list[tuple[int, Any]]) -> pa.Table:
    """A batch of (row number, object) pairs, objects pickled (bytes as they are: vectors keep every bit)."""
    numbers = pa.array([n for n, _ in rows], pa.int64())
    blobs = pa.array([pickle.dumps(x, protocol=5) for _, x in rows], pa.binary())
    return pa.table({"n": numbers, "blob": blobs})


def crash_once(marker: str) -> None:
    """Fault injection for tests: the one call that creates `marker` kills its own worker process."""
    if not marker:
        return
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    os._exit(1)


def read_files(batch: pa.Table, max_bytes: int, cwd: str) -> pa.Table:
    """Ingest: each planned file -> (its documents, the digest of its bytes or None, its input warnings).

    Paths are as the driver listed them (relative ones too, so that reports name files as a local run does): they
    are read from the driver's working folder, which must be at the same path on every node (a shared mount).
    """
    out = []
    with _working_folder(cwd):
        for n, job in rows_of(batch):
            seen: dict[bytes, str] = {}
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", InputWarning)
                docs = read_job(job, max_bytes, seen)
            notes = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
            out.append((n, (docs, next(iter(seen), None), notes)))
    return table_of(out)


@contextmanager
def _working_folder(path: str) -> Iterator[None]:
    """Run in `path` when this node has it (a task worker runs one task at a time), then go back."""
    before = os.getcwd()
    with suppress(OSError):  # if not, relative paths fail to read and become skipped documents with the reason
        os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@dataclass(frozen=True)
class WorkerCache:
    """Which cache a worker opens: the driver's folder on the driver's node, elsewhere that node's own cache."""

    driver_node: str
    driver_dir: str | None  # None: the run has no cache
    configured: str | None  # the cache_dir setting ("" disables), read on other nodes

    def settings(self, settings: Settings) -> Settings:
        """`settings` with this worker's cache folder (where an ONNX model is also exported once per node)."""
        import ray

        if ray.get_runtime_context().get_node_id() == self.driver_node:
            return replace(settings, cache_dir="" if self.driver_dir is None else self.driver_dir)
        return replace(settings, cache_dir=self.configured)

    def open(self) -> Cache:
        """Open this worker's cache (SQLite: writers on one machine queue on its lock, 30 s at most)."""
        return self.settings(Settings()).cache()


class ClaimsWorker:
    """Segment + extract in an actor: spaCy is loaded once per actor, facts cached in the worker's cache."""

    def __init__(self, cache: WorkerCache, crash: str = "") -> None:
        from ..extract import extract_facts

        extract_facts(["Warm-up sentence in Paris on 1 May 2024."], [None])  # load the spaCy model now, once
        self.cache = cache
        self.crash = crash

    def __call__(self, batch: pa.Table) -> pa.Table:
        """Documents -> each document's claims, as build_claims gives them in a local run."""
        crash_once(self.crash)
        rows = rows_of(batch)
        by_doc: dict[str, list[Claim]] = {}
        cache = self.cache.open()  # per call: Ray may call from another thread than the constructor's (sqlite3)
        try:
            claims = build_claims([doc for _, doc in rows], cache)
        finally:
            cache.close()
        for claim in claims:
            by_doc.setdefault(claim.doc, []).append(claim)
        return table_of([(n, by_doc.get(doc.id, [])) for n, doc in rows])


class EmbedWorker:
    """Embed in an actor: the embedder a local run builds from the settings, loaded once per actor."""

    def __init__(self, settings: Settings, where: WorkerCache, crash: str = "") -> None:
        from ..pipeline import make_embedder

        self.embedder = make_embedder(where.settings(settings))
        self.cache_id = getattr(self.embedder, "cache_id", self.embedder.model_id)
        self.embedder.embed(["Warm-up sentence."])  # load the model (export it the first time) now, once
        self.crash = crash

    def __call__(self, batch: pa.Table) -> pa.Table:
        """Chunks of texts -> (cache id, vectors); a chunk is encoded as a whole, as the local run encodes it."""
        crash_once(self.crash)
        return table_of([(n, (self.cache_id, self.embedder.embed(texts))) for n, texts in rows_of(batch)])

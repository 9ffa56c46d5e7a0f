"""Forked worker processes for spaCy: one pool per call, or one kept for a whole run (`shared_workers`)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor
    from multiprocessing.pool import Pool

S = TypeVar("S")
T = TypeVar("T")
SHARE_FROM = 200  # texts started ahead are shared among the workers, at least this many to each


class _Run(threading.local):
    """Per thread (runs in other threads keep their own): the run's pool once started, while one is open."""

    open: bool = False
    pool: Pool | None = None
    lane: ThreadPoolExecutor | None = None  # hands work started ahead to the pool, a job per worker at a time


_run = _Run()


def worker_count() -> int:
    """Processes to fork: one per core, at most 4; 1 means work stays in this process."""
    import multiprocessing

    if multiprocessing.current_process().daemon or "fork" not in multiprocessing.get_all_start_methods():
        return 1  # already a worker (which may not have children), or no fork (Windows, macOS spawn)
    return min(os.cpu_count() or 1, 4)


@contextmanager
def shared_workers() -> Iterator[None]:
    """Within this block `in_workers` runs on one pool, forked on first use and kept until the block ends.

    Its workers load spaCy themselves, once each, while this process does other work (the pipeline embeds),
    and keep it for later calls (compare's parses), so this process never loads spaCy for them.
    """
    _run.open, _run.pool, _run.lane = True, None, None
    try:
        yield
    finally:
        pool, lane, _run.open, _run.pool, _run.lane = _run.pool, _run.lane, False, None, None
        if lane is not None:
            lane.shutdown(wait=True, cancel_futures=True)  # a job under way finishes; queued ones never start
        if pool is not None:
            pool.terminate()


def pooled() -> bool:
    """This run's workers are forked already: work for spaCy goes to them, however little (none loads here)."""
    return _run.open and _run.pool is not None


def in_workers(
    func: Callable[[list[S]], list[T]],
    texts: list[S],
    load: Callable[[], object],
    meanwhile: Callable[[], object] = lambda: None,
) -> list[T]:
    """`func` over `texts` in forked workers; the same list as `func(texts)`.

    Outside `shared_workers`, workers are forked after `load` (the model) so that they share it, and end with
    the call. Chunks are contiguous and come back in order. With one worker: in this process. `meanwhile` runs
    once in this process while the workers work (or before `func`, without workers).
    """
    import multiprocessing

    workers = worker_count()
    if workers < 2:
        meanwhile()
        return func(texts)
    size = -(-len(texts) // (workers * 4))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    if _run.open:
        _run.pool = _run.pool or multiprocessing.get_context("fork").Pool(workers)
        return _mapped(_run.pool, func, chunks, meanwhile)
    load()  # before forking, so workers inherit the model instead of loading it again
    with multiprocessing.get_context("fork").Pool(workers) as own:
        return _mapped(own, func, chunks, meanwhile)


def ahead(func: Callable[[list[S]], list[T]], texts: list[S]) -> Callable[[], list[T]] | None:
    """Start `func` over `texts` in one of the run's workers and return at once: a call that waits for the results.

    Jobs started ahead run side by side, one per worker, and many texts are shared among the workers (SHARE_FROM
    each at least): the denial test's parse runs while the groups form, the echo test's tagging while the other
    checkers run. (One job at a time, one waited behind the other: 10k sentences on 2 cores, group + compare 5.71 s
    against 5.45 s, means of 3 alternating runs.)
    None when the run has no workers forked (a small run, or outside `shared_workers`): the caller then computes
    the results when it needs them, as without this.
    """
    from concurrent.futures import ThreadPoolExecutor

    pool = _run.pool
    if not pooled() or pool is None or not texts:
        return None
    workers = worker_count()
    _run.lane = _run.lane or ThreadPoolExecutor(workers, thread_name_prefix="factcheck-ahead")
    shares = max(1, min(workers, len(texts) // SHARE_FROM))
    size = -(-len(texts) // shares)
    jobs = [_run.lane.submit(pool.apply, func, (texts[i : i + size],)) for i in range(0, len(texts), size)]
    return lambda: [item for job in jobs for item in job.result()]


def _mapped(
    pool: Pool, func: Callable[[list[S]], list[T]], chunks: list[list[S]], meanwhile: Callable[[], object]
) -> list[T]:
    """`func` over the chunks on `pool`, `meanwhile` run here as they work; the results in order, flattened."""
    pending = pool.map_async(func, chunks)
    meanwhile()
    return [item for part in pending.get() for item in part]

"""Forked workers for spaCy: one pool per call, or one kept for a whole run."""

from __future__ import annotations

import os

import pytest

from factcheck.extract import workers


def _pids(items: list[int]) -> list[tuple[int, int]]:
    return [(item * 2, os.getpid()) for item in items]


def _loaded() -> None:
    _LOADS.append(os.getpid())


_LOADS: list[int] = []

needs_fork = pytest.mark.skipif(workers.worker_count() < 2, reason="needs two cores and the fork start method")


@needs_fork
def test_a_shared_pool_serves_every_call_of_a_run_and_ends_with_it():
    """Inside `shared_workers` both calls run on the same worker processes, which the parent never loads for."""
    _LOADS.clear()
    order: list[str] = []
    with workers.shared_workers():
        first = workers.in_workers(_pids, list(range(40)), _loaded, lambda: order.append("meanwhile"))
        second = workers.in_workers(_pids, list(range(40, 60)), _loaded)
        pool = workers._run.pool
    assert [v for v, _ in first] == [2 * n for n in range(40)] and [v for v, _ in second] == [
        2 * n for n in range(40, 60)
    ]
    used = {pid for _, pid in first} | {pid for _, pid in second}
    assert os.getpid() not in used and len(used) <= workers.worker_count()
    assert order == ["meanwhile"] and _LOADS == [], "workers load what they need themselves"
    assert not workers._run.open and workers._run.pool is None and pool is not None
    with pytest.raises(ValueError):
        pool.apply(_pids, ([1],))  # terminated with the block


@needs_fork
def test_without_a_shared_pool_each_call_forks_after_loading():
    _LOADS.clear()
    done = workers.in_workers(_pids, list(range(10)), _loaded)
    assert [v for v, _ in done] == [2 * n for n in range(10)] and [os.getpid()] == _LOADS
    assert os.getpid() not in {pid for _, pid in done}


def test_one_worker_runs_here_after_meanwhile(monkeypatch):
    monkeypatch.setattr(workers, "worker_count", lambda: 1)
    order: list[str] = []
    done = workers.in_workers(
        lambda items: order.append("work") or _pids(items), [1, 2], _loaded, lambda: order.append("meanwhile")
    )
    assert order == ["meanwhile", "work"] and done == [(2, os.getpid()), (4, os.getpid())]


@needs_fork
def test_a_run_in_another_thread_keeps_its_own_workers():
    """The shared pool belongs to the thread that opened it: another thread's call neither sees nor ends it."""
    from concurrent.futures import ThreadPoolExecutor

    with workers.shared_workers():
        mine = {pid for _, pid in workers.in_workers(_pids, list(range(16)), _loaded)}
        with ThreadPoolExecutor(1) as other:
            assert other.submit(lambda: workers._run.open).result() is False
        pool = workers._run.pool
        assert pool is not None and {pid for _, pid in workers.in_workers(_pids, list(range(16)), _loaded)} <= mine | {
            p.pid for p in pool._pool
        }


@needs_fork
def test_work_started_ahead_runs_each_job_in_one_worker_and_is_collected_later():
    with workers.shared_workers():
        assert workers.ahead(_pids, [1]) is None  # no workers forked yet (a small run): nothing forks for this
        workers.in_workers(_pids, list(range(8)), _loaded)
        assert workers.pooled()
        first, second = workers.ahead(_pids, list(range(30))), workers.ahead(_pids, [100])
        assert first is not None and second is not None
        done, more = first(), second()
    assert [v for v, _ in done] == [2 * n for n in range(30)] and [v for v, _ in more] == [200]
    assert len({pid for _, pid in done}) == 1 and os.getpid() not in {pid for _, pid in done}
    assert not workers.pooled()


_MEET: list[object] = []  # a barrier made before the workers fork, so that they inherit it


def _meet(items: list[int]) -> list[int]:
    _MEET[0].wait(timeout=20)  # type: ignore[attr-defined]
    return [os.getpid() for _ in items]


@needs_fork
def test_jobs_started_ahead_run_side_by_side_one_per_worker():
    """Two jobs meet at a barrier of two: one at a time, the first would wait for the second forever."""
    import multiprocessing

    _MEET[:] = [multiprocessing.get_context("fork").Barrier(2)]
    try:
        with workers.shared_workers():
            workers.in_workers(_pids, list(range(8)), _loaded)
            first, second = workers.ahead(_meet, [1]), workers.ahead(_meet, [2])
            assert first is not None and second is not None
            pids = first() + second()
        assert len(set(pids)) == 2 and os.getpid() not in pids
    finally:
        _MEET.clear()


def test_nothing_is_started_ahead_outside_a_run():
    assert workers.ahead(_pids, [1, 2]) is None  # the caller computes when it needs

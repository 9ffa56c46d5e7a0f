"""The garbage collector's threshold while a check runs, and after."""

from __future__ import annotations

import gc
import threading

import pytest

from factcheck import garbage
from factcheck.garbage import fewer_collections


@pytest.fixture(autouse=True)
def _threshold_kept():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_the_youngest_generation_waits_longer_inside_and_the_callers_threshold_comes_back():
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (garbage.YOUNGEST, 10, 10)
        with fewer_collections():  # nested: the inner block leaves it raised
            pass
        assert gc.get_threshold() == (garbage.YOUNGEST, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_caller_who_turned_collection_off_or_set_it_higher_keeps_that():
    for mine in ((0, 10, 10), (50_000, 5, 5)):
        gc.set_threshold(*mine)
        with fewer_collections():
            assert gc.get_threshold() == mine
        assert gc.get_threshold() == mine


def test_the_threshold_comes_back_after_an_error_and_when_threads_end_in_any_order():
    gc.set_threshold(700, 10, 10)
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a bug in a stage")
    assert gc.get_threshold() == (700, 10, 10)
    inside, leave = threading.Barrier(3), threading.Event()

    def check() -> None:
        with fewer_collections():
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=check) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert gc.get_threshold()[0] == garbage.YOUNGEST
    leave.set()
    for t in threads:
        t.join()
    assert gc.get_threshold() == (700, 10, 10)


def test_settled_objects_are_set_aside_until_the_outermost_block_ends():
    gc.unfreeze()
    kept = [[n] for n in range(1000)]  # tracked containers alive while the run goes on
    garbage.settled()  # outside a block it does nothing
    assert gc.get_freeze_count() == 0
    with fewer_collections():
        with fewer_collections():
            garbage.settled()
            assert gc.get_freeze_count() >= len(kept)
        assert gc.get_freeze_count() >= len(kept)  # the inner block's end keeps them aside
    assert gc.get_freeze_count() == 0


def test_objects_a_caller_froze_are_left_frozen():
    gc.unfreeze()
    gc.freeze()
    theirs = gc.get_freeze_count()
    try:
        with fewer_collections():
            garbage.settled()
        assert gc.get_freeze_count() == theirs
    finally:
        gc.unfreeze()

"""numpy's BLAS is held to one thread inside `one_blas_thread` and given back its threads after."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.blas import one_blas_thread

threadpoolctl = pytest.importorskip("threadpoolctl", reason="without threadpoolctl the block changes nothing")


def _blas_threads() -> list[int]:
    return [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]


def test_one_thread_inside_the_block_and_the_old_count_after():
    np.ones((4, 4)) @ np.ones((4, 4))  # numpy's BLAS is loaded
    before = _blas_threads()
    assert before, "numpy's BLAS is not visible to threadpoolctl"
    with one_blas_thread():
        assert set(_blas_threads()) == {1}
        product = np.ones((64, 64)) @ np.ones((64, 64))
    assert _blas_threads() == before
    assert float(product[0, 0]) == 64.0


def test_the_old_count_comes_back_when_the_block_raises():
    before = _blas_threads()
    with pytest.raises(RuntimeError), one_blas_thread():
        raise RuntimeError("inside")
    assert _blas_threads() == before

"""numpy's BLAS held to one thread where its products are small: OpenBLAS's idle threads spin after each one."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Within this block numpy's BLAS uses one thread (the whole process's setting; restored after).

    Many small matrix products gain nothing from threads, and after each one OpenBLAS's other threads spin
    waiting for the next: at 40k claims the group stage's merge loop burnt 6 CPU seconds that way, taken from
    the workers that parse meanwhile. Without threadpoolctl nothing changes.
    """
    if importlib.util.find_spec("threadpoolctl") is None:
        yield
        return
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield

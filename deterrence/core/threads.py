"""Keeping BLAS on one thread where many small linear-algebra calls are made in a row.

OpenBLAS spreads even small products and solves over every core. For the
hundreds of small solves of a pivoting loop that buys nothing, and when
another process holds a core each call can wait on it: a 274 x 274 solve
took 200 ms instead of 1.2 ms on a busy two-core machine. Solvers wrap such
loops in :func:`single_threaded_blas`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

__all__ = ["single_threaded_blas"]


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Limit BLAS to one thread inside the block (a no-op when threadpoolctl is missing).

    Examples
    --------
    >>> import numpy as np
    >>> with single_threaded_blas():
    ...     x = np.linalg.solve(np.eye(3), np.ones(3))
    >>> x.tolist()
    [1.0, 1.0, 1.0]
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield

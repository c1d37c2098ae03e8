"""Lemke's algorithm for linear complementarity problems.

Find ``z >= 0`` with ``w = q + M z >= 0`` and ``w^T z = 0``. An artificial
variable ``z0`` with covering vector ``d > 0`` starts the path; complementary
pivoting continues until ``z0`` leaves the basis. The ratio test is
lexicographic, so degenerate problems cannot cycle. Floating-point tableaux
are kept normalised; ``exact=True`` pivots in rational arithmetic.

References
----------
C. E. Lemke (1965), "Bimatrix equilibrium points and mathematical
programming", *Management Science* 11, 681-689. K. G. Murty (1988), *Linear
Complementarity, Linear and Nonlinear Programming*, ch. 2.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import SolverError

__all__ = ["lemke"]

_REFACTOR = 20  # floating point: rebuild the tableau from the original data every this many pivots


def lemke(
    M: Any, q: Any, d: Any | None = None, *, exact: bool = False, max_pivots: int | None = None, eps: float = 1e-9
) -> tuple[np.ndarray, int]:
    """Solve the LCP ``(q, M)`` by Lemke's algorithm; returns ``(z, pivots)``.

    Raises
    ------
    SolverError
        On ray termination (the LCP may have no solution for this covering
        vector) or when the pivot limit is reached.

    Examples
    --------
    >>> import numpy as np
    >>> z, _ = lemke(np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([-5.0, -6.0]))
    >>> np.round(z, 9).tolist()
    [1.333333333, 2.333333333]
    """
    N = len(q)
    if exact:
        M = np.array([[Fraction(v) for v in row] for row in np.asarray(M, dtype=object)], dtype=object)
        q = np.array([Fraction(v) for v in q], dtype=object)
        d = np.array([Fraction(1)] * N if d is None else [Fraction(v) for v in d], dtype=object)
        T = np.empty((N, 2 * N + 2), dtype=object)
        T[:, :] = Fraction(0)
        for i in range(N):
            T[i, i] = Fraction(1)
    else:
        M = np.asarray(M, dtype=np.float64)
        q = np.asarray(q, dtype=np.float64)
        d = np.ones(N) if d is None else np.asarray(d, dtype=np.float64)
        T = np.zeros((N, 2 * N + 2))
        T[:, :N] = np.eye(N)
    T[:, N : 2 * N] = -M
    T[:, 2 * N] = -d
    T[:, -1] = q
    z0 = 2 * N
    basis = list(range(N))
    T_orig = None if exact else T.copy()
    if all(v >= 0 for v in q):
        return (np.zeros(N, dtype=object) if exact else np.zeros(N)), 0

    def lexmin(rows: list[int], col: Any) -> int:
        """Row minimising (rhs, B^-1 row) / col lexicographically, among ``rows``; keys built lazily."""
        cand = rows
        for k in [-1, *range(N)]:
            vals = [T[r, k] / col[r] for r in cand]
            best = min(vals)
            if exact:
                cand = [r for r, v in zip(cand, vals, strict=True) if v == best]
            else:
                cand = [r for r, v in zip(cand, vals, strict=True) if v <= best + eps * max(1.0, abs(best))]
            if len(cand) == 1:
                break
        return cand[0]

    def pivot(r: int, c: int) -> None:
        nonlocal T
        if exact:
            prow = T[r, :] / T[r, c]
            T = T - np.outer(T[:, c], prow)
            T[r, :] = prow
        else:
            prow = T[r, :] / T[r, c]
            T -= np.outer(T[:, c], prow)
            T[r, :] = prow

    # first pivot: z0 enters at the row with the most negative q_i / d_i (lexicographically)
    rows = list(range(N))
    r = lexmin(rows, d)
    pivot(r, z0)
    leaving = basis[r]
    basis[r] = z0
    limit = max_pivots if max_pivots is not None else 100 * N * N + 1000
    pivots = 1
    while True:
        entering = leaving + N if leaving < N else leaving - N
        col = T[:, entering]
        if exact:
            rows = [i for i in range(N) if col[i] > 0]
        else:
            rows = np.nonzero(col > eps * max(1.0, float(np.abs(col).max())))[0].tolist()
        if not rows:
            raise SolverError("Lemke's algorithm ended on a ray (no complementary solution found from this start)")
        r = lexmin(rows, col)
        pivot(r, entering)
        leaving = basis[r]
        basis[r] = entering
        pivots += 1
        if T_orig is not None and pivots % _REFACTOR == 0:
            # recompute the tableau from the original data to stop rounding errors from accumulating
            T = np.linalg.solve(T_orig[:, basis], T_orig)
        if leaving == z0:
            break
        if pivots >= limit:
            raise SolverError(f"Lemke's algorithm did not finish within {limit} pivots")
    z = np.zeros(N, dtype=object) if exact else np.zeros(N)
    if exact:
        z[:] = Fraction(0)
    for i, v in enumerate(basis):
        if N <= v < 2 * N:
            z[v - N] = T[i, -1]
    return z, pivots

"""Compiled Lemke-Howson pivoting (numba); see :mod:`deterrence.core.jit`.

The same path as the numpy tableaux of :mod:`deterrence.solvers.lemke_howson`:
compact normalised tableaux (a column per nonbasic variable, the right-hand
side last), the minimum-ratio test over entries above ``eps`` with the
first row winning, ties (ratios within ``eps`` of the minimum) broken
lexicographically on the columns of the initial basis, the pivot row divided
by the pivot and the other rows updated by a rank-one step. Only the order
of floating-point operations in the update may differ from BLAS (no fused
multiply-add here), so the last bits of entries can differ.

Imported only through :func:`deterrence.core.jit.load`, which checks that
numba is available.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["follow"]

UNBOUNDED = 1
LIMIT = 2


@numba.njit(cache=True, nogil=True)
def _leaving_row(T, basis, where, lex0, j, eps, cand, piv):  # pragma: no cover - compiled
    """The row that leaves when column ``j`` enters; -1 when no entry is above ``eps``."""
    rows = T.shape[0]
    last = T.shape[1] - 1
    r = -1
    best = np.inf
    for i in range(rows):
        c = T[i, j]
        if c > eps:
            q = T[i, last] / c
            if q < best:
                best = q
                r = i
    if r < 0:
        return -1
    bound = best + eps
    k = 0
    for i in range(rows):
        c = T[i, j]
        if c > eps and T[i, last] / c <= bound:
            cand[k] = i
            piv[k] = c
            k += 1
    if k == 1:
        return r
    # lexicographic tie-break on the columns of the initial basis (unit vectors while basic)
    for lab in range(lex0, lex0 + rows):
        jj = where[lab]
        home = -1
        if jj < 0:
            for i in range(rows):
                if basis[i] == lab:
                    home = i
                    break
        vmin = np.inf
        for t in range(k):
            if jj >= 0:
                v = T[cand[t], jj] / piv[t]
            else:
                v = (1.0 if cand[t] == home else 0.0) / piv[t]
            if v < vmin:
                vmin = v
        bound = vmin + eps
        kk = 0
        for t in range(k):
            if jj >= 0:
                v = T[cand[t], jj] / piv[t]
            else:
                v = (1.0 if cand[t] == home else 0.0) / piv[t]
            if v <= bound:
                cand[kk] = cand[t]
                piv[kk] = piv[t]
                kk += 1
        k = kk
        if k == 1:
            break
    return cand[0]


@numba.njit(cache=True, nogil=True)
def _pivot(T, r, j, u):  # pragma: no cover - compiled
    """Pivot on ``T[r, j]`` in place: divide row ``r`` by the pivot, update the others, swap column ``j``."""
    rows, cols = T.shape
    for i in range(rows):
        u[i] = T[i, j]
    p = u[r]
    inv = 1.0 / p
    for k in range(cols):
        if k == j:
            continue
        w = T[r, k] / p
        for i in range(rows):
            T[i, k] -= u[i] * w
        T[r, k] = w
    for i in range(rows):
        T[i, j] = -(u[i] * inv)
    T[r, j] = inv


@numba.njit(cache=True, nogil=True)
def follow(TP, basisP, whereP, TQ, basisQ, whereQ, m, label, eps, limit):  # pragma: no cover - compiled
    """Complementary pivoting from the artificial equilibrium until ``label`` leaves a basis.

    ``TP`` holds the column player's constraints (initial basis: labels
    ``m .. m+n-1``), ``TQ`` the row player's (labels ``0 .. m-1``); ``basis``
    and ``where`` as in ``_FloatTableau``, updated in place. Returns
    ``(pivots, status)``: status 0 when ``label`` left, ``UNBOUNDED`` when a
    ratio test found no positive entry, ``LIMIT`` after ``limit`` pivots.
    """
    size = max(TP.shape[0], TQ.shape[0])
    cand = np.empty(size, dtype=np.int64)
    piv = np.empty(size)
    u = np.empty(size)
    on_p = label < m
    entering = label
    pivots = 0
    while True:
        if on_p:
            T, basis, where, lex0 = TP, basisP, whereP, m
        else:
            T, basis, where, lex0 = TQ, basisQ, whereQ, 0
        j = where[entering]
        r = _leaving_row(T, basis, where, lex0, j, eps, cand, piv)
        if r < 0:
            return pivots, UNBOUNDED
        _pivot(T, r, j, u)
        leaving = basis[r]
        basis[r] = entering
        where[leaving] = j
        where[entering] = -1
        pivots += 1
        if leaving == label:
            return pivots, 0
        if pivots >= limit:
            return pivots, LIMIT
        on_p = not on_p
        entering = leaving

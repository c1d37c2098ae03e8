"""Compiled support enumeration for one player (numba); see :mod:`deterrence.core.jit`.

The same enumeration as the numpy path of
:mod:`deterrence.solvers.support_enumeration`: for each size ``k``, each
``k``-subset ``I`` of rows (lexicographic order) and each ``k``-subset ``K``
of the columns that are not beaten on every row of ``I`` by another column
(lexicographic order), solve ``M[I, K]^T z_I = v``, ``sum z_I = 1`` and keep
the solution when it is finite, every ``z_I`` is above ``eps`` and no column
pays more than ``v + eps``.

Every system is first solved for the screens by Gaussian elimination with
partial pivoting after eliminating ``v`` (:func:`_screen_solve`, about half
the work of the whole system). The few kept candidates are solved again as
LAPACK's ``gesv`` solves them (LU factorisation of the whole system with
partial pivoting, :func:`_lu_solve`), followed by one step of iterative
refinement; their points and labels come from that solution. A pivot that is
exactly zero or a solution that is not finite makes a pair "not solvable",
as an exactly singular matrix does for LAPACK. Answers can differ from
LAPACK's in the last bits (by about the condition number times the unit
roundoff).

For each kept candidate the kernel also bounds the 2-norm condition number
from above by the Frobenius-norm one (:func:`_condition_bound`); the caller
computes the 2-norm condition number (SVD) only of the candidates whose
bound does not clear its threshold.

Imported only through :func:`deterrence.core.jit.load`, which checks that
numba is available.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["vertices"]


@numba.njit(cache=True, nogil=True)
def _next_subset(c, k, top):  # pragma: no cover - compiled
    """Advance ``c[:k]`` (indices into a list of ``top`` items) to the next ``k``-subset; False after the last."""
    i = k - 1
    while i >= 0 and c[i] == top - k + i:
        i -= 1
    if i < 0:
        return False
    c[i] += 1
    for t in range(i + 1, k):
        c[t] = c[t - 1] + 1
    return True


@numba.njit(cache=True, nogil=True)
def _partial_pivot(a, c, n, lo, hi):  # pragma: no cover - compiled
    """Partial pivoting at column ``c``: swap into row ``c`` the first row of ``c .. n-1`` with the largest
    ``|a[i, c]|`` (entries ``lo .. hi-1`` of the two rows); return that row, or -1 when the column is zero."""
    r = c
    big = abs(a[c, c])
    for i in range(c + 1, n):
        w = abs(a[i, c])
        if w > big:
            big = w
            r = i
    if big == 0.0:
        return -1
    if r != c:
        for j in range(lo, hi):
            w = a[c, j]
            a[c, j] = a[r, j]
            a[r, j] = w
    return r


@numba.njit(cache=True, nogil=True)
def _screen_solve(M, rows, cols, k, a, x):  # pragma: no cover - compiled
    """Solve ``M[rows, cols]^T z = v, sum z = 1`` into ``x[:k + 1]`` (``z`` then ``v``); False when not solvable.

    ``v`` is eliminated first (the first equation subtracted from the
    others), leaving ``k`` equations in ``z``: ``sum z = 1`` and
    ``(M[rows, cols[q]] - M[rows, cols[0]]) . z = 0`` for ``q >= 1``, whose
    determinant is that of the whole system up to sign. They are solved by
    Gaussian elimination with partial pivoting (the first largest entry of
    a column wins) and back substitution, multiplying by the reciprocals of
    the pivots; then ``v = M[rows, cols[0]] . z``. ``a`` is scratch space of
    shape at least ``(k, k + 1)``.
    """
    for p in range(k):
        a[0, p] = 1.0
    a[0, k] = 1.0
    for q in range(1, k):
        for p in range(k):
            row = rows[p]
            a[q, p] = M[row, cols[q]] - M[row, cols[0]]
        a[q, k] = 0.0
    for c in range(k):
        if _partial_pivot(a, c, k, c, k + 1) < 0:
            return False
        inv = 1.0 / a[c, c]
        a[c, c] = inv  # kept for the back substitution
        for i in range(c + 1, k):
            f = a[i, c] * inv
            for j in range(c + 1, k + 1):
                a[i, j] -= f * a[c, j]
    v = 0.0
    for c in range(k - 1, -1, -1):
        s = a[c, k]
        for j in range(c + 1, k):
            s -= a[c, j] * x[j]
        s *= a[c, c]
        if not np.isfinite(s):
            return False
        x[c] = s
        v += s * M[rows[c], cols[0]]
    if not np.isfinite(v):
        return False
    x[k] = v
    return True


@numba.njit(cache=True, nogil=True)
def _fill(M, rows, cols, k, a):  # pragma: no cover - compiled
    """Write the matrix of ``M[rows, cols]^T z = v, sum z = 1`` (unknowns ``z``, ``v``) into ``a[:k + 1, :k + 1]``."""
    for q in range(k):
        for p in range(k):
            a[q, p] = M[rows[p], cols[q]]
        a[q, k] = -1.0
    for p in range(k):
        a[k, p] = 1.0
    a[k, k] = 0.0


@numba.njit(cache=True, nogil=True)
def _lu_solve(M, rows, cols, k, a, x):  # pragma: no cover - compiled
    """Solve the whole system of :func:`_screen_solve` for the right-hand side ``x[:k + 1]``, in place.

    LU factorisation with partial pivoting (the first largest entry of a
    column wins), then forward and back substitution column by column, in
    the order of LAPACK's ``getrf`` and ``getrs``. False (``x`` then
    undefined) when a pivot is exactly zero or the solution is not finite.
    ``a`` is scratch space of shape at least ``(k + 1, k + 1)``.
    """
    n = k + 1
    _fill(M, rows, cols, k, a)
    for c in range(n):
        r = _partial_pivot(a, c, n, 0, n)
        if r < 0:
            return False
        if r != c:
            w = x[c]
            x[c] = x[r]
            x[r] = w
        inv = 1.0 / a[c, c]
        for i in range(c + 1, n):
            a[i, c] *= inv
        for i in range(c + 1, n):
            f = a[i, c]
            for j in range(c + 1, n):
                a[i, j] -= f * a[c, j]
    for c in range(n):
        w = x[c]
        for i in range(c + 1, n):
            x[i] -= w * a[i, c]
    for c in range(n - 1, -1, -1):
        w = x[c] / a[c, c]
        if not np.isfinite(w):
            return False
        x[c] = w
        for i in range(c):
            x[i] -= w * a[i, c]
    return True


@numba.njit(cache=True, nogil=True)
def _polish(M, rows, cols, k, a, x, y, r):  # pragma: no cover - compiled
    """Replace the screening solution ``x`` by the LU solution plus one step of iterative refinement.

    ``x`` is left alone when the whole system turns out not solvable
    (``y``, ``r``: scratch of length ``k + 1``).
    """
    n = k + 1
    for i in range(n):
        y[i] = 0.0
    y[k] = 1.0
    if not _lu_solve(M, rows, cols, k, a, y):
        return
    for q in range(k):  # residual of the whole system at y
        s = y[k]
        for p in range(k):
            s -= M[rows[p], cols[q]] * y[p]
        r[q] = s
    s = 1.0
    for p in range(k):
        s -= y[p]
    r[k] = s
    if _lu_solve(M, rows, cols, k, a, r):
        for i in range(n):
            y[i] += r[i]
    for i in range(n):
        x[i] = y[i]


@numba.njit(cache=True, nogil=True)
def _condition_bound(M, rows, cols, k, a):  # pragma: no cover - compiled
    """Frobenius-norm condition number of the whole system's matrix (inf when a pivot is exactly zero).

    It bounds the 2-norm condition number from above (and exceeds it by at
    most a factor ``k + 1``); the inverse comes from Gauss-Jordan
    elimination with partial pivoting. ``a`` is scratch space of shape at
    least ``(k + 1, 2 k + 2)``.
    """
    n = k + 1
    _fill(M, rows, cols, k, a)
    norm = 0.0
    for i in range(n):
        for j in range(n):
            norm += a[i, j] * a[i, j]
            a[i, n + j] = 1.0 if i == j else 0.0
    width = 2 * n
    for c in range(n):
        if _partial_pivot(a, c, n, c, width) < 0:
            return np.inf
        inv = 1.0 / a[c, c]
        for j in range(c + 1, width):
            a[c, j] *= inv
        for i in range(n):
            if i != c:
                f = a[i, c]
                for j in range(c + 1, width):
                    a[i, j] -= f * a[c, j]
    inorm = 0.0
    for i in range(n):
        for j in range(n, width):
            inorm += a[i, j] * a[i, j]
    return np.sqrt(norm * inorm)


@numba.njit(cache=True, nogil=True)
def vertices(M, prune, margin, eps, well, split):  # pragma: no cover - compiled
    """Kept candidates ``(I, K)`` of one player's matrix, with their points and tight labels.

    Parameters
    ----------
    M
        The player's payoffs, shape ``(d, e)``, entries in [-1, 1], C-contiguous float64.
    prune
        Skip a pair when some column of ``K`` is beaten on every row of
        ``I`` by another column by more than ``margin`` (the bit-mask table
        of the numpy path's ``_dominance``, built here; needs ``d <= 62``).
    margin
        The dominance margin (``_DOMINATED``).
    eps
        Tolerance of the positivity and best-reply screens and of the labels.
    well
        Condition numbers surely at most this need no SVD (``check`` False).
    split
        ``-1``, or the number of the player's own labels to move after the
        others (as for :func:`distinct`): when no candidate needs an SVD,
        only the first candidate of each label set is returned, with the
        label sets as 64-bit masks in the game's label order (at most 64
        labels).

    Returns
    -------
    tuple
        ``(count, sizes, rows, cols, z, labels, check, systems, masks)``: one entry
        per kept candidate, in order of size, then ``I``, then ``K``
        (lexicographic). ``rows[t, :k]`` and ``cols[t, :k]`` are ``I`` and
        ``K`` (``-1`` beyond ``k = sizes[t]``), ``z[t]`` the mixture (zeros
        off ``I``), ``labels[t]`` the tight labels (rows off ``I``, then
        columns paying at least ``v - eps``), ``check[t]`` True unless the
        system's Frobenius-norm condition number is at most ``well``;
        ``systems`` counts the pairs solved (all pairs not pruned, ``k = 1``
        included); ``masks`` is empty unless the candidates were reduced to
        one per label set (see ``split``).
    """
    d, e = M.shape
    kmax = min(d, e)
    # one record per kept candidate: k, I, K, z_I, the column labels as 0/1, then the check flag (a list,
    # not arrays grown in the loop: reassigning arrays inside the loop costs reference counting every step)
    records = numba.typed.List.empty_list(numba.float64[::1])
    systems = 0
    I = np.empty(kmax, dtype=np.int64)
    Kpos = np.empty(kmax, dtype=np.int64)
    K = np.empty(kmax, dtype=np.int64)
    allowed = np.empty(e, dtype=np.int64)
    # beaten[j, j']: the rows (bits) on which column j' beats column j by more than the margin
    beaten = np.zeros((e, e), dtype=np.int64)
    if prune:
        for i in range(d):
            bit = np.int64(1) << i
            for j in range(e):
                for jp in range(e):
                    if M[i, jp] > M[i, j] + margin:
                        beaten[j, jp] |= bit
    a = np.empty((kmax + 1, 2 * kmax + 2))
    x = np.empty(kmax + 1)
    y = np.empty(kmax + 1)
    r = np.empty(kmax + 1)
    for k in range(1, kmax + 1):
        for t in range(k):
            I[t] = t
        more_I = True
        while more_I:
            # the columns that some mixture over I can make a best reply
            na = 0
            if prune:
                mI = np.int64(0)
                for t in range(k):
                    mI |= np.int64(1) << I[t]
                for j in range(e):
                    dominated = False
                    for jp in range(e):
                        if beaten[j, jp] & mI == mI:
                            dominated = True
                            break
                    if not dominated:
                        allowed[na] = j
                        na += 1
            else:
                for j in range(e):
                    allowed[j] = j
                na = e
            if na >= k:
                for t in range(k):
                    Kpos[t] = t
                more_K = True
                while more_K:
                    for t in range(k):
                        K[t] = allowed[Kpos[t]]
                    systems += 1
                    keep = True
                    if k == 1:
                        x[0] = 1.0
                        x[1] = M[I[0], K[0]]
                    else:
                        keep = _screen_solve(M, I, K, k, a, x)
                        if keep:
                            for t in range(k):
                                if not x[t] > eps:
                                    keep = False
                                    break
                    if keep:
                        v = x[k]
                        for j in range(e):
                            s = 0.0
                            for t in range(k):
                                s += x[t] * M[I[t], j]
                            if not s <= v + eps:
                                keep = False
                                break
                    if keep:
                        rec = np.empty(2 + 3 * k + e)
                        rec[0] = k
                        unsure = False
                        if k > 1:
                            _polish(M, I, K, k, a, x, y, r)
                            unsure = not _condition_bound(M, I, K, k, a) <= well
                        rec[1 + 3 * k + e] = 1.0 if unsure else 0.0
                        v = x[k]
                        for t in range(k):
                            rec[1 + t] = I[t]
                            rec[1 + k + t] = K[t]
                            rec[1 + 2 * k + t] = x[t]
                        for j in range(e):
                            s = 0.0
                            for t in range(k):
                                s += x[t] * M[I[t], j]
                            rec[1 + 3 * k + j] = 1.0 if s >= v - eps else 0.0
                        records.append(rec)
                    more_K = _next_subset(Kpos, k, na)
            more_I = _next_subset(I, k, d)
    count = len(records)
    sizes = np.empty(count, dtype=np.int64)
    rows = np.full((count, kmax), -1, dtype=np.int64)
    cols = np.full((count, kmax), -1, dtype=np.int64)
    z = np.zeros((count, d))
    labels = np.ones((count, d + e), dtype=np.bool_)
    check = np.zeros(count, dtype=np.bool_)
    for t in range(count):
        rec = records[t]
        k = int(rec[0])
        sizes[t] = k
        for q in range(k):
            i = int(rec[1 + q])
            rows[t, q] = i
            cols[t, q] = int(rec[1 + k + q])
            z[t, i] = rec[1 + 2 * k + q]
            labels[t, i] = False
        for j in range(e):
            labels[t, d + j] = rec[1 + 3 * k + j] != 0.0
        check[t] = rec[1 + 3 * k + e] != 0.0
    if split < 0 or check.any():
        return count, sizes, rows, cols, z, labels, check, systems, np.zeros(0, dtype=np.uint64)
    first, masks = distinct(labels, split)
    return first.size, sizes[first], rows[first], cols[first], z[first], labels[first], check[first], systems, masks


@numba.njit(cache=True, nogil=True)
def distinct(labels, split):  # pragma: no cover - compiled
    """First occurrences of the distinct rows of a boolean label array, and those rows as 64-bit masks.

    The masks are in the game's label order: a player's own labels
    ``labels[:, :split]`` follow the others (``split = 0`` for the row
    player, whose own labels come first already; the column player's number
    of strategies for the column player). At most 64 labels.

    Returns
    -------
    tuple
        ``(first, masks)``: the indices of the first row of each distinct
        label set, in increasing order, and their masks.
    """
    count, total = labels.shape
    masks = np.zeros(count, dtype=np.uint64)
    for t in range(count):
        mask = np.uint64(0)
        for j in range(total):
            if labels[t, j]:
                g = j - split if j >= split else j + total - split
                mask |= np.uint64(1) << np.uint64(g)
        masks[t] = mask
    order = np.argsort(masks, kind="mergesort")  # stable: the first row of a group of equal masks comes first
    keep = np.zeros(count, dtype=np.bool_)
    t = 0
    while t < count:
        keep[order[t]] = True
        u = t + 1
        while u < count and masks[order[u]] == masks[order[t]]:
            u += 1
        t = u
    first = np.nonzero(keep)[0]
    return first, masks[first]

"""All Nash equilibria of a two-player game by support enumeration.

Classic support enumeration pairs supports of equal size and solves for
strategies that make the opponent indifferent; it is only correct for
nondegenerate games. The version here is degenerate-safe: it enumerates, for
each player separately, pairs ``(I, K)`` of a support ``I`` of that player and
an equally large set ``K`` of the opponent's strategies that the mixture makes
the opponent indifferent between. Every extreme point of the player's
best-response region arises from some such pair with a nonsingular system
(``|I|`` tight best-reply constraints independent of the normalisation), so
the pairs yield every vertex of the best-response polytope with its full set
of labels; completely labelled pairs of vertices are then the extreme
equilibria, as in vertex enumeration. In a nondegenerate game this solves as
many systems as classic support enumeration: ``sum_k C(m, k) C(n, k) =
C(m + n, m)`` per player.

All systems of one size are solved at once by a vectorised Gauss-Jordan
elimination with partial pivoting.

In exact mode every candidate that survives a floating-point screen with a
wide margin (1e-7 on payoffs rescaled into [1, 2]) is re-solved and checked in
exact rational arithmetic, so every reported number is exact.

References
----------
B. von Stengel (2007), "Equilibrium computation for two-player games in
strategic and extensive form", *Algorithmic Game Theory*, ch. 3, section 3.3.
N. Nisan et al. (eds.), Cambridge University Press.
"""

from __future__ import annotations

import itertools
import time
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.normal_form import NormalFormGame
from ..core.result import Result
from ._bimatrix import (
    NORMALISED_TOL,
    VertexSet,
    assemble,
    dedupe,
    fraction_solve,
    positive_float_matrices,
)
from ._common import check_two_player, resolve_tol

__all__ = ["batched_solve", "support_enumeration"]

_SCREEN_TOL = 1e-7
_SINGULAR = 1e-11
_CHUNK = 60_000


def batched_solve(M: np.ndarray, rhs: np.ndarray, singular: float = _SINGULAR) -> tuple[np.ndarray, np.ndarray]:
    """Solve many small systems ``M[k] x = rhs[k]`` at once.

    Gauss-Jordan elimination with partial pivoting, vectorised over the first
    axis. Returns ``(x, ok)``; ``ok[k]`` is False where a pivot fell below
    ``singular`` times the largest entry of ``M[k]`` (singular system).

    Examples
    --------
    >>> import numpy as np
    >>> x, ok = batched_solve(np.array([[[2., 0.], [0., 4.]], [[1., 1.], [1., 1.]]]),
    ...                       np.array([[2., 2.], [1., 1.]]))
    >>> x[0], ok
    (array([1. , 0.5]), array([ True, False]))
    """
    N, k, _ = M.shape
    aug = np.concatenate([M, rhs[:, :, None]], axis=2)
    ok = np.ones(N, dtype=bool)
    ar = np.arange(N)
    scale = np.abs(M).reshape(N, -1).max(axis=1)
    scale[scale == 0] = 1.0
    for c in range(k):
        piv = c + np.argmax(np.abs(aug[:, c:, c]), axis=1)
        rowc = aug[ar, c, :].copy()
        aug[ar, c, :] = aug[ar, piv, :]
        aug[ar, piv, :] = rowc
        p = aug[:, c, c]
        bad = np.abs(p) <= singular * scale
        ok &= ~bad
        p = np.where(bad, 1.0, p)
        aug[:, c, :] /= p[:, None]
        f = aug[:, :, c].copy()
        f[:, c] = 0.0
        aug -= f[:, :, None] * aug[:, c, None, :]
    return aug[:, :, k], ok


def _solve_many(Mat: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LAPACK solves of many bordered systems, with ill-conditioned ones flagged.

    A system counts as singular when the ratio of ``|det|`` to the product of
    its row norms (Hadamard's bound, so 1 for orthogonal rows) is below
    ``_SINGULAR``; such systems are not solved.
    """
    det = np.linalg.det(Mat)
    hadamard = np.linalg.norm(Mat, axis=2).prod(axis=1)
    ok = np.abs(det) > _SINGULAR * hadamard
    sol = np.zeros(rhs.shape)
    if ok.any():
        sol[ok] = np.linalg.solve(Mat[ok], rhs[ok][:, :, None])[:, :, 0]
    return sol, ok


def _half_vertices(M: np.ndarray, Mexact: np.ndarray | None, eps: float) -> tuple[list[Any], list[np.ndarray], int]:
    """Vertices of one player's region: mixtures ``z`` over the rows of ``M`` (shape ``(d, e)``).

    For each support ``I`` and equally large set ``K`` of opponent strategies,
    solve ``M[I, K]^T z_I = v``, ``sum z_I = 1``; keep positive solutions under
    which every column's payoff is at most ``v``. Returns points, tight-label
    arrays of length ``d + e`` and the number of systems solved.
    """
    d, e = M.shape
    exact = Mexact is not None
    points: list[Any] = []
    tight: list[np.ndarray] = []
    systems = 0
    screen = _SCREEN_TOL if exact else eps
    for k in range(1, min(d, e) + 1):
        cI = np.array(list(itertools.combinations(range(d), k)), dtype=np.intp)
        cK = np.array(list(itertools.combinations(range(e), k)), dtype=np.intp)
        step = max(1, _CHUNK // len(cK))
        for s0 in range(0, len(cI), step):
            cIb = cI[s0 : s0 + step]
            sub = M[cIb[:, None, :, None], cK[None, :, None, :]]  # (a, b, k, k): rows I, cols K
            a, b = sub.shape[:2]
            N = a * b
            systems += N
            Mat = np.empty((N, k + 1, k + 1))
            Mat[:, :k, :k] = sub.reshape(N, k, k).transpose(0, 2, 1)
            Mat[:, :k, k] = -1.0
            Mat[:, k, :k] = 1.0
            Mat[:, k, k] = 0.0
            rhs = np.zeros((N, k + 1))
            rhs[:, k] = 1.0
            sol, ok = _solve_many(Mat, rhs)
            zI, v = sol[:, :k], sol[:, k]
            good = ok & (zI > (-screen if exact else screen)).all(axis=1)
            idx = np.nonzero(good)[0]
            if idx.size == 0:
                continue
            ia, ib = np.divmod(idx, b)
            rowsI = cIb[ia]  # (g, k)
            u = np.einsum("gk,gke->ge", zI[idx], M[rowsI])
            good2 = (u <= v[idx, None] + screen).all(axis=1)
            for g in np.nonzero(good2)[0]:
                I = rowsI[g]
                if exact:
                    res = _exact_vertex(Mexact, I, cK[ib[g]])
                    if res is None:
                        continue
                    points.append(res[0])
                    tight.append(res[1])
                else:
                    z = np.zeros(d)
                    z[I] = zI[idx[g]]
                    lab = np.ones(d + e, dtype=bool)
                    lab[I] = False
                    lab[d:] = u[g] >= v[idx[g]] - eps
                    points.append(z)
                    tight.append(lab)
    return points, tight, systems


def _exact_vertex(M: np.ndarray, I: np.ndarray, K: np.ndarray) -> tuple[list[Fraction], np.ndarray] | None:
    """Exact solution and labels for support ``I`` and indifference set ``K``; None if not a vertex."""
    d, e = M.shape
    k = len(I)
    rows = [[M[i, j] for i in I] + [Fraction(-1)] for j in K]
    rows.append([Fraction(1)] * k + [Fraction(0)])
    sol = fraction_solve(rows, [Fraction(0)] * k + [Fraction(1)])
    if sol is None:
        return None
    zI, v = sol[:k], sol[k]
    if any(z <= 0 for z in zI):
        return None
    u = [sum((zI[t] * M[I[t], j] for t in range(k)), Fraction(0)) for j in range(e)]
    if any(uj > v for uj in u):
        return None
    z = [Fraction(0)] * d
    for t, i in enumerate(I):
        z[i] = zI[t]
    lab = np.ones(d + e, dtype=bool)
    lab[list(I)] = False
    lab[d:] = [uj == v for uj in u]
    return z, lab


def _relabel(tight: list[np.ndarray], row_player: bool, m: int, n: int) -> list[np.ndarray]:
    if row_player:
        return tight
    out = []
    for t in tight:
        lab = np.empty(m + n, dtype=bool)
        lab[m:] = t[:n]
        lab[:m] = t[n:]
        out.append(lab)
    return out


def support_enumeration(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> Result:
    """Every extreme Nash equilibrium of a two-player game by (degenerate-safe) support enumeration.

    Parameters
    ----------
    game
        A two-player :class:`~deterrence.NormalFormGame`.
    exact
        Return exact fractions (candidates screened in floating point, then
        solved and verified in rational arithmetic).
    tol
        Regret tolerance reported with the result (default ``1e-9`` times the
        payoff scale).

    Returns
    -------
    Result
        ``complete=True``; ``components`` lists the maximal convex sets of
        equilibria (singletons in a nondegenerate game).

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solvers.support_enumeration(dt.models.stag_hunt(), exact=True)
    >>> [eq["Row"].tolist() for eq in res]
    [[Fraction(1, 1), Fraction(0, 1)], [Fraction(2, 3), Fraction(1, 3)], [Fraction(0, 1), Fraction(1, 1)]]

    References
    ----------
    B. von Stengel (2007), "Equilibrium computation for two-player games in
    strategic and extensive form", *Algorithmic Game Theory*, ch. 3.
    """
    check_two_player(game, "support_enumeration")
    tol = resolve_tol(game, tol)
    t0 = time.perf_counter()
    m, n = game.shape
    A, B = positive_float_matrices(game)
    if exact:
        fr = game.as_fraction()
        Ae, Be = fr[0], fr[1]
    else:
        Ae = Be = None
    eps = NORMALISED_TOL
    px, tx, sx = _half_vertices(B, Be, eps)
    py, ty, sy = _half_vertices(A.T, None if Ae is None else Ae.T, eps)
    vx: VertexSet = dedupe(px, _relabel(tx, True, m, n), m, m + n, exact)
    vy: VertexSet = dedupe(py, _relabel(ty, False, m, n), n, m + n, exact)
    res = assemble(game, vx, vy, method="support_enumeration", exact=exact, tol=tol, stats={"systems": sx + sy})
    res.stats["seconds"] = time.perf_counter() - t0
    return res

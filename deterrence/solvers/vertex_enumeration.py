"""All Nash equilibria of a two-player game by vertex enumeration.

The vertices of both best-response polytopes are enumerated by pivoting: a
breadth-first search over the lexicographically feasible bases of the
simplex tableau, which visits every vertex of the lexicographically perturbed
(hence simple) polytope and so every vertex of the original one, degenerate
or not. Completely labelled vertex pairs are the extreme equilibria; they are
grouped into maximal convex sets (maximal Nash subsets).

In floating point, Qhull computes the vertices when it can certify that its
answer is complete. A polytope it cannot certify is degenerate (or badly
conditioned) within the tolerance; up to 12x12 its vertices then come from the
supports' linear systems (as support enumeration finds them), with constraints
that hold to within 1e-12 of the largest payoff counted as tight, so that ties
and linear relations broken only by rounding stay ties. Beyond that, with
``search="pivoting"``, and always in exact mode, an integer tableau is pivoted
fraction-free (each entry stays an integer multiple of the current basis
determinant, as in lrs) on the exact values of the payoffs, so no rounding
decides anything.

References
----------
B. von Stengel (2002), "Computing equilibria for two-person games", *Handbook
of Game Theory* 3, ch. 45. D. Avis and K. Fukuda (1992), "A pivoting algorithm
for convex hulls and vertex enumeration of arrangements and polyhedra",
*Discrete Comput. Geom.* 8. D. Avis, G. D. Rosenberg, R. Savani and B. von
Stengel (2010), "Enumeration of Nash equilibria for two-player games",
*Economic Theory* 42, 9-37.
"""

from __future__ import annotations

import math
import time
from collections import deque
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.normal_form import NormalFormGame
from ..core.result import Result
from ._bimatrix import (
    _BLAS_BLOCK,
    NORMALISED_TOL,
    VertexSet,
    assemble,
    dedupe,
    label_masks,
    lexmin_ratio_row,
    positive_float_matrices,
    positive_integer_matrices,
)
from ._common import check_two_player, resolve_tol
from .support_enumeration import float_vertex_set, ill_conditioned_warnings

__all__ = ["polytope_vertices", "vertex_enumeration"]

# A polytope Qhull cannot certify (degenerate within the tolerance) gets its vertices from the supports'
# linear systems, with constraints counted as tight when they hold to within _ROUNDING_TIES of the largest
# absolute payoff: differences that small are rounding (7.3 * 3 - 2 against 19.9), not payoffs, so ties
# and linear relations broken only by rounding are restored, while deliberate differences of 1e-11 and up
# still count. Only while the systems number at most _SUPPORT_FALLBACK = C(m + n, min(m, n)) (12x12:
# 2.7 million, about 0.4 s a player on the compiled kernel); above, exact pivoting on the floats' values.
_ROUNDING_TIES = 1e-12
_SUPPORT_FALLBACK = 3_000_000


def _lex_leaving_exact(T: np.ndarray, c: int, d: int, e: int) -> int:
    col = T[:, c]
    cand = [r for r in range(e) if col[r] > 0]
    if not cand:
        raise ArithmeticError("unbounded direction in a bounded polytope")
    return lexmin_ratio_row(T, col, cand, range(d, d + e))


def polytope_vertices(M: Any) -> tuple[list[Any], list[np.ndarray], int]:
    """Vertices of ``{z >= 0 : M^T z <= 1}`` for a positive integer matrix ``M`` of shape ``(d, e)``.

    Exact: the tableau stays integral (fraction-free pivoting, each entry an
    integer multiple of the basis determinant), and the lexicographic ratio
    test makes the search visit every vertex of the perturbed, simple
    polytope. Returns ``(points, tight, bases)``: the nonzero vertices
    normalised to sum to one (fractions), for each a boolean array of length
    ``d + e`` (``z_i = 0`` for the first ``d``, constraint ``j`` tight for the
    last ``e``), and the number of lexicographic bases visited. Points may
    repeat (a degenerate vertex is reached from several bases); :func:`dedupe`
    removes repeats.

    Examples
    --------
    >>> import numpy as np
    >>> points, tight, bases = polytope_vertices(np.array([[1, 0], [0, 1]], dtype=object))  # the unit square
    >>> [tuple(map(str, p)) for p in points], bases
    ([('1', '0'), ('0', '1'), ('1/2', '1/2')], 4)
    """
    d, e = M.shape
    T = np.empty((e, d + e + 1), dtype=object)
    T[:, :d] = M.T
    T[:, d : d + e] = 0
    for j in range(e):
        T[j, d + j] = 1
    T[:, -1] = 1
    start = tuple(range(d, d + e))
    seen = {sum(1 << v for v in start)}
    queue: deque[tuple[tuple[int, ...], np.ndarray, Any]] = deque([(start, T, 1)])
    points: list[Any] = []
    tight: list[np.ndarray] = []
    bases = 0
    while queue:
        basis, T, det = queue.popleft()
        bases += 1
        rhs = T[:, -1]
        z = [0] * d
        for r, v in enumerate(basis):
            if v < d:
                z[v] = rhs[r]
        zero = np.ones(d + e, dtype=bool)
        for r, v in enumerate(basis):
            zero[v] = rhs[r] == 0
        if not zero[:d].all():
            s = sum(z)
            points.append([Fraction(v, s) if v else Fraction(0) for v in z])
            tight.append(zero)
        for c in (v for v in range(d + e) if v not in basis):
            r = _lex_leaving_exact(T, c, d, e)
            nb = basis[:r] + (c,) + basis[r + 1 :]
            key = sum(1 << v for v in nb)
            if key in seen:
                continue
            seen.add(key)
            p = T[r, c]
            T2 = (T * p - np.outer(T[:, c], T[r, :])) // det
            T2[r, :] = T[r, :]
            queue.append((nb, T2, p))
    return points, tight, bases


def _rows_times(z: np.ndarray, M: np.ndarray) -> np.ndarray:
    """``z @ M`` in blocks of rows small enough for OpenBLAS to stay on the calling thread."""
    k, d = z.shape
    e = M.shape[1]
    step = max(1, _BLAS_BLOCK // max(d * e, 1))
    if k <= step:
        return z @ M
    out = np.empty((k, e))
    for r in range(0, k, step):
        np.matmul(z[r : r + step], M, out=out[r : r + step])
    return out


def qhull_vertices(M: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Vertices of ``{z >= 0 : M^T z <= 1}`` (``M`` positive, shape ``(d, e)``) by Qhull, certified.

    Qhull computes the polar convex hull; each of its facets is a vertex of
    the polytope. The tight constraints of every vertex are then recomputed
    from all ``d + e`` constraints. The answer is returned only with a
    certificate of completeness: the polytope is simple (every vertex has
    exactly ``d`` tight constraints) and the vertex set is closed under
    adjacency (every set of ``d - 1`` tight constraints of a vertex is shared
    by exactly two vertices, i.e. every edge has both ends in the set). A
    simple polytope's graph is connected, so a set closed under adjacency is
    the whole vertex set. Returns ``(points, tight)``, the nonzero vertices
    normalised to sum to one (one row each) and their tight constraints (a
    boolean row of length ``d + e`` each, as :func:`polytope_vertices`), or
    None when the certificate fails (degenerate or badly conditioned
    polytope) or Qhull fails; callers then use the supports' systems or pivot.
    """
    from scipy.spatial import ConvexHull, QhullError

    d, e = M.shape
    if d < 2 or d + e > 63:
        return None
    # constraints a.z <= b: -z_i <= 0 and M^T z <= 1; interior point c
    a = np.vstack([-np.eye(d), M.T])
    b = np.concatenate([np.zeros(d), np.ones(e)])
    c = np.full(d, 0.5 / (d * M.max()))
    slack = b - a @ c
    try:
        hull = ConvexHull(a / slack[:, None])
    except (QhullError, ValueError):
        return None
    # facet normal w with w.p + off = 0 corresponds to the vertex z = c - w / off
    eqs = hull.equations
    w, off = eqs[:, :-1], eqs[:, -1]
    if np.any(off >= 0):
        return None
    z = c[None, :] - w / off[:, None]
    eps = NORMALISED_TOL
    lhs = np.empty((len(z), d + e))  # z @ a.T: the first d constraints are -z
    np.negative(z, out=lhs[:, :d])
    lhs[:, d:] = _rows_times(z, M)
    tight = lhs >= b[None, :] - eps
    if np.any(lhs > b[None, :] + 1e3 * eps):
        return None
    masks = label_masks(tight)
    _, first = np.unique(masks, return_index=True)  # one facet per set of tight constraints
    first.sort()
    tight, z, masks = tight[first], z[first], masks[first]
    if np.any(tight.sum(axis=1) != d):
        return None  # degenerate vertex: let the lexicographic pivoting handle it
    # ridges: each vertex's mask without one of its d tight constraints; each must occur exactly twice
    weights = np.left_shift(np.uint64(1), np.arange(d + e, dtype=np.uint64))
    ridges = np.sort((masks[:, None] ^ weights[np.nonzero(tight)[1].reshape(-1, d)]).ravel())
    pairs = ridges.reshape(-1, 2) if ridges.size % 2 == 0 else None
    if pairs is None or np.any(pairs[:, 0] != pairs[:, 1]) or np.any(pairs[1:, 0] == pairs[:-1, 1]):
        return None
    keep = ~tight[:, :d].all(axis=1)  # drop the origin
    z = np.where(tight[:, :d], 0.0, z)[keep]
    z = z / z.sum(axis=1, keepdims=True)
    return z, tight[keep]


def _player_vertices(
    game: NormalFormGame,
    M_float: np.ndarray | None,
    M_int: Any,
    exact: bool,
    row_player: bool,
    search: str,
    dropped: list[int],
) -> tuple[VertexSet, str]:
    """Vertex set of one player's polytope with labels in the game's numbering, and how it was found.

    Floating point uses certified Qhull when it can. Otherwise (a polytope
    degenerate within the tolerance, or badly conditioned) the vertices come
    from the supports' systems with rounding-level ties (``_ROUNDING_TIES``)
    up to ``_SUPPORT_FALLBACK`` systems, and beyond that, or with
    ``search="pivoting"``, from pivoting in exact arithmetic on the exact
    values of the floats (float points returned). Candidates the support
    path drops as ill-conditioned are counted in ``dropped``.
    """
    m, n = game.shape
    fast = None if exact or search == "pivoting" else qhull_vertices(M_float)
    dim = m if row_player else n
    if fast is not None:
        points, tight = fast
        how = "qhull (certified simple and closed)"
        # z = x (m), constraints = columns j -> label m + j; or z = y (n) -> labels m + j, rows i -> label i
        labels = tight if row_player else np.concatenate([tight[:, n:], tight[:, :n]], axis=1)
        # one point per set of tight constraints already, in the order dedupe would keep
        return VertexSet(points, labels), how
    if not exact and search == "auto" and math.comb(m + n, min(m, n)) <= _SUPPORT_FALLBACK:
        vs, systems, drops = float_vertex_set(game, row_player, _ROUNDING_TIES)
        dropped.append(drops)
        return vs, f"support systems ({systems}; ties to {_ROUNDING_TIES:.0e})"
    points, tight, bases = polytope_vertices(M_int())
    how = f"exact lexicographic pivoting ({bases} bases)"
    if not exact:
        points = [np.array([float(v) for v in p]) for p in points]
    labels = []
    for t in tight:
        lab = np.zeros(m + n, dtype=bool)
        if row_player:  # z = x (m), constraints = columns j -> label m + j
            lab[:m] = t[:m]
            lab[m:] = t[m:]
        else:  # z = y (n) -> labels m + j ; constraints = rows i -> label i
            lab[m:] = t[:n]
            lab[:m] = t[n:]
        labels.append(lab)
    return dedupe(points, labels, dim, m + n, exact), how


def vertex_enumeration(
    game: NormalFormGame, *, exact: bool = False, tol: float | None = None, search: str = "auto"
) -> Result:
    """Every extreme Nash equilibrium of a two-player game, with its components.

    Parameters
    ----------
    game
        A two-player :class:`~deterrence.NormalFormGame`.
    exact
        Pivot in exact integer arithmetic and return fractions.
    tol
        Regret tolerance reported with the result (default ``1e-9`` times the
        payoff scale). Pivoting uses a fixed tolerance on payoffs rescaled
        into ``[1, 2]``.
    search
        How vertices are found in floating point: ``"auto"`` tries Qhull and
        keeps its answer only with a certificate of completeness (simple
        polytope, vertex set closed under adjacency); otherwise, up to
        12x12, it solves the supports' linear systems and counts constraints
        that hold to within 1e-12 of the largest payoff as tight (rounding,
        as in ``7.3 * 3 - 2`` against ``19.9``, does not break ties), and
        beyond that pivots in exact arithmetic on the exact values of the
        float payoffs. ``"pivoting"`` always pivots on the exact values.
        Exact mode always pivots.

    Returns
    -------
    Result
        ``complete=True``: the equilibria are all extreme equilibria; in a
        degenerate game ``components`` lists the maximal convex sets.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solvers.vertex_enumeration(dt.models.chicken(), exact=True)
    >>> [eq.support("USSR") for eq in res]
    [('Swerve',), ('Swerve', 'Stand'), ('Stand',)]
    >>> res[1]["USSR"]
    array([Fraction(9, 10), Fraction(1, 10)], dtype=object)

    References
    ----------
    B. von Stengel (2002), "Computing equilibria for two-person games",
    *Handbook of Game Theory* 3, ch. 45, section 6.
    """
    check_two_player(game, "vertex_enumeration")
    if search not in ("auto", "pivoting"):
        raise ValueError(f"search must be 'auto' or 'pivoting', got {search!r}")
    tol = resolve_tol(game, tol)
    t0 = time.perf_counter()
    ints: list[Any] = []

    def integer_matrices() -> tuple[Any, Any]:
        if not ints:
            ints.extend(positive_integer_matrices(game))
        return ints[0], ints[1]

    Af, Bf = (None, None) if exact else positive_float_matrices(game)
    dropped: list[int] = []
    vx, bx = _player_vertices(game, Bf, lambda: integer_matrices()[1], exact, True, search, dropped)
    vy, by = _player_vertices(
        game, None if exact else Af.T, lambda: integer_matrices()[0].T, exact, False, search, dropped
    )
    stats = {"vertex_search": (bx, by)}
    warn = ill_conditioned_warnings(sum(dropped))
    res = assemble(game, vx, vy, method="vertex_enumeration", exact=exact, tol=tol, stats=stats, extra_warnings=warn)
    res.stats["seconds"] = time.perf_counter() - t0
    return res

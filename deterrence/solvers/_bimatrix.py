"""Shared machinery for two-player (bimatrix) solvers.

Notation follows von Stengel (2007), "Equilibrium computation for two-player
games in strategic and extensive form", in *Algorithmic Game Theory*, ch. 3.
With payoff matrices made positive, the row player's best-response polytope is

    P = {x in R^m : x >= 0, B^T x <= 1}

and the column player's is ``Q = {y in R^n : y >= 0, A y <= 1}``. Labels
``0..m-1`` are the row player's strategies and ``m..m+n-1`` the column
player's. A point ``x`` of ``P`` has label ``i`` when ``x_i = 0`` and label
``m+j`` when ``(B^T x)_j = 1`` (``j`` is a best reply to ``x``). A pair
``(x, y) != (0, 0)`` is a Nash equilibrium (after normalisation) exactly when
every label appears at ``x`` or at ``y``. The extreme equilibria of any game,
degenerate or not, are the completely labelled pairs of vertices.

This module holds the vertex sets with their label sets, the matching of
vertex pairs, the grouping of extreme equilibria into maximal Nash subsets
(bicliques), and the assembly of a :class:`~deterrence.core.result.Result`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.normal_form import NormalFormGame
from ..core.profiles import MixedProfile
from ..core.result import NashComponent, Result

# Internal tolerance on normalised payoffs (every entry in [1, 2]).
NORMALISED_TOL = 1e-9

# Largest matrix product (m * n * k multiply-adds) OpenBLAS runs on the calling thread. Above it,
# it wakes its worker threads, which for one short product costs more than it saves (much more
# when the other cores are busy); products in the solvers are cut into blocks below it.
_BLAS_BLOCK = 1 << 18


def positive_float_matrices(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)`` mapped affinely (per player, positive scale) into ``[1, 2]``."""
    f = game.as_float()
    out = []
    for M, (lo, hi) in zip(f, game._float_bounds(), strict=True):
        rng = hi - lo if hi > lo else 1.0
        out.append(1.0 + (M - lo) / rng)
    return out[0], out[1]


def scaled_float_matrices(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)`` each divided by its largest absolute entry (so in ``[-1, 1]``), signs kept."""
    f = game.as_float()
    out = []
    for M, (lo, hi) in zip(f, game._float_bounds(), strict=True):
        top = max(-lo, hi)  # the largest absolute entry
        out.append(M / top if top > 0 else M.copy())
    return out[0], out[1]


def positive_integer_matrices(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)`` made positive and integral by exact positive affine maps (object arrays of ints)."""
    f = game.as_fraction()
    out = []
    for M in (f[0], f[1]):
        lo = min(M.flat)
        shifted = M - lo + 1
        den = 1
        for v in shifted.flat:
            den = den * v.denominator // math.gcd(den, v.denominator)
        ints = np.empty(M.shape, dtype=object)
        ints.flat[:] = [int(v * den) for v in shifted.flat]
        out.append(ints)
    return out[0], out[1]


@dataclass
class VertexSet:
    """Vertices of a best-response polytope, normalised to mixed strategies, with labels.

    ``points`` has one row per vertex (float64, or object Fractions when exact);
    ``labels`` is a boolean array of shape ``(k, m + n)``; ``masks``, when
    given, the same label sets as 64-bit masks (label ``l`` is bit ``l``), as
    :func:`label_masks` computes them.
    """

    points: np.ndarray
    labels: np.ndarray
    masks: np.ndarray | None = None

    def __len__(self) -> int:
        return self.points.shape[0]


def dedupe(points: list[Any], labels: list[np.ndarray], dim: int, total: int, exact: bool) -> VertexSet:
    """One entry per distinct label set (a vertex is determined by its tight constraints)."""
    labs = np.array(labels, dtype=bool).reshape(len(labels), total)
    if len(labels):
        if total <= 64:  # one 64-bit key per label set
            _, first = np.unique(label_masks(labs), return_index=True)
        else:
            _, first = np.unique(np.packbits(labs, axis=1), axis=0, return_index=True)
        first = np.sort(first)
    else:
        first = np.zeros(0, dtype=np.intp)
    if exact:
        pts = np.empty((len(first), dim), dtype=object)
        for k, i in enumerate(first):
            pts[k, :] = points[i]
    else:
        pts = np.array(points, dtype=np.float64).reshape(len(points), dim)[first]
    return VertexSet(pts, labs[first])


def label_masks(labels: np.ndarray) -> np.ndarray:
    """Label sets as uint64 bit masks (at most 64 labels)."""
    weights = np.left_shift(np.uint64(1), np.arange(labels.shape[1], dtype=np.uint64))
    return (labels.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)


def match(vx: VertexSet, vy: VertexSet, chunk: int = 4096) -> list[tuple[int, int]]:
    """All completely labelled pairs ``(ix, iy)``.

    When neither polytope is degenerate, a vertex ``x`` has exactly ``m``
    labels and its only possible partner has exactly the complementary
    labels, so partners are found by sorted lookup; otherwise every pair is
    tested (vectorised over blocks).
    """
    if len(vx) == 0 or len(vy) == 0:
        return []
    total = vx.labels.shape[1]
    if total <= 64:
        mx = vx.masks if vx.masks is not None else label_masks(vx.labels)
        my = vy.masks if vy.masks is not None else label_masks(vy.labels)
        full = np.uint64((1 << total) - 1)
        dim_x = total - vy.points.shape[1]
        simple = bool((vx.labels.sum(axis=1) == dim_x).all() and (vy.labels.sum(axis=1) == total - dim_x).all())
        if simple:
            order = np.argsort(my)
            want = full ^ mx
            pos = np.searchsorted(my[order], want)
            pos = np.minimum(pos, len(my) - 1)
            hit = my[order][pos] == want
            return [(int(a), int(order[pos[a]])) for a in np.nonzero(hit)[0]]
        pairs = []
        for start in range(0, len(vx), chunk):
            ok = (mx[start : start + chunk, None] | my[None, :]) == full
            pairs += [(start + int(a), int(b)) for a, b in zip(*np.nonzero(ok), strict=True)]
        return pairs
    full_b = np.packbits(np.ones(total, dtype=bool))
    px = np.packbits(vx.labels, axis=1)
    py = np.packbits(vy.labels, axis=1)
    pairs = []
    for start in range(0, len(vx), chunk):
        ok = ((px[start : start + chunk, None, :] | py[None, :, :]) == full_b).all(axis=2)
        pairs += [(start + int(a), int(b)) for a, b in zip(*np.nonzero(ok), strict=True)]
    return pairs


def maximal_bicliques(pairs: list[tuple[int, int]]) -> list[tuple[frozenset[int], frozenset[int]]]:
    """Maximal bicliques of the bipartite graph of extreme equilibria.

    Each maximal biclique ``(X', Y')`` is a maximal Nash subset ``conv X' x conv Y'``
    (Avis, Rosenberg, Savani and von Stengel 2010, Theorem 2). The Y-sides of
    maximal bicliques are the non-empty intersections of neighbourhoods of
    X-vertices, generated here by closing under intersection.
    """
    nbr_x: dict[int, frozenset[int]] = {}
    nbr_y: dict[int, set[int]] = {}
    for a, b in pairs:
        nbr_x.setdefault(a, frozenset())
        nbr_x[a] = nbr_x[a] | {b}
        nbr_y.setdefault(b, set()).add(a)
    intents: set[frozenset[int]] = set()
    stack = list(set(nbr_x.values()))
    while stack:
        ys = stack.pop()
        if ys in intents:
            continue
        intents.add(ys)
        for nb in nbr_x.values():
            inter = ys & nb
            if inter and inter not in intents:
                stack.append(inter)
    out = []
    for ys in intents:
        xs = frozenset.intersection(*(frozenset(nbr_y[y]) for y in ys))
        # closed: ys must equal the common neighbourhood of xs
        common = frozenset.intersection(*(nbr_x[x] for x in xs))
        if common == ys:
            out.append((xs, ys))
    out.sort(key=lambda c: (min(c[0]), min(c[1]), -len(c[0]), -len(c[1])))
    return out


def _order(vx: VertexSet, vy: VertexSet, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs in the order equilibria are listed: probabilities descending, compared to 9 decimals first.

    Rounding first keeps the order the same when two solvers (or exact and
    floating mode) compute the same equilibria with different last bits; the
    raw values only break ties between equilibria equal to 9 decimals.
    """
    if len(pairs) < 2:
        return list(pairs)
    # plain Python on a handful of short rows: cheaper than the numpy calls a vectorised sort would make
    keys = []
    for a, b in pairs:
        raw = [float(v) for v in vx.points[a]] + [float(v) for v in vy.points[b]]
        keys.append(([-round(v, 9) for v in raw], [-v for v in raw]))
    return [pairs[t] for t in sorted(range(len(pairs)), key=keys.__getitem__)]


def assemble(
    game: NormalFormGame,
    vx: VertexSet,
    vy: VertexSet,
    *,
    method: str,
    exact: bool,
    tol: float,
    stats: dict[str, Any],
    extra_warnings: list[str] | None = None,
) -> Result:
    """Match vertex pairs, group components, build profiles and the Result."""
    m, n = game.shape
    pairs = _order(vx, vy, match(vx, vy))
    index = {p: k for k, p in enumerate(pairs)}
    profiles = []
    for a, b in pairs:
        profiles.append(MixedProfile._from_solver(game, [vx.points[a], vy.points[b]], exact))
    matching = len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs})
    if matching:  # as in every nondegenerate game: each pair is a maximal biclique, and its own component
        cliques = [(frozenset((a,)), frozenset((b,))) for a, b in sorted(pairs)]
    else:
        cliques = maximal_bicliques(pairs)
    # connected components of the union of cliques (they overlap in extreme strategies)
    parent = list(range(len(cliques)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(0 if matching else len(cliques)):
        for j in range(i):
            if cliques[i][0] & cliques[j][0] or cliques[i][1] & cliques[j][1]:
                parent[find(i)] = find(j)
    roots: dict[int, int] = {}
    components = []
    for k, (xs, ys) in enumerate(cliques):
        conn = roots.setdefault(find(k), len(roots))
        eqs = tuple(sorted(index[(a, b)] for a in xs for b in ys))
        strategies = (
            tuple(vx.points[a] for a in sorted(xs)),
            tuple(vy.points[b] for b in sorted(ys)),
        )
        components.append(NashComponent(equilibria=eqs, strategies=strategies, connected=conn))
    warnings = list(extra_warnings or [])
    deg_x = vx.labels.sum(axis=1) > m if len(vx) else np.zeros(0, bool)
    deg_y = vy.labels.sum(axis=1) > n if len(vy) else np.zeros(0, bool)
    degenerate = bool(deg_x.any() or deg_y.any())
    if degenerate:
        who, pts, lab, dim = (
            (game.players[0], vx.points, vx.labels, m) if deg_x.any() else (game.players[1], vy.points, vy.labels, n)
        )
        k = int(np.nonzero(deg_x if deg_x.any() else deg_y)[0][0])
        supp = int(sum(1 for v in pts[k] if v != 0))
        nbr = int(lab[k].sum()) - (dim - supp)
        warnings.append(
            f"degenerate game: a mixed strategy of {who} with support size {supp} has {nbr} pure best replies; "
            "all extreme equilibria are listed and grouped into maximal convex sets (components)"
        )
    if any(len(c.equilibria) > 1 for c in components):
        big = sum(1 for c in components if len(c.equilibria) > 1)
        warnings.append(
            f"{big} component(s) contain infinitely many equilibria: every convex combination of a "
            "component's extreme strategies is an equilibrium"
        )
    stats = dict(stats)
    stats.update(
        vertices=(len(vx), len(vy)), extreme_equilibria=len(pairs), components=len(components), degenerate=degenerate
    )
    return Result.build(
        game,
        profiles,
        concept="nash",
        method=method,
        complete=True,
        exact=exact,
        tol=0.0 if exact else tol,
        warnings=warnings,
        stats=stats,
        components=components,
    )


# ----------------------------------------------------------------------- exact linear algebra
def lexmin_ratio_row(T: np.ndarray, col: np.ndarray, cand: list[int], lex_cols: Any) -> int:
    """The row of ``cand`` that wins the lexicographic minimum-ratio test, in exact arithmetic.

    Rows are compared on ``T[r, -1] / col[r]`` (right-hand side), then on
    ``T[r, k] / col[r]`` for each ``k`` of ``lex_cols`` in turn, by cross
    multiplication (``col[r] > 0`` for every candidate), so no fraction is
    formed and nondegenerate ties are broken as the perturbed problem would.
    """
    for k in [-1, *lex_cols]:
        best = None
        keep: list[int] = []
        for r in cand:
            num, den = T[r, k], col[r]
            if best is None:
                best, keep = (num, den), [r]
                continue
            lhs, rhs = num * best[1], best[0] * den
            if lhs < rhs:
                best, keep = (num, den), [r]
            elif lhs == rhs:
                keep.append(r)
        cand = keep
        if len(cand) == 1:
            break
    return cand[0]


def fraction_solve(M: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a small square system exactly (Gauss-Jordan); None when singular."""
    k = len(M)
    a = [list(row) + [r] for row, r in zip(M, rhs, strict=True)]
    for c in range(k):
        piv = next((r for r in range(c, k) if a[r][c] != 0), None)
        if piv is None:
            return None
        a[c], a[piv] = a[piv], a[c]
        p = a[c][c]
        rowc = [v / p for v in a[c]]
        a[c] = rowc
        for r in range(k):
            if r != c and a[r][c] != 0:
                f = a[r][c]
                a[r] = [v - f * w for v, w in zip(a[r], rowc, strict=True)]
    return [a[r][k] for r in range(k)]

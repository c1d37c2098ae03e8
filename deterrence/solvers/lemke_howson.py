"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

Complementary pivoting on the two best-response polytopes (von Stengel's
tableau formulation). The minimum-ratio test is lexicographic, so degenerate
games cannot make the path cycle. Floating-point tableaux are kept normalised
(each pivot row is divided by its pivot); ``exact=True`` pivots integer
tableaux fraction-free, so the answer is exact.

Every answer is re-checked: the regret of the returned profile is measured,
and a floating-point answer is polished by re-solving the indifference
equations on its supports.

References
----------
C. E. Lemke and J. T. Howson (1964), "Equilibrium points of bimatrix games",
*SIAM J. Applied Mathematics* 12, 413-423. B. von Stengel (2007),
"Equilibrium computation for two-player games in strategic and extensive
form", *Algorithmic Game Theory*, ch. 3, section 3.4.
"""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import SolverError
from ..core.normal_form import NormalFormGame
from ..core.profiles import MixedProfile
from ..core.result import Result
from ._bimatrix import NORMALISED_TOL, positive_float_matrices, positive_integer_matrices
from ._common import check_two_player, resolve_tol
from .support_enumeration import batched_solve

__all__ = ["lemke_howson", "lemke_howson_path"]


class _Tableau:
    """A simplex tableau whose column index is the label of the variable."""

    def __init__(self, T: np.ndarray, basis: list[int], lex_cols: range, exact: bool) -> None:
        self.T = T
        self.basis = basis
        self.lex_cols = lex_cols
        self.exact = exact
        self.det = 1

    def leaving_row(self, c: int, eps: float) -> int:
        T = self.T
        col = T[:, c]
        if self.exact:
            cand = [r for r in range(T.shape[0]) if col[r] > 0]
            if not cand:
                raise SolverError("Lemke-Howson: unbounded ray (payoffs not positive)")
            for k in [-1, *self.lex_cols]:
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
        rows = np.nonzero(col > eps)[0]
        if rows.size == 0:
            raise SolverError("Lemke-Howson: unbounded ray (numerical breakdown)")
        ratios = T[rows, -1] / col[rows]
        cand = rows[ratios <= ratios.min() + eps]
        it = iter(self.lex_cols)
        while cand.size > 1:
            k = next(it)
            vals = T[cand, k] / col[cand]
            cand = cand[vals <= vals.min() + eps]
        return int(cand[0])

    def pivot(self, r: int, c: int) -> int:
        """Pivot ``c`` into the basis at row ``r``; returns the label that left."""
        T = self.T
        if self.exact:
            p = T[r, c]
            T2 = (T * p - np.outer(T[:, c], T[r, :])) // self.det
            T2[r, :] = T[r, :]
            self.T = T2
            self.det = p
        else:
            prow = T[r, :] / T[r, c]
            T -= np.outer(T[:, c], prow)
            T[r, :] = prow
        leaving = self.basis[r]
        self.basis[r] = c
        return leaving

    def values(self, labels: range) -> list[Any]:
        """Values of the variables with the given labels (0 when nonbasic)."""
        out: list[Any] = [0] * len(labels)
        start = labels.start
        for r, v in enumerate(self.basis):
            if v in labels:
                out[v - start] = self.T[r, -1]
        return out


def lemke_howson_path(
    A: np.ndarray, B: np.ndarray, label: int, *, exact: bool = False, max_pivots: int | None = None
) -> tuple[list[Any], list[Any], int]:
    """Follow the Lemke-Howson path that drops ``label`` on positive matrices ``A``, ``B``.

    Returns the unnormalised ``x``, ``y`` at the end of the path and the
    number of pivots.
    """
    m, n = A.shape
    if exact:
        TP = np.empty((n, m + n + 1), dtype=object)
        TP[:, :m] = B.T
        TP[:, m:] = 0
        TQ = np.empty((m, m + n + 1), dtype=object)
        TQ[:, m : m + n] = A
        TQ[:, :m] = 0
        for j in range(n):
            TP[j, m + j] = 1
        for i in range(m):
            TQ[i, i] = 1
        TP[:, -1] = 1
        TQ[:, -1] = 1
    else:
        TP = np.zeros((n, m + n + 1))
        TP[:, :m] = B.T
        TP[:, m : m + n] = np.eye(n)
        TP[:, -1] = 1.0
        TQ = np.zeros((m, m + n + 1))
        TQ[:, :m] = np.eye(m)
        TQ[:, m : m + n] = A
        TQ[:, -1] = 1.0
    P = _Tableau(TP, list(range(m, m + n)), range(m, m + n), exact)
    Q = _Tableau(TQ, list(range(m)), range(m), exact)
    limit = max_pivots if max_pivots is not None else 50 * (m + n) ** 2 + 1000
    tab, other = (P, Q) if label < m else (Q, P)
    entering = label
    pivots = 0
    eps = NORMALISED_TOL
    while True:
        r = tab.leaving_row(entering, eps)
        leaving = tab.pivot(r, entering)
        pivots += 1
        if leaving == label:
            break
        if pivots >= limit:
            raise SolverError(f"Lemke-Howson did not terminate within {limit} pivots")
        tab, other = other, tab
        entering = leaving
    x = P.values(range(m))
    y = Q.values(range(m, m + n))
    return x, y, pivots


def _normalise(v: list[Any], exact: bool) -> Any:
    if exact:
        s = sum(v)
        return [Fraction(a, s) if a else Fraction(0) for a in v]
    a = np.maximum(np.asarray(v, dtype=float), 0.0)
    return a / a.sum()


def _polish(game: NormalFormGame, x: np.ndarray, y: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Re-solve the indifference equations on the supports of ``(x, y)``."""
    A, B = game.as_float()
    out = []
    for z, M in ((x, B), (y, A.T)):  # z mixes rows of M; makes the opponent indifferent on its support
        I = np.nonzero(z > tol)[0]
        other_support = np.nonzero((z @ M) >= (z @ M).max() - 1e3 * tol)[0]
        K = other_support[: len(I)]
        if len(K) != len(I):
            out.append(z)
            continue
        k = len(I)
        Mat = np.empty((1, k + 1, k + 1))
        Mat[0, :k, :k] = M[np.ix_(I, K)].T
        Mat[0, :k, k] = -1.0
        Mat[0, k, :k] = 1.0
        Mat[0, k, k] = 0.0
        rhs = np.zeros((1, k + 1))
        rhs[0, k] = 1.0
        sol, ok = batched_solve(Mat, rhs)
        if not ok[0] or (sol[0, :k] < 0).any():
            out.append(z)
            continue
        zz = np.zeros_like(z)
        zz[I] = sol[0, :k]
        out.append(zz)
    return out[0], out[1]


def _one(game: NormalFormGame, mats: tuple[Any, Any], label: int, exact: bool, tol: float) -> tuple[MixedProfile, int]:
    x, y, piv = lemke_howson_path(mats[0], mats[1], label, exact=exact)
    xs, ys = _normalise(x, exact), _normalise(y, exact)
    prof = MixedProfile(game, [xs, ys], exact=exact)
    if not exact and prof.max_regret > tol:
        px, py = _polish(game, xs, ys, tol)
        cand = MixedProfile(game, [px, py], exact=False)
        if cand.max_regret < prof.max_regret:
            prof = cand
    return prof, piv


def lemke_howson(
    game: NormalFormGame,
    *,
    label: int | str | None = 0,
    exact: bool = False,
    tol: float | None = None,
) -> Result:
    """Nash equilibria of a two-player game by Lemke-Howson.

    Parameters
    ----------
    game
        A two-player :class:`~deterrence.NormalFormGame`.
    label
        The label dropped at the start: an integer in ``0 .. m+n-1`` (row
        strategies first, then column strategies), or a strategy label given
        as ``"player:strategy"``. ``None`` runs from every label and returns
        the distinct equilibria found.
    exact
        Pivot in exact integer arithmetic and return fractions.
    tol
        Regret tolerance (default ``1e-9`` times the payoff scale).

    Returns
    -------
    Result
        ``complete=False`` (Lemke-Howson finds some equilibria, not all).

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solvers.lemke_howson(dt.models.battle_of_the_sexes(), label=None, exact=True)
    >>> sorted(tuple(eq["Row"]) for eq in res)
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1))]

    References
    ----------
    C. E. Lemke and J. T. Howson (1964), "Equilibrium points of bimatrix
    games", *SIAM J. Applied Mathematics* 12, 413-423.
    """
    check_two_player(game, "lemke_howson")
    tol = resolve_tol(game, tol)
    m, n = game.shape
    labels = list(range(m + n)) if label is None else [_label_index(game, label)]
    t0 = time.perf_counter()
    mats = positive_integer_matrices(game) if exact else positive_float_matrices(game)
    found: list[MixedProfile] = []
    keys: set[Any] = set()
    pivots = []
    for lab in labels:
        prof, piv = _one(game, mats, lab, exact, tol)
        pivots.append(piv)
        key = (
            tuple(tuple(v for v in a) for a in prof.probabilities)
            if exact
            else tuple(tuple(np.round(np.asarray(a, float), 9)) for a in prof.probabilities)
        )
        if key not in keys:
            keys.add(key)
            found.append(prof)
    warnings = ["Lemke-Howson finds some equilibria, not necessarily all; use method='vertex' for all"]
    bad = [k for k, p in enumerate(found) if p.max_regret > tol]
    if bad:
        warnings.append(f"{len(bad)} profile(s) exceed the regret tolerance {tol:.1e}; see max_regret")
    return Result.build(
        game,
        found,
        concept="nash",
        method="lemke_howson",
        complete=False,
        exact=exact,
        tol=0.0 if exact else tol,
        warnings=warnings,
        stats={"seconds": time.perf_counter() - t0, "labels": labels, "pivots": pivots},
    )


def _label_index(game: NormalFormGame, label: int | str) -> int:
    m, n = game.shape
    if isinstance(label, str):
        if ":" not in label:
            raise ValueError(f"label {label!r}: give an integer or 'player:strategy'")
        who, strat = label.split(":", 1)
        i = game.player_index(who.strip())
        s = game.strategy_index(i, strat.strip())
        return s if i == 0 else m + s
    if isinstance(label, bool) or not isinstance(label, int | np.integer) or not 0 <= label < m + n:
        raise ValueError(f"label must be an integer in 0..{m + n - 1}, got {label!r}")
    return int(label)

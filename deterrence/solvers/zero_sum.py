"""Two-player zero-sum games by linear programming (HiGHS through scipy)."""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

from ..core.errors import SolverError, UnsupportedGameError
from ..core.normal_form import NormalFormGame
from ..core.profiles import MixedProfile
from ..core.result import Result
from ._bimatrix import fraction_solve
from ._common import check_two_player, resolve_tol

__all__ = ["maximin", "zero_sum_lp"]


def maximin(A: np.ndarray) -> tuple[np.ndarray, float]:
    from scipy.optimize import linprog  # imported on use: scipy.optimize takes ~0.3 s to import

    """The row player's maximin mixed strategy and the value of the zero-sum game ``A``.

    Solves ``max v  s.t.  A^T x >= v, sum x = 1, x >= 0`` with HiGHS.

    Examples
    --------
    >>> import numpy as np
    >>> x, v = maximin(np.array([[1.0, -1.0], [-1.0, 1.0]]))
    >>> np.round(x, 6).tolist(), round(v, 9)
    ([0.5, 0.5], 0.0)
    """
    m, n = A.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0  # maximise v
    A_ub = np.hstack([-A.T, np.ones((n, 1))])  # v - (A^T x)_j <= 0
    b_ub = np.zeros(n)
    A_eq = np.zeros((1, m + 1))
    A_eq[0, :m] = 1.0
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
    if res.status != 0:
        raise SolverError(f"HiGHS failed on the maximin LP: {res.message}")
    x = np.maximum(res.x[:m], 0.0)
    return x / x.sum(), float(res.x[-1]) + 0.0  # + 0.0 turns -0.0 into 0.0


def _exact_from_support(game: NormalFormGame, x: np.ndarray, y: np.ndarray) -> MixedProfile | None:
    """Recover the exact equilibrium on the supports of a floating LP answer, or None."""
    A = game.as_fraction()[0]
    m, n = A.shape
    I = [i for i in range(m) if x[i] > 1e-9]
    J = [j for j in range(n) if y[j] > 1e-9]
    if len(I) != len(J):
        return None
    k = len(I)
    # x_I makes the column player indifferent over J: sum_i x_i A[i, j] = v for j in J
    rows = [[A[i, j] for i in I] + [Fraction(-1)] for j in J] + [[Fraction(1)] * k + [Fraction(0)]]
    sx = fraction_solve(rows, [Fraction(0)] * k + [Fraction(1)])
    rows = [[A[i, j] for j in J] + [Fraction(-1)] for i in I] + [[Fraction(1)] * k + [Fraction(0)]]
    sy = fraction_solve(rows, [Fraction(0)] * k + [Fraction(1)])
    if sx is None or sy is None or any(v < 0 for v in sx[:k] + sy[:k]):
        return None
    xe = [Fraction(0)] * m
    ye = [Fraction(0)] * n
    for t, i in enumerate(I):
        xe[i] = sx[t]
    for t, j in enumerate(J):
        ye[j] = sy[t]
    prof = MixedProfile(game, [xe, ye], exact=True)
    return prof if prof.max_regret == 0 else None


def zero_sum_lp(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> Result:
    """One equilibrium (optimal strategies) of a two-player zero-sum game by linear programming.

    The set of equilibria of a zero-sum game is the product of the two
    players' sets of optimal strategies and all share the game's value; the
    LP returns one vertex of it.

    Parameters
    ----------
    game
        A two-player game with ``A + B = 0`` (checked).
    exact
        Recover the exact equilibrium from the LP's supports; if that fails
        (a degenerate game), fall back to exact vertex enumeration.
    tol
        Regret tolerance (default ``1e-9`` times the payoff scale).

    Returns
    -------
    Result
        ``complete=False``; ``stats["value"]`` holds the value of the game.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = zero_sum_lp(dt.models.matching_pennies(), exact=True)
    >>> res[0]["Matcher"].tolist(), res.stats["value"]
    ([Fraction(1, 2), Fraction(1, 2)], Fraction(0, 1))

    References
    ----------
    J. von Neumann (1928), "Zur Theorie der Gesellschaftsspiele",
    *Mathematische Annalen* 100; G. B. Dantzig (1951), "A proof of the
    equivalence of the programming problem and the game problem".
    """
    check_two_player(game, "zero_sum_lp")
    if not game.is_zero_sum():
        raise UnsupportedGameError("zero_sum_lp needs a zero-sum game (A + B = 0 at every cell)")
    tol = resolve_tol(game, tol)
    t0 = time.perf_counter()
    A = game.as_float()[0]
    x, v = maximin(A)
    y, _ = maximin(-A.T)
    warnings = ["the LP returns one equilibrium; a zero-sum game's equilibria form a convex set with one value"]
    if exact:
        prof = _exact_from_support(game, x, y)
        if prof is None:
            from .vertex_enumeration import vertex_enumeration

            full = vertex_enumeration(game, exact=True)
            prof = full.equilibria[0]
            warnings.append("exact answer taken from exact vertex enumeration (the LP support was degenerate)")
        value = prof.payoffs()[0]
    else:
        prof = MixedProfile(game, [x, y], exact=False)
        value = v
    return Result.build(
        game,
        [prof],
        concept="nash",
        method="zero_sum_lp",
        complete=False,
        exact=exact,
        tol=0.0 if exact else tol,
        warnings=warnings,
        stats={"seconds": time.perf_counter() - t0, "value": value},
    )

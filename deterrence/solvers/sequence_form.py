"""Nash equilibria of two-player extensive games in behaviour strategies, via the sequence form.

``sequence_form_lcp``: the linear complementarity problem of Koller, Megiddo
and von Stengel, solved by Lemke's algorithm; it never builds the
(exponential) normal form. ``sequence_form_lp``: zero-sum games as one linear
program (HiGHS), with the value of the game.

References
----------
D. Koller, N. Megiddo and B. von Stengel (1996), "Efficient computation of
equilibria for extensive two-person games", *Games and Economic Behavior*
14, 247-259. B. von Stengel (1996), "Efficient computation of behavior
strategies", *Games and Economic Behavior* 14, 220-246.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from ..core.errors import SolverError, UnsupportedGameError
from ..core.extensive import ExtensiveGame
from ..core.result import Result
from ..core.sequence_form import sequence_form
from .lemke import lemke

__all__ = ["sequence_form_lcp", "sequence_form_lp"]


def _check(game: Any, what: str) -> ExtensiveGame:
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"{what} needs an ExtensiveGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise UnsupportedGameError(f"{what} needs a two-player game; this game has {game.n_players} players")
    game.require_perfect_recall(what)
    return game


def sequence_form_lcp(game: ExtensiveGame, *, exact: bool = False, tol: float | None = None) -> Result:
    """One Nash equilibrium in behaviour strategies by Lemke's algorithm on the sequence form.

    Parameters
    ----------
    game
        A two-player :class:`~deterrence.ExtensiveGame` with perfect recall.
    exact
        Pivot in rational arithmetic (small games).
    tol
        Regret tolerance (default ``1e-9`` times the payoff scale).

    Returns
    -------
    Result
        One equilibrium (``complete=False``), its regret measured.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("E", "I"), Decision("E", {
    ...     "Out": Leaf((0, 2)), "In": Decision("I", {"F": Leaf((-1, -1)), "A": Leaf((1, 1))})}))
    >>> res = sequence_form_lcp(g, exact=True)
    >>> res[0].is_nash(), res.max_regret
    (True, Fraction(0, 1))
    """
    _check(game, "sequence_form_lcp")
    t0 = time.perf_counter()
    sf = sequence_form(game, exact=exact)
    one = 1 if not exact else sf.R.flat[0] * 0 + 1
    pay = game.leaf_payoffs_fraction() if exact else game.leaf_payoffs_float()
    # shift payoffs so that every leaf pays each player at most -1: A, B <= 0 (equilibria unchanged)
    A = sf.A - (max(pay[:, 0]) + one) * sf.R
    B = sf.B - (max(pay[:, 1]) + one) * sf.R
    s1, s2 = A.shape
    r1, r2 = sf.E.shape[0], sf.F.shape[0]
    N = s1 + s2 + 2 * r1 + 2 * r2
    dtype = object if exact else np.float64
    zero = 0 * one
    M = np.full((N, N), zero, dtype=dtype)
    q = np.full(N, zero, dtype=dtype)
    ix, iy = slice(0, s1), slice(s1, s1 + s2)
    ip1, ip2 = slice(s1 + s2, s1 + s2 + r1), slice(s1 + s2 + r1, s1 + s2 + 2 * r1)
    iq1 = slice(s1 + s2 + 2 * r1, s1 + s2 + 2 * r1 + r2)
    iq2 = slice(s1 + s2 + 2 * r1 + r2, N)
    M[ix, iy] = -A
    M[ix, ip1] = sf.E.T
    M[ix, ip2] = -sf.E.T
    M[iy, ix] = -B.T
    M[iy, iq1] = sf.F.T
    M[iy, iq2] = -sf.F.T
    M[ip1, ix] = -sf.E
    M[ip2, ix] = sf.E
    M[iq1, iy] = -sf.F
    M[iq2, iy] = sf.F
    q[ip1] = sf.e
    q[ip2] = -sf.e
    q[iq1] = sf.f
    q[iq2] = -sf.f
    z, pivots = lemke(M, q, exact=exact)
    prof = sf.to_behavior(z[ix], z[iy])
    tol_v = 0.0 if exact else (tol if tol is not None else game.default_tol())
    warnings = ["Lemke's algorithm finds one equilibrium, not all"]
    if prof.max_regret > tol_v:
        warnings.append(f"the equilibrium found has regret {float(prof.max_regret):.3g} above the tolerance")
    return Result.build(
        game,
        [prof],
        concept="nash",
        method="sequence_form_lcp",
        complete=False,
        exact=exact,
        tol=tol_v,
        warnings=warnings,
        stats={"seconds": time.perf_counter() - t0, "pivots": pivots, "sequences": (s1, s2), "lcp_size": N},
    )


def _lp(cost: np.ndarray, A_ub: Any, b_ub: np.ndarray, A_eq: Any, b_eq: np.ndarray, bounds: list[Any]) -> np.ndarray:
    res = linprog(cost, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        raise SolverError(f"HiGHS failed on the sequence-form LP: {res.message}")
    return res.x


def sequence_form_lp(game: ExtensiveGame, *, tol: float | None = None) -> Result:
    """Optimal behaviour strategies of a two-player zero-sum extensive game by linear programming.

    Solves ``max f^T q  s.t.  F^T q <= A^T x, E x = e, x >= 0`` (and the
    mirror LP for the other player) with HiGHS on sparse matrices.

    Returns
    -------
    Result
        One equilibrium; ``stats["value"]`` is the value of the game to player 1.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("A", "B"), Decision("A", {
    ...     "H": Decision("B", {"h": Leaf((1, -1)), "t": Leaf((-1, 1))}, infoset="b"),
    ...     "T": Decision("B", {"h": Leaf((-1, 1)), "t": Leaf((1, -1))}, infoset="b")}))
    >>> res = sequence_form_lp(g)
    >>> round(res.stats["value"], 9), [round(float(v), 9) for v in res[0]["b"]]
    (0.0, [0.5, 0.5])
    """
    _check(game, "sequence_form_lp")
    pay = game.leaf_payoffs_float()
    if np.abs(pay.sum(axis=1)).max() > game.default_tol():
        raise UnsupportedGameError("sequence_form_lp needs a zero-sum game (payoffs sum to 0 at every leaf)")
    t0 = time.perf_counter()
    sf = sequence_form(game)
    A = sparse.csr_matrix(sf.A)
    E, F = sparse.csr_matrix(sf.E), sparse.csr_matrix(sf.F)
    s1, s2 = sf.A.shape
    r1, r2 = sf.E.shape[0], sf.F.shape[0]
    # player 1: variables (x, q); maximise f.q  s.t. F^T q - A^T x <= 0, E x = e
    cost = np.concatenate([np.zeros(s1), -sf.f])
    sol = _lp(
        cost,
        sparse.hstack([-A.T, F.T]).tocsr(),
        np.zeros(s2),
        sparse.hstack([E, sparse.csr_matrix((r1, r2))]).tocsr(),
        sf.e,
        [(0, None)] * s1 + [(None, None)] * r2,
    )
    x, value = sol[:s1], float(sf.f @ sol[s1:])
    # player 2: variables (y, p); minimise e.p  s.t. A y - E^T p <= 0, F y = f
    cost = np.concatenate([np.zeros(s2), sf.e])
    sol = _lp(
        cost,
        sparse.hstack([A, -E.T]).tocsr(),
        np.zeros(s1),
        sparse.hstack([F, sparse.csr_matrix((r2, r1))]).tocsr(),
        sf.f,
        [(0, None)] * s2 + [(None, None)] * r1,
    )
    y = sol[:s2]
    prof = sf.to_behavior(np.maximum(x, 0.0), np.maximum(y, 0.0))
    tol_v = tol if tol is not None else game.default_tol()
    warnings = ["the LP returns one equilibrium; all equilibria of a zero-sum game share its value"]
    if prof.max_regret > tol_v:
        warnings.append(f"the equilibrium found has regret {float(prof.max_regret):.3g} above the tolerance")
    return Result.build(
        game,
        [prof],
        concept="nash",
        method="sequence_form_lp",
        complete=False,
        exact=False,
        tol=tol_v,
        warnings=warnings,
        stats={"seconds": time.perf_counter() - t0, "value": value + 0.0, "sequences": (s1, s2)},
    )

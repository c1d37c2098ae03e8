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

import dataclasses
import time
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import SolverError, UnsupportedGameError
from ..core.extensive import ExtensiveGame
from ..core.result import Result
from ..core.sequence_form import sequence_form
from ..core.threads import single_threaded_blas

__all__ = ["sequence_form_lcp", "sequence_form_lp", "sequence_form_milp"]


def _check(game: Any, what: str) -> ExtensiveGame:
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"{what} needs an ExtensiveGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise UnsupportedGameError(f"{what} needs a two-player game; this game has {game.n_players} players")
    game.require_perfect_recall(what)
    return game


def _one_equilibrium(
    game: ExtensiveGame, prof: Any, method: str, exact: bool, tol: float | None, note: str, stats: dict[str, Any]
) -> Result:
    """The Result of a solver that finds one equilibrium, with a warning when its measured regret exceeds tol.

    The regret is measured once, by ``Result.build``.
    """
    tol_v = 0.0 if exact else (tol if tol is not None else game.default_tol())
    res = Result.build(
        game,
        [prof],
        concept="nash",
        method=method,
        complete=False,
        exact=exact,
        tol=tol_v,
        warnings=[note],
        stats=stats,
    )
    if res.max_regret > tol_v:
        warning = f"the equilibrium found has regret {float(res.max_regret):.3g} above the tolerance"
        res = dataclasses.replace(res, warnings=(*res.warnings, warning))
    return res


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
    N = s1 + s2 + sf.E.shape[0] + sf.F.shape[0]
    with single_threaded_blas():  # hundreds of small solves: threads only add waiting
        x, y, pivots, start_used = _lemke_with_restarts(sf, A, B, exact, N)
    prof = sf.to_behavior(x, y)
    stats = {
        "seconds": time.perf_counter() - t0,
        "pivots": pivots,
        "sequences": (s1, s2),
        "lcp_rows": N,
        "start": start_used,
    }
    return _one_equilibrium(
        game, prof, "sequence_form_lcp", exact, tol, "Lemke's algorithm finds one equilibrium, not all", stats
    )


def _lp(cost: np.ndarray, A_ub: Any, b_ub: np.ndarray, A_eq: Any, b_eq: np.ndarray, bounds: list[Any]) -> Any:
    from scipy.optimize import linprog  # scipy.optimize and scipy.sparse are imported on use (~0.3 s)

    res = linprog(cost, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        raise SolverError(f"HiGHS failed on the sequence-form LP: {res.message}")
    return res


def sequence_form_lp(game: ExtensiveGame, *, tol: float | None = None) -> Result:
    """Optimal behaviour strategies of a two-player zero-sum extensive game by linear programming.

    Solves ``max f^T q  s.t.  F^T q <= A^T x, E x = e, x >= 0`` with HiGHS
    on sparse matrices. Player 2's strategy is the dual solution of that LP
    (the multipliers of its inequalities form an optimal realization plan,
    von Stengel 1996), so one LP is solved; the mirror LP for player 2 is
    solved only if the measured regret of that profile exceeds the tolerance.

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
    from scipy import sparse

    _check(game, "sequence_form_lp")
    pay = game.leaf_payoffs_float()
    if np.abs(pay.sum(axis=1)).max() > game.default_tol():
        raise UnsupportedGameError("sequence_form_lp needs a zero-sum game (payoffs sum to 0 at every leaf)")
    t0 = time.perf_counter()
    sf = sequence_form(game)
    s1, s2 = sf.A.shape
    r1, r2 = sf.E.shape[0], sf.F.shape[0]
    # player 1: variables (x, q); maximise f.q  s.t. F^T q - A^T x <= 0, E x = e
    # (the blocks are joined densely, then converted once: cheaper than sparse hstacks on small games)
    sol = _lp(
        np.concatenate([np.zeros(s1), -sf.f]),
        sparse.csr_matrix(np.hstack([-sf.A.T, sf.F.T])),
        np.zeros(s2),
        sparse.csr_matrix(np.hstack([sf.E, np.zeros((r1, r2))])),
        sf.e,
        [(0, None)] * s1 + [(None, None)] * r2,
    )
    x, value = sol.x[:s1], float(sf.f @ sol.x[s1:])
    # player 2: the multipliers of the s2 inequalities (HiGHS reports them <= 0 for a minimisation)
    y = -sol.ineqlin.marginals
    note = "the LP returns one equilibrium; all equilibria of a zero-sum game share its value"
    stats = {"seconds": time.perf_counter() - t0, "value": value + 0.0, "sequences": (s1, s2), "lps": 1}
    res = _one_equilibrium(
        game, sf.to_behavior(np.maximum(x, 0.0), np.maximum(y, 0.0)), "sequence_form_lp", False, tol, note, stats
    )
    if res.max_regret <= res.tol:
        return res
    # fallback: player 2's own LP, variables (y, p); minimise e.p  s.t. A y - E^T p <= 0, F y = f
    sol = _lp(
        np.concatenate([np.zeros(s2), sf.e]),
        sparse.csr_matrix(np.hstack([sf.A, -sf.E.T])),
        np.zeros(s1),
        sparse.csr_matrix(np.hstack([sf.F, np.zeros((r2, r1))])),
        sf.f,
        [(0, None)] * s2 + [(None, None)] * r1,
    )
    y = sol.x[:s2]
    stats = {**stats, "seconds": time.perf_counter() - t0, "lps": 2}
    prof = sf.to_behavior(np.maximum(x, 0.0), np.maximum(y, 0.0))
    return _one_equilibrium(game, prof, "sequence_form_lp", False, tol, note, stats)


def sequence_form_milp(game: ExtensiveGame, *, tol: float | None = None, time_limit: float | None = None) -> Result:
    """One Nash equilibrium in behaviour strategies as a mixed-integer program on the sequence form (HiGHS).

    Each sequence either carries no probability or is a best reply (its
    regret slack is zero); a binary variable per sequence chooses which, with
    the regret slack bounded by the payoff range. The equilibrium found is
    then polished by a linear program with the chosen supports fixed, and its
    regret is measured.

    References
    ----------
    T. Sandholm, A. Gilpin and V. Conitzer (2005), "Mixed-integer programming
    methods for finding Nash equilibria", *AAAI-05*, 495-501; D. Koller,
    N. Megiddo and B. von Stengel (1996), *Games and Economic Behavior* 14.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = sequence_form_milp(dt.models.kuhn_poker())
    >>> round(float(res[0].payoffs()[0]), 9) == round(-1 / 18, 9)
    True
    """
    from scipy import sparse
    from scipy.optimize import LinearConstraint, milp

    _check(game, "sequence_form_milp")
    t0 = time.perf_counter()
    sf = sequence_form(game)
    pay = game.leaf_payoffs_float()
    s1, s2 = sf.A.shape
    r1, r2 = sf.E.shape[0], sf.F.shape[0]
    U = [max(0.0, float(pay[:, i].max())) - min(0.0, float(pay[:, i].min())) + 1.0 for i in range(2)]
    # variable blocks: x | y | p | q | b1 | b2
    o = np.cumsum([0, s1, s2, r1, r2, s1, s2])
    nv = int(o[-1])
    A, B = sparse.csr_matrix(sf.A), sparse.csr_matrix(sf.B)
    E, F = sparse.csr_matrix(sf.E), sparse.csr_matrix(sf.F)

    def block(rows: int, parts: dict[int, Any]) -> sparse.csr_matrix:
        cols = []
        for k in range(6):
            width = int(o[k + 1] - o[k])
            cols.append(parts.get(k, sparse.csr_matrix((rows, width))))
        return sparse.hstack(cols).tocsr()

    I1, I2 = sparse.identity(s1, format="csr"), sparse.identity(s2, format="csr")
    cons = [
        LinearConstraint(block(r1, {0: E}), sf.e, sf.e),
        LinearConstraint(block(r2, {1: F}), sf.f, sf.f),
        # regret slacks E^T p - A y >= 0 and <= U1 b1
        LinearConstraint(block(s1, {1: -A, 2: E.T}), 0, np.inf),
        LinearConstraint(block(s1, {1: -A, 2: E.T, 4: -U[0] * I1}), -np.inf, 0),
        LinearConstraint(block(s2, {0: -B.T, 3: F.T}), 0, np.inf),
        LinearConstraint(block(s2, {0: -B.T, 3: F.T, 5: -U[1] * I2}), -np.inf, 0),
        # x <= 1 - b1, y <= 1 - b2
        LinearConstraint(block(s1, {0: I1, 4: I1}), -np.inf, 1),
        LinearConstraint(block(s2, {1: I2, 5: I2}), -np.inf, 1),
    ]
    lb = np.concatenate([np.zeros(s1 + s2), np.full(r1 + r2, -np.inf), np.zeros(s1 + s2)])
    ub = np.concatenate([np.ones(s1 + s2), np.full(r1 + r2, np.inf), np.ones(s1 + s2)])
    integrality = np.concatenate([np.zeros(s1 + s2 + r1 + r2), np.ones(s1 + s2)])
    from scipy.optimize import Bounds

    options = {"time_limit": time_limit} if time_limit else {}
    res = milp(np.zeros(nv), constraints=cons, integrality=integrality, bounds=Bounds(lb, ub), options=options)
    if res.x is None:
        raise SolverError(f"HiGHS found no solution of the sequence-form MILP: {res.message}")
    x, y = res.x[: o[1]], res.x[o[1] : o[2]]
    b1, b2 = res.x[o[4] : o[5]] > 0.5, res.x[o[5] :] > 0.5
    polished = _polish_supports(sf, b1, b2)
    if polished is not None:
        x, y = polished
    prof = sf.to_behavior(np.maximum(x, 0.0), np.maximum(y, 0.0))
    stats = {
        "seconds": time.perf_counter() - t0,
        "sequences": (s1, s2),
        "nodes": getattr(res, "mip_node_count", None),
    }
    note = "the mixed-integer program finds one equilibrium, not all"
    return _one_equilibrium(game, prof, "sequence_form_milp", False, tol, note, stats)


def _polish_supports(sf: Any, off1: np.ndarray, off2: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Re-solve with supports fixed: sequences marked off carry 0, the others have zero regret slack (an LP)."""
    s1, s2 = sf.A.shape
    r1, r2 = sf.E.shape[0], sf.F.shape[0]
    A, B = sf.A, sf.B
    from scipy.optimize import linprog

    # equalities: E x = e, F y = f, (E^T p - A y)_on = 0, (F^T q - B^T x)_on = 0; x_off = 0, y_off = 0
    rows, rhs = [], []

    def add(coef_x: Any, coef_y: Any, coef_p: Any, coef_q: Any, b: Any) -> None:
        rows.append(np.hstack([coef_x, coef_y, coef_p, coef_q]))
        rhs.append(b)

    add(sf.E, np.zeros((r1, s2)), np.zeros((r1, r1)), np.zeros((r1, r2)), sf.e)
    add(np.zeros((r2, s1)), sf.F, np.zeros((r2, r1)), np.zeros((r2, r2)), sf.f)
    on1, on2 = ~off1, ~off2
    add(np.zeros((on1.sum(), s1)), -A[on1], sf.E.T[on1], np.zeros((on1.sum(), r2)), np.zeros(on1.sum()))
    add(-B.T[on2], np.zeros((on2.sum(), s2)), np.zeros((on2.sum(), r1)), sf.F.T[on2], np.zeros(on2.sum()))
    A_eq = np.vstack(rows)
    b_eq = np.concatenate(rhs)
    # inequalities: regret slacks of all sequences >= 0
    A_ub = np.vstack(
        [
            np.hstack([np.zeros((s1, s1)), A, -sf.E.T, np.zeros((s1, r2))]),
            np.hstack([B.T, np.zeros((s2, s2)), np.zeros((s2, r1)), -sf.F.T]),
        ]
    )
    bounds = [(0, 0) if o else (0, None) for o in off1] + [(0, 0) if o else (0, None) for o in off2]
    bounds += [(None, None)] * (r1 + r2)
    res = linprog(
        np.zeros(s1 + s2 + r1 + r2),
        A_ub=A_ub,
        b_ub=np.zeros(s1 + s2),
        A_eq=A_eq,
        b_eq=b_eq,
        bounds=bounds,
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    if res.status != 0:
        return None
    return res.x[:s1], res.x[s1 : s1 + s2]


def _starts(game: ExtensiveGame) -> list[tuple[str, dict[int, int]]]:
    """Starting plans for Lemke, cheapest first: best replies to uniform play, first actions, last actions."""
    from ..core.behavior import BehaviorProfile

    uniform = BehaviorProfile.uniform(game) if game.kind != "symbolic" else None
    reply: dict[int, int] = {}
    if uniform is not None:
        values = uniform.node_values()
        for player in range(game.n_players):
            _, choice = uniform._best_response_value(player, 0, values)
            reply.update(choice)
    return [
        ("best replies to uniform play", reply),
        ("first actions", {}),
        ("last actions", {i.index: len(i.actions) - 1 for i in game.infosets}),
    ]


def _lemke_with_restarts(sf: Any, A: Any, B: Any, exact: bool, N: int) -> tuple[Any, Any, int, str]:
    """Run Lemke from several starting plans with a pivot budget each; the last start runs to the end.

    Path lengths from different starts differ by orders of magnitude on some games; every path
    that ends gives an equilibrium, so trying cheap budgets first only saves time.
    """
    starts = _starts(sf.game)
    total = 0
    for name, start in starts[:-1]:
        try:
            x, y, piv = _mixed_lemke(sf, A, B, exact, max_pivots=20 * N + 200, start=start)
            return x, y, total + piv, name
        except SolverError as exc:
            if "did not finish" not in str(exc):
                raise
            total += 20 * N + 200
    name, start = starts[-1]
    x, y, piv = _mixed_lemke(sf, A, B, exact, max_pivots=1000 * N + 10_000, start=start)
    return x, y, total + piv, name


def _mixed_lemke(
    sf: Any, A: np.ndarray, B: np.ndarray, exact: bool, max_pivots: int, start: dict[int, int] | None = None
) -> tuple[Any, Any, int]:
    """Lemke's algorithm on the sequence-form LCP with the free variables kept basic.

    Unknowns: realisation plans ``x, y >= 0`` with ``E x = e``, ``F y = f``; free
    ``p, q``; slacks ``w_x = E^T p - A y >= 0`` complementary to ``x`` and
    ``w_y = F^T q - B^T x >= 0`` complementary to ``y`` (``A, B < 0``). The start is
    the pair of plans that take every information set's first action: its
    sequences are made basic in the equality rows and ``p, q`` in their slack
    rows, which gives a complementary basis; an artificial ``z0`` raises every
    other slack by the same amount until all are feasible, then complementary
    pivoting (lexicographic ratio test, free rows never leave) runs until
    ``z0`` leaves. Equality constraints hold exactly all along.
    """
    s1, s2 = A.shape
    r1, r2 = sf.E.shape[0], sf.F.shape[0]
    X, Y = 0, s1
    P, Q = s1 + s2, s1 + s2 + r1
    WX, WY = P + r1 + r2, P + r1 + r2 + s1
    AE, AF = WY + s2, WY + s2 + r1
    Z0 = AF + r2
    V = Z0 + 1
    R = s1 + s2 + r1 + r2
    dtype = object if exact else np.float64
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    T = np.full((R, V + 1), zero, dtype=dtype)
    # rows 0..s1-1: w_x + A y - E^T p = 0
    T[:s1, Y : Y + s2] = A
    T[:s1, P : P + r1] = -sf.E.T
    # rows s1..s1+s2-1: w_y + B^T x - F^T q = 0
    T[s1 : s1 + s2, X : X + s1] = B.T
    T[s1 : s1 + s2, Q : Q + r2] = -sf.F.T
    # equality rows: a_E + E x = e, a_F + F y = f
    T[s1 + s2 : s1 + s2 + r1, X : X + s1] = sf.E
    T[s1 + s2 + r1 :, Y : Y + s2] = sf.F
    for i in range(s1):
        T[i, WX + i] = one
    for j in range(s2):
        T[s1 + j, WY + j] = one
    for k in range(r1):
        T[s1 + s2 + k, AE + k] = one
    for k in range(r2):
        T[s1 + s2 + r1 + k, AF + k] = one
    T[s1 + s2 : s1 + s2 + r1, -1] = sf.e
    T[s1 + s2 + r1 :, -1] = sf.f
    T_orig = T.copy()
    basis = list(range(WX, WX + s1)) + list(range(WY, WY + s2)) + list(range(AE, AE + r1)) + list(range(AF, AF + r2))

    def pivot(r: int, c: int) -> int:
        nonlocal T
        prow = T[r, :] / T[r, c]
        if exact:
            T = T - np.outer(T[:, c], prow)
        else:
            T -= np.outer(T[:, c], prow)
        T[r, :] = prow
        leaving = basis[r]
        basis[r] = c
        return leaving

    # phase 0: the first-action plans and their infoset values
    row_of = {v: r for r, v in enumerate(basis)}
    for player, (seq_off, w_off, a_off, p_off) in enumerate(((X, WX, AE, P), (Y, WY, AF, Q))):
        idx = sf.seq_index(player)
        mine = [i for i in sf.game.infosets if i.player == player]
        start = start or {}
        firsts = [(0, idx[None])] + [
            (k + 1, idx[(info.index, start.get(info.index, 0))]) for k, info in enumerate(mine)
        ]
        for row_k, seq in firsts:  # preorder: parents first
            pivot(row_of[a_off + row_k], seq_off + seq)
        for row_k, seq in reversed(firsts):  # children first
            r = basis.index(w_off + seq)
            if T[r, p_off + row_k] == 0:
                raise SolverError("sequence-form start: singular pivot (please report)")
            pivot(r, p_off + row_k)
    basis0 = list(basis)
    free = set(range(P, P + r1 + r2))
    slack = set(range(WX, WX + s1 + s2))
    # z0 raises every basic slack at the same rate (a covering vector in the start basis)
    col = np.array([-one if v in slack else zero for v in basis], dtype=dtype)
    T[:, Z0] = col
    T_orig[:, Z0] = T_orig[:, basis] @ col if not exact else np.dot(T_orig[:, basis], col)
    eps = 1e-9

    def lexmin(rows: Any, c: int) -> int:
        colv = T[:, c]
        if not exact:
            rows = np.asarray(rows)
            ratios = T[rows, -1] / colv[rows]
            best = ratios.min()
            rows = rows[ratios <= best + eps * max(1.0, abs(best))]
            if len(rows) == 1:
                return int(rows[0])
        cand = list(rows)
        for k in [-1, *basis0]:
            vals = [T[r, k] / colv[r] for r in cand]
            best = min(vals)
            if exact:
                cand = [r for r, v in zip(cand, vals, strict=True) if v == best]
            else:
                cand = [r for r, v in zip(cand, vals, strict=True) if v <= best + eps * max(1.0, abs(best))]
            if len(cand) == 1:
                break
        return cand[0]

    def sign_rows(c: int) -> Any:
        colv = T[:, c]
        constrained = np.array([v not in free for v in basis])
        if exact:
            return [r for r in range(R) if constrained[r] and colv[r] > 0]
        big = max(1.0, float(np.abs(colv).max()))
        return np.nonzero(constrained & (colv > eps * big))[0]

    rhs = T[:, -1]
    neg = [r for r in range(R) if basis[r] in slack and (rhs[r] < 0 if exact else rhs[r] < -eps)]
    pivots = 0
    if neg:
        # the first step: z0 rises until the most negative slack reaches zero
        r = min(neg, key=lambda i: rhs[i])
        leaving = pivot(r, Z0)
        pivots = 1
        while True:
            if WX <= leaving < WX + s1:
                entering = X + (leaving - WX)
            elif WY <= leaving < WY + s2:
                entering = Y + (leaving - WY)
            elif X <= leaving < X + s1:
                entering = WX + (leaving - X)
            elif Y <= leaving < Y + s2:
                entering = WY + (leaving - Y)
            else:
                raise SolverError(f"sequence-form Lemke: unexpected leaving variable {leaving}")
            rows = sign_rows(entering)
            if len(rows) == 0:
                raise SolverError("sequence-form Lemke ended on a ray (please report the game)")
            r = lexmin(rows, entering)
            leaving = pivot(r, entering)
            pivots += 1
            if leaving == Z0:
                break
            if pivots >= max_pivots:
                raise SolverError(f"sequence-form Lemke did not finish within {max_pivots} pivots")
            if not exact and pivots % 25 == 0:
                T = np.linalg.solve(T_orig[:, basis], T_orig)
    x = np.full(s1, zero, dtype=dtype)
    y = np.full(s2, zero, dtype=dtype)
    for r, v in enumerate(basis):
        if X <= v < X + s1:
            x[v - X] = T[r, -1]
        elif Y <= v < Y + s2:
            y[v - Y] = T[r, -1]
    return x, y, pivots

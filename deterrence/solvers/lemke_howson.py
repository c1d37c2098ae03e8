"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

Complementary pivoting on the two best-response polytopes (von Stengel's
tableau formulation). The minimum-ratio test is lexicographic, so degenerate
games cannot make the path cycle. Floating-point tableaux are compact (a
column per nonbasic variable only) and kept normalised (each pivot row is
divided by its pivot); the rank-one update of a pivot is one in-place BLAS
call on the calling thread. ``exact=True`` pivots integer tableaux
fraction-free, so the answer is exact.

Every answer is re-checked: the regret of the returned profile is measured,
and a floating-point answer over the tolerance is polished by re-solving the
indifference equations on its supports (the polished profile is kept when its
regret is lower).

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

from ..core import jit
from ..core.errors import SolverError
from ..core.normal_form import NormalFormGame
from ..core.profiles import MixedProfile
from ..core.result import Result
from ._bimatrix import _BLAS_BLOCK, NORMALISED_TOL, lexmin_ratio_row, positive_integer_matrices
from ._common import check_two_player, resolve_tol
from .support_enumeration import batched_solve

__all__ = ["lemke_howson", "lemke_howson_path"]


class _Tableau:
    """An exact (fraction-free integer) simplex tableau whose column index is the label of the variable."""

    def __init__(self, T: np.ndarray, basis: list[int], lex_cols: range) -> None:
        self.T = T
        self.basis = basis
        self.lex_cols = lex_cols
        self.det = 1

    def leaving_row(self, c: int, eps: float) -> int:
        T = self.T
        col = T[:, c]
        cand = [r for r in range(T.shape[0]) if col[r] > 0]
        if not cand:
            raise SolverError("Lemke-Howson: unbounded ray (payoffs not positive)")
        return lexmin_ratio_row(T, col, cand, self.lex_cols)

    def pivot(self, r: int, c: int) -> int:
        """Pivot ``c`` into the basis at row ``r``; returns the label that left."""
        T = self.T
        p = T[r, c]
        T2 = (T * p - np.outer(T[:, c], T[r, :])) // self.det
        T2[r, :] = T[r, :]
        self.T = T2
        self.det = p
        leaving = self.basis[r]
        self.basis[r] = c
        return leaving

    def step(self, c: int, eps: float) -> int:
        """Pivot ``c`` into the basis at the row of the ratio test; returns the label that left."""
        return self.pivot(self.leaving_row(c, eps), c)

    def values(self, labels: range) -> list[Any]:
        """Values of the variables with the given labels (0 when nonbasic)."""
        out: list[Any] = [0] * len(labels)
        start = labels.start
        for r, v in enumerate(self.basis):
            if v in labels:
                out[v - start] = self.T[r, -1]
        return out


# The rank-one update of a pivot is cut into BLAS calls of at most _BLAS_BLOCK entries (see _bimatrix):
# pivots are many and short, and waking BLAS worker threads for each of them costs more than it saves.
_dgemm: Any = None  # scipy.linalg.blas.dgemm, imported by the first _FloatTableau


class _FloatTableau:
    """A floating-point simplex tableau in compact form, kept normalised.

    Only the nonbasic variables have a column (the basic ones are unit
    vectors, which the full tableau would carry along unchanged); the last
    column is the right-hand side. ``basis[r]`` is the label of the variable
    basic in row ``r`` and ``where[label]`` the column of a nonbasic label
    (-1 when basic). Every pivot divides the pivot row by the pivot element,
    exactly as the full tableau does, and the rank-one update of the other
    rows runs in place in BLAS (a single-threaded ``dgemm``) on the column-major array.

    The lexicographic ratio test uses the columns of the initial basis
    (``lex``), read from the tableau when nonbasic and as unit vectors when
    basic, so it breaks ties as the full tableau would.
    """

    def __init__(
        self,
        M: np.ndarray,
        first_label: int,
        basic: range,
        total: int,
        *,
        affine: bool = False,
        bounds: tuple[float, float] | None = None,
    ) -> None:
        rows, cols = M.shape
        T = np.empty((rows, cols + 1), order="F")
        if affine:  # map M into [1, 2], as positive_float_matrices does; ``bounds`` = (M.min(), M.max())
            blk = T[:, :cols]
            lo, hi = bounds if bounds is not None else (float(M.min()), float(M.max()))
            np.subtract(M, lo, out=blk)
            blk /= hi - lo if hi > lo else 1.0
            blk += 1.0
        else:
            T[:, :cols] = M
        T[:, cols] = 1.0
        self.T = T
        global _dgemm
        if _dgemm is None:  # scipy.linalg on first use: importing it costs ~0.2 s, and the compiled path needs none
            from scipy.linalg.blas import dgemm as _dgemm
        self._ratios = np.empty(rows)
        step = max(1, _BLAS_BLOCK // max(rows, 1))
        self._blocks = [slice(s, s + step) for s in range(0, cols + 1, step)]
        # views and buffers reused by every pivot (T is only ever updated in place)
        self._rhs = T[:, cols]
        self._u = np.empty((rows, 1))
        self._u1 = self._u[:, 0]
        self._w = np.empty((1, cols + 1))
        self.basis = list(basic)
        self.where = [-1] * total
        for j in range(cols):
            self.where[first_label + j] = j
        self.lex = basic

    def step(self, c: int, eps: float) -> int:
        """Pivot ``c`` into the basis at the row of the ratio test; returns the label that left.

        :meth:`leaving_row` then :meth:`pivot`, with the common case (a single
        minimum ratio, one BLAS block) inlined: pivots are many and short.
        """
        where = self.where
        j = where[c]
        T = self.T
        col = T[:, j]
        ratios = self._ratios
        np.divide(self._rhs, col, out=ratios)  # the caller silences division warnings
        ratios[col <= eps] = np.inf
        r = int(ratios.argmin())
        # anything unusual (no positive entry, a NaN, a tie, several BLAS blocks): the full ratio test
        if not col[r] > eps or len(self._blocks) != 1 or np.count_nonzero(ratios <= ratios[r] + eps) != 1:
            return self.pivot(self.leaving_row(c, eps), c)
        u = self._u
        u1 = self._u1
        u1[...] = col
        p = float(u1[r])
        inv = 1.0 / p
        w = self._w
        row = T[r : r + 1]
        np.divide(row, p, out=w)
        # Column j becomes -u / p: zero it and let the rank-one update write 0 - u * (1 / p) there,
        # as ``pivot`` writes u * (-1 / p) (the same number: negation is exact).
        col.fill(0.0)
        w[0, j] = inv
        out = _dgemm(-1.0, u, w, beta=1.0, c=T, overwrite_c=1)
        if out is not T:
            T[...] = out
        row[...] = w
        basis = self.basis
        leaving = basis[r]
        basis[r] = c
        where[leaving] = j
        where[c] = -1
        return leaving

    def leaving_row(self, c: int, eps: float) -> int:
        T = self.T
        col = T[:, self.where[c]]
        ok = col > eps
        ratios = self._ratios
        ratios.fill(np.inf)
        np.divide(self._rhs, col, out=ratios, where=ok)
        r = int(ratios.argmin())
        if not ok[r]:
            raise SolverError("Lemke-Howson: unbounded ray (numerical breakdown)")
        tie = ratios <= ratios[r] + eps
        if np.count_nonzero(tie) == 1:
            return r
        cand = np.flatnonzero(tie)
        piv = col[cand]
        for lab in self.lex:
            j = self.where[lab]
            if j >= 0:
                vals = T[cand, j] / piv
            else:  # basic: a unit vector with its 1 in the row of ``lab``
                vals = (cand == self.basis.index(lab)) / piv
            keep = vals <= vals.min() + eps
            cand, piv = cand[keep], piv[keep]
            if cand.size == 1:
                break
        return int(cand[0])

    def pivot(self, r: int, c: int) -> int:
        """Pivot ``c`` into the basis at row ``r``; returns the label that left."""
        T = self.T
        j = self.where[c]
        u = self._u  # the pivot column, copied (as a column vector)
        u1 = self._u1
        u1[...] = T[:, j]
        p = float(u1[r])
        w = self._w  # the pivot row divided by the pivot (as a row vector)
        row = T[r : r + 1]
        np.divide(row, p, out=w)
        if len(self._blocks) == 1:  # T -= u w, in place (T is column-major)
            out = _dgemm(-1.0, u, w, beta=1.0, c=T, overwrite_c=1)
            if out is not T:
                T[...] = out
        else:
            for sl in self._blocks:
                blk = T[:, sl]
                out = _dgemm(-1.0, u, w[:, sl], beta=1.0, c=blk, overwrite_c=1)
                if out is not blk:
                    blk[...] = out
        inv = 1.0 / p
        np.multiply(u1, -inv, out=T[:, j])  # the leaving variable's column (a unit vector before the pivot)
        row[...] = w
        T[r, j] = inv
        leaving = self.basis[r]
        self.basis[r] = c
        self.where[leaving] = j
        self.where[c] = -1
        return leaving

    def values(self, labels: range) -> list[float]:
        """Values of the variables with the given labels (0 when nonbasic)."""
        out = [0.0] * len(labels)
        rhs = self.T[:, -1]
        start = labels.start
        for r, v in enumerate(self.basis):
            if v in labels:
                out[v - start] = float(rhs[r])
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
        return _follow(
            _Tableau(TP, list(range(m, m + n)), range(m, m + n)),
            _Tableau(TQ, list(range(m)), range(m)),
            m,
            n,
            label,
            max_pivots,
        )
    return _follow(*_float_tableaux(A, B, affine=False), m, n, label, max_pivots)


def _float_tableaux(
    A: np.ndarray, B: np.ndarray, *, affine: bool, bounds: tuple[tuple[float, float], ...] | None = None
) -> tuple[_FloatTableau, _FloatTableau]:
    """The two initial floating-point tableaux; ``affine`` first maps each matrix into [1, 2].

    ``bounds``: the smallest and largest entries of ``A`` and of ``B``, when known.
    """
    m, n = A.shape
    bA, bB = bounds if bounds is not None else (None, None)
    # P: rows are the column player's best-reply constraints (slacks m..m+n-1 basic), x nonbasic;
    # Q: rows are the row player's constraints (slacks 0..m-1 basic), y (labels m..m+n-1) nonbasic.
    P = _FloatTableau(np.asarray(B, dtype=np.float64).T, 0, range(m, m + n), m + n, affine=affine, bounds=bB)
    Q = _FloatTableau(np.asarray(A, dtype=np.float64), m, range(m), m + n, affine=affine, bounds=bA)
    return P, Q


def _follow(P: Any, Q: Any, m: int, n: int, label: int, max_pivots: int | None) -> tuple[list[Any], list[Any], int]:
    """Complementary pivoting from the artificial equilibrium until ``label`` leaves a basis."""
    limit = max_pivots if max_pivots is not None else 50 * (m + n) ** 2 + 1000
    if isinstance(P, _FloatTableau) and isinstance(Q, _FloatTableau):
        kernel = jit.load("solvers._lh_kernel")
        if kernel is not None:
            return _follow_compiled(kernel, P, Q, m, label, limit)
    tab, other = (P, Q) if label < m else (Q, P)
    entering = label
    pivots = 0
    eps = NORMALISED_TOL
    with np.errstate(divide="ignore", invalid="ignore"):  # once for the path, not at every pivot
        while True:
            leaving = tab.step(entering, eps)
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


def _follow_compiled(
    kernel: Any, P: _FloatTableau, Q: _FloatTableau, m: int, label: int, limit: int
) -> tuple[list[float], list[float], int]:
    """:func:`_follow` on the compiled kernel (:mod:`._lh_kernel`): the same pivots, each in one compiled step."""
    basis_p, where_p = np.array(P.basis, dtype=np.int64), np.array(P.where, dtype=np.int64)
    basis_q, where_q = np.array(Q.basis, dtype=np.int64), np.array(Q.where, dtype=np.int64)
    pivots, status = kernel.follow(P.T, basis_p, where_p, Q.T, basis_q, where_q, m, label, NORMALISED_TOL, limit)
    if status == kernel.UNBOUNDED:
        raise SolverError("Lemke-Howson: unbounded ray (numerical breakdown)")
    if status == kernel.LIMIT:
        raise SolverError(f"Lemke-Howson did not terminate within {limit} pivots")
    P.basis, P.where = basis_p.tolist(), where_p.tolist()
    Q.basis, Q.where = basis_q.tolist(), where_q.tolist()
    n = P.T.shape[0]  # P has a row per column strategy
    return P.values(range(m)), Q.values(range(m, m + n)), int(pivots)


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


def _endpoint(game: NormalFormGame, mats: tuple[Any, Any], label: int, exact: bool) -> tuple[MixedProfile, int]:
    """The normalised profile at the end of the path that drops ``label``, and the number of pivots."""
    if exact:
        x, y, piv = lemke_howson_path(mats[0], mats[1], label, exact=True)
    else:  # mats are the game's own float matrices, mapped into [1, 2] as the tableaux are built
        m, n = mats[0].shape
        tabs = _float_tableaux(mats[0], mats[1], affine=True, bounds=game._float_bounds())
        x, y, piv = _follow(*tabs, m, n, label, None)
    return MixedProfile._from_solver(game, [_normalise(x, exact), _normalise(y, exact)], exact), piv


def _polished(game: NormalFormGame, prof: MixedProfile, tol: float) -> MixedProfile:
    """``prof``, or its polished version when ``prof`` is over the tolerance and polishing lowers its regret."""
    if prof.exact or prof.max_regret <= tol:
        return prof
    xs, ys = (np.asarray(a, dtype=float) for a in prof.probabilities)
    px, py = _polish(game, xs, ys, tol)
    cand = MixedProfile(game, [px, py], exact=False)
    return cand if cand.max_regret < prof.max_regret else prof


def _key(prof: MixedProfile, exact: bool) -> Any:
    if exact:
        return tuple(tuple(v for v in a) for a in prof.probabilities)
    return tuple(tuple(np.round(np.asarray(a, float), 9)) for a in prof.probabilities)


def _distinct(profiles: list[MixedProfile], exact: bool) -> list[MixedProfile]:
    """The profiles in order, each equilibrium once (floats compared to 9 decimals)."""
    if len(profiles) == 1:
        return list(profiles)
    keys: set[Any] = set()
    found = []
    for prof in profiles:
        key = _key(prof, exact)
        if key not in keys:
            keys.add(key)
            found.append(prof)
    return found


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
    mats = positive_integer_matrices(game) if exact else game.as_float()
    ends = [_endpoint(game, mats, lab, exact) for lab in labels]
    kernel = "numpy" if exact or not jit.enabled() else "numba"  # after the paths: a kernel that failed to load
    pivots = [piv for _, piv in ends]
    warnings = ["Lemke-Howson finds some equilibria, not necessarily all; use method='vertex' for all"]

    def build(found: list[MixedProfile]) -> Result:
        return Result.build(
            game,
            found,
            concept="nash",
            method="lemke_howson",
            complete=False,
            exact=exact,
            tol=0.0 if exact else tol,
            warnings=warnings,
            stats={"seconds": time.perf_counter() - t0, "labels": labels, "pivots": pivots, "kernel": kernel},
        )

    res = build(_distinct([prof for prof, _ in ends], exact))
    if res.max_regret > tol:  # the largest measured regret: only now can some profile be over the tolerance
        found = _distinct([_polished(game, prof, tol) for prof, _ in ends], exact)
        bad = [k for k, p in enumerate(found) if p.max_regret > tol]
        if bad:
            warnings.append(f"{len(bad)} profile(s) exceed the regret tolerance {tol:.1e}; see max_regret")
        res = build(found)
    return res


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

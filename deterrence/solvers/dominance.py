"""Iterated elimination of dominated strategies, including domination by mixed strategies."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.format import fmt_number
from ..core.normal_form import NormalFormGame
from ._common import check_numeric, resolve_tol

__all__ = ["Elimination", "EliminationStep", "eliminate_dominated"]


@dataclass(frozen=True)
class EliminationStep:
    """One eliminated strategy and the (possibly mixed) strategy that dominates it."""

    round: int
    player: str
    strategy: str
    dominated_by: dict[str, Any]
    margin: Any
    strict: bool

    def __str__(self) -> str:
        by = ", ".join(
            lab if len(self.dominated_by) == 1 else f"{lab} {fmt_number(p)}" for lab, p in self.dominated_by.items()
        )
        kind = "strictly" if self.strict else "weakly"
        gain = "by at least" if self.strict else "in total by"
        return (
            f"round {self.round}: {self.player}'s {self.strategy} is {kind} dominated by {by} "
            f"(better {gain} {fmt_number(self.margin)})"
        )


@dataclass(frozen=True)
class Elimination:
    """Outcome of iterated elimination: the reduced game and how it was reached."""

    game: NormalFormGame
    reduced: NormalFormGame
    surviving: tuple[tuple[int, ...], ...]
    steps: tuple[EliminationStep, ...]
    strict: bool
    warnings: tuple[str, ...] = ()

    def explain(self) -> str:
        """Every elimination in order, in plain words, and what survives."""
        lines = [str(s) for s in self.steps] or ["no strategy is dominated"]
        for i, p in enumerate(self.game.players):
            lines.append(f"{p} keeps: {', '.join(self.game.strategies[i][k] for k in self.surviving[i])}")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()


def _lp_dominator(U_o: np.ndarray, u_a: np.ndarray, strict: bool) -> tuple[np.ndarray, float] | None:
    from scipy.optimize import linprog  # imported on use: scipy.optimize takes ~0.3 s to import

    """Mixture over rows of ``U_o`` dominating ``u_a``: returns (sigma, margin) or None."""
    k, T = U_o.shape
    if strict:
        # max eps: U_o^T sigma - u_a >= eps
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-U_o.T, np.ones((T, 1))])
        b_ub = -u_a
        A_eq = np.zeros((1, k + 1))
        A_eq[0, :k] = 1.0
        bounds = [(0, None)] * k + [(None, None)]
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
        if res.status != 0:
            return None
        return res.x[:k], float(res.x[-1])
    c = -U_o.sum(axis=1)
    res = linprog(c, A_ub=-U_o.T, b_ub=-u_a, A_eq=np.ones((1, k)), b_eq=[1.0], bounds=[(0, None)] * k, method="highs")
    if res.status != 0:
        return None
    return res.x, float(-res.fun - u_a.sum())


def _rationalise(sigma: np.ndarray) -> list[Fraction]:
    fr = [Fraction(float(v)).limit_denominator(10**9) if v > 1e-12 else Fraction(0) for v in sigma]
    big = int(np.argmax(sigma))
    fr[big] = 1 - (sum(fr) - fr[big])
    return fr


def eliminate_dominated(
    game: NormalFormGame,
    *,
    strict: bool = True,
    mixed: bool = True,
    exact: bool | None = None,
    tol: float | None = None,
) -> Elimination:
    """Iteratively remove dominated strategies of every player.

    One strategy is removed at a time (pure dominators are looked for first,
    then mixed ones by linear programming), and the search restarts on the
    smaller game. With strict dominance the result does not depend on the
    order; weak dominance can remove Nash equilibria and its result can
    depend on the order, which is recorded in ``steps``.

    Parameters
    ----------
    game
        A numeric normal-form game with any number of players.
    strict
        Strict dominance (default) or weak dominance.
    mixed
        Also look for domination by mixed strategies (an LP per strategy).
    exact
        Verify every elimination in exact arithmetic (default: when the game
        has rational payoffs). A mixed dominator found by the LP is rounded to
        a nearby fraction and checked exactly; if the check fails the strategy
        is kept and a warning says so.
    tol
        Margin a dominator must beat in floating point (default ``1e-9``
        times the payoff scale).

    Returns
    -------
    Elimination
        The reduced game, the surviving strategy indices and the steps.

    Examples
    --------
    >>> import deterrence as dt
    >>> g = dt.NormalFormGame.bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 1], [1, 1], [1, 1]],
    ...                                strategies=(["T", "M", "B"], ["L", "R"]))
    >>> e = eliminate_dominated(g)
    >>> print(e.steps[0])
    round 1: Player 1's B is strictly dominated by T 1/2, M 1/2 (better by at least 1/2)

    References
    ----------
    M. J. Osborne and A. Rubinstein (1994), *A Course in Game Theory*,
    section 4.2 (iterated elimination of strictly dominated actions).
    """
    check_numeric(game, "eliminate_dominated")
    exact = game.is_exact if exact is None else exact
    tol_v = resolve_tol(game, tol)
    uf = game.as_float()
    ue = game.as_fraction() if exact else None
    alive = [list(range(m)) for m in game.shape]
    steps: list[EliminationStep] = []
    warnings: list[str] = []
    refused: set[tuple[int, int]] = set()
    rnd = 0
    while True:
        rnd += 1
        step = None
        for i in range(game.n_players):
            if len(alive[i]) < 2:
                continue
            sub = uf[i][np.ix_(*alive)]
            U = np.moveaxis(sub, i, 0).reshape(len(alive[i]), -1)
            Ue = None
            if ue is not None:
                Ue = np.moveaxis(ue[i][np.ix_(*alive)], i, 0).reshape(len(alive[i]), -1)
            for a in range(len(alive[i])):
                if (i, alive[i][a]) in refused:
                    continue
                others = [b for b in range(len(alive[i])) if b != a]
                found = _pure_dominator(U, Ue, a, others, strict, tol_v)
                if found is None and mixed and len(others) >= 2:
                    found = _mixed_dominator(U, Ue, a, others, strict, tol_v)
                    if found == "refused":
                        refused.add((i, alive[i][a]))
                        warnings.append(
                            f"{game.players[i]}'s {game.strategies[i][alive[i][a]]}: the LP found a mixed dominator "
                            "that failed exact verification; the strategy is kept"
                        )
                        found = None
                if found is not None:
                    sigma, margin = found
                    labels = game.strategies[i]
                    by = {labels[alive[i][b]]: p for b, p in zip(others, sigma, strict=True) if p != 0}
                    step = EliminationStep(rnd, game.players[i], labels[alive[i][a]], by, margin, strict)
                    del alive[i][a]
                    break
            if step is not None:
                break
        if step is None:
            break
        steps.append(step)
    reduced_payoffs = game.payoffs[(slice(None), *np.ix_(*alive))]
    reduced = NormalFormGame(
        reduced_payoffs,
        players=game.players,
        strategies=[[game.strategies[i][k] for k in alive[i]] for i in range(game.n_players)],
        title=game.title,
    )
    return Elimination(game, reduced, tuple(tuple(a) for a in alive), tuple(steps), strict, tuple(warnings))


def _pure_dominator(
    U: np.ndarray, Ue: np.ndarray | None, a: int, others: list[int], strict: bool, tol: float
) -> tuple[list[Any], Any] | None:
    for b in others:
        if Ue is not None:
            diff = Ue[b] - Ue[a]
            ok = all(d > 0 for d in diff) if strict else (all(d >= 0 for d in diff) and any(d > 0 for d in diff))
            margin = min(diff) if strict else sum(diff)
        else:
            diff = U[b] - U[a]
            ok = bool(diff.min() > tol) if strict else bool(diff.min() >= -tol and diff.max() > tol)
            margin = float(diff.min()) if strict else float(diff.sum())
        if ok:
            one = Fraction(1) if Ue is not None else 1.0
            zero = Fraction(0) if Ue is not None else 0.0
            return [one if c == b else zero for c in others], margin
    return None


def _mixed_dominator(
    U: np.ndarray, Ue: np.ndarray | None, a: int, others: list[int], strict: bool, tol: float
) -> tuple[list[Any], Any] | str | None:
    out = _lp_dominator(U[others], U[a], strict)
    if out is None:
        return None
    sigma, margin = out
    if margin <= tol:
        return None
    if Ue is None:
        sigma = np.maximum(sigma, 0.0)
        sigma = sigma / sigma.sum()
        return list(sigma), margin
    fr = _rationalise(sigma)
    if any(p < 0 for p in fr):
        return "refused"
    diff = [
        sum((p * Ue[b, t] for p, b in zip(fr, others, strict=True)), Fraction(0)) - Ue[a, t] for t in range(U.shape[1])
    ]
    ok = all(d > 0 for d in diff) if strict else (all(d >= 0 for d in diff) and any(d > 0 for d in diff))
    if not ok:
        return "refused"
    return fr, (min(diff) if strict else sum(diff))

"""Equilibrium refinements for signaling games: the Intuitive Criterion and D1.

Both ask, for every message nobody sends in a PBE, which sender types could
plausibly send it, and whether the receiver's reply is still a best reply to
a belief concentrated on those types. A PBE that fails for some message is
removed, and the result says which message, which type and why.

References
----------
I.-K. Cho and D. M. Kreps (1987), "Signaling games and stable equilibria",
*QJE* 102(2), 179-221 (Intuitive Criterion; D1 in section IV).
J. S. Banks and J. Sobel (1987), "Equilibrium selection in signaling games",
*Econometrica* 55(3), 647-661 (divinity).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from ..core.assessment import Assessment
from ..core.errors import UnsupportedGameError
from ..core.format import fmt_number
from ..core.linear import feasible_point
from ..core.result import Result
from .signaling import SignalingSolution

__all__ = ["REFINEMENTS", "refine"]

REFINEMENTS = ("intuitive", "d1", "d2")


def refine(result: Result, criterion: str) -> Result:
    """Keep the PBE of ``result`` that pass ``criterion``.

    ``"intuitive"``: Cho and Kreps's Intuitive Criterion. ``"d1"``: a type
    is ruled out at an unsent message when another type gains strictly from
    every best reply (to any belief) that the first gains from weakly.
    ``"d2"``: a type is ruled out when every such reply makes *some* other
    type gain strictly (Cho and Kreps's union test; stronger than D1, and
    the same as D1 with two types).

    The removed ones go to ``result.eliminated`` with the reason: the
    off-path message, the type that would deviate, and the payoffs behind it.
    An equilibrium is judged by its outcome: it survives D1 or D2 when *some*
    reply to the unsent message, a best reply to beliefs on the types the
    criterion leaves, keeps every type on its path; the survivor is returned
    with those restricted beliefs and such a reply.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.beer_quiche(), concept="pbe", refine="intuitive")
    >>> [eq.label for eq in res]
    ['pooling on Beer']
    >>> print(res.eliminated[0][1])  # doctest: +NORMALIZE_WHITESPACE
    Intuitive Criterion: Weak cannot gain from Beer whatever best reply the Receiver makes (at most 2 < 3
    it gets now), so belief on Beer puts weight only on Strong; every best reply to such beliefs (Don't)
    gives Strong 3 > 2 it gets now, so Strong would deviate to Beer.
    """
    if criterion not in REFINEMENTS:
        raise UnsupportedGameError(f"unknown refinement {criterion!r}; available: {list(REFINEMENTS)}")
    if result.concept != "pbe":
        raise UnsupportedGameError("refinements apply to PBE results (concept='pbe')")
    game = result.game
    sol = SignalingSolution(game, result.exact, result.tol)
    kept, removed = [], list(result.eliminated)
    check = {"intuitive": _intuitive, "d1": _d1, "d2": _d2}[criterion]
    for eq in result.equilibria:
        verdict = check(sol, eq)
        if isinstance(verdict, str):
            removed.append((eq, verdict))
        else:
            kept.append(verdict)
    warnings = list(result.warnings)
    if not kept and result.equilibria:
        warnings.append(f"no PBE survives {criterion}")
    return replace(
        result,
        equilibria=tuple(kept),
        concept="pbe",
        method=f"{result.method}+{criterion}",
        max_regret=max((e.max_regret for e in kept), default=0 * result.max_regret),
        warnings=tuple(warnings),
        eliminated=tuple(removed),
    )


def _behaviour(sol: SignalingSolution, eq: Assessment) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    g = sol.game
    p = eq.profile
    sigma = np.array([list(p[g.sender_infoset(t)]) for t in range(sol.nt)], dtype=object)
    rho = np.array([list(p[g.receiver_infoset(m)]) for m in range(sol.nm)], dtype=object)
    return sigma, rho, sol.sender_values(sigma, rho)


def _off_path(sol: SignalingSolution, sigma: np.ndarray) -> list[int]:
    return [m for m in range(sol.nm) if all(sigma[t, m] == 0 for t in range(sol.nt))]


def _gt(sol: SignalingSolution, a: Any, b: Any) -> bool:
    return a > b if sol.exact else a > b + sol.tol


def _names(sol: SignalingSolution, types: Any) -> str:
    return ", ".join(sol.game.types[t] for t in types)


def _intuitive(sol: SignalingSolution, eq: Assessment) -> str | Assessment:
    g = sol.game
    sigma, _, value = _behaviour(sol, eq)
    receiver = g.players[1]
    for m in _off_path(sol, sigma):
        best_any = sol.rationalizable(m)
        top = {t: max(sol.US[t, m, r] for r in best_any) for t in range(sol.nt)}
        dominated = [t for t in range(sol.nt) if _gt(sol, value[t], top[t])]
        if not dominated or len(dominated) == sol.nt:
            continue
        rest = tuple(t for t in range(sol.nt) if t not in dominated)
        replies = sol.rationalizable(m, rest)
        for t in rest:
            worst = min(sol.US[t, m, r] for r in replies)
            if _gt(sol, worst, value[t]):
                dom = "; ".join(
                    f"{g.types[d]} cannot gain from {g.messages[m]} whatever best reply the {receiver} makes "
                    f"(at most {fmt_number(top[d], 4)} < {fmt_number(value[d], 4)} it gets now)"
                    for d in dominated
                )
                acts = ", ".join(g.responses[r] for r in replies)
                return (
                    f"Intuitive Criterion: {dom}, so belief on {g.messages[m]} puts weight only on "
                    f"{_names(sol, rest)}; every best reply to such beliefs ({acts}) gives {g.types[t]} "
                    f"{fmt_number(worst, 4)} > {fmt_number(value[t], 4)} it gets now, so {g.types[t]} would "
                    f"deviate to {g.messages[m]}."
                )
    return eq


def _meets_quadrant(points: list[tuple[Any, Any]], a: Any, b: Any, exact: bool, tol: float) -> bool:
    """True when the convex hull of ``points`` has a point with x >= a and y <= b."""
    t = 0 if exact else tol
    for x, y in points:
        if x >= a - t and y <= b + t:
            return True
    for (x0, y0), (x1, y1) in ((p, q) for i, p in enumerate(points) for q in points[i + 1 :]):
        lo, hi = 0 * x0, 1 + 0 * x0  # lambda in [0, 1] along p -> q
        for c0, c1, bound, sign in ((x0, x1, a - t, 1), (y0, y1, b + t, -1)):
            # sign * (c0 + lam (c1 - c0)) >= sign * bound
            slope, base = sign * (c1 - c0), sign * (c0 - bound)
            if slope == 0:
                if base < 0:
                    lo, hi = 1, 0
            elif slope > 0:
                lo = max(lo, -base / slope)
            else:
                hi = min(hi, -base / slope)
        if lo <= hi:
            return True
    return False


def _d1(sol: SignalingSolution, eq: Assessment) -> str | Assessment:
    g = sol.game
    sigma, _, value = _behaviour(sol, eq)
    updates: dict[int, tuple[tuple[int, ...], tuple[Any, list[Any]]]] = {}
    for m in _off_path(sol, sigma):
        supports = sol.maximal_supports(m)
        deleted: dict[int, int] = {}
        for t in range(sol.nt):
            for t2 in range(sol.nt):
                if t2 == t:
                    continue
                # is every mixed best reply that t weakly likes one that t2 strictly likes?
                weak_not_strict = any(
                    _meets_quadrant(
                        [(sol.US[t, m, r], sol.US[t2, m, r]) for r in S], value[t], value[t2], sol.exact, sol.tol
                    )
                    for S in supports
                )
                if not weak_not_strict:
                    deleted[t] = t2
                    break
        rest = tuple(t for t in range(sol.nt) if t not in deleted)
        if not rest or not deleted:
            continue
        found = sol.offpath(m, value, True, rest)
        if found is None:
            why = "; ".join(
                f"{g.types[t]} is deleted because {g.types[t2]} strictly gains from {g.messages[m]} "
                f"under every best reply that {g.types[t]} would weakly gain from"
                for t, t2 in deleted.items()
            )
            return (
                f"D1: {why}. Beliefs on {g.messages[m]} must put all weight on {_names(sol, rest)}, and every best "
                f"reply to such beliefs gives some type more than it gets in the equilibrium, so it would deviate."
            )
        updates[m] = (rest, found)
    return _with_offpath(sol, eq, updates)


def _with_offpath(
    sol: SignalingSolution, eq: Assessment, updates: dict[int, tuple[tuple[int, ...], tuple[Any, list[Any]]]]
) -> Assessment:
    """``eq`` with the replies and belief sets at some unsent messages replaced (refined beliefs)."""
    if not updates:
        return eq
    from ..core.behavior import BehaviorProfile

    g = sol.game
    tree = g.to_extensive()
    p = eq.profile
    spec = {info.label: list(p[info.label]) for info in tree.infosets}
    on = eq.on_path()
    beliefs = {label: list(mu) for label, mu in eq.beliefs.items() if not on[label]}
    sets = dict(eq.belief_sets)
    for m, (_, (region, reply)) in updates.items():
        label = g.receiver_infoset(m)
        support = tuple(r for r in range(sol.nr) if reply[r] != 0)
        rest = updates[m][0]
        spec[label] = reply
        beliefs[label] = list(sol.region(m, support).restrict(rest).point())
        sets[label] = region
    return Assessment(BehaviorProfile(tree, spec), beliefs, belief_sets=sets, label=eq.label)


def _d2(sol: SignalingSolution, eq: Assessment) -> str | Assessment:
    g = sol.game
    sigma, _, value = _behaviour(sol, eq)
    updates: dict[int, tuple[tuple[int, ...], tuple[Any, list[Any]]]] = {}
    for m in _off_path(sol, sigma):
        supports = sol.maximal_supports(m)
        deleted = []
        for t in range(sol.nt):
            others = [t2 for t2 in range(sol.nt) if t2 != t]
            # Is there a best reply that t weakly likes and no other type strictly likes?
            survives = False
            for S in supports:
                A_ub = [[-sol.US[t, m, r] for r in S]] + [[sol.US[t2, m, r] for r in S] for t2 in others]
                b_ub = [-value[t]] + [value[t2] for t2 in others]
                if feasible_point(A_ub, b_ub, [[1] * len(S)], [1], len(S), exact=sol.exact, tol=sol.tol) is not None:
                    survives = True
                    break
            if not survives:
                deleted.append(t)
        rest = tuple(t for t in range(sol.nt) if t not in deleted)
        if not deleted or not rest:
            continue
        found = sol.offpath(m, value, True, rest)
        if found is None:
            return (
                f"D2: at {g.messages[m]}, every best reply that {_names(sol, deleted)} would weakly gain from makes "
                f"some other type gain strictly. Beliefs on {g.messages[m]} must put all weight on "
                f"{_names(sol, rest)}, and every best reply to such beliefs gives some type more than it gets in "
                f"the equilibrium, so it would deviate."
            )
        updates[m] = (rest, found)
    return _with_offpath(sol, eq, updates)

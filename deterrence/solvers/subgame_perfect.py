"""Subgame perfect equilibria of games with information sets, by subgame decomposition.

Proper subgames are solved from the bottom up. Each is replaced by a leaf
carrying the payoffs of one of its equilibria, and the game above it is
solved with those payoffs; every combination of subgame equilibria is
followed (up to ``max_equilibria``). A subgame with perfect information is
solved by backward induction (all pure equilibria); a two-player subgame
with information sets through its reduced normal form (all extreme
equilibria) when that is small, otherwise by the sequence-form LCP (one
equilibrium, and the result is then marked incomplete).

References
----------
R. Selten (1965, 1975); the decomposition is the one-shot deviation logic of
subgame perfection applied to proper subgames (e.g. Osborne and Rubinstein
1994, *A Course in Game Theory*, section 6.2).
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import numpy as np

from ..core.behavior import BehaviorProfile, subgame_roots
from ..core.errors import UnsupportedGameError
from ..core.extensive import CHANCE, TERMINAL, Chance, Decision, ExtensiveGame, Leaf
from ..core.result import Result

__all__ = ["subgame_perfect"]


def _spec(game: ExtensiveGame, k: int, cut: dict[int, tuple[Any, ...]], exact: bool) -> Any:
    """Literal for the subtree at ``k``, with the nodes in ``cut`` replaced by leaves."""
    if k in cut:
        return Leaf(tuple(cut[k]))
    kind = game._kind[k]
    if kind == TERMINAL:
        row = game.leaf_payoffs_fraction() if exact else game.leaf_payoffs_float()
        return Leaf(tuple(row[game._leaf_of[k]]))
    kids = [int(c) for c in game.children(k)]
    acts = game.actions(k)
    if kind == CHANCE:
        probs = game.edge_probs(exact)[game._child_ptr[k] : game._child_ptr[k + 1]]
        return Chance({a: (p, _spec(game, c, cut, exact)) for a, p, c in zip(acts, probs, kids, strict=True)})
    info = game.infoset_of(k)
    return Decision(
        game.mover(k), {a: _spec(game, c, cut, exact) for a, c in zip(acts, kids, strict=True)}, infoset=info.label
    )


def _solve_piece(piece: ExtensiveGame, exact: bool, tol: float | None) -> Any:
    """Equilibria of one piece; returns an object with ``complete`` and equilibria having ``payoffs()``
    and per-information-set probabilities (``eq[index]``)."""
    from . import solve

    if piece.is_perfect_information:
        return solve(piece, concept="spe", exact=exact, tol=tol)
    movers = sorted({info.player for info in piece.infosets})
    if len(movers) <= 1:
        return _single_mover(piece, exact, tol)
    if len(movers) != 2:
        raise UnsupportedGameError(
            "subgame perfection with information sets is available when at most two players move in a "
            f"subgame; a subgame here has {len(movers)} movers"
        )
    if piece.n_players == 2:
        return solve(piece, concept="nash", exact=exact, tol=tol)
    # Only two players move here: solve the two-player game of their payoffs, then restore everyone's.
    names = tuple(piece.players[i] for i in movers)
    pay = piece.leaf_payoffs[:, movers]
    pair = ExtensiveGame(names, piece.to_literal(leaf_payoffs=pay))
    res = solve(pair, concept="nash", exact=exact, tol=tol)
    eqs = [BehaviorProfile(piece, {info.label: list(eq[info.label]) for info in piece.infosets}) for eq in res]
    return _Piece(eqs, res.complete)


class _Piece:
    def __init__(self, equilibria: list[BehaviorProfile], complete: bool) -> None:
        self.equilibria = equilibria
        self.complete = complete

    def __iter__(self) -> Any:
        return iter(self.equilibria)


def _single_mover(piece: ExtensiveGame, exact: bool, tol: float | None) -> _Piece:
    """Every optimal pure plan of the one player who moves (a decision problem under uncertainty)."""
    from ..core.strategic import mixed_to_behavior, to_normal_form
    from .pure import pure_nash

    nf, strategies = to_normal_form(piece, exact=exact)
    res = pure_nash(nf, exact=exact, tol=tol)
    return _Piece([mixed_to_behavior(piece, eq, strategies) for eq in res], True)


def subgame_perfect(
    game: ExtensiveGame, *, exact: bool = False, tol: float | None = None, max_equilibria: int = 1000
) -> Result:
    """Subgame perfect equilibria of an extensive game with information sets.

    Parameters
    ----------
    game
        An :class:`~deterrence.ExtensiveGame` with perfect recall.
    exact
        Exact arithmetic throughout.
    tol
        Regret tolerance (default ``1e-9`` times the payoff scale).
    max_equilibria
        Cap on the number of combinations followed.

    Returns
    -------
    Result
        ``concept="spe"``; ``complete`` only when every subgame was solved
        completely and no cap was hit.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> coordination = Decision("B", {"l": Leaf((2, 1)), "r": Leaf((0, 0))}, infoset="b")
    >>> g = dt.ExtensiveGame(("A", "B"), Decision("A", {
    ...     "Out": Leaf((1, 3)),
    ...     "In": Decision("A", {"L": coordination,
    ...                          "R": Decision("B", {"l": Leaf((0, 0)), "r": Leaf((1, 2))}, infoset="b")}),
    ... }))
    >>> res = subgame_perfect(g, exact=True)
    >>> for eq in res:
    ...     print(eq.describe("A"), "|", eq.describe("B"))
    root: In; In: L | b: l
    root: Out; In: L 2/3, R 1/3 | b: l 1/3, r 2/3
    root: Out; In: R | b: r
    root: In; In: R | b: r
    """
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"subgame_perfect needs an ExtensiveGame, got {type(game).__name__}")
    game.require_perfect_recall("subgame_perfect")
    t0 = time.perf_counter()
    roots = subgame_roots(game)
    size = np.ones(game.n_nodes, dtype=np.int64)
    for k in reversed(range(1, game.n_nodes)):
        size[game._parent[k]] += size[k]
    inside = {s: [t for t in roots if s < t < s + size[s]] for s in roots}
    direct = {s: [t for t in inside[s] if not any(u < t < u + size[u] for u in inside[s] if u != t)] for s in roots}
    solutions: dict[int, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}
    complete = True
    warnings: list[str] = []
    pieces = 0
    for s in sorted(roots, reverse=True):
        below = direct[s]
        combos = itertools.product(*(solutions[t] for t in below))
        out: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        for combo in combos:
            cut = {t: sol[0] for t, sol in zip(below, combo, strict=True)}
            piece = ExtensiveGame(game.players, _spec(game, s, cut, exact))
            res = _solve_piece(piece, exact, tol)
            pieces += 1
            complete &= res.complete
            for eq in res:
                assign: dict[str, Any] = {}
                for _, sol in zip(below, combo, strict=True):
                    assign.update(sol[1])
                for info in piece.infosets:
                    assign[info.label] = list(eq[info.index])
                out.append((tuple(eq.payoffs()), assign))
                if len(out) >= max_equilibria:
                    break
            if len(out) >= max_equilibria:
                complete = False
                warnings.append(f"stopped after {max_equilibria} equilibria in the subgame at {game.path(s)}")
                break
        solutions[s] = out
    eqs = [BehaviorProfile(game, {info.index: sol[1][info.label] for info in game.infosets}) for sol in solutions[0]]
    if not complete:
        warnings.append("some subgame was solved partially (one equilibrium, or a cap): other SPE may exist")
    tol_v = 0.0 if exact else (tol if tol is not None else game.default_tol())
    return Result.build(
        game,
        eqs,
        concept="spe",
        method="subgame_decomposition",
        complete=complete,
        exact=exact,
        tol=tol_v,
        warnings=warnings,
        stats={"seconds": time.perf_counter() - t0, "subgames": len(roots), "pieces_solved": pieces},
    )

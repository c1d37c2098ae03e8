"""Subgame perfect equilibria of perfect-information games by backward induction.

Values are propagated from the leaves to the root one depth level at a time,
with every node of a level handled by the same vectorised numpy operations.
The same pass solves a whole batch of parameter points at once
(:func:`backward_induction_batch`): payoffs and chance probabilities then carry
a trailing batch axis.

When a mover is indifferent between actions, every pure subgame perfect
equilibrium is enumerated (each combination of tie-breaks, up to
``max_equilibria``) and the result says there were ties.

References
----------
R. Selten (1965), "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121.
H. W. Kuhn (1953), "Extensive games and the problem of information",
*Contributions to the Theory of Games* II.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.behavior import BehaviorProfile
from ..core.errors import InvalidGameError, UnsupportedGameError
from ..core.extensive import CHANCE, DECISION, TERMINAL, ExtensiveGame, path_str
from ..core.numeric import DEFAULT_TOL
from ..core.result import Result

__all__ = ["BatchSolution", "backward_induction", "backward_induction_batch"]


def _levels(game: ExtensiveGame) -> list[np.ndarray]:
    """Internal (non-terminal) nodes grouped by depth, deepest first."""
    internal = np.nonzero(game._kind != TERMINAL)[0]
    depth = game._depth[internal]
    order = np.argsort(-depth, kind="stable")
    internal, depth = internal[order], depth[order]
    cuts = np.nonzero(np.diff(depth))[0] + 1
    return np.split(internal, cuts)


def _check(game: ExtensiveGame, what: str) -> None:
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"{what} needs an ExtensiveGame, got {type(game).__name__}")
    if not game.is_perfect_information:
        raise UnsupportedGameError(
            f"{what} needs perfect information; information sets with several nodes: "
            f"{[i.label for i in game.infosets if len(i.nodes) > 1]}. Use concept='spe' via solve, which "
            "decomposes into subgames, or concept='nash'"
        )


@dataclass(frozen=True)
class BatchSolution:
    """Backward induction over a batch of ``B`` parameter points.

    Attributes
    ----------
    values
        Equilibrium payoffs, shape ``(B, n_players)``.
    choices
        Chosen action index at every decision node, shape ``(n_nodes, B)``
        (-1 at chance and terminal nodes); ties broken towards the first
        action.
    ties
        True at the points where some mover (on or off the path) was
        indifferent, so other subgame perfect equilibria exist.
    reach
        Probability of reaching every leaf on the equilibrium path, shape
        ``(B, n_leaves)``.
    """

    values: np.ndarray
    choices: np.ndarray
    ties: np.ndarray
    reach: np.ndarray

    def leaf_probability(self, game: ExtensiveGame, path: tuple[str, ...]) -> np.ndarray:
        """Probability of the outcome at the leaf reached by ``path``, per point."""
        k = game.node(path)
        r = int(game._leaf_of[k])
        if r < 0:
            raise KeyError(f"{path_str(path)} is not a leaf")
        return self.reach[:, r]


def _propagate(
    game: ExtensiveGame, pay: np.ndarray, edge_p: np.ndarray, tol: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised backward pass. ``pay``: (n_leaves, n, B); ``edge_p``: (n_edges, B); ``tol``: (B,)."""
    N, n, B = game.n_nodes, game.n_players, pay.shape[2]
    V = np.zeros((N, n, B))
    V[game.leaves] = pay
    choice = np.full((N, B), -1, dtype=np.int64)
    ties = np.zeros(B, dtype=bool)
    ptr, kids = game._child_ptr, game._children
    for nodes in _levels(game):
        starts, ends = ptr[nodes], ptr[nodes + 1]
        counts = ends - starts
        seg = np.cumsum(counts) - counts
        edges = np.repeat(starts - seg, counts) + np.arange(counts.sum())
        owner = np.repeat(np.arange(len(nodes)), counts)
        child_v = V[kids[edges]]  # (E, n, B)
        is_chance = game._kind[nodes] == CHANCE
        if is_chance.any():
            wsum = np.add.reduceat(child_v * edge_p[edges][:, None, :], seg, axis=0)
            V[nodes[is_chance]] = wsum[is_chance]
        is_dec = game._kind[nodes] == DECISION
        if is_dec.any():
            mover = game._player[nodes]
            mover_e = np.where(is_dec, mover, 0)[owner]
            ev = child_v[np.arange(len(edges)), mover_e]  # (E, B) value to the mover
            segmax = np.maximum.reduceat(ev, seg, axis=0)
            best = ev >= segmax[owner] - tol[None, :]
            big = np.iinfo(np.int64).max
            local = (np.arange(len(edges)) - seg[owner])[:, None]
            first = np.minimum.reduceat(np.where(best, local, big), seg, axis=0)  # (nodes, B)
            n_best = np.add.reduceat(best.astype(np.int64), seg, axis=0)
            dec = np.nonzero(is_dec)[0]
            choice[nodes[dec]] = first[dec]
            ties |= (n_best[dec] > 1).any(axis=0)
            chosen_child = kids[starts[dec, None] + first[dec]]  # (d, B)
            V[nodes[dec]] = np.moveaxis(V[chosen_child, :, np.arange(B)[None, :]], 1, 2)
    return V, choice, ties


def _reach(game: ExtensiveGame, choice: np.ndarray, edge_p: np.ndarray) -> np.ndarray:
    """Leaf probabilities under the chosen pure strategies and chance, shape (B, n_leaves); one pass per depth."""
    N, B = game.n_nodes, choice.shape[1]
    reach = np.zeros((N, B))
    reach[0] = 1.0
    kids = game._children
    child_parent = game._parent[kids]  # parent of each edge's child, in edge order
    local = np.arange(len(kids)) - game._child_ptr[child_parent]  # action index of each edge
    is_chance_edge = game._kind[child_parent] == CHANCE
    depth_of_edge = game._depth[kids]
    order = np.argsort(depth_of_edge, kind="stable")
    cuts = np.nonzero(np.diff(depth_of_edge[order]))[0] + 1
    for edges in np.split(order, cuts):  # shallowest first
        par = child_parent[edges]
        weight = np.where(
            is_chance_edge[edges][:, None], edge_p[edges], (choice[par] == local[edges][:, None]).astype(float)
        )
        reach[kids[edges]] = reach[par] * weight
    return reach[game.leaves].T


def backward_induction_batch(
    game: ExtensiveGame,
    *,
    leaf_payoffs: np.ndarray | None = None,
    chance_probs: np.ndarray | None = None,
    params: dict[Any, Any] | None = None,
    tol: float | None = None,
) -> BatchSolution:
    """Backward induction for many parameter points in one vectorised pass.

    Give either arrays directly or values for the sympy symbols of a
    symbolic game:

    ``leaf_payoffs``
        Shape ``(n_leaves, n_players, B)`` (leaves in increasing node order,
        as :attr:`ExtensiveGame.leaves`).
    ``chance_probs``
        Shape ``(n_edges, B)`` aligned with the game's child edges (only
        chance edges are read); default: the game's own probabilities.
    ``params``
        ``{symbol or name: array of B values}``; the game's payoffs and
        probabilities are evaluated with :func:`sympy.lambdify`.

    Examples
    --------
    >>> import numpy as np, sympy as sp, deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> cost = sp.Symbol("war_cost")
    >>> g = dt.ExtensiveGame(("Challenger", "Defender"), Decision("Challenger", {
    ...     "Status quo": Leaf((0, 0)),
    ...     "Challenge": Decision("Defender", {"Concede": Leaf((1, -1)), "Resist": Leaf((-1, 1 - cost))}),
    ... }))
    >>> sol = dt.solvers.backward_induction_batch(g, params={"war_cost": np.array([1.0, 3.0])})
    >>> sol.leaf_probability(g, ("Status quo",)).tolist()
    [1.0, 0.0]
    """
    _check(game, "backward_induction_batch")
    pay, edge_p = batch_inputs(game, params, leaf_payoffs, chance_probs)
    B = pay.shape[2]
    scale = pay.max(axis=0).max(axis=0) - pay.min(axis=0).min(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    tol_b = np.full(B, tol if tol is not None else 0.0) if tol is not None else DEFAULT_TOL * scale
    V, choice, ties = _propagate(game, pay, edge_p, tol_b)
    return BatchSolution(values=V[0].T.copy(), choices=choice, ties=ties, reach=_reach(game, choice, edge_p))


def batch_inputs(
    game: ExtensiveGame,
    params: dict[Any, Any] | None,
    leaf_payoffs: np.ndarray | None,
    chance_probs: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Leaf payoffs ``(n_leaves, n_players, B)`` and edge probabilities ``(n_edges, B)``, checked.

    From ``params`` (values of the game's symbols) or the arrays themselves;
    non-finite payoffs, wrong shapes and chance probabilities that are
    negative or do not sum to one are refused, naming the leaf or node and
    the point.
    """
    if params is not None:
        leaf_payoffs, chance_probs = _lambdify(game, params)
    if leaf_payoffs is None:
        leaf_payoffs = game.leaf_payoffs_float()[:, :, None]
    pay = np.asarray(leaf_payoffs, dtype=np.float64)
    if pay.ndim != 3 or pay.shape[:2] != game.leaf_payoffs.shape:
        raise InvalidGameError(
            f"leaf_payoffs: expected shape ({len(game.leaves)}, {game.n_players}, B), got {pay.shape}"
        )
    if not np.isfinite(pay).all():
        bad = np.argwhere(~np.isfinite(pay))[0]
        raise InvalidGameError(
            f"leaf_payoffs: non-finite value at leaf {path_str(game.path(int(game.leaves[bad[0]])))}, "
            f"player {game.players[bad[1]]!r}, point {bad[2]}"
        )
    B = pay.shape[2]
    if chance_probs is None:
        edge_p = np.repeat(game.edge_probs(False)[:, None], B, axis=1)
    else:
        edge_p = np.broadcast_to(np.asarray(chance_probs, dtype=np.float64), (len(game._children), B)).copy()
        _check_chance_batch(game, edge_p)
    return pay, edge_p


def _check_chance_batch(game: ExtensiveGame, edge_p: np.ndarray) -> None:
    for k in game._chance_nodes:
        block = edge_p[game._child_ptr[k] : game._child_ptr[k + 1]]
        if not np.isfinite(block).all() or (block < -1e-12).any():
            raise InvalidGameError(f"chance_probs at {path_str(game.path(int(k)))}: negative or non-finite")
        s = block.sum(axis=0)
        if np.abs(s - 1).max() > 1e-9 * len(block):
            j = int(np.argmax(np.abs(s - 1)))
            raise InvalidGameError(
                f"chance_probs at {path_str(game.path(int(k)))}: sum to {s[j]!r} at point {j}, not 1"
            )


def _lambdify(game: ExtensiveGame, params: dict[Any, Any]) -> tuple[np.ndarray, np.ndarray]:
    import sympy

    syms = set()
    for v in list(game.leaf_payoffs.flat) + list(game._edge_prob):
        syms |= getattr(v, "free_symbols", set())
    by_name = {str(s): s for s in syms}
    values: dict[Any, np.ndarray] = {}
    for k, v in params.items():
        s = by_name.get(k, k) if isinstance(k, str) else k
        if s not in syms:
            raise KeyError(f"no symbol {k!r} in the game; symbols are {sorted(by_name)}")
        values[s] = np.asarray(v, dtype=np.float64)
    missing = sorted(str(s) for s in syms if s not in values)
    if missing:
        raise KeyError(f"no values given for symbol(s) {missing}")
    shapes = {v.shape for v in values.values()}
    if len(shapes) > 1:
        raise InvalidGameError(f"params: arrays of different shapes {sorted(shapes)}")
    B = int(np.prod(next(iter(shapes)))) if shapes else 1
    order = list(values)

    def ev(exprs: list[Any]) -> np.ndarray:
        f = sympy.lambdify(order, [sympy.sympify(e) for e in exprs], "numpy")
        cols = f(*[values[s].ravel() for s in order])
        return np.array([np.broadcast_to(np.asarray(c, dtype=np.float64), (B,)) for c in cols])

    pay = ev(list(game.leaf_payoffs.flat)).reshape(*game.leaf_payoffs.shape, B)
    probs = ev(list(game._edge_prob)) if len(game._edge_prob) else np.zeros((0, B))
    return pay, probs


def backward_induction(
    game: ExtensiveGame, *, exact: bool = False, tol: float | None = None, max_equilibria: int = 10_000
) -> Result:
    """Every pure subgame perfect equilibrium of a perfect-information game (chance allowed).

    Parameters
    ----------
    game
        An :class:`~deterrence.ExtensiveGame` with perfect information.
    exact
        Compare payoffs exactly (fractions).
    tol
        Payoff differences within ``tol`` count as ties (default ``1e-9``
        times the payoff scale; 0 when exact).
    max_equilibria
        Stop enumerating tie-breaks beyond this many equilibria (the result
        then says it is incomplete).

    Returns
    -------
    Result
        ``concept="spe"``; equilibria are pure :class:`BehaviorProfile` objects.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Leaf((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))}),
    ... }))
    >>> res = backward_induction(g, exact=True)
    >>> res[0].action_probs(("In",))
    {'Fight': Fraction(0, 1), 'Accommodate': Fraction(1, 1)}
    """
    _check(game, "backward_induction")
    t0 = time.perf_counter()
    tol_v = 0 if exact else (tol if tol is not None else game.default_tol())
    if not exact:
        # one vectorised pass; without ties its choices are the unique pure SPE
        pay_f = game.leaf_payoffs_float()[:, :, None]
        _, choice, ties = _propagate(game, pay_f, game.edge_probs(False)[:, None], np.array([float(tol_v)]))
        if not ties[0]:
            spec = {info.index: info.actions[int(choice[info.nodes[0], 0])] for info in game.infosets}
            return Result.build(
                game,
                [BehaviorProfile(game, spec)],
                concept="spe",
                method="backward_induction",
                complete=True,
                exact=False,
                tol=float(tol_v),
                stats={"seconds": time.perf_counter() - t0, "nodes": game.n_nodes, "tie_nodes": 0},
            )
    pay = game.leaf_payoffs_fraction() if exact else game.leaf_payoffs_float()
    probs = game.edge_probs(exact)
    N = game.n_nodes
    # per node: list of (value tuple, choices dict infoset -> action), all SPE of the subtree
    sols: list[list[tuple[tuple[Any, ...], dict[int, int]]] | None] = [None] * N
    truncated = False
    tie_nodes: list[int] = []
    for k in reversed(range(N)):
        kind = game._kind[k]
        if kind == TERMINAL:
            sols[k] = [(tuple(pay[game._leaf_of[k]]), {})]
            continue
        kids = [int(c) for c in game.children(k)]
        child_sols = [sols[c] for c in kids]
        out: list[tuple[tuple[Any, ...], dict[int, int]]] = []
        if kind == CHANCE:
            p = probs[game._child_ptr[k] : game._child_ptr[k + 1]]
            for combo in itertools.product(*child_sols):
                val = tuple(sum(p[j] * combo[j][0][i] for j in range(len(kids))) for i in range(game.n_players))
                merged: dict[int, int] = {}
                for _, ch in combo:
                    merged.update(ch)
                out.append((val, merged))
                if len(out) >= max_equilibria:
                    truncated = True
                    break
        else:
            i = int(game._player[k])
            inf = int(game._node_infoset[k])
            tied_here = False
            for combo in itertools.product(*child_sols):
                vals = [combo[j][0][i] for j in range(len(kids))]
                best = max(vals)
                winners = [j for j, v in enumerate(vals) if v >= best - tol_v]
                tied_here |= len(winners) > 1
                merged = {}
                for _, ch in combo:
                    merged.update(ch)
                for j in winners:
                    out.append((combo[j][0], {**merged, inf: j}))
                if len(out) >= max_equilibria:
                    truncated = True
                    break
            if tied_here:
                tie_nodes.append(k)
        for c in kids:
            sols[c] = None  # free memory
        sols[k] = out
    root = sols[0] or []
    one = Fraction(1) if exact else 1.0
    zero = Fraction(0) if exact else 0.0
    eqs = []
    for _, ch in root:
        spec = {}
        for info in game.infosets:
            a = ch[info.index]
            spec[info.index] = [one if j == a else zero for j in range(len(info.actions))]
        eqs.append(BehaviorProfile(game, spec))
    warnings = []
    if tie_nodes:
        where = ", ".join(path_str(game.path(k)) for k in sorted(tie_nodes)[:5])
        warnings.append(
            f"ties: a mover is indifferent at {len(tie_nodes)} node(s) ({where}); "
            f"every combination of tie-breaks is listed ({len(eqs)} pure subgame perfect equilibria)"
        )
    if truncated:
        warnings.append(f"stopped after {max_equilibria} equilibria; raise max_equilibria for the rest")
    return Result.build(
        game,
        eqs,
        concept="spe",
        method="backward_induction",
        complete=not truncated,
        exact=exact,
        tol=0.0 if exact else float(tol_v),
        warnings=warnings,
        stats={"seconds": time.perf_counter() - t0, "nodes": N, "tie_nodes": len(tie_nodes)},
    )

"""Subgame perfect equilibria of one game structure at many parameter points, in one vectorised pass.

:func:`backward_induction_batch` handles perfect information. This module adds
games with information sets of the kind deterrence models are made of: a
player who does not know what nature chose (whether the patron is committed,
whether the defender is resolved) moves once, and everything after that move
is a proper subgame. Formally, the pass applies when every information set
with several nodes is reached from the root of the smallest proper subgame
containing it through chance moves only. Then each such set is a one-shot
decision under risk inside its subgame: its player picks the action with the
highest expected continuation value, the weights being nature's
probabilities; every other decision node starts a proper subgame and is
solved by backward induction. At a point where no mover is indifferent this
is the unique pure subgame perfect equilibrium, the one
``deterrence.solve(game, concept="spe")`` returns for that point alone.
Points with a tie are flagged (``ties``): other equilibria exist there, and
callers (:func:`deterrence.sweep`) re-solve them one by one.

Every point's profile is certified independently of how it was found, by
:func:`spe_certificate`: one-shot deviation gains at nodes whose subtree has
perfect information, and each player's best-reply gain (a best-reply pass)
in every proper subgame containing an information set with several nodes.

References
----------
R. Selten (1975), "Reexamination of the perfectness concept for equilibrium
points in extensive games", *International Journal of Game Theory* 4, 25-55
(subgame perfection); H. W. Kuhn (1953), "Extensive games and the problem of
information" (perfect recall, behaviour strategies).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.behavior import BehaviorProfile, subgame_roots
from ..core.errors import UnsupportedGameError
from ..core.extensive import CHANCE, DECISION, TERMINAL, ExtensiveGame, path_str
from ..core.numeric import DEFAULT_TOL, leaf_payoff_scale
from .backward_induction import _levels, _propagate, _reach, batch_inputs

__all__ = ["SPEBatch", "batch_spe_obstacle", "spe_batch", "spe_certificate"]


@dataclass(frozen=True)
class SPEBatch:
    """Subgame perfect equilibria of a game at ``B`` parameter points.

    Attributes
    ----------
    game
        The game structure (payoffs and probabilities may be symbolic).
    choices
        Chosen action index at every information set, shape ``(n_infosets, B)``.
    ties
        True at points where some mover is indifferent (or an information
        set has zero probability inside its subgame): other subgame perfect
        equilibria exist there and the point should be solved on its own.
    values
        Equilibrium payoffs, shape ``(B, n_players)``.
    reach
        Probability of each leaf on the equilibrium path, shape ``(B, n_leaves)``.
    regret
        The subgame-perfection certificate of :func:`spe_certificate`, shape
        ``(B,)``; measured on the profile, not assumed.
    """

    game: ExtensiveGame
    choices: np.ndarray
    ties: np.ndarray
    values: np.ndarray
    reach: np.ndarray
    regret: np.ndarray

    @property
    def size(self) -> int:
        """Number of parameter points."""
        return int(self.ties.shape[0])

    def action_probabilities(self) -> dict[str, np.ndarray]:
        """``{"<infoset>: <action>": 0/1 array over points}``, the columns of :meth:`BehaviorProfile.record`."""
        out = {}
        for info in self.game.infosets:
            c = self.choices[info.index]
            for a, label in enumerate(info.actions):
                out[f"{info.label}: {label}"] = (c == a).astype(np.float64)
        return out

    def profile(self, index: int) -> BehaviorProfile:
        """The equilibrium at point ``index`` as a :class:`BehaviorProfile` of the structure."""
        return BehaviorProfile(
            self.game, {info.index: info.actions[int(self.choices[info.index, index])] for info in self.game.infosets}
        )


def _ancestors(game: ExtensiveGame, k: int) -> list[int]:
    out = []
    p = int(game._parent[k])
    while p >= 0:
        out.append(p)
        p = int(game._parent[p])
    return out


def _structure(game: ExtensiveGame) -> tuple[list[int], dict[int, int]]:
    """Subgame roots and, for every information set, the root of the smallest proper subgame containing it.

    Raises :class:`UnsupportedGameError` when some information set with
    several nodes is reached from that root through a player's move.
    """

    def make() -> tuple[list[int], dict[int, int]]:
        roots = subgame_roots(game)
        is_root = np.zeros(game.n_nodes, dtype=bool)
        is_root[roots] = True
        home: dict[int, int] = {}
        for info in game.infosets:
            if len(info.nodes) == 1:
                k = info.nodes[0]
                home[info.index] = k
                if not is_root[k]:
                    raise UnsupportedGameError(f"{path_str(game.path(k))} does not start a proper subgame")
                continue
            chains = [_ancestors(game, k) for k in info.nodes]
            common = set(chains[0]).intersection(*chains[1:])
            s = max(a for a in common if is_root[a])
            home[info.index] = s
            for k, chain in zip(info.nodes, chains, strict=True):
                for a in chain[: chain.index(s) + 1]:
                    if game._kind[a] == DECISION:
                        raise UnsupportedGameError(
                            f"information set {info.label!r}: its node {path_str(game.path(k))} is reached from "
                            f"the subgame at {path_str(game.path(s))} through a move of "
                            f"{game.players[game._player[a]]!r} at {path_str(game.path(a))}; the vectorised pass "
                            "needs such sets to be reached through chance moves only"
                        )
        return roots, home

    return game._cached("spe_batch_structure", make)


def batch_spe_obstacle(game: ExtensiveGame) -> str | None:
    """Why :func:`spe_batch` cannot solve ``game`` (None when it can)."""
    if not isinstance(game, ExtensiveGame):
        return f"{type(game).__name__} is not an extensive game"
    if not game.has_perfect_recall:
        return "the game has imperfect recall"
    if game.is_perfect_information:
        return None
    try:
        _structure(game)
    except UnsupportedGameError as e:
        return str(e)
    return None


def _point_tol(pay: np.ndarray) -> np.ndarray:
    """Per point: ``DEFAULT_TOL`` times the payoff scale, as :meth:`ExtensiveGame.default_tol` measures it."""
    return DEFAULT_TOL * leaf_payoff_scale(pay)


def spe_batch(
    game: ExtensiveGame,
    *,
    params: dict[Any, Any] | None = None,
    leaf_payoffs: np.ndarray | None = None,
    chance_probs: np.ndarray | None = None,
    tol: float | np.ndarray | None = None,
) -> SPEBatch:
    """The pure subgame perfect equilibrium of ``game`` at many parameter points at once.

    Parameters
    ----------
    game
        An :class:`~deterrence.ExtensiveGame` with perfect recall whose
        information sets with several nodes are reached, inside their
        smallest proper subgame, through chance moves only (see the module
        docstring; :func:`batch_spe_obstacle` says why a game does not
        qualify). Payoffs and probabilities may contain sympy symbols.
    params
        ``{symbol or name: array of B values}`` for the game's symbols.
    leaf_payoffs, chance_probs
        Or the numbers directly: shapes ``(n_leaves, n_players, B)`` and
        ``(n_edges, B)`` as in :func:`backward_induction_batch`.
    tol
        Indifference tolerance; default ``1e-9`` times each point's payoff scale.

    Returns
    -------
    SPEBatch
        Choices, ties, payoffs, outcome probabilities and the measured regret
        per point.

    Examples
    --------
    >>> import numpy as np, deterrence as dt
    >>> batch = dt.models.autonomy_or_umbrella(capability=np.array([0.3, 0.7]))
    >>> sol = dt.solvers.spe_batch(batch.game, params=batch.values)
    >>> sol.action_probabilities()["Russia: Refrain"].tolist(), sol.ties.tolist()
    ([0.0, 1.0], [False, False])
    >>> bool(sol.regret.max() < 1e-9)
    True
    """
    reason = batch_spe_obstacle(game)
    if reason is not None:
        raise UnsupportedGameError(f"spe_batch: {reason}")
    pay, edge_p = batch_inputs(game, params, leaf_payoffs, chance_probs)
    B = pay.shape[2]
    tol_b = _point_tol(pay) if tol is None else np.broadcast_to(np.asarray(tol, dtype=np.float64), (B,))
    if game.is_perfect_information:
        _, node_choice, ties = _propagate(game, pay, edge_p, tol_b)
        choices = node_choice[[info.nodes[0] for info in game.infosets]].reshape(len(game.infosets), B)
        # _propagate follows the chosen child; re-evaluate the profile independently for the certificate
        values, reach = _evaluate(game, choices, pay, edge_p)
        regret = np.maximum(0.0, one_shot_gains(game, values))
    else:
        choices, ties = _decide(game, pay, edge_p, tol_b)
        values, reach = _evaluate(game, choices, pay, edge_p)
        regret = _regret(game, choices, pay, edge_p, values)
    return SPEBatch(game=game, choices=choices, ties=ties, values=values[0].T.copy(), reach=reach, regret=regret)


def _child_edges(game: ExtensiveGame, k: int) -> range:
    return range(int(game._child_ptr[k]), int(game._child_ptr[k + 1]))


def _chance_weights(game: ExtensiveGame, home: dict[int, int], edge_p: np.ndarray) -> dict[int, np.ndarray]:
    """For nodes of multi-node information sets: product of chance probabilities from their subgame root."""
    B = edge_p.shape[1]
    edge_of = np.empty(game.n_nodes, dtype=np.int64)
    edge_of[game._children] = np.arange(len(game._children))
    w: dict[int, np.ndarray] = {}
    for info in game.infosets:
        if len(info.nodes) == 1:
            continue
        s = home[info.index]
        for k in info.nodes:
            acc = np.ones(B)
            a = k
            while a != s:
                acc = acc * edge_p[edge_of[a]]
                a = int(game._parent[a])
            w[k] = acc
    return w


def _decide(game: ExtensiveGame, pay: np.ndarray, edge_p: np.ndarray, tol: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Choices at every information set, deepest subgames first; ties flagged."""
    _, home = _structure(game)
    B = pay.shape[2]
    weights = _chance_weights(game, home, edge_p)
    choices = np.full((len(game.infosets), B), -1, dtype=np.int64)
    ties = np.zeros(B, dtype=bool)
    memo: dict[int, np.ndarray] = {}
    kids = game._children

    def value(k: int) -> np.ndarray:  # (n, B)
        if k in memo:
            return memo[k]
        kind = game._kind[k]
        if kind == TERMINAL:
            v = pay[game._leaf_of[k]]
        elif kind == CHANCE:
            v = sum(edge_p[e] * value(int(kids[e])) for e in _child_edges(game, k))
        else:
            inf = int(game._node_infoset[k])
            if choices[inf, 0] < 0:
                decide(inf)
            options = np.stack([value(int(kids[e])) for e in _child_edges(game, k)])  # (A, n, B)
            v = options[choices[inf], :, np.arange(B)].T
        memo[k] = v
        return v

    def decide(inf: int) -> None:
        nonlocal ties
        info = game.infosets[inf]
        i = info.player
        if len(info.nodes) == 1:
            k = info.nodes[0]
            q = np.stack([value(int(kids[e]))[i] for e in _child_edges(game, k)])
        else:
            q = 0.0
            for k in info.nodes:
                q = q + weights[k] * np.stack([value(int(kids[e]))[i] for e in _child_edges(game, k)])
            total = sum(weights[k] for k in info.nodes)
            ties |= total <= 0
            q = q / np.where(total > 0, total, 1.0)
        best = q >= q.max(axis=0) - tol
        choices[inf] = np.argmax(best, axis=0)
        ties |= best.sum(axis=0) > 1

    value(0)
    for info in game.infosets:  # sets below a chance branch of probability zero everywhere still get a choice
        if choices[info.index, 0] < 0:
            decide(info.index)
    return choices, ties


def _evaluate(
    game: ExtensiveGame, choices: np.ndarray, pay: np.ndarray, edge_p: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Node values ``(N, n, B)`` of the pure profile given per information set, and leaf probabilities ``(B, L)``."""
    dec = np.nonzero(game._kind == DECISION)[0]
    node_choice = np.full((game.n_nodes, pay.shape[2]), -1, dtype=np.int64)
    node_choice[dec] = choices[game._node_infoset[dec]]
    return _evaluate_levels(game, node_choice, pay, edge_p), _reach(game, node_choice, edge_p)


def _evaluate_levels(game: ExtensiveGame, node_choice: np.ndarray, pay: np.ndarray, edge_p: np.ndarray) -> np.ndarray:
    """Node values ``(N, n, B)`` of a pure profile given per node, one depth level at a time (big trees)."""
    N, n, B = game.n_nodes, game.n_players, pay.shape[2]
    V = np.zeros((N, n, B))
    V[game.leaves] = pay
    ptr, kids = game._child_ptr, game._children
    for nodes in _levels(game):
        dec = nodes[game._kind[nodes] == DECISION]
        if len(dec):
            V[dec] = np.moveaxis(V[kids[ptr[dec, None] + node_choice[dec]], :, np.arange(B)[None, :]], 1, 2)
        ch = nodes[game._kind[nodes] == CHANCE]
        for k in ch:
            lo, hi = ptr[k], ptr[k + 1]
            V[k] = np.einsum("eb,enb->nb", edge_p[lo:hi], V[kids[lo:hi]])
    return V


def perfect_information_below(game: ExtensiveGame) -> np.ndarray:
    """Per node: True when no information set with several nodes lies in its subtree."""

    def make() -> np.ndarray:
        ok = np.ones(game.n_nodes, dtype=bool)
        multi = [k for info in game.infosets if len(info.nodes) > 1 for k in info.nodes]
        ok[multi] = False
        for k in range(game.n_nodes - 1, 0, -1):
            if not ok[k]:
                ok[game._parent[k]] = False
        return ok

    return game._cached("pi_below", make)


def one_shot_gains(game: ExtensiveGame, V: np.ndarray) -> np.ndarray:
    """Per point: the largest gain from changing the move at one decision node whose subtree has perfect information.

    ``V`` holds the profile's node values, shape ``(N, n, B)`` (or ``(N, n)`` for one point).
    """
    if V.ndim == 2:
        V = V[:, :, None]
    B = V.shape[2]
    dec = np.nonzero((game._kind == DECISION) & perfect_information_below(game))[0]
    if not len(dec):
        return np.zeros(B)
    ptr, kids = game._child_ptr, game._children
    counts = ptr[dec + 1] - ptr[dec]
    seg = np.cumsum(counts) - counts
    edges = np.repeat(ptr[dec], counts) + (np.arange(counts.sum()) - np.repeat(seg, counts))
    mover = np.repeat(game._player[dec], counts)
    best = np.maximum.reduceat(V[kids[edges], mover], seg, axis=0)  # (d, B)
    return (best - V[dec, game._player[dec]]).max(axis=0)


def _regret(game: ExtensiveGame, choices: np.ndarray, pay: np.ndarray, edge_p: np.ndarray, V: np.ndarray) -> np.ndarray:
    """The subgame-perfection certificate per point (see :func:`spe_certificate`)."""
    out = np.maximum(0.0, one_shot_gains(game, V))
    roots, _ = _structure(game)
    pi = perfect_information_below(game)
    for s in roots:
        if pi[s]:
            continue
        for i in range(game.n_players):
            out = np.maximum(out, _best_reply_value(game, choices, pay, edge_p, i, s) - V[s, i])
    return out


def spe_certificate(profile: BehaviorProfile) -> float:
    """How far a behaviour profile is from subgame perfection; 0 exactly when it is subgame perfect.

    The largest of: the gain from changing the move at one decision node
    whose subtree has perfect information (one-shot deviations, enough there
    by backward induction), and each player's best-reply gain in every
    proper subgame that contains an information set with several nodes.
    Linear in the tree for perfect-information games, where checking every
    subgame's best reply would be quadratic. :func:`spe_batch` reports the
    same quantity for every point.

    Examples
    --------
    >>> import deterrence as dt
    >>> g = dt.models.chain_store(stages=1)
    >>> threat = dt.BehaviorProfile(g, {i.label: ("Fight" if "Fight" in i.actions else "Out") for i in g.infosets})
    >>> threat.max_regret, spe_certificate(threat) > 0
    (Fraction(0, 1), True)
    """
    from ..core.behavior import subgame_roots

    g = profile.game
    V = np.asarray(profile.node_values(), dtype=float)
    out = max(0.0, float(one_shot_gains(g, V)[0]))
    pi = perfect_information_below(g)
    for s in subgame_roots(g):
        if not pi[s]:
            out = max(out, float(np.max(np.asarray(profile.regret(s), dtype=float))))
    return out


def _best_reply_value(
    game: ExtensiveGame, choices: np.ndarray, pay: np.ndarray, edge_p: np.ndarray, i: int, start: int
) -> np.ndarray:
    """Value to player ``i`` of a best reply in the subgame at ``start`` against the profile (B,)."""
    B = pay.shape[2]
    kids = game._children
    # Probability of reaching each node of the subgame from ``start`` by chance and the others' moves.
    others: dict[int, np.ndarray] = {start: np.ones(B)}
    stack = [start]
    while stack:
        k = stack.pop()
        kind = game._kind[k]
        if kind == TERMINAL:
            continue
        for a, e in enumerate(_child_edges(game, k)):
            c = int(kids[e])
            if kind == CHANCE:
                w = others[k] * edge_p[e]
            elif game._player[k] == i:
                w = others[k]
            else:
                w = others[k] * (choices[game._node_infoset[k]] == a)
            others[c] = w
            stack.append(c)
    memo: dict[int, np.ndarray] = {}
    plan: dict[int, np.ndarray] = {}

    def value(k: int) -> np.ndarray:
        if k in memo:
            return memo[k]
        kind = game._kind[k]
        if kind == TERMINAL:
            v = pay[game._leaf_of[k], i]
        elif kind == CHANCE:
            v = sum(edge_p[e] * value(int(kids[e])) for e in _child_edges(game, k))
        else:
            inf = int(game._node_infoset[k])
            options = np.stack([value(int(kids[e])) for e in _child_edges(game, k)])
            if game._player[k] == i:
                if inf not in plan:
                    info = game.infosets[inf]
                    q = sum(
                        others[h] * np.stack([value(int(kids[e])) for e in _child_edges(game, h)])
                        for h in info.nodes
                        if h in others
                    )
                    plan[inf] = np.argmax(q, axis=0)
                v = options[plan[inf], np.arange(B)]
            else:
                v = options[choices[inf], np.arange(B)]
        memo[k] = v
        return v

    return value(start)

"""From extensive to strategic form: reduced pure strategies, the reduced normal form, Kuhn's map back."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from .behavior import BehaviorProfile
from .errors import InvalidGameError
from .extensive import CHANCE, DECISION, ExtensiveGame
from .normal_form import NormalFormGame
from .profiles import MixedProfile

__all__ = ["mixed_to_behavior", "reduced_strategies", "reduced_strategy_count", "to_agent_form", "to_normal_form"]


def reduced_strategies(game: ExtensiveGame, player: int | str) -> list[dict[int, int]]:
    """The player's reduced pure strategies: an action at every information set its own moves allow it to reach.

    Each strategy maps information-set indices to action indices; sets made
    unreachable by the player's own earlier moves are left out, so strategies
    that differ only there are one reduced strategy.
    """
    game.require_perfect_recall("reduced_strategies")
    i = game.players.index(player) if isinstance(player, str) else int(player)
    parents = game.parent_sequences()
    mine = [inf for inf in game.infosets if inf.player == i]
    children: dict[tuple[int, int] | None, list[int]] = {}
    for inf in mine:
        children.setdefault(parents[inf.index], []).append(inf.index)

    def expand(active: list[int]) -> list[dict[int, int]]:
        if not active:
            return [{}]
        out = []
        choices = [range(len(game.infosets[a].actions)) for a in active]
        for combo in itertools.product(*choices):
            below = [c for a, act in zip(active, combo, strict=True) for c in children.get((a, act), [])]
            for rest in expand(below):
                out.append({**dict(zip(active, combo, strict=True)), **rest})
        return out

    return expand(children.get(None, []))


def reduced_strategy_count(game: ExtensiveGame, player: int) -> int:
    """Number of reduced pure strategies of ``player``, counted without listing them."""
    parents = game.parent_sequences()
    children: dict[tuple[int, int] | None, list[int]] = {}
    for inf in game.infosets:
        if inf.player == player:
            children.setdefault(parents[inf.index], []).append(inf.index)

    def count(active: list[int]) -> int:
        total = 1
        for a in active:
            total *= sum(count(children.get((a, act), [])) for act in range(len(game.infosets[a].actions)))
        return total

    return count(children.get(None, []))


def _label(game: ExtensiveGame, strategy: dict[int, int]) -> str:
    if not strategy:
        return "(no move)"
    return "/".join(game.infosets[inf].actions[a] for inf, a in sorted(strategy.items()))


def _consistency(game: ExtensiveGame, player: int, strategies: list[dict[int, int]]) -> np.ndarray:
    """Boolean (strategies x leaves): the strategy takes every own move on the path to the leaf."""
    leaves = game.leaves
    C = np.ones((len(strategies), len(leaves)), dtype=bool)
    for r, leaf in enumerate(leaves):
        node, parent = int(leaf), int(game._parent[leaf])
        need = []
        while parent >= 0:
            if game._kind[parent] == DECISION and game._player[parent] == player:
                need.append((int(game._node_infoset[parent]), int(game._action_index[node])))
            node, parent = parent, int(game._parent[parent])
        for s, strat in enumerate(strategies):
            C[s, r] = all(strat.get(inf) == a for inf, a in need)
    return C


def _chance_reach(game: ExtensiveGame, exact: bool) -> np.ndarray:
    probs = game.edge_probs(exact)
    reach: list[Any] = [Fraction(1) if exact else 1.0] * game.n_nodes
    for k in range(1, game.n_nodes):
        p = int(game._parent[k])
        w = probs[game._child_ptr[p] + game._action_index[k]] if game._kind[p] == CHANCE else 1
        reach[k] = reach[p] * w
    return np.array([reach[int(leaf)] for leaf in game.leaves], dtype=object if exact else np.float64)


def to_normal_form(
    game: ExtensiveGame, *, exact: bool | None = None
) -> tuple[NormalFormGame, list[list[dict[int, int]]]]:
    """The reduced normal form of ``game`` and, per player, the strategy behind each row/column.

    Strategy labels join the chosen actions in information-set order with ``/``.
    """
    exact = game.kind == "rational" if exact is None else exact
    strategies = [reduced_strategies(game, i) for i in range(game.n_players)]
    C = [_consistency(game, i, s) for i, s in enumerate(strategies)]
    w = _chance_reach(game, exact)
    pay = game.leaf_payoffs_fraction() if exact else game.leaf_payoffs_float()
    shape = tuple(len(s) for s in strategies)
    out = np.empty((game.n_players, *shape), dtype=object if exact else np.float64)
    if not exact:
        letters = "abcdefghijklmnopqrstuvwxy"[: game.n_players]
        spec = ",".join(f"{c}z" for c in letters) + ",z->" + letters
        for i in range(game.n_players):
            out[i] = np.einsum(spec, *[c.astype(np.float64) for c in C], w * pay[:, i])
    else:
        for cell in itertools.product(*[range(m) for m in shape]):
            mask = np.ones(len(game.leaves), dtype=bool)
            for i, s in enumerate(cell):
                mask &= C[i][s]
            for i in range(game.n_players):
                out[(i, *cell)] = sum((w[r] * pay[r, i] for r in np.nonzero(mask)[0]), Fraction(0))
    labels = [[_label(game, s) for s in strats] for strats in strategies]
    nf = NormalFormGame(out, players=game.players, strategies=labels, title=game.title)
    return nf, strategies


def mixed_to_behavior(
    game: ExtensiveGame, profile: MixedProfile, strategies: list[list[dict[int, int]]]
) -> BehaviorProfile:
    """Kuhn's theorem: the behaviour profile equivalent to a mixed profile of the reduced normal form.

    At an information set the mixture never reaches (given the player's own
    moves), actions are played with equal probability.
    """
    exact = profile.exact
    spec: dict[int, list[Any]] = {}
    for info in game.infosets:
        i = info.player
        probs = profile.probabilities[i]
        n_act = len(info.actions)
        mass = [
            sum((probs[s] for s, st in enumerate(strategies[i]) if st.get(info.index) == a), 0 * probs[0])
            for a in range(n_act)
        ]
        total = sum(mass)
        if total == 0:
            spec[info.index] = [Fraction(1, n_act) if exact else 1.0 / n_act] * n_act
        else:
            spec[info.index] = [m / total for m in mass]
    return BehaviorProfile(game, spec)


def to_agent_form(game: ExtensiveGame, *, exact: bool | None = None, max_cells: int = 1_000_000) -> NormalFormGame:
    """The agent normal form: one player per information set, whose strategies are that set's actions.

    Each agent receives the payoff of the player who owns its information
    set. Nash equilibria of the agent form are the profiles with no
    profitable deviation at a single information set (the basis of Selten's
    perfection and of agent QRE).

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("E", "I"), Decision("E", {
    ...     "Out": Leaf((0, 2)), "In": Decision("I", {"F": Leaf((-1, -1)), "A": Leaf((1, 1))})}))
    >>> af = to_agent_form(g)
    >>> af.players, af.payoff("In", "A")
    (('E@root', 'I@In'), (Fraction(1, 1), Fraction(1, 1)))

    References
    ----------
    R. Selten (1975), "Reexamination of the perfectness concept for equilibrium
    points in extensive games", *International Journal of Game Theory* 4, 25-55.
    """
    exact = game.kind == "rational" if exact is None else exact
    infos = game.infosets
    shape = tuple(len(i.actions) for i in infos)
    cells = int(np.prod(shape)) if shape else 1
    if cells * len(infos) > max_cells:
        raise InvalidGameError(
            f"the agent form would have {cells} cells for {len(infos)} agents; raise max_cells to build it anyway"
        )
    if not infos:
        raise InvalidGameError("the game has no decision nodes, so its agent form has no players")
    w = _chance_reach(game, exact)
    pay = game.leaf_payoffs_fraction() if exact else game.leaf_payoffs_float()
    out = np.zeros((len(infos), *shape), dtype=object if exact else np.float64)
    if exact:
        out[...] = Fraction(0)
    owner = [i.player for i in infos]
    for r, leaf in enumerate(game.leaves):
        idx: list[Any] = [slice(None)] * len(infos)
        node, parent = int(leaf), int(game._parent[leaf])
        while parent >= 0:
            if game._kind[parent] == DECISION:
                idx[int(game._node_infoset[parent])] = int(game._action_index[node])
            node, parent = parent, int(game._parent[parent])
        for k in range(len(infos)):
            out[(k, *idx)] += w[r] * pay[r, owner[k]]
    labels = [list(i.actions) for i in infos]
    return NormalFormGame(out, players=[i.label for i in infos], strategies=labels, title=game.title)

"""Random games for tests, benchmarks and exercises (seeded, reproducible)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from .core.extensive import Chance, Decision, ExtensiveGame, Leaf
from .core.normal_form import NormalFormGame
from .core.signaling import SignalingGame

__all__ = ["random_bimatrix", "random_poker_like", "random_signaling", "random_tree"]


def _rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


def random_bimatrix(
    m: int, n: int, *, rng: np.random.Generator | int | None = None, integers: tuple[int, int] | None = None
) -> NormalFormGame:
    """A random two-player game: payoffs uniform in ``[0, 1)``, or integers in ``[lo, hi]`` (exact, often degenerate).

    Examples
    --------
    >>> random_bimatrix(3, 2, rng=0, integers=(0, 1)).shape
    (3, 2)
    """
    r = _rng(rng)
    if integers is None:
        return NormalFormGame.bimatrix(r.random((m, n)), r.random((m, n)))
    lo, hi = integers
    return NormalFormGame.bimatrix(r.integers(lo, hi + 1, (m, n)), r.integers(lo, hi + 1, (m, n)))


def random_tree(
    n_decisions: int,
    *,
    n_players: int = 2,
    max_actions: int = 3,
    chance_share: float = 0.0,
    integers: tuple[int, int] | None = None,
    rng: np.random.Generator | int | None = None,
) -> ExtensiveGame:
    """A random perfect-information tree with ``n_decisions`` internal nodes.

    Nodes are expanded breadth first (so the depth grows like a logarithm of
    the size); each internal node has 2 to ``max_actions`` children and is a
    chance node with probability ``chance_share`` (chance probabilities are
    exact fractions). Payoffs are uniform in ``[0, 1)`` or
    integers in ``[lo, hi]`` (ties, hence several equilibria, are then common).

    The tree is built with :meth:`ExtensiveGame.from_arrays`, without one Python
    object per node: a million nodes take about a second. Node ``k`` of the
    breadth-first construction, its action labels ``a1``, ``a2``, ... and the
    random draws are those of the earlier node-by-node builder, so a seed gives
    the same game as before.

    Examples
    --------
    >>> g = random_tree(5, rng=1)
    >>> g.is_perfect_information, g.n_players
    (True, 2)
    """
    r = _rng(rng)
    players = tuple(f"P{i + 1}" for i in range(n_players))
    # Shape, breadth first: node k < m is expanded k-th and gets deg[k] children, numbered
    # consecutively after all earlier ones (the same draws as one r.integers call per node).
    m = max(1, n_decisions)
    deg = r.integers(2, max_actions + 1, size=m)
    n = 1 + int(deg.sum())
    parent = np.empty(n, dtype=np.int64)
    parent[0] = -1
    parent[1:] = np.repeat(np.arange(m), deg)
    is_chance = r.random(n) < chance_share
    movers = r.integers(0, n_players, n)
    if integers is None:
        pay = r.random((n, n_players))
    else:
        pay = r.integers(integers[0], integers[1] + 1, (n, n_players))
    weights = r.integers(1, 5, n)
    internal = np.zeros(n, dtype=bool)
    internal[:m] = True
    chance = internal & is_chance
    player = np.where(chance, -1, movers)
    probs = None
    if chance.any():  # exact probabilities weight / (sum of the siblings' weights)
        totals = np.zeros(n, dtype=np.int64)
        totals[:m] = np.add.reduceat(weights[1:], np.cumsum(deg) - deg)
        probs = np.full(n, None, dtype=object)
        for c in np.flatnonzero(chance[parent[1:]]) + 1:
            probs[c] = Fraction(int(weights[c]), int(totals[parent[c]]))
    return ExtensiveGame.from_arrays(
        players,
        parent,
        player,
        pay,
        probs=probs,
        action_labels=tuple(f"a{i + 1}" for i in range(max_actions)),
    )


def random_poker_like(
    n_cards: int = 3,
    depth: int = 2,
    branching: int = 2,
    *,
    zero_sum: bool = False,
    integers: tuple[int, int] | None = None,
    rng: np.random.Generator | int | None = None,
) -> ExtensiveGame:
    """A random two-player game with private information, shaped like poker.

    Chance deals each player one of ``n_cards`` private cards (all
    ``n_cards ** 2`` pairs equally likely); then the players alternate
    ``depth`` public moves with ``branching`` actions each. A player's
    information set is its own card and the public history, so recall is
    perfect. Each player has ``n_cards * (branching ** depth - 1) / (branching - 1)``
    sequences at most (more with larger ``depth``). Leaf payoffs are random
    (uniform in ``[0, 1)`` or integers in ``[lo, hi]``); with ``zero_sum``
    player 2 gets the negative of player 1's payoff.

    Examples
    --------
    >>> g = random_poker_like(3, 2, 2, rng=0)
    >>> len(g.infosets), g.has_perfect_recall
    (9, True)
    """
    r = _rng(rng)
    players = ("P1", "P2")

    def payoff() -> tuple[Any, Any]:
        if integers is None:
            a, b = (float(v) for v in r.random(2))
        else:
            a, b = (int(v) for v in r.integers(integers[0], integers[1] + 1, 2))
        return (a, -a) if zero_sum else (a, b)

    def public(cards: tuple[int, int], history: tuple[str, ...]) -> Any:
        if len(history) == depth:
            return Leaf(payoff())
        mover = len(history) % 2
        label = f"{mover + 1}:{cards[mover]}:{''.join(history)}"
        acts = [f"m{j}" for j in range(branching)]
        return Decision(players[mover], {a: public(cards, (*history, a)) for a in acts}, infoset=label)

    p = Fraction(1, n_cards * n_cards)
    deals = {f"{a}-{b}": (p, public((a, b), ())) for a in range(n_cards) for b in range(n_cards)}
    return ExtensiveGame(players, Chance(deals))


def random_signaling(
    n_types: int,
    n_messages: int,
    n_responses: int,
    *,
    integers: tuple[int, int] | None = None,
    rng: np.random.Generator | int | None = None,
) -> SignalingGame:
    """A random signaling game: a random exact prior, payoffs uniform in ``[0, 1)`` or integers in ``[lo, hi]``.

    The prior gives every type a probability that is a multiple of
    ``1 / (4 n_types)``, at least that much (exact fractions).

    Examples
    --------
    >>> g = random_signaling(3, 2, 2, integers=(0, 3), rng=0)
    >>> g.shape, sum(g.prior)
    ((3, 2, 2), Fraction(1, 1))
    """
    r = _rng(rng)
    units = 4 * n_types
    extra = r.multinomial(units - n_types, [1 / n_types] * n_types)
    prior = [Fraction(int(1 + e), units) for e in extra]
    shape = (n_types, n_messages, n_responses)
    if integers is None:
        us, ur = r.random(shape), r.random(shape)
    else:
        lo, hi = integers
        us, ur = r.integers(lo, hi + 1, shape), r.integers(lo, hi + 1, shape)
    return SignalingGame(
        [f"t{k + 1}" for k in range(n_types)],
        prior,
        [f"m{k + 1}" for k in range(n_messages)],
        [f"r{k + 1}" for k in range(n_responses)],
        us,
        ur,
    )

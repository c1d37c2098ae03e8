"""Random games for tests, benchmarks and exercises (seeded, reproducible)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from .core.extensive import Chance, Decision, ExtensiveGame, Leaf
from .core.normal_form import NormalFormGame

__all__ = ["random_bimatrix", "random_poker_like", "random_tree"]


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
    """A random perfect-information tree with about ``n_decisions`` internal nodes.

    Internal nodes are expanded breadth-first; each has 2 to ``max_actions``
    children and is a chance node with probability ``chance_share`` (chance
    probabilities are exact fractions). Payoffs are uniform in ``[0, 1)`` or
    integers in ``[lo, hi]`` (ties, hence several equilibria, are then common).

    Examples
    --------
    >>> g = random_tree(5, rng=1)
    >>> g.is_perfect_information, g.n_players
    (True, 2)
    """
    r = _rng(rng)
    players = tuple(f"P{i + 1}" for i in range(n_players))
    # build a shape first: list of children counts in breadth-first order
    counts: list[int] = []
    frontier = 1
    internal = 0
    while frontier and internal < n_decisions:
        k = int(r.integers(2, max_actions + 1))
        counts.append(k)
        internal += 1
        frontier += k - 1
    kinds = ["chance" if r.random() < chance_share else "decision" for _ in counts]

    def payoff() -> tuple[Any, ...]:
        if integers is None:
            return tuple(float(v) for v in r.random(n_players))
        return tuple(int(v) for v in r.integers(integers[0], integers[1] + 1, n_players))

    # assign breadth-first positions: node j (0-based among internal nodes) has children positions
    next_internal = [1]

    def build(j: int) -> Any:
        k = counts[j]
        kids = []
        for _ in range(k):
            if next_internal[0] < len(counts) and r.random() < 0.7:
                c = next_internal[0]
                next_internal[0] += 1
                kids.append(("internal", c))
            else:
                kids.append(("leaf", None))
        subs = [build(c) if t == "internal" else Leaf(payoff()) for t, c in kids]
        labels = [f"a{i + 1}" for i in range(k)]
        if kinds[j] == "chance":
            w = r.integers(1, 5, k)
            probs = [Fraction(int(v), int(w.sum())) for v in w]
            return Chance({lab: (p, s) for lab, p, s in zip(labels, probs, subs, strict=True)})
        mover = players[int(r.integers(0, n_players))]
        return Decision(mover, dict(zip(labels, subs, strict=True)))

    return ExtensiveGame(players, build(0))


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
    deals = {f"{a}{b}": (p, public((a, b), ())) for a in range(n_cards) for b in range(n_cards)}
    return ExtensiveGame(players, Chance(deals))

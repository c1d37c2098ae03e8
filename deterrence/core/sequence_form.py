"""The sequence form of a two-player extensive game (Koller, Megiddo and von Stengel 1996).

A player's *sequences* are the empty sequence and every (information set,
action) pair of that player. A *realisation plan* ``x`` gives each sequence
the probability that the player's own moves follow it; it satisfies
``E x = e, x >= 0``. Expected payoffs are bilinear: ``x^T A y`` and
``x^T B y``, with ``A`` and ``B`` summing chance-weighted leaf payoffs over
the pair of sequences that leads to each leaf. The representation is linear
in the size of the tree, where the normal form can be exponential.

References
----------
D. Koller, N. Megiddo and B. von Stengel (1996), "Efficient computation of
equilibria for extensive two-person games", *Games and Economic Behavior*
14, 247-259. B. von Stengel (1996), "Efficient computation of behavior
strategies", *Games and Economic Behavior* 14, 220-246.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .behavior import BehaviorProfile
from .errors import UnsupportedGameError
from .extensive import CHANCE, DECISION, ExtensiveGame

__all__ = ["SequenceForm", "sequence_form"]


@dataclass(frozen=True)
class SequenceForm:
    """Sequence-form data of a two-player game.

    Attributes
    ----------
    sequences
        Per player, the sequences: ``None`` for the empty sequence, else
        ``(infoset index, action index)``.
    E, e, F, f
        Constraints ``E x = e`` and ``F y = f`` (row 0: the empty sequence
        has probability 1; one row per information set: its actions' sequences
        sum to the parent sequence).
    A, B
        Payoff matrices of shape ``(len(sequences[0]), len(sequences[1]))``.
    R
        Chance probability of the leaves at each pair of sequences (the
        payoff matrix of a game paying 1 everywhere); adding ``c * R`` to
        ``A`` adds ``c`` to every leaf payoff of player 1.
    """

    game: ExtensiveGame
    sequences: tuple[tuple[Any, ...], tuple[Any, ...]]
    E: np.ndarray
    e: np.ndarray
    F: np.ndarray
    f: np.ndarray
    A: np.ndarray
    B: np.ndarray
    R: np.ndarray
    exact: bool

    def seq_index(self, player: int) -> dict[Any, int]:
        """Map from sequence to its index for one player."""
        return {s: k for k, s in enumerate(self.sequences[player])}

    def to_behavior(self, x: Any, y: Any) -> BehaviorProfile:
        """Behaviour profile of a pair of realisation plans (uniform where a set is unreachable)."""
        g = self.game
        spec: dict[int, list[Any]] = {}
        for player, plan in ((0, x), (1, y)):
            idx = self.seq_index(player)
            parent = g.parent_sequences()
            for info in g.infosets:
                if info.player != player:
                    continue
                base = plan[idx[parent[info.index]]]
                n = len(info.actions)
                vals = [plan[idx[(info.index, a)]] for a in range(n)]
                if self.exact and base > 0:
                    vals = [v / base for v in vals]
                elif not self.exact and float(base) > 1e-12 and sum(max(float(v), 0.0) for v in vals) > 0:
                    vals = [max(float(v), 0.0) for v in vals]
                    s = sum(vals)
                    vals = [v / s for v in vals]
                else:
                    vals = [Fraction(1, n) if self.exact else 1.0 / n] * n
                spec[info.index] = vals
        return BehaviorProfile(g, spec)


def sequence_form(game: ExtensiveGame, *, exact: bool = False) -> SequenceForm:
    """Build the sequence form of a two-player game with perfect recall.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("E", "I"), Decision("E", {
    ...     "Out": Leaf((0, 2)), "In": Decision("I", {"F": Leaf((-1, -1)), "A": Leaf((1, 1))})}))
    >>> sf = sequence_form(g, exact=True)
    >>> sf.sequences
    ((None, (0, 0), (0, 1)), (None, (1, 0), (1, 1)))
    >>> sf.A[2].tolist()  # In against each sequence of I
    [Fraction(0, 1), Fraction(-1, 1), Fraction(1, 1)]
    """
    if game.n_players != 2:
        raise UnsupportedGameError(f"the sequence form here is for two players; this game has {game.n_players}")
    game.require_perfect_recall("the sequence form")
    parent = game.parent_sequences()
    seqs: list[list[Any]] = [[None], [None]]
    for info in game.infosets:
        for a in range(len(info.actions)):
            seqs[info.player].append((info.index, a))
    idx = [{s: k for k, s in enumerate(ss)} for ss in seqs]
    dtype = object if exact else np.float64
    one = Fraction(1) if exact else 1.0
    zero = Fraction(0) if exact else 0.0

    def constraints(player: int) -> tuple[np.ndarray, np.ndarray]:
        mine = [i for i in game.infosets if i.player == player]
        E = np.full((1 + len(mine), len(seqs[player])), zero, dtype=dtype)
        e = np.full(1 + len(mine), zero, dtype=dtype)
        E[0, 0] = one
        e[0] = one
        for r, info in enumerate(mine, start=1):
            E[r, idx[player][parent[info.index]]] = -one
            for a in range(len(info.actions)):
                E[r, idx[player][(info.index, a)]] = one
        return E, e

    E, e = constraints(0)
    F, f = constraints(1)
    pay = game.leaf_payoffs_fraction() if exact else game.leaf_payoffs_float()
    probs = game.edge_probs(exact)
    A = np.full((len(seqs[0]), len(seqs[1])), zero, dtype=dtype)
    B = np.full((len(seqs[0]), len(seqs[1])), zero, dtype=dtype)
    R = np.full((len(seqs[0]), len(seqs[1])), zero, dtype=dtype)
    # walk the tree once: chance reach and the last sequence of each player
    N = game.n_nodes
    reach: list[Any] = [one] * N
    last = np.zeros((N, 2), dtype=np.int64)
    for k in range(1, N):
        p = int(game._parent[k])
        reach[k] = reach[p]
        last[k] = last[p]
        if game._kind[p] == CHANCE:
            reach[k] = reach[p] * probs[game._child_ptr[p] + game._action_index[k]]
        elif game._kind[p] == DECISION:
            pl = int(game._player[p])
            last[k, pl] = idx[pl][(int(game._node_infoset[p]), int(game._action_index[k]))]
    for r, leaf in enumerate(game.leaves):
        i, j = last[leaf]
        A[i, j] += reach[leaf] * pay[r, 0]
        B[i, j] += reach[leaf] * pay[r, 1]
        R[i, j] += reach[leaf]
    return SequenceForm(game, (tuple(seqs[0]), tuple(seqs[1])), E, e, F, f, A, B, R, exact)

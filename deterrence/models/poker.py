"""Small poker games: classic test beds for extensive-form solvers with hidden information."""

from __future__ import annotations

import itertools
from fractions import Fraction

from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ._spec import model

__all__ = ["kuhn_poker"]


@model
def kuhn_poker() -> ExtensiveGame:
    """Kuhn's three-card poker (two players, ante 1, one bet of 1).

    The cards J < Q < K are dealt one to each player. Player 1 checks or
    bets; facing a bet a player folds or calls; after two checks, or a call,
    the higher card wins the pot. Its value to player 1 is -1/18.

    Information sets are labelled by player, own card and history, e.g.
    ``"1:J"``, ``"2:Q:b"`` (player 2 with a queen facing a bet) and
    ``"1:K:cb"`` (player 1 with a king who checked and now faces a bet).

    Examples
    --------
    >>> import deterrence as dt
    >>> g = kuhn_poker()
    >>> g.n_nodes, len(g.infosets)
    (55, 12)
    >>> round(dt.solve(g, method="sequence_form_lp").stats["value"], 9) == round(-1 / 18, 9)
    True

    References
    ----------
    H. W. Kuhn (1950), "A simplified two-person poker", *Contributions to the
    Theory of Games* I, 97-103.
    """
    cards = "JQK"

    def showdown(c1: str, c2: str, stake: int) -> Leaf:
        win = stake if cards.index(c1) > cards.index(c2) else -stake
        return Leaf((win, -win))

    def deal(c1: str, c2: str) -> Decision:
        after_check = Decision(
            "Player 2",
            {
                "check": showdown(c1, c2, 1),
                "bet": Decision(
                    "Player 1",
                    {"fold": Leaf((-1, 1)), "call": showdown(c1, c2, 2)},
                    infoset=f"1:{c1}:cb",
                ),
            },
            infoset=f"2:{c2}:c",
        )
        after_bet = Decision("Player 2", {"fold": Leaf((1, -1)), "call": showdown(c1, c2, 2)}, infoset=f"2:{c2}:b")
        return Decision("Player 1", {"check": after_check, "bet": after_bet}, infoset=f"1:{c1}")

    deals = {f"{a}{b}": (Fraction(1, 6), deal(a, b)) for a, b in itertools.permutations(cards, 2)}
    return ExtensiveGame(("Player 1", "Player 2"), Chance(deals), title="Kuhn poker")

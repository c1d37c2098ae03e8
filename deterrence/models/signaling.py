"""Signaling games from the literature, as :class:`~deterrence.SignalingGame` factories."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.signaling import SignalingGame
from ._spec import Assumptions, model

__all__ = ["beer_quiche"]


@model
def beer_quiche(
    *,
    prob_strong: Any = Fraction(9, 10),
    breakfast_value: Any = 1,
    avoid_duel_value: Any = 2,
    players: tuple[str, str] = ("Sender", "Receiver"),
) -> SignalingGame:
    """Cho and Kreps's Beer-Quiche game, the standard test of signaling refinements.

    A sender, strong with probability ``prob_strong`` and weak otherwise,
    chooses breakfast: the strong type prefers ``Beer``, the weak type
    ``Quiche`` (``breakfast_value`` for the preferred one). The receiver sees
    the breakfast and chooses ``Duel`` or ``Don't``; the sender gains
    ``avoid_duel_value`` if there is no duel. The receiver gets 1 for dueling
    a weak sender or leaving a strong one alone, 0 otherwise.

    Parameters
    ----------
    prob_strong
        Prior probability of the strong type (the paper's 0.9); above 1/2
        the receiver prefers not to duel at the prior.
    breakfast_value, avoid_duel_value
        The sender's payoffs (paper: 1 and 2); ``avoid_duel_value >
        breakfast_value > 0`` gives the paper's two pooling equilibria.

    Returns
    -------
    SignalingGame
        Types ``("Strong", "Weak")``, messages ``("Beer", "Quiche")``,
        responses ``("Duel", "Don't")``.

    References
    ----------
    I.-K. Cho and D. M. Kreps (1987), "Signaling games and stable equilibria",
    *Quarterly Journal of Economics* 102(2), 179-221, section II.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.beer_quiche(), concept="pbe", refine="intuitive")
    >>> res[0].label, res[0].belief_sets["Receiver@Quiche"].describe()
    ('pooling on Beer', 'Weak >= 1/2')
    """
    chk = Assumptions("beer_quiche")
    chk.probability("prob_strong", prob_strong, open_interval=True)
    chk.order(
        "avoid_duel_value > breakfast_value > 0",
        avoid_duel_value=avoid_duel_value,
        breakfast_value=breakfast_value,
    )
    chk.done()
    favourite = {"Strong": "Beer", "Weak": "Quiche"}

    def payoff(t: str, m: str, r: str) -> tuple[Any, Any]:
        sender = (breakfast_value if favourite[t] == m else 0) + (avoid_duel_value if r == "Don't" else 0)
        receiver = 1 if (r == "Duel") == (t == "Weak") else 0
        return sender, receiver

    return SignalingGame.from_function(
        ("Strong", "Weak"),
        (prob_strong, 1 - prob_strong),
        ("Beer", "Quiche"),
        ("Duel", "Don't"),
        payoff,
        players=players,
        title="Beer-Quiche",
    )

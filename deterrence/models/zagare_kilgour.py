"""Zagare and Kilgour's deterrence games (Perfect Deterrence, 2000).

Outcomes are named as in the book: ``SQ`` (status quo), ``DC`` (the
Challenger defects, the Defender concedes), ``DD`` (conflict). Payoffs are
written ``a_<outcome>`` for the Challenger (player A) and ``b_<outcome>`` for
the Defender (player B).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ._spec import Assumptions, model

__all__ = ["generic_deterrence", "rudimentary_asymmetric_deterrence"]


@model
def generic_deterrence(
    *,
    a_sq: Any = 0,
    a_dc: Any = 1,
    a_dd: Any = -1,
    b_sq: Any = 1,
    b_dc: Any = -1,
    b_dd: Any = -2,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """Zagare and Kilgour's Generic Deterrence Game, with complete information.

    The Challenger keeps the status quo (``"Cooperate"``, outcome SQ) or
    demands (``"Defect"``); the Defender then concedes (``"Cooperate"``,
    outcome DC) or resists (``"Defect"``, outcome DD).

    Parameters
    ----------
    a_sq, a_dc, a_dd
        The Challenger's payoffs for SQ, DC and DD (book: ``a_SQ``, ``a_DC``, ``a_DD``).
    b_sq, b_dc, b_dd
        The Defender's payoffs (``b_SQ``, ``b_DC``, ``b_DD``).
    players
        Names of the Challenger and the Defender.

    Notes
    -----
    The book assumes ``a_dc > a_sq`` (the Challenger wants to change the
    status quo) and ``b_sq > b_dc`` (the Defender prefers it kept); a
    violation warns (:class:`~deterrence.models.ModelDomainWarning`). Deterrence
    (SQ as the subgame perfect outcome) needs a *credible* threat,
    ``b_dd > b_dc``, and a *capable* one, ``a_sq > a_dd``.

    References
    ----------
    F. C. Zagare and D. M. Kilgour (2000), *Perfect Deterrence*, Cambridge
    University Press, chapter 3.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.generic_deterrence(b_dd=0), concept="spe")  # credible and capable
    >>> res[0].describe("Challenger")
    'root: Cooperate'
    >>> dt.solve(dt.models.generic_deterrence(), concept="spe")[0].describe("Challenger")  # threat not credible
    'root: Defect'
    """
    chk = Assumptions("generic_deterrence")
    chk.finite(a_sq=a_sq, a_dc=a_dc, a_dd=a_dd, b_sq=b_sq, b_dc=b_dc, b_dd=b_dd)
    chk.order("a_dc > a_sq", a_dc=a_dc, a_sq=a_sq)
    chk.order("b_sq > b_dc", b_sq=b_sq, b_dc=b_dc)
    chk.done()
    challenger, defender = players
    root = Decision(
        challenger,
        {
            "Cooperate": Leaf((a_sq, b_sq), name="SQ"),
            "Defect": Decision(
                defender, {"Cooperate": Leaf((a_dc, b_dc), name="DC"), "Defect": Leaf((a_dd, b_dd), name="DD")}
            ),
        },
    )
    return ExtensiveGame(players, root, title="Generic Deterrence Game")


@model
def rudimentary_asymmetric_deterrence(
    *,
    hard_prob: Any = Fraction(3, 10),
    a_sq: Any = 0,
    a_dc: Any = 1,
    a_dd: Any = -1,
    b_sq: Any = 2,
    b_dc: Any = 0,
    b_dd_hard: Any = 1,
    b_dd_soft: Any = -1,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """Zagare and Kilgour's Rudimentary Asymmetric Deterrence Game (RADG).

    Nature makes the Defender *Hard* (it prefers conflict to conceding) with
    probability ``hard_prob`` and *Soft* otherwise; only the Defender knows.
    The Challenger, not knowing the type, keeps the status quo
    (``"Cooperate"``) or demands (``"Defect"``); the Defender concedes
    (``"Cooperate"``, DC) or resists (``"Defect"``, DD).

    Parameters
    ----------
    hard_prob
        ``p_B``, the probability that the Defender is Hard (its credibility);
        strictly between 0 and 1.
    a_sq, a_dc, a_dd
        The Challenger's payoffs; the paper assumes ``a_dd < a_sq < a_dc``.
    b_sq, b_dc, b_dd_hard, b_dd_soft
        The Defender's payoffs; ``b_dd_soft < b_dc < b_dd_hard < b_sq``
        (``b_DD-`` and ``b_DD+`` in the paper).
    players
        Names of the Challenger and the Defender.

    Notes
    -----
    In every equilibrium the Hard Defender resists and the Soft one concedes;
    the Challenger demands when ``hard_prob < (a_dc - a_sq) / (a_dc - a_dd)``
    and keeps the status quo when it is above. Outside the paper's orderings
    the game is still built, with a :class:`~deterrence.models.ModelDomainWarning`.

    References
    ----------
    F. C. Zagare and D. M. Kilgour (1993), "Asymmetric deterrence",
    *International Studies Quarterly* 37(1), 1-27; *Perfect Deterrence*
    (2000), chapter 3 and appendix.

    Examples
    --------
    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> low = dt.solve(dt.models.rudimentary_asymmetric_deterrence(hard_prob=F(1, 4)), concept="spe")
    >>> low[0].describe("Challenger"), low[0].describe("Defender")
    ('Challenger: Defect', 'Hard: Defect; Soft: Cooperate')
    >>> high = dt.solve(dt.models.rudimentary_asymmetric_deterrence(hard_prob=F(3, 4)), concept="spe")
    >>> high[0].describe("Challenger")
    'Challenger: Cooperate'
    """
    chk = Assumptions("rudimentary_asymmetric_deterrence")
    chk.probability("hard_prob", hard_prob, open_interval=True)
    chk.finite(a_sq=a_sq, a_dc=a_dc, a_dd=a_dd, b_sq=b_sq, b_dc=b_dc, b_dd_hard=b_dd_hard, b_dd_soft=b_dd_soft)
    chk.order("a_dd < a_sq < a_dc", a_dd=a_dd, a_sq=a_sq, a_dc=a_dc)
    chk.order("b_dd_soft < b_dc < b_dd_hard < b_sq", b_dd_soft=b_dd_soft, b_dc=b_dc, b_dd_hard=b_dd_hard, b_sq=b_sq)
    chk.done()
    challenger, defender = players

    def branch(b_dd: Any, kind: str) -> Decision:
        return Decision(
            challenger,
            {
                "Cooperate": Leaf((a_sq, b_sq), name="SQ"),
                "Defect": Decision(
                    defender,
                    {"Cooperate": Leaf((a_dc, b_dc), name="DC"), "Defect": Leaf((a_dd, b_dd), name="DD")},
                    infoset=kind,
                ),
            },
            infoset=challenger,
        )

    root = Chance({"Hard": (hard_prob, branch(b_dd_hard, "Hard")), "Soft": (1 - hard_prob, branch(b_dd_soft, "Soft"))})
    return ExtensiveGame(players, root, title="Rudimentary Asymmetric Deterrence Game")

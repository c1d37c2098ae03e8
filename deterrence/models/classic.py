"""Textbook two-by-two games, with payoffs as keyword parameters.

Each factory checks the payoff ordering that defines the game and raises
:class:`~deterrence.InvalidGameError` when the ordering is violated, so a
"chicken" that is not a game of chicken cannot be built by accident.
"""

from __future__ import annotations

from typing import Any

from ..core.normal_form import NormalFormGame
from ._spec import Assumptions, model

__all__ = ["battle_of_the_sexes", "chicken", "matching_pennies", "prisoners_dilemma", "stag_hunt"]


@model
def chicken(
    *,
    concede: Any = 0,
    lose_face: Any = -1,
    prevail: Any = 1,
    war: Any = -10,
    players: tuple[str, str] = ("USSR", "USA"),
) -> NormalFormGame:
    """Chicken, the classic model of a nuclear crisis (symmetric).

    Each side chooses to ``Swerve`` (back down) or ``Stand`` (hold firm). If
    both swerve each gets ``concede``; one who stands against a swerver gets
    ``prevail`` and the swerver ``lose_face``; if both stand, ``war``.

    Parameters
    ----------
    concede, lose_face, prevail, war
        Payoffs with ``prevail > concede > lose_face > war`` (the ordering that
        defines chicken).
    players
        Names of the two sides.

    Returns
    -------
    NormalFormGame
        Strategies ``("Swerve", "Stand")`` for both sides.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.chicken(), exact=True)
    >>> [tuple(eq["USA"]) for eq in res]
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(9, 10), Fraction(1, 10)), (Fraction(1, 1), Fraction(0, 1))]

    References
    ----------
    B. Russell (1959), *Common Sense and Nuclear Warfare*; A. Rapoport and
    A. M. Chammah (1966), "The game of chicken", *American Behavioral
    Scientist* 10(3), 10-28. T. C. Schelling (1966), *Arms and Influence*.
    """
    chk = Assumptions("chicken")
    chk.order(
        "prevail > concede > lose_face > war",
        strict=True,
        prevail=prevail,
        concede=concede,
        lose_face=lose_face,
        war=war,
    )
    chk.done()
    A = [[concede, lose_face], [prevail, war]]
    B = [[concede, prevail], [lose_face, war]]
    return NormalFormGame.bimatrix(A, B, players=players, strategies=(["Swerve", "Stand"],) * 2, title="Chicken")


@model
def prisoners_dilemma(
    *,
    reward: Any = 3,
    sucker: Any = 0,
    temptation: Any = 5,
    punishment: Any = 1,
    players: tuple[str, str] = ("Row", "Column"),
) -> NormalFormGame:
    """Prisoner's dilemma; as an arms race: cooperate = restrain, defect = arm.

    Parameters
    ----------
    reward, sucker, temptation, punishment
        ``R, S, T, P`` with ``T > R > P > S``.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.prisoners_dilemma())
    >>> [eq.support(0) + eq.support(1) for eq in res]
    [('Defect', 'Defect')]

    References
    ----------
    A. Rapoport and A. M. Chammah (1965), *Prisoner's Dilemma*; R. Jervis
    (1978), "Cooperation under the security dilemma", *World Politics* 30(2).
    """
    chk = Assumptions("prisoners_dilemma")
    chk.order(
        "temptation > reward > punishment > sucker",
        strict=True,
        temptation=temptation,
        reward=reward,
        punishment=punishment,
        sucker=sucker,
    )
    chk.done()
    A = [[reward, sucker], [temptation, punishment]]
    B = [[reward, temptation], [sucker, punishment]]
    return NormalFormGame.bimatrix(
        A, B, players=players, strategies=(["Cooperate", "Defect"],) * 2, title="Prisoner's dilemma"
    )


@model
def stag_hunt(
    *,
    stag: Any = 4,
    hare_alone: Any = 3,
    hare_both: Any = 2,
    stag_alone: Any = 0,
    players: tuple[str, str] = ("Row", "Column"),
) -> NormalFormGame:
    """Stag hunt (Jervis's security dilemma as a coordination problem).

    Parameters
    ----------
    stag, hare_alone, hare_both, stag_alone
        Payoffs with ``stag > hare_alone >= hare_both > stag_alone``: mutual
        cooperation is best, but cooperating alone is worst.

    Examples
    --------
    >>> import deterrence as dt
    >>> len(dt.solve(dt.models.stag_hunt()))
    3

    References
    ----------
    R. Jervis (1978), "Cooperation under the security dilemma", *World
    Politics* 30(2), 167-214. B. Skyrms (2004), *The Stag Hunt*.
    """
    chk = Assumptions("stag_hunt")
    chk.order(
        "stag > hare_alone >= hare_both > stag_alone",
        strict=True,
        stag=stag,
        hare_alone=hare_alone,
        hare_both=hare_both,
        stag_alone=stag_alone,
    )
    chk.done()
    A = [[stag, stag_alone], [hare_alone, hare_both]]
    B = [[stag, hare_alone], [stag_alone, hare_both]]
    return NormalFormGame.bimatrix(A, B, players=players, strategies=(["Stag", "Hare"],) * 2, title="Stag hunt")


@model
def matching_pennies(*, stake: Any = 1, players: tuple[str, str] = ("Matcher", "Mismatcher")) -> NormalFormGame:
    """Matching pennies, the zero-sum game with only a mixed equilibrium.

    Examples
    --------
    >>> import deterrence as dt
    >>> dt.solve(dt.models.matching_pennies(), exact=True)[0]["Matcher"]
    array([Fraction(1, 2), Fraction(1, 2)], dtype=object)

    References
    ----------
    J. von Neumann and O. Morgenstern (1944), *Theory of Games and Economic
    Behavior*, Princeton University Press, section 18.
    """
    chk = Assumptions("matching_pennies")
    chk.order("stake > 0", strict=True, stake=stake)
    chk.done()
    A = [[stake, -stake], [-stake, stake]]
    return NormalFormGame.zero_sum(A, players=players, strategies=(["Heads", "Tails"],) * 2, title="Matching pennies")


@model
def battle_of_the_sexes(
    *,
    preferred: Any = 2,
    other: Any = 1,
    apart: Any = 0,
    players: tuple[str, str] = ("Row", "Column"),
) -> NormalFormGame:
    """Battle of the sexes: coordination with conflicting preferences over where.

    Both prefer meeting to ``apart``; Row prefers ``"Opera"`` (``preferred``
    there, ``other`` at the fight), Column the reverse.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.battle_of_the_sexes(), exact=True)
    >>> res[1]["Row"]
    array([Fraction(2, 3), Fraction(1, 3)], dtype=object)

    References
    ----------
    R. D. Luce and H. Raiffa (1957), *Games and Decisions*, section 5.3.
    """
    chk = Assumptions("battle_of_the_sexes")
    chk.order("preferred > other > apart", strict=True, preferred=preferred, other=other, apart=apart)
    chk.done()
    A = [[preferred, apart], [apart, other]]
    B = [[other, apart], [apart, preferred]]
    return NormalFormGame.bimatrix(
        A, B, players=players, strategies=(["Opera", "Fight"],) * 2, title="Battle of the sexes"
    )

"""Zagare and Kilgour's games of *Perfect Deterrence* (2000) with incomplete information.

Three trees from the book and the articles it collects:

* :func:`unilateral_deterrence`: the Unilateral Deterrence Game, in which a
  Challenger may back down after the Defender resists, with two-sided
  incomplete information about whether each side is Hard;
* :func:`mutual_deterrence`: Kilgour and Zagare's (1991) Mutual Deterrence
  Game, in which either side may defect from the status quo and the victim
  retaliates or capitulates;
* :func:`asymmetric_escalation`: Zagare and Kilgour's (1995) Asymmetric
  Escalation Game, with a Defender that may respond in kind or escalate and
  whose tactical and strategic resolve are private.

Outcomes are named as in the book by the two sides' final stances,
Challenger (or Player 1) first: ``SQ`` (status quo), ``DC`` (the first side
defects and the other concedes), ``CD`` (the reverse), ``DD`` (conflict), and
in the escalation game ``ED``, ``DE`` and ``EE`` (``E`` for escalation). Every
move is labelled ``"Cooperate"`` / ``"Defect"`` (and ``"Escalate"``) as in the
book's C / D / E.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import InvalidGameError
from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ._spec import Assumptions, _is_symbolic, model

__all__ = ["asymmetric_escalation", "mutual_deterrence", "unilateral_deterrence"]

C, D, E = "Cooperate", "Defect", "Escalate"


def _zero_or_one(model_name: str, **values: Any) -> None:
    """Complete information: each type probability must be exactly 0 or 1 (elementwise)."""
    for name, v in values.items():
        if _is_symbolic(v):
            continue
        arr = np.asarray(v, dtype=float)
        bad = ~((arr == 0) | (arr == 1))
        if bad.any():
            idx = tuple(int(i) for i in np.argwhere(bad)[0]) if arr.ndim else ()
            got = arr[idx] if idx else arr
            at = f" at point {idx[0] if len(idx) == 1 else idx}" if idx else ""
            raise InvalidGameError(
                f"{model_name}: with complete_information=True, {name} must be 0 or 1 (the type is known), "
                f"got {float(got)}{at}"
            )


def _sums_to_one(model_name: str, **values: Any) -> None:
    """The given probabilities must add up to 1 (elementwise; skipped when symbolic)."""
    if any(_is_symbolic(v) for v in values.values()):
        return
    arrs = [np.asarray(v, dtype=float) for v in values.values()]
    total = sum(arrs[1:], arrs[0])
    bad = np.abs(total - 1) > 1e-9
    if np.any(bad):
        idx = tuple(int(i) for i in np.argwhere(bad)[0]) if np.ndim(total) else ()
        at = f" at point {idx[0] if len(idx) == 1 else idx}" if idx else ""
        got = float(total[idx]) if idx else float(total)
        names = " + ".join(values)
        raise InvalidGameError(f"{model_name}: {names} must sum to 1, got {got:g}{at}")


# ====================================================================== Unilateral Deterrence Game
@model
def unilateral_deterrence(
    *,
    challenger_hard_prob: Any = Fraction(1, 2),
    defender_hard_prob: Any = Fraction(1, 4),
    c_sq: Any = 2,
    c_dc: Any = 3,
    c_cd: Any = 0,
    c_dd_hard: Any = 1,
    c_dd_soft: Any = -1,
    d_sq: Any = 3,
    d_dc: Any = 0,
    d_cd: Any = 2,
    d_dd_hard: Any = 1,
    d_dd_soft: Any = -1,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """Zagare and Kilgour's Unilateral Deterrence Game with two-sided incomplete information.

    Nature makes the Challenger *Hard* (it prefers conflict, DD, to backing
    down, CD) with probability ``challenger_hard_prob`` and the Defender Hard
    (it prefers DD to conceding, DC) with probability ``defender_hard_prob``,
    independently; each side knows only its own type. The Challenger keeps
    the status quo (``"Cooperate"``, SQ) or demands (``"Defect"``); the
    Defender concedes (``"Cooperate"``, DC) or resists (``"Defect"``); after
    resistance the Challenger backs down (``"Cooperate"``, CD) or fights
    (``"Defect"``, DD).

    Parameters
    ----------
    challenger_hard_prob
        ``p_Ch``, the probability that the Challenger is Hard; strictly between 0 and 1.
    defender_hard_prob
        ``p_Def``, the probability that the Defender is Hard (its credibility); strictly between 0 and 1.
    c_sq, c_dc, c_cd, c_dd_hard, c_dd_soft
        The Challenger's payoffs for SQ, DC, CD and DD (``c_DD+`` for the Hard
        type, ``c_DD-`` for the Soft one); the book assumes
        ``c_dd_soft < c_cd < c_dd_hard < c_sq < c_dc``.
    d_sq, d_dc, d_cd, d_dd_hard, d_dd_soft
        The Defender's payoffs; ``d_dd_soft < d_dc < d_dd_hard < d_cd < d_sq``.
    players
        Names of the Challenger and the Defender.

    Returns
    -------
    ExtensiveGame
        Chance picks the Challenger's type, then the Defender's. Information
        sets: ``"Hard Challenger"`` / ``"Soft Challenger"`` (initiation),
        ``"Hard Defender"`` / ``"Soft Defender"`` (response, not knowing the
        Challenger's type), ``"Hard Challenger resisted"`` / ``"Soft
        Challenger resisted"`` (the last move, not knowing the Defender's type).

    Notes
    -----
    The last move is decided by the type: the Hard Challenger fights, the
    Soft one backs down; the Hard Defender always resists. With
    ``rho_H = (c_dc - c_sq) / (c_dc - c_dd_hard)``,
    ``rho_S = (c_dc - c_sq) / (c_dc - c_cd)`` (so ``rho_S < rho_H``) and
    ``rho_D = (d_cd - d_dc) / (d_cd - d_dd_soft)``, the Hard (Soft)
    Challenger challenges when the probability of resistance is below
    ``rho_H`` (``rho_S``), and the Soft Defender resists when its belief that
    the Challenger is Hard is below ``rho_D``. The perfect Bayesian
    equilibria, derived for this tree (the book's names for its equilibria,
    Certain Deterrence, Separating, Attack and Bluff, are not matched to
    these regions here), are:

    1. ``p_Def > rho_H``: no challenge (the only outcome);
    2. ``rho_S < p_Def < rho_H``: only the Hard Challenger challenges, the Soft Defender concedes;
    3. ``p_Def < rho_S``, ``p_Ch > rho_D``: both Challengers challenge, the Soft Defender concedes;
    4. ``p_Def < rho_S``, ``p_Ch < rho_D``: the Hard Challenger challenges, the Soft one with probability
       ``p_Ch (1 - rho_D) / ((1 - p_Ch) rho_D)``; the Soft Defender resists with probability
       ``(rho_S - p_Def) / (1 - p_Def)``.

    A no-challenge PBE exists everywhere, supported by the off-path belief
    that a challenger is Hard with probability at most ``rho_D`` (the Soft
    Defender then resists). A D1 argument removes it when ``p_Def < rho_H``:
    the Hard Challenger gains from challenging against more Defender
    responses than the Soft one, so the off-path belief is Hard, the Soft
    Defender concedes, and the Hard Challenger challenges. A violated
    ordering warns
    (:class:`~deterrence.models.ModelDomainWarning`).

    References
    ----------
    F. C. Zagare and D. M. Kilgour (2000), *Perfect Deterrence*, Cambridge
    University Press, chapter 5; "Asymmetric deterrence", *International
    Studies Quarterly* 37(1) (1993), 1-27.

    Examples
    --------
    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> from deterrence.models.perfect_deterrence import unilateral_deterrence
    >>> game = unilateral_deterrence(challenger_hard_prob=F(3, 4), defender_hard_prob=F(1, 4))  # region 3
    >>> dt.solve(game, concept="sequential")[0].describe("Defender")
    'Hard Defender: Defect; Soft Defender: Cooperate'
    >>> game = unilateral_deterrence(challenger_hard_prob=F(1, 2), defender_hard_prob=F(1, 4))  # region 4
    >>> eq = dt.solve(game, concept="sequential")[0]
    >>> [round(float(eq.profile[side][1]), 6) for side in ("Soft Challenger", "Soft Defender")]  # P(Defect)
    [0.5, 0.111111]
    """
    chk = Assumptions("unilateral_deterrence")
    chk.probability("challenger_hard_prob", challenger_hard_prob, open_interval=True)
    chk.probability("defender_hard_prob", defender_hard_prob, open_interval=True)
    chk.finite(
        c_sq=c_sq, c_dc=c_dc, c_cd=c_cd, c_dd_hard=c_dd_hard, c_dd_soft=c_dd_soft,
        d_sq=d_sq, d_dc=d_dc, d_cd=d_cd, d_dd_hard=d_dd_hard, d_dd_soft=d_dd_soft,
    )  # fmt: skip
    chk.order(
        "c_dd_soft < c_cd < c_dd_hard < c_sq < c_dc",
        c_dd_soft=c_dd_soft, c_cd=c_cd, c_dd_hard=c_dd_hard, c_sq=c_sq, c_dc=c_dc,
    )  # fmt: skip
    chk.order(
        "d_dd_soft < d_dc < d_dd_hard < d_cd < d_sq",
        d_dd_soft=d_dd_soft, d_dc=d_dc, d_dd_hard=d_dd_hard, d_cd=d_cd, d_sq=d_sq,
    )  # fmt: skip
    chk.done()
    challenger, defender = players

    def branch(ch: str, de: str) -> Decision:
        c_dd = c_dd_hard if ch == "Hard" else c_dd_soft
        d_dd = d_dd_hard if de == "Hard" else d_dd_soft
        last = Decision(
            challenger,
            {C: Leaf((c_cd, d_cd), name="CD"), D: Leaf((c_dd, d_dd), name="DD")},
            infoset=f"{ch} Challenger resisted",
        )
        respond = Decision(defender, {C: Leaf((c_dc, d_dc), name="DC"), D: last}, infoset=f"{de} Defender")
        return Decision(challenger, {C: Leaf((c_sq, d_sq), name="SQ"), D: respond}, infoset=f"{ch} Challenger")

    def defender_types(ch: str) -> Chance:
        return Chance(
            {
                "Hard Defender": (defender_hard_prob, branch(ch, "Hard")),
                "Soft Defender": (1 - defender_hard_prob, branch(ch, "Soft")),
            }
        )

    root = Chance(
        {
            "Hard Challenger": (challenger_hard_prob, defender_types("Hard")),
            "Soft Challenger": (1 - challenger_hard_prob, defender_types("Soft")),
        }
    )
    return ExtensiveGame(players, root, title="Unilateral Deterrence Game")


# ====================================================================== Mutual Deterrence Game
@model
def mutual_deterrence(
    *,
    credibility_1: Any = Fraction(1, 2),
    credibility_2: Any = Fraction(1, 2),
    a_sq: Any = 2,
    a_dc: Any = 3,
    a_cd: Any = 0,
    a_dd_hard: Any = 1,
    a_dd_soft: Any = -1,
    b_sq: Any = 2,
    b_dc: Any = 0,
    b_cd: Any = 3,
    b_dd_hard: Any = 1,
    b_dd_soft: Any = -1,
    complete_information: bool = False,
    players: tuple[str, str] = ("Player 1", "Player 2"),
) -> ExtensiveGame:
    """Kilgour and Zagare's Mutual Deterrence Game, with private credibility.

    Player 1 keeps the status quo (``"Cooperate"``) or defects; after
    cooperation Player 2 keeps it (SQ) or defects. The victim of a defection
    then retaliates (``"Defect"``, conflict DD) or capitulates
    (``"Cooperate"``: DC when Player 2 capitulates, CD when Player 1 does).
    Each player is *Hard* (its threat to retaliate is credible: it prefers DD
    to capitulating) with probability ``credibility_i``, independently, and
    knows only its own type.

    Parameters
    ----------
    credibility_1, credibility_2
        ``p_1``, ``p_2``: the probability that each player prefers DD to
        capitulating (its credibility). With ``complete_information=True``
        each must be 0 (Soft) or 1 (Hard).
    a_sq, a_dc, a_cd, a_dd_hard, a_dd_soft
        Player 1's payoffs ``u_1(SQ)``, ``u_1(DC)`` (it wins), ``u_1(CD)``
        (it capitulates), and ``u_1(DD)`` for its Hard and Soft types;
        assumed ``a_dd_soft < a_cd < a_dd_hard < a_sq < a_dc``.
    b_sq, b_dc, b_cd, b_dd_hard, b_dd_soft
        Player 2's payoffs (``b_cd`` is its win, ``b_dc`` its capitulation);
        ``b_dd_soft < b_dc < b_dd_hard < b_sq < b_cd``.
    complete_information
        Build the perfect-information game for known types instead (no
        chance move): the players' conflict payoffs are then
        ``credibility_i * dd_hard + (1 - credibility_i) * dd_soft``.
    players
        Names of Player 1 and Player 2.

    Returns
    -------
    ExtensiveGame
        With incomplete information, chance draws Player 1's type, then
        Player 2's. Information sets (``t`` is ``Hard`` or ``Soft``):
        ``"1 t"`` (Player 1's opening move), ``"2 t"`` (Player 2 after
        Player 1 cooperated), ``"2 t responds"`` and ``"1 t responds"`` (the
        victim's answer to a defection).

    Notes
    -----
    Only the conflict payoff depends on the type. Derivation (this tree):
    the victim's answer is decided by its type (Hard retaliates, Soft
    capitulates). With complete information SQ is the subgame perfect
    outcome iff both threats are credible. With incomplete information, if
    both types of both players cooperate, a defection by Player ``i`` of
    type ``t`` meets retaliation with probability ``p_j``, so SQ is an
    equilibrium outcome iff, for both players,
    ``p_j >= (u_i(win) - u_i(SQ)) / (u_i(win) - u_i(DD))`` with the Hard
    type's ``u_i(DD)`` (the Hard type is the more tempted: it fears conflict
    less). The same bound with the Soft type's ``u_i(DD)`` is necessary only.
    SQ need not be the only equilibrium: when a Player 2 that sees Player 1
    cooperate believes it Soft, it defects, and Player 1 may strike first.

    References
    ----------
    D. M. Kilgour and F. C. Zagare (1991), "Credibility, uncertainty, and
    deterrence", *American Journal of Political Science* 35(2), 305-334;
    F. C. Zagare and D. M. Kilgour (2000), *Perfect Deterrence*, chapter 4.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.perfect_deterrence import mutual_deterrence
    >>> both = mutual_deterrence(credibility_1=1, credibility_2=1, complete_information=True)
    >>> dt.solve(both, concept="spe")[0].describe("Player 1")
    '1: Cooperate; 1 responds: Defect'
    >>> one = mutual_deterrence(credibility_1=0, credibility_2=1, complete_information=True)
    >>> dt.solve(one, concept="spe")[0].describe("Player 2")
    '2: Defect; 2 responds: Defect'
    """
    chk = Assumptions("mutual_deterrence")
    chk.probability("credibility_1", credibility_1)
    chk.probability("credibility_2", credibility_2)
    if complete_information:
        _zero_or_one("mutual_deterrence", credibility_1=credibility_1, credibility_2=credibility_2)
    chk.finite(
        a_sq=a_sq, a_dc=a_dc, a_cd=a_cd, a_dd_hard=a_dd_hard, a_dd_soft=a_dd_soft,
        b_sq=b_sq, b_dc=b_dc, b_cd=b_cd, b_dd_hard=b_dd_hard, b_dd_soft=b_dd_soft,
    )  # fmt: skip
    chk.order(
        "a_dd_soft < a_cd < a_dd_hard < a_sq < a_dc",
        a_dd_soft=a_dd_soft, a_cd=a_cd, a_dd_hard=a_dd_hard, a_sq=a_sq, a_dc=a_dc,
    )  # fmt: skip
    chk.order(
        "b_dd_soft < b_dc < b_dd_hard < b_sq < b_cd",
        b_dd_soft=b_dd_soft, b_dc=b_dc, b_dd_hard=b_dd_hard, b_sq=b_sq, b_cd=b_cd,
    )  # fmt: skip
    chk.done()
    one, two = players

    def branch(a_dd: Any, b_dd: Any, t1: str, t2: str) -> Decision:
        """The game once the types are drawn; ``t1``/``t2`` name the information sets."""
        dd = Leaf((a_dd, b_dd), name="DD")
        return Decision(
            one,
            {
                C: Decision(
                    two,
                    {
                        C: Leaf((a_sq, b_sq), name="SQ"),
                        D: Decision(one, {C: Leaf((a_cd, b_cd), name="CD"), D: dd}, infoset=f"1{t1} responds"),
                    },
                    infoset=f"2{t2}",
                ),
                D: Decision(two, {C: Leaf((a_dc, b_dc), name="DC"), D: dd}, infoset=f"2{t2} responds"),
            },
            infoset=f"1{t1}",
        )

    if complete_information:
        a_dd = credibility_1 * a_dd_hard + (1 - credibility_1) * a_dd_soft
        b_dd = credibility_2 * b_dd_hard + (1 - credibility_2) * b_dd_soft
        return ExtensiveGame(players, branch(a_dd, b_dd, "", ""), title="Mutual Deterrence Game")

    def second(t1: str, a_dd: Any) -> Chance:
        return Chance(
            {
                "2 Hard": (credibility_2, branch(a_dd, b_dd_hard, f" {t1}", " Hard")),
                "2 Soft": (1 - credibility_2, branch(a_dd, b_dd_soft, f" {t1}", " Soft")),
            }
        )

    root = Chance(
        {"1 Hard": (credibility_1, second("Hard", a_dd_hard)), "1 Soft": (1 - credibility_1, second("Soft", a_dd_soft))}
    )
    return ExtensiveGame(players, root, title="Mutual Deterrence Game")


# ====================================================================== Asymmetric Escalation Game
_DEFENDER_TYPES = ("HH", "HS", "SH", "SS")  # (tactical, strategic)


@model
def asymmetric_escalation(
    *,
    challenger_hard_prob: Any = Fraction(1, 2),
    defender_hh_prob: Any = Fraction(1, 4),
    defender_hs_prob: Any = Fraction(1, 4),
    defender_sh_prob: Any = Fraction(1, 4),
    defender_ss_prob: Any = Fraction(1, 4),
    c_sq: Any = 8,
    c_dc: Any = 10,
    c_dd: Any = 4,
    c_ed: Any = 5,
    c_de: Any = 1,
    c_ee_hard: Any = 2,
    c_ee_soft: Any = 0,
    d_sq: Any = 9,
    d_dc: Any = 5,
    d_dd_hard: Any = 6,
    d_dd_soft: Any = 3,
    d_ed: Any = 1,
    d_de: Any = 8,
    d_ee_hard: Any = 2,
    d_ee_soft: Any = 0,
    complete_information: bool = False,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """Zagare and Kilgour's Asymmetric Escalation Game.

    The Challenger keeps the status quo (``"Cooperate"``, SQ) or defects.
    The Defender concedes (``"Cooperate"``, DC), responds in kind
    (``"Defect"``) or escalates (``"Escalate"``). After a response in kind the
    Challenger holds (``"Cooperate"``, DD) or escalates, and the Defender then
    answers (``"Escalate"``, EE) or not (``"Cooperate"``, ED). After the
    Defender escalates, the Challenger accepts (``"Cooperate"``, DE) or
    counter-escalates (``"Escalate"``, EE).

    The Challenger is *strategically Hard* (it prefers EE to DE) with
    probability ``challenger_hard_prob``. The Defender is *tactically Hard*
    (it prefers DD to DC) or Soft, and *strategically Hard* (it prefers EE to
    ED) or Soft; its four types have probabilities ``defender_hh_prob``,
    ``defender_hs_prob``, ``defender_sh_prob``, ``defender_ss_prob`` (first
    letter tactical, second strategic). Each side knows only its own type.

    Parameters
    ----------
    challenger_hard_prob
        ``p_Ch``.
    defender_hh_prob, defender_hs_prob, defender_sh_prob, defender_ss_prob
        ``p_HH``, ``p_HS``, ``p_SH``, ``p_SS``; they must sum to 1 (the tree
        uses ``1 - p_HH - p_HS - p_SH`` for the last one). With
        ``complete_information=True`` the Challenger's probability must be 0
        or 1 and exactly one of the Defender's must be 1.
    c_sq, c_dc, c_dd, c_ed, c_de, c_ee_hard, c_ee_soft
        The Challenger's payoffs (``c_EE+`` and ``c_EE-`` for its Hard and Soft
        types); the paper assumes
        ``c_ee_soft < c_de < c_ee_hard < c_dd < c_ed < c_sq < c_dc``.
    d_sq, d_dc, d_dd_hard, d_dd_soft, d_ed, d_de, d_ee_hard, d_ee_soft
        The Defender's payoffs: ``d_DD+`` / ``d_DD-`` for the tactically Hard
        / Soft types, ``d_EE+`` / ``d_EE-`` for the strategically Hard / Soft
        types; ``d_ee_soft < d_ed < d_ee_hard < d_dd_soft < d_dc < d_dd_hard
        < d_de < d_sq``.
    complete_information
        Build the perfect-information game for known types (no chance move);
        the type-dependent payoffs are then the probability-weighted ones,
        e.g. ``c_EE = p_Ch c_ee_hard + (1 - p_Ch) c_ee_soft``.
    players
        Names of the Challenger and the Defender.

    Returns
    -------
    ExtensiveGame
        Information sets (``t`` the Challenger's type ``Hard``/``Soft``,
        ``XY`` the Defender's): ``"Challenger t"``, ``"Defender XY"``,
        ``"Challenger t after D"``, ``"Defender XY after ED"`` (answering the
        Challenger's escalation) and ``"Challenger t after E"``.

    Notes
    -----
    Complete information (derived for this tree, backward induction): the
    Hard Challenger counter-escalates and the Soft one accepts DE; after a
    response in kind the Challenger escalates iff the Defender is
    strategically Soft (``c_ed > c_dd > c_ee``). So a Soft Challenger is
    always deterred (the Defender would escalate to DE); a Hard Challenger
    is deterred iff the Defender is tactically and strategically Hard (it
    responds in kind, DD), and otherwise the outcome is DC. With incomplete
    information the game is solved numerically
    (``dt.solve(game, concept="sequential")``).

    References
    ----------
    F. C. Zagare and D. M. Kilgour (1995), "Assessing competing defense
    postures: the strategic implications of 'flexible response'", *World
    Politics* 47(3), 373-417; *Perfect Deterrence* (2000), chapters 6-9 and
    appendices 6-8.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.perfect_deterrence import asymmetric_escalation
    >>> game = asymmetric_escalation(challenger_hard_prob=1, defender_hh_prob=0, defender_hs_prob=1,
    ...                              defender_sh_prob=0, defender_ss_prob=0, complete_information=True)
    >>> eq = dt.solve(game, concept="spe")[0]
    >>> eq.describe("Challenger")  # a Hard Challenger facing a tactically Hard, strategically Soft Defender
    'Challenger: Defect; Challenger after D: Escalate; Challenger after E: Escalate'
    >>> eq.describe("Defender")  # concedes: the outcome is DC
    'Defender: Cooperate; Defender after ED: Cooperate'
    """
    name = "asymmetric_escalation"
    chk = Assumptions(name)
    probs = {
        "defender_hh_prob": defender_hh_prob,
        "defender_hs_prob": defender_hs_prob,
        "defender_sh_prob": defender_sh_prob,
        "defender_ss_prob": defender_ss_prob,
    }
    chk.probability("challenger_hard_prob", challenger_hard_prob)
    for k, v in probs.items():
        chk.probability(k, v)
    _sums_to_one(name, **probs)
    if complete_information:
        _zero_or_one(name, challenger_hard_prob=challenger_hard_prob, **probs)
    chk.finite(
        c_sq=c_sq, c_dc=c_dc, c_dd=c_dd, c_ed=c_ed, c_de=c_de, c_ee_hard=c_ee_hard, c_ee_soft=c_ee_soft,
        d_sq=d_sq, d_dc=d_dc, d_dd_hard=d_dd_hard, d_dd_soft=d_dd_soft, d_ed=d_ed, d_de=d_de,
        d_ee_hard=d_ee_hard, d_ee_soft=d_ee_soft,
    )  # fmt: skip
    chk.order(
        "c_ee_soft < c_de < c_ee_hard < c_dd < c_ed < c_sq < c_dc",
        c_ee_soft=c_ee_soft, c_de=c_de, c_ee_hard=c_ee_hard, c_dd=c_dd, c_ed=c_ed, c_sq=c_sq, c_dc=c_dc,
    )  # fmt: skip
    chk.order(
        "d_ee_soft < d_ed < d_ee_hard < d_dd_soft < d_dc < d_dd_hard < d_de < d_sq",
        d_ee_soft=d_ee_soft, d_ed=d_ed, d_ee_hard=d_ee_hard, d_dd_soft=d_dd_soft, d_dc=d_dc,
        d_dd_hard=d_dd_hard, d_de=d_de, d_sq=d_sq,
    )  # fmt: skip
    chk.done()
    challenger, defender = players

    def branch(c_ee: Any, d_dd: Any, d_ee: Any, ch: str, de: str) -> Decision:
        """The game once the types are drawn; ``ch``/``de`` are the information-set tags."""
        answer = Decision(
            defender,
            {C: Leaf((c_ed, d_ed), name="ED"), E: Leaf((c_ee, d_ee), name="EE")},
            infoset=f"Defender{de} after ED",
        )
        after_d = Decision(challenger, {C: Leaf((c_dd, d_dd), name="DD"), E: answer}, infoset=f"Challenger{ch} after D")
        after_e = Decision(
            challenger,
            {C: Leaf((c_de, d_de), name="DE"), E: Leaf((c_ee, d_ee), name="EE")},
            infoset=f"Challenger{ch} after E",
        )
        respond = Decision(
            defender, {C: Leaf((c_dc, d_dc), name="DC"), D: after_d, E: after_e}, infoset=f"Defender{de}"
        )
        return Decision(challenger, {C: Leaf((c_sq, d_sq), name="SQ"), D: respond}, infoset=f"Challenger{ch}")

    if complete_information:
        tactical = defender_hh_prob + defender_hs_prob
        strategic = defender_hh_prob + defender_sh_prob
        root = branch(
            challenger_hard_prob * c_ee_hard + (1 - challenger_hard_prob) * c_ee_soft,
            tactical * d_dd_hard + (1 - tactical) * d_dd_soft,
            strategic * d_ee_hard + (1 - strategic) * d_ee_soft,
            "",
            "",
        )
        return ExtensiveGame(players, root, title="Asymmetric Escalation Game")

    ss = 1 - defender_hh_prob - defender_hs_prob - defender_sh_prob
    weights = dict(zip(_DEFENDER_TYPES, (defender_hh_prob, defender_hs_prob, defender_sh_prob, ss), strict=True))

    def defender_types(ch: str, c_ee: Any) -> Chance:
        return Chance(
            {
                f"Defender {t}": (
                    weights[t],
                    branch(
                        c_ee,
                        d_dd_hard if t[0] == "H" else d_dd_soft,
                        d_ee_hard if t[1] == "H" else d_ee_soft,
                        f" {ch}",
                        f" {t}",
                    ),
                )
                for t in _DEFENDER_TYPES
            }
        )

    root = Chance(
        {
            "Hard Challenger": (challenger_hard_prob, defender_types("Hard", c_ee_hard)),
            "Soft Challenger": (1 - challenger_hard_prob, defender_types("Soft", c_ee_soft)),
        }
    )
    return ExtensiveGame(players, root, title="Asymmetric Escalation Game")

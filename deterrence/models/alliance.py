"""Alliance models: Snyder's alliance security dilemma, a tripartite crisis with a protégé that can
realign (after Zagare and Kilgour 2003), and a patron with a private commitment that can deploy a
tripwire.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ..core.normal_form import NormalFormGame
from ..core.signaling import SignalingGame
from ._spec import Assumptions, model
from .signaling_models import _crisis_game

__all__ = ["alliance_security_dilemma", "private_commitment_alliance", "tripartite_crisis"]


@model
def alliance_security_dilemma(
    *,
    alliance_value: Any = 2,
    abandonment_risk: Any = Fraction(1, 4),
    entrapment_risk: Any = Fraction(1, 2),
    entrapment_cost: Any = 2,
    players: tuple[str, str] = ("Ally A", "Ally B"),
) -> NormalFormGame:
    """Snyder's alliance security dilemma as a symmetric Firm/Hedge game.

    Each ally commits ``"Firm"`` (full support of the other) or ``"Hedge"``
    (keeps its options open). An ally's support in a crisis is worth
    ``alliance_value`` to the other. A firm ally backs a firm partner; an
    ally that hedges is abandoned by its (firm) partner with probability
    ``abandonment_risk``, and gets no support from a partner that hedges too.
    Firmness has its price: with probability ``entrapment_risk`` it drags the
    ally into its partner's quarrel at ``entrapment_cost``.

    ==========  ====================  ==============
    (row)       partner Firm          partner Hedge
    ==========  ====================  ==============
    Firm        ``R = v - e W``       ``S = -e W``
    Hedge       ``T = (1 - alpha) v`` ``P = 0``
    ==========  ====================  ==============

    (``v`` = ``alliance_value``, ``alpha`` = ``abandonment_risk``, ``e`` =
    ``entrapment_risk``, ``W`` = ``entrapment_cost``.)

    Parameters
    ----------
    alliance_value
        ``v > 0``: the value of an ally's support.
    abandonment_risk
        ``alpha``: probability that a firm partner abandons an ally that hedges.
    entrapment_risk
        ``e``: probability that a firm commitment entraps.
    entrapment_cost
        ``W > 0``: the cost of being entrapped.
    players
        Names of the two allies.

    Notes
    -----
    ``T > R`` iff ``e W > alpha v`` (entrapment outweighs abandonment),
    ``P > S`` whenever ``e W > 0``, and ``R > P`` iff ``v > e W``. So:

    * ``alpha v < e W < v``: a Prisoner's Dilemma, Snyder's alliance security
      dilemma: ``(Hedge, Hedge)`` is the unique equilibrium although
      ``(Firm, Firm)`` is better for both;
    * ``e W < alpha v``: the ordering flips to a Stag Hunt (``R > T``):
      ``(Firm, Firm)`` and ``(Hedge, Hedge)`` are equilibria, and in the mixed
      one each is firm with probability ``(P - S)/((R - T) + (P - S)) = e W /
      (alpha v)``;
    * ``e W > v``: Hedge still dominates (Deadlock), and ``(Hedge, Hedge)`` is
      also best for both.

    The payoff parametrisation is this toolkit's reading of Snyder's verbal
    argument (commitment strength trades abandonment risk against entrapment
    risk), not a model from the paper.

    References
    ----------
    G. H. Snyder (1984), "The security dilemma in alliance politics", *World
    Politics* 36(4), 461-495.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.alliance import alliance_security_dilemma
    >>> [eq.support(0) + eq.support(1) for eq in dt.solve(alliance_security_dilemma(), exact=True)]
    [('Hedge', 'Hedge')]
    >>> len(dt.solve(alliance_security_dilemma(abandonment_risk=Fraction(3, 4)), exact=True))  # Stag Hunt
    3
    """
    chk = Assumptions("alliance_security_dilemma")
    chk.probability("abandonment_risk", abandonment_risk)
    chk.probability("entrapment_risk", entrapment_risk)
    chk.finite(alliance_value=alliance_value, entrapment_cost=entrapment_cost)
    chk.order("alliance_value > 0", alliance_value=alliance_value)
    chk.order("entrapment_cost > 0", entrapment_cost=entrapment_cost)
    chk.done()
    v, e_cost = alliance_value, entrapment_risk * entrapment_cost
    R, S, T, P = v - e_cost, -e_cost, (1 - abandonment_risk) * v, 0
    A = [[R, S], [T, P]]
    B = [[R, T], [S, P]]
    return NormalFormGame.bimatrix(
        A, B, players=players, strategies=(["Firm", "Hedge"],) * 2, title="Alliance security dilemma"
    )


@model
def tripartite_crisis(
    *,
    stake: Any = 2,
    realign_prob: Any = 1,
    realignment_gain: Any = 1,
    challenger_war_cost: Any = 1,
    backdown_cost: Any = 2,
    defender_interest: Any = Fraction(1, 2),
    defender_war_cost: Any = 1,
    support_cost: Any = Fraction(1, 2),
    breakup_cost: Any = 3,
    realignment_cost: Any = Fraction(3, 2),
    protege_war_cost: Any = Fraction(1, 4),
    protege_war_risk: Any = Fraction(1, 2),
    players: tuple[str, str, str] = ("Challenger", "Defender", "Protégé"),
) -> ExtensiveGame:
    """A Tripartite Crisis Game (Challenger, Defender, Protégé) reconstructed from Zagare and Kilgour (2003).

    Moves:

    1. The Challenger keeps the status quo (``"Status quo"``, outcome SQ) or
       makes a ``"Demand"`` on the Protégé.
    2. Nature: the Protégé can realign (its threat to realign is credible,
       *Realigner*) with probability ``realign_prob``, else it is *Loyal*.
       The Defender and the Protégé see this; the Challenger, who has
       already moved, does not need to.
    3. The Defender ``"Support"``s the Protégé or ``"Withhold"``s support.
    4. The Protégé: if supported, a Realigner may ``"Stand firm"`` or
       ``"Realign"`` (RA); a Loyal one stands firm. If not supported, a
       Realigner may ``"Concede"`` (PC) or ``"Realign"``; a Loyal one concedes.
    5. Against a supported Protégé standing firm, the Challenger
       ``"Back down"``s (CB) or ``"Fight"``s (WAR).

    Payoffs (Challenger, Defender, Protégé), with ``M`` = ``stake``:

    ======  =======================  =================================  ============
    SQ      0                        0                                  0
    PC      ``M``                    ``-x M``                           ``-M``
    RA      ``G``                    ``-L`` (``-L - sigma`` if it      ``-rho``
                                     supported)
    CB      ``-b``                   ``-sigma``                         0
    WAR     ``-k_C``                 ``-k_D - sigma``                   ``-k_P - pi M``
    ======  =======================  =================================  ============

    Parameters
    ----------
    stake
        ``M``: what the Challenger demands, i.e. its motivation; the
        Protégé loses it by conceding, the Defender a share ``x`` of it.
    realign_prob
        Probability that the Protégé's threat to realign is credible.
    realignment_gain
        ``G``: the Challenger's gain if the Protégé realigns (a new client
        instead of the disputed stake).
    challenger_war_cost, backdown_cost
        ``k_C`` and ``b``: the Challenger's loss from war with the Defender
        and from backing down. ``b > k_C`` makes it *willing to fight*.
    defender_interest
        ``x``: the share of the stake the Defender loses if the Protégé concedes.
    defender_war_cost, support_cost, breakup_cost
        ``k_D``, ``sigma`` (paid whenever it supports, e.g. mobilisation) and
        ``L`` (the Protégé realigns). ``L > k_D + sigma``: the Defender
        prefers conflict to the breakup of the alignment (Zagare and
        Kilgour's assumption in the 2006 follow-up).
    realignment_cost, protege_war_cost, protege_war_risk
        ``rho``, ``k_P`` and ``pi``: a Realigner keeps the stake but pays
        ``rho`` to change sides; at war it pays ``k_P`` and loses the stake
        with probability ``pi``.
    players
        Names of the Challenger, the Defender and the Protégé.

    Notes
    -----
    *What is assumed.* MODELS.md section 10 marks the paper's tree as
    unverified, and the paper was not available here: this tree is built
    from its published description only (three players, a Challenger's
    demand, the Defender's support, the Protégé's threat to realign aimed at
    the Defender, and the result below). The payoffs are this toolkit's
    parametrisation; the tree has perfect information (the Protégé's type is
    drawn after the demand and seen by the Defender), so it is solved by
    backward induction, and the Challenger's demand weighs the two types by
    ``realign_prob``.

    *Result reproduced* (Zagare and Kilgour 2003, abstract): the realignment
    threat deters a Challenger that is willing to fight but only moderately
    motivated, and can prompt a highly motivated one to demand. Derivation,
    with ``b > k_C`` (the Challenger fights a supported, standing Protégé):

    * Loyal Protégé: the Defender supports iff ``x M > k_D + sigma``
      (conceding a large stake costs it more than a war). The Challenger
      gets ``-k_C`` if it does, ``M`` if not.
    * Realigner: unsupported, it realigns iff ``M > rho``; supported, it
      stands firm iff ``k_P + pi M <= rho``, i.e. ``M <= (rho - k_P)/pi``. If
      it would stand firm, the Defender supports (``L > k_D + sigma``) and the
      Challenger gets ``-k_C``; if it would realign anyway, the Defender
      withholds (saving ``sigma``) and the Challenger gets ``G``.
    * The Challenger demands iff ``(1 - r) V_Loyal + r V_Realigner > 0``.
      Moderate stake (``rho < M <= (rho - k_P)/pi`` and ``x M < k_D +
      sigma``): it demands iff ``r < M / (M + k_C)``, so the threat deters.
      High stake (``M > (rho - k_P)/pi`` and ``x M > k_D + sigma``): it
      demands iff ``r > k_C / (k_C + G)``, so the threat provokes. With the
      defaults (``M = 2`` moderate, ``M = 4`` high) the cutoffs are ``2/3``
      and ``1/2``.

    References
    ----------
    F. C. Zagare and D. M. Kilgour (2003), "Alignment patterns, crisis
    bargaining, and extended deterrence: a game-theoretic analysis",
    *International Studies Quarterly* 47(4), 587-615; (2006), "The
    deterrence-versus-restraint dilemma in extended deterrence: explaining
    British policy in 1914", *International Studies Review* 8(4), 623-641.
    G. H. Snyder (1984), *World Politics* 36(4) (the Alliance and Adversary games).

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.alliance import tripartite_crisis
    >>> def demands(**kw):
    ...     spe = dt.solve(tripartite_crisis(**kw), concept="spe", exact=True)[0]
    ...     return spe.action_probs("Challenger@root")["Demand"]
    >>> demands(stake=2, realign_prob=0), demands(stake=2, realign_prob=1)  # moderate: the threat deters
    (Fraction(1, 1), Fraction(0, 1))
    >>> demands(stake=4, realign_prob=0), demands(stake=4, realign_prob=1)  # high: the threat provokes
    (Fraction(0, 1), Fraction(1, 1))
    """
    chk = Assumptions("tripartite_crisis")
    chk.probability("realign_prob", realign_prob)
    chk.probability("protege_war_risk", protege_war_risk)
    chk.finite(
        stake=stake,
        realignment_gain=realignment_gain,
        challenger_war_cost=challenger_war_cost,
        backdown_cost=backdown_cost,
        defender_interest=defender_interest,
        defender_war_cost=defender_war_cost,
        support_cost=support_cost,
        breakup_cost=breakup_cost,
        realignment_cost=realignment_cost,
        protege_war_cost=protege_war_cost,
    )
    for name, value in (
        ("stake", stake),
        ("realignment_gain", realignment_gain),
        ("challenger_war_cost", challenger_war_cost),
        ("defender_war_cost", defender_war_cost),
        ("realignment_cost", realignment_cost),
    ):
        chk.order(f"{name} > 0", **{name: value})
    for name, value in (("defender_interest", defender_interest), ("support_cost", support_cost)):
        chk.order(f"{name} >= 0", **{name: value})
    chk.order("protege_war_cost >= 0", protege_war_cost=protege_war_cost)
    chk.order(
        "breakup_cost > defender_war_cost + support_cost",
        breakup_cost=breakup_cost,
        **{"defender_war_cost + support_cost": defender_war_cost + support_cost},
    )
    chk.done()
    challenger, defender, protege = players
    M = stake
    sq = Leaf((0, 0, 0), name="SQ")

    def pc() -> Leaf:
        return Leaf((M, -defender_interest * M, -M), name="PC")

    def ra(supported: bool) -> Leaf:
        return Leaf(
            (realignment_gain, -breakup_cost - (support_cost if supported else 0), -realignment_cost), name="RA"
        )

    def showdown() -> Decision:
        return Decision(
            challenger,
            {
                "Back down": Leaf((-backdown_cost, -support_cost, 0), name="CB"),
                "Fight": Leaf(
                    (-challenger_war_cost, -defender_war_cost - support_cost, -protege_war_cost - protege_war_risk * M),
                    name="WAR",
                ),
            },
        )

    realigner = Decision(
        defender,
        {
            "Support": Decision(protege, {"Stand firm": showdown(), "Realign": ra(True)}),
            "Withhold": Decision(protege, {"Concede": pc(), "Realign": ra(False)}),
        },
    )
    loyal = Decision(defender, {"Support": showdown(), "Withhold": pc()})
    root = Decision(
        challenger,
        {
            "Status quo": sq,
            "Demand": Chance([("Realigner", realign_prob, realigner), ("Loyal", 1 - realign_prob, loyal)]),
        },
    )
    return ExtensiveGame(players, root, title="Tripartite Crisis Game")


@model
def private_commitment_alliance(
    *,
    commitment_prob: Any = Fraction(1, 3),
    tripwire_cost: Any = 1,
    tripwire_stake: Any = 1,
    intervention_cost: Any = 2,
    protege_value_committed: Any = 3,
    protege_value_uncommitted: Any = Fraction(1, 2),
    adversary_gain: Any = 1,
    adversary_war_cost: Any = 1,
    reduced: bool = True,
    players: tuple[str, str] = ("Patron", "Adversary"),
) -> SignalingGame | ExtensiveGame:
    """A patron with a private commitment to its protégé, which it may signal with a tripwire.

    The patron is *Committed* (probability ``commitment_prob``) or
    *Uncommitted*: how much it loses if its protégé falls is private. It
    sends ``"No tripwire"`` or deploys a ``"Tripwire"`` (troops on the
    protégé's soil): that costs ``tripwire_cost`` whatever happens (a sunk
    cost) and ``tripwire_stake`` more if the protégé is attacked and the
    patron abandons it (the troops are lost: tied hands). The adversary sees
    the deployment and chooses ``"Challenge"`` or ``"Refrain"``; a challenged
    patron chooses ``"Intervene"`` or ``"Abandon"``.

    Payoffs (patron, adversary), before the tripwire costs: refrain (0, 0);
    intervene (``-intervention_cost``, ``-adversary_war_cost``); abandon
    (``-protege_value_<type>``, ``adversary_gain``).

    Parameters
    ----------
    commitment_prob
        ``pi``: prior probability that the patron is Committed; strictly
        between 0 and 1.
    tripwire_cost, tripwire_stake
        ``kappa`` (sunk) and ``tau`` (lost only on abandoning), both ``>= 0``.
    intervention_cost
        ``c``: the patron's cost of fighting for the protégé.
    protege_value_committed, protege_value_uncommitted
        ``v_C`` and ``v_U``: the patron's loss if it abandons the protégé;
        ``v_C > c > v_U > 0``, so only the Committed type intervenes without a
        tripwire.
    adversary_gain, adversary_war_cost
        ``g`` and ``k``: the adversary challenges iff the probability of an
        intervention is below ``q* = g / (g + k)``.
    reduced
        True: a :class:`~deterrence.SignalingGame` (types ``("Committed",
        "Uncommitted")``, messages ``("No tripwire", "Tripwire")``); False:
        the full tree, as in :mod:`deterrence.models.signaling_models`.
    players
        Names of the patron and the adversary.

    Notes
    -----
    PBE regions, derived for ``pi < q*`` (the prior alone does not deter):

    * ``kappa > c``: nobody deploys; the adversary challenges; war with
      probability ``pi`` (the Committed patron intervenes).
    * ``v_U <= kappa <= c``: a separating PBE (the Committed patron deploys,
      the adversary challenges only the patron without a tripwire, which then
      abandons): no war. The sunk part does the work, so this holds whatever
      ``tau``. A pooling PBE without tripwires (challenged) also exists iff
      ``tau < c - v_U``; for ``kappa > v_U`` it fails the Intuitive Criterion
      (the Uncommitted type cannot gain from a tripwire, the Committed one
      would).
    * ``kappa < v_U``, ``tau >= c - v_U``: both types deploy and both would
      intervene (the tripwire commits the Uncommitted patron): the adversary
      refrains; no war. ``tau < c - v_U``: the Uncommitted patron bluffs: it
      deploys with probability ``pi (1 - q*) / ((1 - pi) q*)`` and the
      adversary challenges a tripwire with probability ``(v_U - kappa) / (v_U
      + tau)``.

    References
    ----------
    T. C. Schelling (1966), *Arms and Influence*, ch. 2 (tripwires);
    J. D. Fearon (1997), *Journal of Conflict Resolution* 41(1) (sunk costs and
    tied hands); J. D. Morrow (1994), "Alliances, credibility, and peacetime
    costs", *Journal of Conflict Resolution* 38(2). The model is this
    toolkit's.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.alliance import private_commitment_alliance
    >>> [eq.label for eq in dt.solve(private_commitment_alliance(), concept="pbe", refine="intuitive")]
    ['separating (Committed: Tripwire, Uncommitted: No tripwire)']
    >>> cheap = private_commitment_alliance(tripwire_cost=Fraction(1, 4), tripwire_stake=2)
    >>> [eq.label for eq in dt.solve(cheap, concept="pbe")]
    ['pooling on Tripwire']
    """
    chk = Assumptions("private_commitment_alliance")
    chk.probability("commitment_prob", commitment_prob, open_interval=True)
    chk.finite(
        tripwire_cost=tripwire_cost,
        tripwire_stake=tripwire_stake,
        intervention_cost=intervention_cost,
        protege_value_committed=protege_value_committed,
        protege_value_uncommitted=protege_value_uncommitted,
        adversary_gain=adversary_gain,
        adversary_war_cost=adversary_war_cost,
    )
    chk.order(
        "protege_value_committed > intervention_cost > protege_value_uncommitted > 0",
        protege_value_committed=protege_value_committed,
        intervention_cost=intervention_cost,
        protege_value_uncommitted=protege_value_uncommitted,
    )
    chk.order("tripwire_cost >= 0", tripwire_cost=tripwire_cost)
    chk.order("tripwire_stake >= 0", tripwire_stake=tripwire_stake)
    chk.order("adversary_gain > 0", adversary_gain=adversary_gain)
    chk.order("adversary_war_cost > 0", adversary_war_cost=adversary_war_cost)
    chk.done()
    values = (protege_value_committed, protege_value_uncommitted)
    return _crisis_game(
        types=("Committed", "Uncommitted"),
        prior=(commitment_prob, 1 - commitment_prob),
        messages=("No tripwire", "Tripwire"),
        quiet=[[0, 0]] * 2,
        fight=[[-intervention_cost, -intervention_cost]] * 2,
        back=[[-v, -v - tripwire_stake] for v in values],
        sunk=[[0, tripwire_cost]] * 2,
        rival_win=adversary_gain,
        rival_lose=-adversary_war_cost,
        resolved_prob=None,
        players=players,
        responses=("Challenge", "Refrain"),
        answers=("Intervene", "Abandon"),
        reduced=reduced,
        title="Private commitment alliance",
    )

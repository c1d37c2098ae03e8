"""Extended deterrence with an ally of uncertain commitment and a protégé that can strike back itself."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ._spec import Assumptions, model

__all__ = ["autonomy_or_umbrella"]


@model
def autonomy_or_umbrella(
    *,
    capability: Any = Fraction(3, 10),
    commitment_base: Any = Fraction(1, 2),
    burden_shifting: Any = Fraction(1, 5),
    entrapment: Any = 0,
    challenger_gain: Any = 1,
    patron_damage: Any = Fraction(6, 5),
    protege_damage: Any = Fraction(3, 2),
    retaliation_cost: Any = Fraction(3, 2),
    capability_saving: Any = Fraction(4, 5),
    support_saving: Any = Fraction(3, 5),
    accommodation_loss: Any = 1,
    capability_cost: Any = Fraction(3, 10),
    players: tuple[str, str, str] = ("Russia", "US", "Europe"),
) -> ExtensiveGame:
    """Extended deterrence when the protégé can retaliate on its own: autonomy or the umbrella.

    The protégé (Europe) has long-range strike capability ``capability`` (k,
    in [0, 1]). Nature makes the patron (the US) *committed* with
    probability ``commitment_base - burden_shifting * capability``
    (π(k) = π₀ − ηk: with η > 0 the patron leans on a more capable protégé).
    The challenger (Russia), not knowing the patron's type, challenges or
    refrains. After a challenge the patron intervenes or stays out; a
    committed patron prefers to intervene (unless entrapment makes
    intervening beside a capable protégé too costly), an uncommitted one
    prefers to stay out. The protégé sees what the patron did and retaliates
    or accommodates (it sees the patron's move; the patron's type then
    does not matter to it).

    Payoffs (challenger, patron, protégé):

    - refrain: ``(0, 0, -capability_cost * k)``;
    - challenge: the challenger gains ``challenger_gain``, loses
      ``patron_damage`` if the patron intervenes and ``protege_damage * k`` if
      the protégé retaliates; the committed patron gets 0 for intervening
      minus ``entrapment * k``, and -1 for abandoning; the uncommitted patron
      gets -1 for intervening and 0 for staying out; the protégé pays
      ``capability_cost * k`` in any case, plus ``accommodation_loss`` if it
      accommodates, or ``retaliation_cost - capability_saving * k -
      support_saving * [patron intervenes]`` if it retaliates.

    Parameters
    ----------
    capability
        k: the protégé's strike capability, in [0, 1].
    commitment_base, burden_shifting
        π₀ and η: the patron is committed with probability π₀ − ηk, which
        must lie in [0, 1].
    entrapment
        How much intervening beside a capable protégé costs the committed
        patron (per unit of k); 0 in the baseline.
    challenger_gain, patron_damage, protege_damage
        G_R, D_U, D_E: the challenger's gain from an unopposed challenge and
        the damage from the patron's intervention and from full-capability
        retaliation (scaled by k).
    retaliation_cost, capability_saving, support_saving, accommodation_loss
        c₀, a, b, L_E: the protégé retaliates when
        ``c₀ - a k - b [patron intervenes] <= L_E``.
    capability_cost
        κ: the protégé's cost per unit of capability.

    Notes
    -----
    The challenger is deterred when π(k) D_U [patron intervenes] + D_E k ×
    P(protégé retaliates) ≥ G_R; the protégé retaliates alone from
    k̲ = (c₀ − L_E)/a and beside the patron from k_U = (c₀ − b − L_E)/a. The
    defaults are illustrative, not estimates; with them the challenger is
    deterred from k = 5/8 on, where the protégé's threat to retaliate alone
    becomes credible. Solved as a subgame perfect equilibrium (the
    patron's and the protégé's moves are proper subgames).

    References
    ----------
    T. C. Schelling (1966), *Arms and Influence*, ch. 2 (extended deterrence);
    G. H. Snyder (1984), "The security dilemma in alliance politics", *World
    Politics* 36(4) (abandonment and entrapment); J. D. Morrow (1991),
    "Alliances and asymmetry", *AJPS* 35(4) (the security-autonomy
    trade-off). The three-stage structure is this toolkit's synthesis for the
    European case (see the ``europe_autonomy`` scenario), not a published model.

    Examples
    --------
    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> res = dt.solve(dt.models.autonomy_or_umbrella(capability=F(3, 10)), concept="spe")
    >>> res[0].describe("Russia")
    'Russia: Challenge'
    >>> dt.solve(dt.models.autonomy_or_umbrella(capability=F(7, 10)), concept="spe")[0].describe("Russia")
    'Russia: Refrain'
    """
    k = capability
    chk = Assumptions("autonomy_or_umbrella")
    chk.probability("capability", k)
    chk.probability("commitment_base - burden_shifting * capability", commitment_base - burden_shifting * k)
    chk.finite(
        entrapment=entrapment,
        challenger_gain=challenger_gain,
        patron_damage=patron_damage,
        protege_damage=protege_damage,
        retaliation_cost=retaliation_cost,
        capability_saving=capability_saving,
        support_saving=support_saving,
        accommodation_loss=accommodation_loss,
        capability_cost=capability_cost,
    )
    for name, value in (
        ("challenger_gain", challenger_gain),
        ("patron_damage", patron_damage),
        ("protege_damage", protege_damage),
        ("accommodation_loss", accommodation_loss),
    ):
        chk.order(f"{name} > 0", **{name: value})
    for name, value in (
        ("entrapment", entrapment),
        ("capability_saving", capability_saving),
        ("support_saving", support_saving),
        ("capability_cost", capability_cost),
    ):
        chk.order(f"{name} >= 0", **{name: value})
    chk.done()
    russia, us, europe = players
    commit = commitment_base - burden_shifting * k
    invest = -capability_cost * k

    def europe_node(intervened: bool, patron: Any, kind: str) -> Decision:
        hit = patron_damage if intervened else 0
        saving = support_saving if intervened else 0
        retaliate = (
            challenger_gain - hit - protege_damage * k,
            patron,
            invest - (retaliation_cost - capability_saving * k - saving),
        )
        accommodate = (challenger_gain - hit, patron, invest - accommodation_loss)
        return Decision(
            europe,
            {"Retaliate": Leaf(retaliate), "Accommodate": Leaf(accommodate)},
            infoset=f"{europe}@{kind}, US {'intervened' if intervened else 'stayed out'}",
        )

    def branch(committed: bool) -> Decision:
        kind = "Committed" if committed else "Uncommitted"
        intervene = -entrapment * k if committed else -1
        stay_out = -1 if committed else 0
        return Decision(
            russia,
            {
                "Refrain": Leaf((0, 0, invest), name="status quo"),
                "Challenge": Decision(
                    us,
                    {"Intervene": europe_node(True, intervene, kind), "Stay out": europe_node(False, stay_out, kind)},
                    infoset=f"{us}@{kind}",
                ),
            },
            infoset=russia,
        )

    root = Chance({"Committed": (commit, branch(True)), "Uncommitted": (1 - commit, branch(False))})
    return ExtensiveGame(players, root, title="Autonomy or umbrella")

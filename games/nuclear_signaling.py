"""Russian nuclear signaling: which threats are credible, and what makes a red line informative."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import deterrence as dt

from ._util import bisect_switch
from .registry import register_scenario
from .scenario import Analysis, Answer, Parameter, Scenario

__all__ = ["SCENARIO", "escalation_probability", "refined_equilibria"]

F = Fraction

PARAMETERS = [
    Parameter(
        "resolved_prob", "θ", "prior probability that Russia is resolved (would escalate)", F(1, 10), 0.001, 0.999
    ),
    Parameter("hawk_prob", "ω", "probability the West is hawkish and expands support regardless", F(2, 5), 0, 1),
    Parameter("restraint_gain", "g", "Russia's gain when the West restrains", 1, 0.001, 10),
    Parameter("acquiesce_loss", "ℓ", "Russia's loss from acquiescing to expanded support", 1, 0, 10),
    Parameter("escalation_cost_resolved", "e_res", "a resolved Russia's cost of escalating (below ℓ)", F(1, 2), 0, 10),
    Parameter(
        "escalation_cost_unresolved", "e_unres", "an unresolved Russia's cost of escalating (above ℓ)", 5, 0, 100
    ),
    Parameter("exercise_cost", "s", "sunk cost of a nuclear exercise", F(1, 2), 0, 10),
    Parameter("audience_cost", "a", "cost of backing down after a public red line", 3, 0, 20),
    Parameter("expansion_gain", "v", "the West's gain from expanding support if Russia acquiesces", 1, 0, 10),
    Parameter("restraint_cost", "r", "the West's cost of restraining", F(1, 2), 0, 10),
    Parameter("escalation_damage", "E", "the West's loss if Russia escalates", 10, 0, 1000),
]


def build(**values: Any) -> dt.SignalingGame:
    """The signaling game at the given values (see :func:`deterrence.models.red_line_signaling`)."""
    return dt.models.red_line_signaling(**values)


def refined_equilibria(scenario: Scenario, refine: str | None = "d1") -> dt.Result:
    """All PBE (mixed included), refined by ``refine``."""
    return dt.solve(scenario.game, concept="pbe", refine=refine)


def escalation_probability(scenario: Scenario, eq: dt.Assessment) -> float:
    """Probability of escalation in an equilibrium: Russia escalates after an expansion it would not accept.

    An expansion after signal m happens when the normal West expands or the
    West is hawkish; the type then escalates if ``-e_t > -ℓ - a [red line]``.
    """
    v = scenario.values
    game = scenario.game
    omega = float(v["hawk_prob"])
    prior = [float(p) for p in game.prior]
    esc = [float(v["escalation_cost_resolved"]), float(v["escalation_cost_unresolved"])]
    total = 0.0
    for t in range(2):
        sigma = eq.profile[game.sender_infoset(t)]
        for m, label in enumerate(game.messages):
            if float(sigma[m]) == 0:
                continue
            expand = float(eq.profile[game.receiver_infoset(m)][0])
            p_exp = expand + (1 - expand) * omega
            audience = float(v["audience_cost"]) if label == "Red line" else 0.0
            escalates = -esc[t] > -float(v["acquiesce_loss"]) - audience
            total += prior[t] * float(sigma[m]) * p_exp * escalates
    return total


def _has_separating(scenario: Scenario, audience_cost: float) -> bool:
    res = dt.solve(scenario.build(audience_cost=audience_cost), concept="pbe", mixed=False)
    return any(eq.label.startswith("separating") and "Red line" in eq.label for eq in res)


def _audience_threshold(scenario: Scenario, tol: float = 1e-6) -> float | None:
    lo, hi = 0.0, float(scenario.parameters["audience_cost"].high)
    if _has_separating(scenario, lo):
        return 0.0
    if not _has_separating(scenario, hi):
        return None
    return bisect_switch(lambda a: _has_separating(scenario, a), lo, hi, tol, at_lo=False)


def _main(scenario: Scenario) -> Answer:
    v = scenario.values
    res = refined_equilibria(scenario)
    mu_star = (float(v["expansion_gain"]) + float(v["restraint_cost"])) / (
        float(v["expansion_gain"]) + float(v["escalation_damage"])
    )
    lines = [f"The West expands support unless it believes Russia resolved with probability above μ* = {mu_star:.3g}."]
    values: dict[str, Any] = {"mu_star": mu_star}
    for k, eq in enumerate(res):
        p = escalation_probability(scenario, eq)
        lines.append(f"Equilibrium {k} (survives D1): {eq.label}; probability of escalation {p:.3g}.")
        values[f"escalation_probability[{k}]"] = p
        values[f"label[{k}]"] = eq.label
    for eq, _ in res.eliminated:
        lines.append(f"Removed by D1: {eq.label}.")
    a_star = _audience_threshold(scenario)
    values["audience_cost_threshold"] = a_star
    if a_star is None:
        lines.append("No audience cost in range makes a red line separate the resolved type.")
    else:
        lines.append(
            f"A red line separates the resolved type (an informative threat) once its audience cost is at least "
            f"a* = {a_star:.4g}; below that the unresolved type can bluff with it."
        )
    credible = []
    for t, cost in (("resolved", v["escalation_cost_resolved"]), ("unresolved", v["escalation_cost_unresolved"])):
        plain = -float(cost) > -float(v["acquiesce_loss"])
        tied = -float(cost) > -float(v["acquiesce_loss"]) - float(v["audience_cost"])
        credible.append(
            f"the {t} type's threat is {'credible' if plain else 'not credible'} without a red line and "
            f"{'credible' if tied else 'not credible'} with one"
        )
    lines.append("Credibility: " + "; ".join(credible) + ".")
    return Answer(
        "Which Russian threats are credible, what audience cost makes a red line informative, and how likely "
        "is escalation?",
        " ".join(lines),
        values,
    )


SCENARIO = register_scenario(
    Scenario(
        "nuclear_signaling",
        title="Russian nuclear signaling against expanded Western support",
        description=(
            "A resolved or unresolved Russia chooses between no signal, a costly nuclear exercise (a sunk cost) "
            "and a public red line (an audience cost if it backs down: tied hands) to deter expanded Western "
            "support. The normal West expands or restrains; a hawkish West expands regardless; after an "
            "expansion Russia escalates or acquiesces. Solved for every perfect Bayesian equilibrium, refined "
            "by D1. Defaults are illustrative, not estimates."
        ),
        sources=(
            "J. D. Fearon (1997), 'Signaling foreign policy interests: tying hands versus sinking costs', "
            "Journal of Conflict Resolution 41(1)",
            "T. C. Schelling (1966), Arms and Influence",
            "I.-K. Cho and D. M. Kreps (1987), 'Signaling games and stable equilibria', QJE 102(2) (D1)",
        ),
        parameters=PARAMETERS,
        builder=build,
        analyses=[Analysis("credibility", "Which threats are credible and when is a red line informative?", _main)],
        concept="pbe",
    )
)

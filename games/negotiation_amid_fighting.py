"""Negotiation amid fighting: settlements under private war costs, Western support, and shifting power."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import deterrence as dt

from ._util import leaf_probability
from .registry import register_scenario
from .scenario import Analysis, Answer, Parameter, Scenario

__all__ = ["SCENARIO", "preventive_war", "settlement"]

F = Fraction

PARAMETERS = [
    Parameter(
        "base_war_value", "p₀", "Ukraine's expected share from fighting on without Western support", F(2, 5), 0, 1
    ),
    Parameter("support_effect", "γ", "increase in that share per unit of Western support", F(3, 10), 0, 1),
    Parameter("support", "σ", "level of Western support (0 none, 1 full)", F(1, 2), 0, 1),
    Parameter(
        "ukraine_cost_max",
        "c̄",
        "largest possible cost of war to Ukraine (its cost is private, uniform)",
        F(3, 10),
        0.001,
        1,
    ),
    Parameter("russia_cost", "c_R", "Russia's cost of continued war", F(1, 10), 0, 1),
    Parameter("cost_types", "n", "number of equally likely Ukrainian cost types (discretisation)", 30, 2, 100),
    Parameter(
        "power_now", "p_t", "Russia's expected share from war now (for the shifting-power question)", F(9, 20), 0, 1
    ),
    Parameter("power_next", "p_t+1", "Russia's expected share next period as Europe rearms", F(1, 4), 0, 1),
    Parameter("discount", "δ", "per-period discount factor", F(9, 10), 0, 0.999),
]


def _ukraine_value(v: dict[str, Any]) -> Any:
    return v["base_war_value"] + v["support_effect"] * v["support"]


def build(**v: Any) -> dt.ExtensiveGame:
    """Russia demands a share; Ukraine (with the West), whose war cost is private, accepts or fights on."""
    p_u = _ukraine_value(v)
    if not 0 <= p_u <= 1:
        raise dt.InvalidGameError(
            f"negotiation_amid_fighting: Ukraine's war value p0 + gamma*sigma = {p_u} is not in [0, 1]"
        )
    n = int(v["cost_types"])
    return dt.models.crisis_bargaining(
        win_prob=1 - p_u,
        proposer_war_cost=v["russia_cost"],
        responder_cost_max=v["ukraine_cost_max"],
        cost_types=n,
        offers=_offers(v),
        players=("Russia", "Ukraine and the West"),
    )


def _offers(v: dict[str, Any]) -> int:
    """An offer grid aligned with the cost types (step c̄/n) when c̄/n divides 1, else 101 offers."""
    step = F(v["ukraine_cost_max"]) / int(v["cost_types"])
    count = 1 / step
    return int(count) + 1 if count.denominator == 1 and count <= 2000 else 101


def settlement(scenario: Scenario) -> dict[str, float]:
    """Russia's demand, Ukraine's share and the probability that talks fail, in the subgame perfect equilibrium."""
    res = dt.solve(scenario.game, concept="spe")
    eq = res[0]
    demand = float(F(next(a for a, p in eq.action_probs(()).items() if p == 1)))
    return {
        "russia_demand": demand,
        "ukraine_share": 1 - demand,
        "talks_fail": leaf_probability(eq, "Reject"),
        "ukraine_war_value": float(_ukraine_value(scenario.values)),
        "equilibria": len(res),
    }


def preventive_war(scenario: Scenario, power_now: Any, power_next: Any) -> bool:
    """Does the declining side fight now rather than accept the best offer the rising side can make?"""
    v = scenario.values
    game = dt.models.shifting_power(
        power_now=power_now, power_next=power_next, discount=v["discount"], war_cost=v["russia_cost"]
    )
    res = dt.solve(game, concept="spe")
    return all(leaf_probability(eq, "Fight") == 1 for eq in res)


def _terms(scenario: Scenario) -> Answer:
    rows = {}
    for sigma in (F(0), F(1, 2), F(1)):
        s = scenario.with_values(support=sigma)
        if 0 <= _ukraine_value(s.values) <= 1:
            rows[float(sigma)] = settlement(s)
    now = settlement(scenario)
    c_max = float(scenario.values["ukraine_cost_max"])
    parts = [
        f"σ = {sig:g}: Ukraine gets {r['ukraine_share']:.3g}, talks fail with probability {r['talks_fail']:.3g}"
        for sig, r in rows.items()
    ]
    odds = {round(r["talks_fail"], 9) for r in rows.values()}
    text = (
        f"At support σ = {float(scenario.values['support']):g} Russia demands {now['russia_demand']:.3g}, leaving "
        f"Ukraine {now['ukraine_share']:.3g}; a Ukraine with war cost c accepts any share of at least "
        f"{now['ukraine_war_value']:.3g} - c, so settlements between {now['ukraine_war_value'] - c_max:.3g} and "
        f"{now['ukraine_war_value']:.3g} are acceptable to some types, and talks fail with probability "
        f"{now['talks_fail']:.3g}. Across support levels: "
        + "; ".join(parts)
        + ". "
        + (
            "Support moves the terms, not the odds of breakdown."
            if len(odds) == 1
            else "Support changes the odds of breakdown as well as the terms."
        )
    )
    values = {f"σ={sig:g}: {k}": x for sig, r in rows.items() for k, x in r.items()}
    return Answer("Which settlements are acceptable, and what does Western support change?", text, values)


def _now_or_never(scenario: Scenario) -> Answer:
    v = scenario.values
    p0, p1 = F(v["power_now"]), F(v["power_next"])
    sudden = preventive_war(scenario, p0, p1)
    steps = 4
    path = [p0 + (p1 - p0) * F(j, steps) for j in range(steps + 1)]
    gradual = any(preventive_war(scenario, a, b) for a, b in itertools.pairwise(path))
    text = (
        f"A sudden shift of Russia's war prospects from {float(p0):.3g} to {float(p1):.3g} "
        + (
            "creates a now-or-never incentive: Russia fights rather than accept any offer"
            if sudden
            else "does not create a preventive incentive"
        )
        + f"; the same shift in {steps} equal steps "
        + ("still does." if gradual else "does not: every step can be bought off.")
    )
    return Answer(
        "Does a sudden jump in European capability create a now-or-never incentive for war?",
        text,
        {"sudden_shift_war": sudden, "gradual_shift_war": gradual},
    )


SCENARIO = register_scenario(
    Scenario(
        "negotiation_amid_fighting",
        title="Negotiation amid fighting: settlements, Western support and shifting power",
        description=(
            "Russia proposes terms; Ukraine, with Western support that raises its expected share from fighting, "
            "accepts or fights on, its cost of war known only to itself. Solved as a subgame perfect equilibrium "
            "(the cost is drawn after the demand, which is the same as a private cost drawn before it). A second "
            "question asks whether a rapid shift in power as Europe rearms gives Russia a preventive motive. "
            "Defaults are illustrative, not estimates."
        ),
        sources=(
            "J. D. Fearon (1995), 'Rationalist explanations for war', International Organization 49(3)",
            "R. Powell (2006), 'War as a commitment problem', International Organization 60(1)",
            "B. L. Slantchev (2003), 'The principle of convergence in wartime negotiations', APSR 97(4)",
        ),
        parameters=PARAMETERS,
        builder=build,
        analyses=[
            Analysis("settlement", "Which settlements are acceptable, and what does support change?", _terms),
            Analysis("now_or_never", "Does a sudden capability jump create a now-or-never incentive?", _now_or_never),
        ],
        concept="spe",
    )
)
